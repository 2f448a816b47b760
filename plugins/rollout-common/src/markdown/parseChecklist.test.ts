import fs from 'fs';
import path from 'path';
import { checklistSchema } from '../schema';
import { ChecklistParseError } from './ChecklistParseError';
import { parseChecklist, readChecklist } from './parseChecklist';
import { printChecklist } from './printChecklist';

const seed = fs.readFileSync(
  path.join(__dirname, '__fixtures__', 'stage-01_03-rollout-checklist.md'),
  'utf8',
);

/** The error parsing fails with, with its name and line. */
function parseError(markdown: string) {
  try {
    parseChecklist(markdown);
  } catch (error) {
    expect(error).toBeInstanceOf(ChecklistParseError);
    return error as ChecklistParseError;
  }
  throw new Error('expected parseChecklist to fail');
}

function expectRoundTrip(markdown: string) {
  const checklist = parseChecklist(markdown);
  expect(parseChecklist(printChecklist(checklist))).toEqual(checklist);
  return checklist;
}

describe('parseChecklist with the Stage 01_03 seed', () => {
  const checklist = parseChecklist(seed);

  it('reads the title and stage', () => {
    expect(checklist.title).toBe('Rollout Checklist');
    expect(checklist.stage).toBe('01_03');
    expect(checklist.preamble).toBeUndefined();
    expect(checklist.extraSections).toBeUndefined();
  });

  it('returns a valid checklist', () => {
    expect(checklistSchema.parse(checklist)).toEqual(checklist);
  });

  it('reads the ten runbook steps', () => {
    expect(checklist.steps).toHaveLength(10);
    expect(checklist.steps.map(step => step.number)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    expect(checklist.steps.map(step => step.id)).toEqual([
      'step-1',
      'step-2',
      'step-3',
      'step-4',
      'step-5',
      'step-6',
      'step-7',
      'step-8',
      'step-9',
      'step-10',
    ]);
    expect(checklist.steps[0]).toEqual({
      id: 'step-1',
      number: 1,
      title: '`poetry install --with dev`',
      command: 'poetry install --with dev',
      notes: 'Ensure local venv has `multipass-reviewer==0.3.0`.',
      kind: 'runbook',
      status: 'pending',
    });
    expect(checklist.steps[5].command).toBe(
      'docker compose -f docker-compose.butler.yml up -d reviewer',
    );
    expect(checklist.steps[5].notes).toBe('Deploy updated reviewer container.');
    expect(checklist.steps[7].title).toBe(
      'Tail `docker compose logs reviewer -f`',
    );
    expect(checklist.steps[8].title).toBe(
      'Post-deploy: trigger sample review (`scripts/dev/run_modular_review.py`)',
    );
  });

  it('gives commands only to steps that are a single code span', () => {
    expect(checklist.steps.map(step => step.command !== undefined)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    expect(checklist.steps.map(step => step.status)).toEqual(
      Array(10).fill('pending'),
    );
  });

  it('marks the last step as the rollback step', () => {
    const last = checklist.steps[9];
    expect(last.kind).toBe('rollback');
    expect(last.command).toBeUndefined();
    expect(last.title).toBe(
      'Rollback (if needed): `git checkout <prev-tag>` + redeploy',
    );
    expect(last.notes).toBe('Use previous release tag (e.g., `v0.2.0`).');
    expect(
      checklist.steps.filter(step => step.kind === 'rollback'),
    ).toHaveLength(1);
  });

  it('reads the rollback criteria under the runbook', () => {
    expect(checklist.rollbackCriteria).toEqual([
      {
        id: 'criterion-1',
        text: '`make lint-allowlist` or `make review-test` fails post-deploy.',
      },
      {
        id: 'criterion-2',
        text: 'Reviewer container emits fatal errors for multiple tasks.',
      },
      {
        id: 'criterion-3',
        text: 'Prometheus `review_pass_failures_total` spikes above baseline.',
      },
    ]);
  });

  it('keeps fenced code and nested lists in migration items', () => {
    expect(checklist.migrationGuide).toHaveLength(5);
    expect(checklist.migrationGuide[0]).toEqual({
      id: 'migration-1',
      text: [
        'Update dependency:',
        '```toml',
        'multipass-reviewer = { git = "https://example.com/multipass-reviewer.git", tag = "v0.3.0" }',
        '```',
      ].join('\n'),
    });
    expect(checklist.migrationGuide[1].text).toBe(
      [
        'Remove references to `use_modular_reviewer` flag:',
        '- Delete env vars `USE_MODULAR_REVIEWER`.',
        '- Remove conditional checks in downstream services.',
      ].join('\n'),
    );
    expect(checklist.migrationGuide[4]).toEqual({
      id: 'migration-5',
      text: 'Update documentation references to the new version and mandatory reviewer path.',
    });
  });

  it('reads the seven unchecked pre-flight checks without their box', () => {
    expect(checklist.preflightChecks).toHaveLength(7);
    expect(checklist.preflightChecks.every(check => !check.checked)).toBe(true);
    expect(checklist.preflightChecks[0]).toEqual({
      id: 'check-1',
      text: '`make lint-allowlist`',
      checked: false,
    });
    expect(checklist.preflightChecks[4].text).toBe(
      'Docker image rebuilt with `0.3.0` label',
    );
    expect(checklist.preflightChecks[6].id).toBe('check-7');
  });

  it('reads the four pending sign-offs', () => {
    expect(checklist.signOffs.map(s => [s.id, s.role, s.decision])).toEqual([
      ['architecture-lead', 'Architecture Lead', 'pending'],
      ['qa-lead', 'QA Lead', 'pending'],
      ['operations-lead', 'Operations Lead', 'pending'],
      ['product-programme', 'Product/Programme', 'pending'],
    ]);
    expect(checklist.signOffs[1]).toEqual({
      id: 'qa-lead',
      role: 'QA Lead',
      responsibility:
        'Approves test evidence (`make review-test`, targeted pytest)',
      signers: [],
      decision: 'pending',
      note: '',
    });
    expect(checklist.signOffs[0].responsibility).toBe(
      'Confirms removal of legacy flag & DI impacts',
    );
  });

  it('reads metrics and alerts with the prose around them', () => {
    expect(checklist.metrics.map(metric => metric.name)).toEqual([
      'review_pass_runtime_seconds',
      'review_pass_failures_total',
      'llm_request_latency_seconds',
      'modular_reviewer_sessions_total',
    ]);
    expect(checklist.metrics[1]).toEqual({
      id: 'review_pass_failures_total',
      name: 'review_pass_failures_total',
      description: 'should not increase vs baseline.',
    });
    expect(checklist.alerts).toEqual([
      {
        id: 'mcpreviewerjobfailureshigh',
        name: 'MCPReviewerJobFailuresHigh',
        source: 'Alertmanager',
        description: 'ensure clear post-deploy.',
      },
      {
        id: 'modularreviewerlatencyhigh',
        name: 'ModularReviewerLatencyHigh',
        description: 'investigate if over thresholds.',
      },
    ]);
    expect(checklist.prose).toEqual({
      metrics: {
        before: 'Track the following Prometheus metrics after rollout:',
      },
      alerts: { before: 'Alerts (existing):' },
    });
  });

  it('reads the three communication items', () => {
    expect(checklist.communication).toEqual([
      {
        id: 'comms-1',
        text: 'Notify stakeholders via Stage 01_03 comms plan (email + Slack + board update).',
        done: false,
      },
      {
        id: 'comms-2',
        text: 'Mention removal of `use_modular_reviewer` flag and mandatory adoption.',
        done: false,
      },
      {
        id: 'comms-3',
        text: 'Provide link to migration guide and release notes (`CHANGELOG.md`).',
        done: false,
      },
    ]);
  });

  it('round-trips through printChecklist', () => {
    expect(parseChecklist(printChecklist(checklist))).toEqual(checklist);
  });

  it('reads Windows line endings the same', () => {
    expect(parseChecklist(seed.replace(/\n/g, '\r\n'))).toEqual(checklist);
  });
});

describe('parseChecklist with variant checklists', () => {
  it('reads a payments-api release with run state written in', () => {
    const markdown = `# Stage 02_01 — payments-api 2.1.0

Release of **payments-api** \`2.1.0\` to the EU clusters.

Owner: [payments team](https://example.com/teams/payments).

## 1. Operator Runbook

| Owner | Command / Action | Step | Status | Notes |
|-------|------------------|------|--------|-------|
| ops | \`helm upgrade payments-api ./chart --version 2.1.0\` | 1 | succeeded | Canary first. |
| ops | \`kubectl logs deploy/payments-api \\| grep -c ERROR\` | 2 | Running | Expect \`0\` \\| close to it. |
| dev | Smoke-test \`/v2/charges\` | 3 | | |
| ops | rollback: \`helm rollback payments-api\` | 4 | skipped | Only on failure. |

### Rollback Trigger Criteria

- Error rate above 2% for 5 minutes.
- \`payments_charge_failures_total\` rises.

## 2. Developer Migration Guide

1. Bump the client:
   \`\`\`sh
   npm install @acme/payments-client@2.1.0
   \`\`\`
2. Drop \`legacyCurrency\` from requests.

## 3. Pre-Flight Validation

- [x] \`npm test\`
- [X] Schema migration applied on staging
- [ ] Feature flag \`charges-v2\` created
- Load test reviewed

## 4. Stakeholder Sign-Off

| Stakeholder | Responsibility | Status | Notes | Signers |
|-------------|----------------|--------|-------|---------|
| Payments Lead | Owns the release | ✅ | Looks good. | group:default/payments-leads, user:default/jane.doe |
| Risk & Compliance | PCI review | ❌ | Needs the DPIA. | group:default/risk |
| Support | Runbook for tickets | pending | | |
| Finance | Reconciliation | Approved | Signed on call. | |

## 5. Monitoring & Observability

Watch these in Grafana:

- \`http_server_requests_seconds\` – p95 under 300ms.
- \`payments_charge_failures_total\`: no increase.

Alert rules to keep clear:

- \`PaymentsApiDown\` (Alertmanager) — page on-call.
- \`PaymentsLatencyHigh\` (Grafana) - check the DB pool.

## 6. Communication

- [x] Post in #payments-releases
- Email the merchants list
`;
    const checklist = expectRoundTrip(markdown);
    expect(checklist.stage).toBe('02_01');
    expect(checklist.title).toBe('payments-api 2.1.0');
    expect(checklist.preamble).toBe(
      [
        'Release of **payments-api** `2.1.0` to the EU clusters.',
        '',
        'Owner: [payments team](https://example.com/teams/payments).',
      ].join('\n'),
    );
    expect(checklist.steps).toEqual([
      {
        id: 'step-1',
        number: 1,
        title: '`helm upgrade payments-api ./chart --version 2.1.0`',
        command: 'helm upgrade payments-api ./chart --version 2.1.0',
        notes: 'Canary first.',
        kind: 'runbook',
        status: 'succeeded',
      },
      {
        id: 'step-2',
        number: 2,
        title: '`kubectl logs deploy/payments-api | grep -c ERROR`',
        command: 'kubectl logs deploy/payments-api | grep -c ERROR',
        notes: 'Expect `0` | close to it.',
        kind: 'runbook',
        status: 'running',
      },
      {
        id: 'step-3',
        number: 3,
        title: 'Smoke-test `/v2/charges`',
        notes: '',
        kind: 'runbook',
        status: 'pending',
      },
      {
        id: 'step-4',
        number: 4,
        title: 'rollback: `helm rollback payments-api`',
        notes: 'Only on failure.',
        kind: 'rollback',
        status: 'skipped',
      },
    ]);
    expect(checklist.rollbackCriteria.map(c => c.text)).toEqual([
      'Error rate above 2% for 5 minutes.',
      '`payments_charge_failures_total` rises.',
    ]);
    expect(checklist.migrationGuide.map(m => m.text)).toEqual([
      'Bump the client:\n```sh\nnpm install @acme/payments-client@2.1.0\n```',
      'Drop `legacyCurrency` from requests.',
    ]);
    expect(checklist.preflightChecks.map(c => [c.text, c.checked])).toEqual([
      ['`npm test`', true],
      ['Schema migration applied on staging', true],
      ['Feature flag `charges-v2` created', false],
      ['Load test reviewed', false],
    ]);
    expect(checklist.signOffs).toEqual([
      {
        id: 'payments-lead',
        role: 'Payments Lead',
        responsibility: 'Owns the release',
        signers: ['group:default/payments-leads', 'user:default/jane.doe'],
        decision: 'approved',
        note: 'Looks good.',
      },
      {
        id: 'risk-compliance',
        role: 'Risk & Compliance',
        responsibility: 'PCI review',
        signers: ['group:default/risk'],
        decision: 'rejected',
        note: 'Needs the DPIA.',
      },
      {
        id: 'support',
        role: 'Support',
        responsibility: 'Runbook for tickets',
        signers: [],
        decision: 'pending',
        note: '',
      },
      {
        id: 'finance',
        role: 'Finance',
        responsibility: 'Reconciliation',
        signers: [],
        decision: 'approved',
        note: 'Signed on call.',
      },
    ]);
    expect(checklist.metrics).toEqual([
      {
        id: 'http_server_requests_seconds',
        name: 'http_server_requests_seconds',
        description: 'p95 under 300ms.',
      },
      {
        id: 'payments_charge_failures_total',
        name: 'payments_charge_failures_total',
        description: 'no increase.',
      },
    ]);
    expect(checklist.alerts).toEqual([
      {
        id: 'paymentsapidown',
        name: 'PaymentsApiDown',
        source: 'Alertmanager',
        description: 'page on-call.',
      },
      {
        id: 'paymentslatencyhigh',
        name: 'PaymentsLatencyHigh',
        source: 'Grafana',
        description: 'check the DB pool.',
      },
    ]);
    expect(checklist.prose).toEqual({
      metrics: { before: 'Watch these in Grafana:' },
      alerts: { before: 'Alert rules to keep clear:' },
    });
    expect(checklist.communication).toEqual([
      { id: 'comms-1', text: 'Post in #payments-releases', done: true },
      { id: 'comms-2', text: 'Email the merchants list', done: false },
    ]);
  });

  it('reads a minimal checklist without a stage and optional sections', () => {
    const markdown = `Search Indexer Release
======================

## Runbook

| # | Action |
|---|--------|
|   | Run \`make reindex\` |
| | \`make verify\` |
`;
    const checklist = expectRoundTrip(markdown);
    expect(checklist).toEqual({
      title: 'Search Indexer Release',
      steps: [
        {
          id: 'step-1',
          number: 1,
          title: 'Run `make reindex`',
          notes: '',
          kind: 'runbook',
          status: 'pending',
        },
        {
          id: 'step-2',
          number: 2,
          title: '`make verify`',
          command: 'make verify',
          notes: '',
          kind: 'runbook',
          status: 'pending',
        },
      ],
      rollbackCriteria: [],
      migrationGuide: [],
      preflightChecks: [],
      signOffs: [],
      metrics: [],
      alerts: [],
      communication: [],
    });
    expect(printChecklist(checklist)).toBe(
      [
        '# Search Indexer Release',
        '',
        '## 1. Operator Runbook',
        '',
        '| Step | Command / Action | Notes |',
        '|------|------------------|-------|',
        '| 1 | Run `make reindex` | |',
        '| 2 | `make verify` | |',
        '',
      ].join('\n'),
    );
  });

  it('reads sections in another order, under other names', () => {
    const markdown = `# Stage 3: Billing worker v5

## Observability

- \`billing_jobs_total\` - steady.
- \`billing_job_seconds\` — p99 below 2s.
- \`billing:errors:rate5m\`

* \`PaymentsQueueBacklog\` (Alertmanager) — must stay clear.

## Sign-off

| Role | Status | Stakeholder notes | Responsibility |
|------|--------|-------------------|----------------|
| SRE | ✔️ | on call | Capacity |
| Billing PM | no | wait for finance | Scope |
| Finance | ✅ Approved | | Invoices |
| Security | [x] | | |

## Rollback criteria

* Queue backlog above 10k.

## Runbook

| Notes | Command | Step | Ticket |
|-------|---------|------|--------|
| first | \`kubectl apply -f worker.yaml\` | 10 | BILL-1 |
| then | \`kubectl rollout status deploy/worker\` | 20 | |
| last | Check the rollback path is documented | 30 | |

## Pre-flight checks

1. Backups verified
2. [x] Dry run on staging

## Comms

- [ ] Announce in #billing
- [x] Update status page
`;
    const checklist = expectRoundTrip(markdown);
    expect(checklist.stage).toBe('3');
    expect(checklist.title).toBe('Billing worker v5');
    expect(
      checklist.steps.map(s => [s.id, s.number, s.command, s.notes, s.kind]),
    ).toEqual([
      ['step-10', 10, 'kubectl apply -f worker.yaml', 'first', 'runbook'],
      [
        'step-20',
        20,
        'kubectl rollout status deploy/worker',
        'then',
        'runbook',
      ],
      // Only a step that starts with "Rollback" undoes the release.
      ['step-30', 30, undefined, 'last', 'runbook'],
    ]);
    expect(checklist.metrics).toEqual([
      {
        id: 'billing_jobs_total',
        name: 'billing_jobs_total',
        description: 'steady.',
      },
      {
        id: 'billing_job_seconds',
        name: 'billing_job_seconds',
        description: 'p99 below 2s.',
      },
      {
        id: 'billing-errors-rate5m',
        name: 'billing:errors:rate5m',
        description: '',
      },
    ]);
    // Without an "alerts" paragraph, the (Alertmanager) source marks the list.
    expect(checklist.alerts).toEqual([
      {
        id: 'paymentsqueuebacklog',
        name: 'PaymentsQueueBacklog',
        source: 'Alertmanager',
        description: 'must stay clear.',
      },
    ]);
    expect(
      checklist.signOffs.map(s => [s.id, s.decision, s.note, s.responsibility]),
    ).toEqual([
      ['sre', 'approved', 'on call', 'Capacity'],
      ['billing-pm', 'rejected', 'wait for finance', 'Scope'],
      ['finance', 'approved', '', 'Invoices'],
      ['security', 'approved', '', ''],
    ]);
    expect(checklist.rollbackCriteria).toEqual([
      { id: 'criterion-1', text: 'Queue backlog above 10k.' },
    ]);
    expect(checklist.preflightChecks).toEqual([
      { id: 'check-1', text: 'Backups verified', checked: false },
      { id: 'check-2', text: 'Dry run on staging', checked: true },
    ]);
    expect(checklist.communication).toEqual([
      { id: 'comms-1', text: 'Announce in #billing', done: false },
      { id: 'comms-2', text: 'Update status page', done: true },
    ]);
    expect(checklist.prose).toBeUndefined();
  });

  it('keeps prose, extra tables and unknown sections', () => {
    const markdown = `# Search API 4.0 rollout

> Freeze starts Friday.

## 0. Contacts

- On call: @jdoe

## 1. Operator Runbook

Run from the bastion host.

| Step | Command / Action | Notes |
|------|------------------|-------|
| 1 | \`./deploy.sh 4.0.0\` | |

| Host | Region |
|------|--------|
| bastion-1 | eu |

### Rollback Trigger Criteria

Roll back when any of these holds:

- p99 latency above 800ms
  for ten minutes.
- Error budget burn over 5%.

Ask the incident commander first.

## 2. Developer Migration Guide

We changed the query DSL.

- Replace \`match_all\` with \`all\`.

  Example:

      GET /search?q=all

- Rename \`size\` to \`limit\`.

## 5. Monitoring & Observability

Dashboards: [search](https://grafana.example.com/d/search).

- Grafana board reviewed

Existing alerts:

- \`SearchApiErrors\` — should stay green.

Page the owner if they fire.

## Appendix

Timeline:

| When | What |
|------|------|
| Fri | freeze |
`;
    const checklist = expectRoundTrip(markdown);
    expect(checklist.stage).toBeUndefined();
    expect(checklist.title).toBe('Search API 4.0 rollout');
    expect(checklist.preamble).toBe('> Freeze starts Friday.');
    expect(checklist.steps).toHaveLength(1);
    expect(checklist.steps[0].command).toBe('./deploy.sh 4.0.0');
    expect(checklist.rollbackCriteria.map(c => c.text)).toEqual([
      'p99 latency above 800ms\nfor ten minutes.',
      'Error budget burn over 5%.',
    ]);
    expect(checklist.migrationGuide.map(m => m.text)).toEqual([
      'Replace `match_all` with `all`.\n\nExample:\n\n    GET /search?q=all',
      'Rename `size` to `limit`.',
    ]);
    expect(checklist.metrics).toEqual([]);
    expect(checklist.alerts).toEqual([
      {
        id: 'searchapierrors',
        name: 'SearchApiErrors',
        description: 'should stay green.',
      },
    ]);
    expect(checklist.prose).toEqual({
      runbook: {
        before: 'Run from the bastion host.',
        after: '| Host | Region |\n|------|--------|\n| bastion-1 | eu |',
      },
      rollbackCriteria: {
        before: 'Roll back when any of these holds:',
        after: 'Ask the incident commander first.',
      },
      migrationGuide: { before: 'We changed the query DSL.' },
      alerts: {
        before: [
          'Dashboards: [search](https://grafana.example.com/d/search).',
          '',
          '- Grafana board reviewed',
          '',
          'Existing alerts:',
        ].join('\n'),
        after: 'Page the owner if they fire.',
      },
    });
    expect(checklist.extraSections).toEqual([
      { heading: '0. Contacts', body: '- On call: @jdoe' },
      {
        heading: 'Appendix',
        body: 'Timeline:\n\n| When | What |\n|------|------|\n| Fri | freeze |',
      },
    ]);
  });

  it('keeps items of a long ordered list and a task marker in criteria', () => {
    const items = Array.from(
      { length: 11 },
      (_, i) =>
        `${i + 1}. Item ${i + 1}\n${' '.repeat(i >= 9 ? 4 : 3)}- detail ${
          i + 1
        }`,
    );
    const markdown = [
      '# Stage 9 - Long guide',
      '',
      '## Runbook',
      '',
      '| Step | Command |',
      '|---|---|',
      '| 1 | `true` |',
      '',
      '### Rollback triggers',
      '',
      '- [ ] manual call by the release manager',
      '',
      '## Migration',
      '',
      ...items,
      '',
    ].join('\n');
    const checklist = expectRoundTrip(markdown);
    expect(checklist.stage).toBe('9');
    expect(checklist.title).toBe('Long guide');
    expect(checklist.rollbackCriteria[0].text).toBe(
      '[ ] manual call by the release manager',
    );
    expect(checklist.migrationGuide).toHaveLength(11);
    expect(checklist.migrationGuide[10]).toEqual({
      id: 'migration-11',
      text: 'Item 11\n- detail 11',
    });
    expect(printChecklist(checklist)).toContain(
      '10. Item 10\n    - detail 10\n11. Item 11\n    - detail 11\n',
    );
  });
  it('keeps a sign-off table without rows as prose', () => {
    const markdown = `# Template

## Runbook

| Step | Command |
|------|---------|
| 1 | \`make release\` |

## Sign-off

Add a row per stakeholder.

| Stakeholder | Responsibility | Status | Notes |
|-------------|----------------|--------|-------|

Ask in #releases.
`;
    const checklist = expectRoundTrip(markdown);
    expect(checklist.signOffs).toEqual([]);
    expect(checklist.prose).toEqual({
      signOffs: {
        before: [
          'Add a row per stakeholder.',
          '',
          '| Stakeholder | Responsibility | Status | Notes |',
          '|-------------|----------------|--------|-------|',
          '',
          'Ask in #releases.',
        ].join('\n'),
      },
    });
  });
});

describe('parseChecklist errors', () => {
  it('rejects text that is not a checklist', () => {
    expect(parseError('hello world')).toMatchObject({
      name: 'ChecklistParseError',
      line: 1,
      message: 'Line 1: expected a level-1 heading with the checklist title',
    });
    expect(parseError('')).toMatchObject({
      name: 'ChecklistParseError',
      line: 1,
      message: 'Line 1: expected a level-1 heading with the checklist title',
    });
  });

  it('rejects a document without a title heading', () => {
    expect(
      parseError(
        '\n\n## 1. Operator Runbook\n\n| Step | Command |\n|-|-|\n| 1 | `x` |\n',
      ),
    ).toMatchObject({
      name: 'ChecklistParseError',
      line: 3,
      message: 'Line 3: expected a level-1 heading with the checklist title',
    });
  });

  it('rejects a document without a runbook section', () => {
    const markdown = seed.replace(/## 1\. Operator Runbook[^]*?(?=## 2\.)/, '');
    expect(parseError(markdown)).toMatchObject({
      name: 'ChecklistParseError',
      line: 52,
      message:
        'Line 52 (end of document): missing the "Operator Runbook" section (a heading such as "Runbook", "Steps" or "Операционный ранбук", or a table with "Step" and "Command / Action" columns)',
    });
    expect(parseError('# Title\n\nSome text.\n')).toMatchObject({
      name: 'ChecklistParseError',
      line: 3,
      message: expect.stringMatching(
        /^Line 3 \(end of document\): missing the "Operator Runbook" section/,
      ),
    });
  });

  it('rejects a runbook with neither a table nor a numbered list', () => {
    expect(
      parseError(
        '# Stage 1 · T\n\n## 1. Operator Runbook\n\n- `make deploy`\n',
      ),
    ).toMatchObject({
      name: 'ChecklistParseError',
      line: 3,
      message:
        'Line 3: the "Operator Runbook" section has neither a table with "Step" and "Command / Action" columns nor a numbered list of steps',
    });
  });

  it('rejects a runbook table missing a required column', () => {
    expect(
      parseError(
        seed.replace(
          '| Step | Command / Action | Notes |',
          '| Step | Owner | Notes |',
        ),
      ),
    ).toMatchObject({
      name: 'ChecklistParseError',
      line: 5,
      message: 'Line 5: the runbook table has no "Command / Action" column',
    });
    expect(
      parseError(
        '# T\n\n## Runbook\n\n| Command | Notes |\n|-|-|\n| `x` | y |\n',
      ),
    ).toMatchObject({
      name: 'ChecklistParseError',
      line: 5,
      message: 'Line 5: the runbook table has no "Step" column',
    });
  });

  it('rejects a runbook table without rows', () => {
    expect(
      parseError('# T\n\n## Runbook\n\n| Step | Command |\n|-|-|\n'),
    ).toMatchObject({
      name: 'ChecklistParseError',
      line: 5,
      message: 'Line 5: the runbook table has no steps',
    });
  });

  it('rejects a step that is not a number', () => {
    expect(
      parseError(
        seed.replace(
          '| 4 | `poetry run pytest packages',
          '| four | `poetry run pytest packages',
        ),
      ),
    ).toMatchObject({
      name: 'ChecklistParseError',
      line: 10,
      message: 'Line 10: the step "four" is not a number',
    });
  });

  it('rejects a step without a command', () => {
    expect(
      parseError(
        '# T\n\n## Runbook\n\n| Step | Command |\n|-|-|\n| 1 | `a` |\n| 2 |  |\n',
      ),
    ).toMatchObject({
      name: 'ChecklistParseError',
      line: 8,
      message: 'Line 8: the step has no "Command / Action"',
    });
  });

  it('rejects an unknown step status', () => {
    expect(
      parseError(
        '# T\n\n## Runbook\n\n| Step | Command | Status |\n|-|-|-|\n| 1 | `a` | done-ish |\n',
      ),
    ).toMatchObject({
      name: 'ChecklistParseError',
      line: 7,
      message:
        'Line 7: unknown step status "done-ish" (expected one of pending, running, succeeded, failed, skipped)',
    });
  });

  it('reads an unknown sign-off status as pending, with a warning naming the line', () => {
    const { checklist, warnings } = readChecklist(
      seed.replace(
        '| QA Lead | Approves test evidence (`make review-test`, targeted pytest) | ☐ |',
        '| QA Lead | Approves test evidence (`make review-test`, targeted pytest) | maybe |',
      ),
    );
    expect(checklist.signOffs[1]).toMatchObject({
      role: 'QA Lead',
      decision: 'pending',
    });
    expect(warnings).toEqual([
      {
        line: 51,
        message:
          'unknown sign-off status "maybe" for "QA Lead", read as pending (use ☐, ✅ or ❌, or pending, approved or rejected)',
      },
    ]);
  });

  it('reads the first free column of a sign-off table as the stakeholders when none is named so, with a warning', () => {
    const { checklist, warnings } = readChecklist(
      seed.replace(
        '| Stakeholder | Responsibility |',
        '| Person | Responsibility |',
      ),
    );
    expect(checklist.signOffs.map(row => row.role)).toEqual([
      'Architecture Lead',
      'QA Lead',
      'Operations Lead',
      'Product/Programme',
    ]);
    expect(warnings).toEqual([
      {
        line: 48,
        message:
          'the sign-off table has no "Stakeholder" column; its column "Person" is read as the stakeholders',
      },
    ]);
  });

  it('refuses a sign-off table whose every column is something else', () => {
    expect(
      parseError(
        '# T\n\n## Runbook\n\n| Step | Command |\n|-|-|\n| 1 | `a` |\n\n## Sign-off\n\n| Status | Signers |\n|-|-|\n| ☐ | user:default/ada |\n',
      ),
    ).toMatchObject({
      name: 'ChecklistParseError',
      line: 11,
      message: 'Line 11: the sign-off table has no "Stakeholder" column',
    });
  });

  it('keeps signers named otherwise than by entity ref apart, for the catalog', () => {
    const { checklist, signerNames } = readChecklist(
      '# T\n\n## Runbook\n\n| Step | Command |\n|-|-|\n| 1 | `a` |\n\n## Sign-off\n\n| Role | Signers |\n|-|-|\n| QA | qa-leads, user:default/ada; @maria and maria@example.com |\n',
    );
    expect(checklist.signOffs[0].signers).toEqual(['user:default/ada']);
    expect(signerNames).toEqual(
      ['qa-leads', '@maria', 'maria@example.com'].map(name => ({
        signOff: 0,
        role: 'QA',
        line: 13,
        name,
      })),
    );
  });

  it('rejects a second runbook section', () => {
    expect(
      parseError(
        '# T\n\n## Runbook\n\n| Step | Command |\n|-|-|\n| 1 | `a` |\n\n## Runbook again\n',
      ),
    ).toMatchObject({
      name: 'ChecklistParseError',
      line: 9,
      message:
        'Line 9: a second "Operator Runbook" section; the first is on line 3',
    });
  });

  it('rejects an empty list item', () => {
    expect(
      parseError(
        '# T\n\n## Runbook\n\n| Step | Command |\n|-|-|\n| 1 | `a` |\n\n## Communication\n\n- Tell them\n-\n',
      ),
    ).toMatchObject({
      name: 'ChecklistParseError',
      line: 12,
      message: 'Line 12: the item is empty',
    });
  });
});
