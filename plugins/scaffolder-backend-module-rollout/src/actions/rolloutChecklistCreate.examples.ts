import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import yaml from 'yaml';

const markdown = `# payments-api v2.1.0 · Rollout Checklist

## 1. Operator Runbook

| Step | Command / Action | Notes |
|------|------------------|-------|
| 1 | \`make review-test\` | Smoke tests must pass. |
| 2 | \`poetry run pytest tests\` | Confirm the package suite. |

## 3. Pre-Flight Validation

- [ ] Release notes approved by the tech lead

## 4. Stakeholder Sign-Off

| Stakeholder | Responsibility | Status | Notes |
|-------------|----------------|--------|-------|
| QA Lead | Approves test evidence | ☐ | |
`;

const russianMarkdown = `# payments-api v2.2.0 · Чек-лист выката

## 1. Операционный ранбук

1. \`make review-test\` — смоук-тесты должны пройти.
2. \`make deploy\` — выкатить на прод.

## 4. Согласование

| Роль | Ответственность | Статус | Подписанты |
|------|-----------------|--------|------------|
| QA | Тесты | ожидает | group:default/qa-leads |
`;

export const examples: TemplateExample[] = [
  {
    description: 'Create a rollout from a markdown checklist',
    example: yaml.stringify({
      steps: [
        {
          id: 'create-rollout',
          action: 'rollout:checklist:create',
          name: 'Create the rollout',
          input: {
            entityRef: 'component:default/payments-api',
            version: 'v2.1.0',
            previousVersion: 'v2.0.3',
            checklist: markdown,
          },
        },
      ],
    }),
  },
  {
    description: 'Create a rollout from a checklist object, with a title',
    example: yaml.stringify({
      steps: [
        {
          id: 'create-rollout',
          action: 'rollout:checklist:create',
          name: 'Create the rollout',
          input: {
            entityRef: 'component:default/multipass-reviewer',
            version: 'v0.3.0',
            title: 'multipass-reviewer v0.3.0',
            releaseNotesUrl:
              'https://example.com/multipass-reviewer/blob/v0.3.0/CHANGELOG.md',
            checklist: {
              title: 'Stage 01_03 · Rollout Checklist',
              steps: [
                {
                  number: 1,
                  title: '`make lint-allowlist`',
                  command: 'make lint-allowlist',
                },
                {
                  number: 2,
                  title: '`make review-test`',
                  command: 'make review-test',
                  notes: 'Reviewer smoke tests must pass.',
                },
              ],
              preflightChecks: [{ text: '`make review-test`' }],
              signOffs: [
                {
                  role: 'QA Lead',
                  signers: ['group:default/qa-leads'],
                },
              ],
            },
          },
        },
      ],
    }),
  },
  {
    description:
      'Create a rollout from a Russian checklist in a pipeline, strictly: any guess fails the step',
    example: yaml.stringify({
      steps: [
        {
          id: 'create-rollout',
          action: 'rollout:checklist:create',
          name: 'Create the rollout',
          input: {
            entityRef: 'component:default/payments-api',
            version: 'v2.2.0',
            previousVersion: 'v2.1.0',
            strict: true,
            checklist: russianMarkdown,
          },
        },
      ],
    }),
  },
];
