/*
 * The corpus: checklists written the way teams write them (English and
 * Russian, tables and numbered lists, renamed and unnamed sections, people
 * by name, extra sections, CRLF and tabs), each with what it must read as.
 */
import fs from 'fs';
import path from 'path';
import { Checklist } from '../schema';
import { readChecklist } from './parseChecklist';
import { printChecklist } from './printChecklist';

type Expected = {
  language?: 'ru';
  /** `number kind status`, one per step. */
  steps: string[];
  counts: {
    rollbackCriteria: number;
    migrationGuide: number;
    preflightChecks: number;
    metrics: number;
    alerts: number;
    communication: number;
    extraSections: number;
  };
  /** `role: decision`, one per sign-off row. */
  signOffs: string[];
  /** `line: name` of each signer named otherwise than by entity ref. */
  signerNames?: string[];
  /** `line: message` of each warning. */
  warnings?: string[];
};

const none = {
  rollbackCriteria: 0,
  migrationGuide: 0,
  preflightChecks: 0,
  metrics: 0,
  alerts: 0,
  communication: 0,
  extraSections: 0,
};

const corpus: Record<string, Expected> = {
  'stage-01_03-rollout-checklist.md': {
    steps: [
      ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map(n => `${n} runbook pending`),
      '10 rollback pending',
    ],
    counts: {
      ...none,
      rollbackCriteria: 3,
      migrationGuide: 5,
      preflightChecks: 7,
      metrics: 4,
      alerts: 2,
      communication: 3,
    },
    signOffs: [
      'Architecture Lead: pending',
      'QA Lead: pending',
      'Operations Lead: pending',
      'Product/Programme: pending',
    ],
  },
  'short-headings.md': {
    steps: ['1 runbook pending', '2 runbook pending', '3 rollback pending'],
    counts: { ...none, rollbackCriteria: 2, preflightChecks: 2, metrics: 1 },
    signOffs: ['Tech Lead: approved', 'QA: pending'],
    signerNames: ['25: @maria'],
  },
  'ordered-list-runbook.md': {
    steps: [
      '1 runbook pending',
      '2 runbook pending',
      '3 runbook pending',
      '4 rollback pending',
    ],
    counts: { ...none, preflightChecks: 2, communication: 1 },
    signOffs: [],
  },
  'russian.md': {
    language: 'ru',
    steps: ['1 runbook pending', '2 runbook pending', '3 rollback pending'],
    counts: {
      ...none,
      rollbackCriteria: 2,
      migrationGuide: 2,
      preflightChecks: 2,
      metrics: 1,
      communication: 1,
    },
    signOffs: ['Архитектор: approved', 'QA: pending'],
  },
  'russian-ordered-list.md': {
    language: 'ru',
    steps: ['1 runbook pending', '2 runbook pending', '3 rollback pending'],
    counts: { ...none, rollbackCriteria: 1, communication: 2 },
    signOffs: ['Руководитель разработки: pending', 'Эксплуатация: rejected'],
    signerNames: ['18: @finn'],
  },
  'crlf-tabs-extra.md': {
    steps: ['1 runbook pending', '2 runbook pending'],
    counts: { ...none, preflightChecks: 2, extraSections: 1 },
    signOffs: [],
  },
  'content-only.md': {
    steps: ['1 runbook pending'],
    counts: { ...none, preflightChecks: 2, extraSections: 1 },
    signOffs: ['Search Lead: approved', 'SRE: pending'],
    warnings: [
      '9: the section "Before we ship" is read as the pre-flight validation from its content; its heading names no section',
      '14: the section "Who signs" is read as the stakeholder sign-off from its content; its heading names no section',
      '16: the sign-off table has no "Stakeholder" column; its column "Person" is read as the stakeholders',
      '16: the column "Area" of the sign-off table is not kept',
    ],
  },
  'people-by-name.md': {
    steps: ['1 runbook pending'],
    counts: none,
    signOffs: [
      'Security Lead: pending',
      'QA Lead: pending',
      'Product: pending',
      'Operations: pending',
    ],
    signerNames: ['13: @rey', '14: qa-leads', '15: finn@example.com'],
  },
  'status-table-en.md': {
    steps: [
      '1 runbook succeeded',
      '2 runbook failed',
      '3 runbook pending',
      '4 rollback skipped',
    ],
    counts: none,
    signOffs: [],
  },
  'approvals-emoji.md': {
    steps: ['1 runbook pending'],
    counts: { ...none, metrics: 1, alerts: 1, communication: 2 },
    signOffs: [
      'Payments: approved',
      'Fraud: rejected',
      'Legal: approved',
      'Support: pending',
    ],
  },
  'minimal.md': {
    steps: ['1 runbook pending'],
    counts: none,
    signOffs: [],
  },
  'setext-unknown-status.md': {
    steps: ['1 runbook pending', '2 runbook pending'],
    counts: none,
    signOffs: ['Data Lead: pending', 'Finance: approved'],
    warnings: [
      '17: unknown sign-off status "maybe" for "Data Lead", read as pending (use ☐, ✅ or ❌, or pending, approved or rejected)',
    ],
  },
  'upgrade-guide.md': {
    steps: ['1 runbook pending', '2 runbook pending'],
    counts: {
      ...none,
      rollbackCriteria: 1,
      migrationGuide: 2,
      preflightChecks: 1,
      communication: 1,
    },
    signOffs: [],
  },
};

