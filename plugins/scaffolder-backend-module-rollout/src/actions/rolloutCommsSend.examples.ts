import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

export const examples: TemplateExample[] = [
  {
    description:
      "Send the first communication item of a rollout, as the app's template writes it, to its stakeholders",
    example: yaml.stringify({
      steps: [
        {
          id: 'announce',
          action: 'rollout:comms:send',
          name: 'Announce the release',
          input: {
            rolloutId: 'c2f1a9e0-3b7d-4e57-9a51-0d6f3c8e2b14',
            item: 1,
          },
        },
      ],
    }),
  },
  {
    description:
      'Send an item by its id with its own subject and message to the stakeholders, an audience of app-config and the support group',
    example: yaml.stringify({
      steps: [
        {
          id: 'announce',
          action: 'rollout:comms:send',
          name: 'Tell everyone the flag is gone',
          input: {
            rolloutId: '${{ steps.rollout.output.rolloutId }}',
            item: 'comms-2',
            subject: 'multipass-reviewer v0.3.0 removes use_modular_reviewer',
            body: 'The `use_modular_reviewer` flag is gone: the modular reviewer is the only one.',
            audiences: ['programme-leads'],
            entityRefs: ['group:default/support'],
          },
        },
      ],
    }),
  },
  {
    description: 'Send an item again that was sent before',
    example: yaml.stringify({
      steps: [
        {
          id: 'announce',
          action: 'rollout:comms:send',
          name: 'Remind the stakeholders',
          input: {
            rolloutId: 'c2f1a9e0-3b7d-4e57-9a51-0d6f3c8e2b14',
            item: 1,
            resend: true,
          },
        },
      ],
    }),
  },
];
