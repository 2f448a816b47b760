import fs from 'fs';
import path from 'path';
import { normalizeChecklist } from '../ids';
import { parseChecklist } from './parseChecklist';
import { printChecklist } from './printChecklist';

const seed = fs.readFileSync(
  path.join(__dirname, '__fixtures__', 'stage-01_03-rollout-checklist.md'),
  'utf8',
);

describe('printChecklist', () => {
  it('writes the seed back in its own shape', () => {
    // The printer puts a blank line between every block, which the seed
    // leaves out after two lead-ins; nothing else differs.
    const expected = seed
      .replace(
        '### Rollback Trigger Criteria\n',
        '### Rollback Trigger Criteria\n\n',
      )
      .replace('Alerts (existing):\n', 'Alerts (existing):\n\n')
      .replace(/\n+$/, '\n');
    expect(printChecklist(parseChecklist(seed))).toBe(expected);
  });

  it('writes run state, signers and escaped pipes', () => {
    const checklist = normalizeChecklist({
      title: 'payments-api 2.1.0',
      stage: '02_01',
      preamble: 'Release of **payments-api**.',
      steps: [
        {
          number: 1,
          title: '`kubectl logs deploy/api | grep -c ERROR`',
          command: 'kubectl logs deploy/api | grep -c ERROR',
          notes: 'Expect `0` | close.',
          status: 'succeeded',
        },
        { number: 2, title: 'Rollback: `helm rollback api`', kind: 'rollback' },
      ],
      preflightChecks: [
        { text: '`npm test`', checked: true },
        { text: 'Load test' },
      ],
      signOffs: [
        {
          role: 'Payments Lead',
          responsibility: 'Owns it',
          decision: 'approved',
          signers: ['group:default/payments', 'user:default/jane'],
        },
        { role: 'Risk', decision: 'rejected', note: 'DPIA | PCI' },
        { role: 'Support' },
      ],
      communication: [
        { text: 'Post in #releases', done: true },
        { text: 'Email' },
      ],
    });
    expect(printChecklist(checklist)).toBe(
      [
        '# Stage 02_01 · payments-api 2.1.0',
        '',
        'Release of **payments-api**.',
        '',
        '## 1. Operator Runbook',
        '',
        '| Step | Command / Action | Notes | Status |',
        '|------|------------------|-------|--------|',
        '| 1 | `kubectl logs deploy/api \\| grep -c ERROR` | Expect `0` \\| close. | succeeded |',
        '| 2 | Rollback: `helm rollback api` | | pending |',
        '',
        '## 3. Pre-Flight Validation',
        '',
        '- [x] `npm test`',
        '- [ ] Load test',
        '',
        '## 4. Stakeholder Sign-Off',
        '',
        '| Stakeholder | Responsibility | Status | Notes | Signers |',
        '|-------------|----------------|--------|-------|---------|',
        '| Payments Lead | Owns it | ✅ | | group:default/payments, user:default/jane |',
        '| Risk | | ❌ | DPIA \\| PCI | |',
        '| Support | | ☐ | | |',
        '',
        '## 6. Communication',
        '',
        '- [x] Post in #releases',
        '- Email',
        '',
      ].join('\n'),
    );
    expect(parseChecklist(printChecklist(checklist))).toEqual(checklist);
  });

  it('writes sections with only prose and extra sections last', () => {
    const checklist = normalizeChecklist({
      title: 'Search API',
      steps: [{ number: 1, title: 'Deploy' }],
      prose: {
        runbook: { after: 'From the bastion host.' },
        metrics: { before: 'Nothing to watch yet.' },
        communication: { before: 'Handled by the PMO.' },
      },
      extraSections: [
        { heading: '0. Contacts', body: '- On call: @jdoe' },
        { heading: 'Appendix', body: '' },
      ],
    });
    const markdown = printChecklist(checklist);
    expect(markdown).toBe(
      [
        '# Search API',
        '',
        '## 1. Operator Runbook',
        '',
        '| Step | Command / Action | Notes |',
        '|------|------------------|-------|',
        '| 1 | Deploy | |',
        '',
        'From the bastion host.',
        '',
        '## 5. Monitoring & Observability',
        '',
        'Nothing to watch yet.',
        '',
        '## 6. Communication',
        '',
        'Handled by the PMO.',
        '',
        '## 0. Contacts',
        '',
        '- On call: @jdoe',
        '',
        '## Appendix',
        '',
      ].join('\n'),
    );
    expect(parseChecklist(markdown)).toEqual(checklist);
  });

  it('indents item continuations to the item content', () => {
    const checklist = normalizeChecklist({
      title: 'T',
      steps: [{ number: 1, title: 'x' }],
      rollbackCriteria: [{ text: 'Latency\nabove 1s' }],
      migrationGuide: Array.from({ length: 10 }, (_, i) => ({
        text: `Item ${i + 1}:\n\`\`\`sh\nrun ${i + 1}\n\`\`\`\n- nested`,
      })),
    });
    const markdown = printChecklist(checklist);
    expect(markdown).toContain(
      '### Rollback Trigger Criteria\n\n- Latency\n  above 1s\n',
    );
    expect(markdown).toContain(
      '1. Item 1:\n   ```sh\n   run 1\n   ```\n   - nested\n2. Item 2:',
    );
    expect(markdown).toContain(
      '10. Item 10:\n    ```sh\n    run 10\n    ```\n    - nested\n',
    );
    expect(parseChecklist(markdown)).toEqual(checklist);
  });

  it('keeps adjacent lists apart by their markers', () => {
    const checklist = normalizeChecklist({
      title: 'T',
      steps: [{ number: 1, title: 'x' }],
      metrics: [{ name: 'up', description: 'stays 1' }],
      alerts: [{ name: 'Down', source: 'Alertmanager', description: 'clear' }],
      prose: { metrics: { before: '- a prose list\n- of links' } },
    });
    const markdown = printChecklist(checklist);
    expect(markdown).toContain(
      [
        '## 5. Monitoring & Observability',
        '',
        '- a prose list',
        '- of links',
        '',
        '* `up` — stays 1',
        '',
        '- `Down` (Alertmanager) — clear',
        '',
      ].join('\n'),
    );
    expect(parseChecklist(markdown)).toEqual(checklist);
  });

  it('writes code spans that hold backticks', () => {
    const checklist = normalizeChecklist({
      title: 'T',
      steps: [{ number: 1, title: 'x' }],
      metrics: [{ name: 'a`b', description: '' }, { name: '`c' }],
    });
    const markdown = printChecklist(checklist);
    expect(markdown).toContain('- ``a`b``\n- `` `c ``\n');
    expect(parseChecklist(markdown).metrics.map(m => m.name)).toEqual([
      'a`b',
      '`c',
    ]);
  });
});