const fixtures = path.join(__dirname, '__fixtures__');
const read = (file: string) =>
  readChecklist(fs.readFileSync(path.join(fixtures, file), 'utf8'));

function summary(checklist: Checklist) {
  return {
    steps: checklist.steps.map(s => `${s.number} ${s.kind} ${s.status}`),
    counts: {
      rollbackCriteria: checklist.rollbackCriteria.length,
      migrationGuide: checklist.migrationGuide.length,
      preflightChecks: checklist.preflightChecks.length,
      metrics: checklist.metrics.length,
      alerts: checklist.alerts.length,
      communication: checklist.communication.length,
      extraSections: checklist.extraSections?.length ?? 0,
    },
    signOffs: checklist.signOffs.map(s => `${s.role}: ${s.decision}`),
  };
}

describe('the corpus of checklists', () => {
  it('has every fixture in the table, and at least 12', () => {
    const files = fs.readdirSync(fixtures).filter(f => f.endsWith('.md'));
    expect(files.sort()).toEqual(Object.keys(corpus).sort());
    expect(files.length).toBeGreaterThanOrEqual(12);
  });

  it.each(Object.entries(corpus))('reads %s', (file, expected) => {
    const { checklist, warnings, signerNames } = read(file);
    expect(summary(checklist)).toEqual({
      steps: expected.steps,
      counts: expected.counts,
      signOffs: expected.signOffs,
    });
    expect(checklist.language).toBe(expected.language);
    expect(warnings.map(w => `${w.line}: ${w.message}`)).toEqual(
      expected.warnings ?? [],
    );
    expect(signerNames.map(n => `${n.line}: ${n.name}`)).toEqual(
      expected.signerNames ?? [],
    );
  });

  it.each(Object.keys(corpus))(
    'prints %s in the canonical shape, which reads back the same and without warnings',
    file => {
      const { checklist } = read(file);
      const printed = printChecklist(checklist);
      const again = readChecklist(printed);
      expect(again.checklist).toEqual(checklist);
      expect(again.warnings).toEqual([]);
      expect(again.signerNames).toEqual([]);
    },
  );

  it('prints a Russian checklist with Russian headings and columns', () => {
    const printed = printChecklist(read('russian.md').checklist);
    for (const heading of [
      '## 1. Операционный ранбук',
      '### Критерии отката',
      '## 2. Руководство по миграции',
      '## 3. Предварительные проверки',
      '## 4. Согласование',
      '## 5. Мониторинг и наблюдаемость',
      '## 6. Коммуникации',
    ]) {
      expect(printed).toContain(`\n${heading}\n`);
    }
    expect(printed).toContain('| Шаг | Команда / Действие | Примечания |');
    expect(printed).toContain(
      '| Роль | Ответственность | Статус | Примечания |',
    );
    expect(printed).not.toContain('Operator Runbook');
  });

  it('reads a numbered runbook: the command, the notes after the dash, rollback by its words', () => {
    const [build, , traffic, rollback] = read('ordered-list-runbook.md')
      .checklist.steps;
    expect(build).toMatchObject({
      title: '`make build`',
      command: 'make build',
      notes: 'builds the image.',
    });
    expect(traffic).toMatchObject({
      title: 'Switch traffic: move 10% to the new pods, then 100%.',
      notes: '',
    });
    expect(traffic.command).toBeUndefined();
    expect(rollback).toMatchObject({
      title: 'Rollback — `kubectl rollout undo deploy/images`.',
      kind: 'rollback',
    });
  });

  it('keeps a tab-indented task item whole', () => {
    expect(
      read('crlf-tabs-extra.md').checklist.preflightChecks.map(c => [
        c.text,
        c.checked,
      ]),
    ).toEqual([
      ['`make test`', false],
      ['Changelog written', true],
    ]);
  });
});
