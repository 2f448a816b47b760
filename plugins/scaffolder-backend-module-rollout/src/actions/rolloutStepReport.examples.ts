import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Report that a step succeeded',
    example: yaml.stringify({
      steps: [
        {
          id: 'report',
          action: 'rollout:step:report',
          name: 'Report the step',
          input: {
            rolloutId: 'c2f1a9e0-3b7d-4e57-9a51-0d6f3c8e2b14',
            stepId: 'step-3',
            status: 'succeeded',
          },
        },
      ],
    }),
  },
  {
    description: 'Report that a step failed, with a summary',
    example: yaml.stringify({
      steps: [
        {
          id: 'report',
          action: 'rollout:step:report',
          name: 'Report the step',
          input: {
            rolloutId: 'c2f1a9e0-3b7d-4e57-9a51-0d6f3c8e2b14',
            stepId: 'step-3',
            status: 'failed',
            summary: 'make review-test exited with code 2',
          },
        },
      ],
    }),
  },
];
