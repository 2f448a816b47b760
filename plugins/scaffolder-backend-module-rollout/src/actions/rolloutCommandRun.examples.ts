import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description: 'Run a command given as an argument list',
    example: yaml.stringify({
      steps: [
        {
          id: 'run',
          action: 'rollout:command:run',
          name: 'Run the smoke tests',
          input: {
            command: ['make', 'review-test'],
          },
        },
      ],
    }),
  },
  {
    description:
      'Run a command given as a string, in a directory of the workspace, with a timeout',
    example: yaml.stringify({
      steps: [
        {
          id: 'run',
          action: 'rollout:command:run',
          name: 'Run the package tests',
          input: {
            command: 'poetry run pytest tests',
            workingDirectory: 'packages/multipass-reviewer',
            timeoutSeconds: 1200,
          },
        },
      ],
    }),
  },
];
