import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      'Fail the task if a rollback criterion triggered or an alert fires',
    example: yaml.stringify({
      steps: [
        {
          id: 'gates',
          action: 'rollout:gates:check',
          name: 'Check the rollout gates',
          input: {
            rolloutId: 'c2f1a9e0-3b7d-4e57-9a51-0d6f3c8e2b14',
          },
        },
      ],
    }),
  },
  {
    description: 'Also fail when Prometheus or Alertmanager cannot be read',
    example: yaml.stringify({
      steps: [
        {
          id: 'gates',
          action: 'rollout:gates:check',
          name: 'Check the rollout gates',
          input: {
            rolloutId: 'c2f1a9e0-3b7d-4e57-9a51-0d6f3c8e2b14',
            failOnUnknown: true,
          },
        },
      ],
    }),
  },
];
