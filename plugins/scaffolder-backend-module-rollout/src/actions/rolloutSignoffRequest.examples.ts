import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Ask the signers of every pending sign-off of a rollout',
    example: yaml.stringify({
      steps: [
        {
          id: 'signoff',
          action: 'rollout:signoff:request',
          name: 'Request sign-off',
          input: {
            rolloutId: 'c2f1a9e0-3b7d-4e57-9a51-0d6f3c8e2b14',
          },
        },
      ],
    }),
  },
  {
    description:
      'Request sign-off of the rollout an earlier step created from the checklist',
    example: yaml.stringify({
      steps: [
        {
          id: 'signoff',
          action: 'rollout:signoff:request',
          name: 'Request sign-off',
          input: {
            rolloutId: '${{ steps.rollout.output.rolloutId }}',
          },
        },
      ],
    }),
  },
];
