import { RolloutGates } from '@rollout/backstage-plugin-rollout-common';
import { demoGates } from '../../__testUtils__/demoGates';
import { seedMarkdown } from '../../__testUtils__/seedMarkdown';
import { seedRollout } from '../../__testUtils__/seedRollout';
import { rolloutTranslationApi } from '../../__testUtils__/translationApis';
import {
  RolloutTranslationFunction,
  rolloutFormat,
  rolloutTranslationRef,
} from '../../translation';
import { gateWarnings, openItemGroups } from './OpenItemsList';

const seed = seedRollout(seedMarkdown);

function tIn(language: 'en' | 'ru') {
  return rolloutTranslationApi(language).getTranslation(rolloutTranslationRef)
    .t as RolloutTranslationFunction;
}

/** The seed's gates with one alert firing, one metric breached and one criterion triggered. */
function failing(): RolloutGates {
  const gates = demoGates(seed);
  return {
    ...gates,
    alerts: gates.alerts.map((alert, index) =>
      index === 0 ? { ...alert, state: 'firing' as const } : alert,
    ),
    metrics: gates.metrics.map((metric, index) =>
      index === 1 ? { ...metric, state: 'breached' as const } : metric,
    ),
    criteria: gates.criteria.map((criterion, index) =>
      index === 2 ? { ...criterion, state: 'triggered' as const } : criterion,
    ),
  };
}

describe('openItemGroups', () => {
  it('titles each group with its count, and lists its items', () => {
    const groups = openItemGroups(seed.checklist, {}, tIn('en'));
    expect(groups.map(group => group.title)).toEqual([
      `Pre-flight checks not ticked (${seed.checklist.preflightChecks.length})`,
      'Sign-offs not approved (4)',
      expect.stringMatching(
        /^Runbook steps neither succeeded nor skipped \(\d+\)$/,
      ),
      expect.stringMatching(/^Communication items not done \(\d+\)$/),
    ]);
    expect(groups[1].items[0].text).toMatch(/^Architecture Lead: pending/);
    expect(groups[2].items[0].text).toMatch(/^Step 1 \(pending\): /);
  });

  it('says in Russian how many are open, with the plural the count takes', () => {
    const t = tIn('ru');
    const [signOffs] = openItemGroups(
      seed.checklist,
      { only: ['signOffs'] },
      t,
    );
    expect(signOffs.title).toBe('4 согласования не одобрены');
    expect(signOffs.items[0].text).toMatch(/^Architecture Lead: ожидает/);

    const one = {
      ...seed.checklist,
      signOffs: seed.checklist.signOffs.slice(0, 1),
    };
    expect(openItemGroups(one, { only: ['signOffs'] }, t)[0].title).toBe(
      '1 согласование не одобрено',
    );
    const five = {
      ...seed.checklist,
      steps: [1, 2, 3, 4, 5].map(n => ({
        ...seed.checklist.steps.find(step => step.kind === 'runbook')!,
        id: `step-${n}`,
        number: n,
      })),
    };
    const [steps] = openItemGroups(five, { only: ['steps'] }, t);
    expect(steps.title).toBe('5 шагов ранбука не выполнено и не пропущено');
    expect(steps.items[0].text).toMatch(/^Шаг 1 \(ожидает\): /);
  });

  it('leaves the communication items out when asked to', () => {
    const groups = openItemGroups(
      seed.checklist,
      { communication: false },
      tIn('en'),
    );
    expect(groups.some(group => group.title.startsWith('Communication'))).toBe(
      false,
    );
  });
});

describe('gateWarnings', () => {
  it('is empty without gates or when none would block', () => {
    expect(gateWarnings(undefined, tIn('en'))).toEqual([]);
    expect(gateWarnings(demoGates(seed), tIn('en'))).toEqual([]);
  });

  it('names the firing alert, the breached metric with its reason and the triggered criterion', () => {
    const [group] = gateWarnings(failing(), tIn('en'));
    expect(group.title).toBe('The gates would block the rollout (3)');
    expect(group.items.map(item => item.text)).toEqual([
      'The alert `MCPReviewerJobFailuresHigh` is firing',
      'The metric `review_pass_failures_total` is breached: rose 7.5% from the baseline (tolerance 10%)',
      'The rollback criterion "Prometheus `review_pass_failures_total` spikes above baseline." is triggered',
    ]);
  });

  it('says it in Russian', () => {
    const [group] = gateWarnings(failing(), tIn('ru'), rolloutFormat('ru'));
    expect(group.title).toBe('3 гейта заблокируют выкатку');
    expect(group.items.map(item => item.text)).toEqual([
      'Срабатывает алерт `MCPReviewerJobFailuresHigh`',
      'Нарушена метрика `review_pass_failures_total`: выросло на 7,5\u00a0% относительно базового уровня (допуск 10\u00a0%)',
      'Сработал критерий отката «Prometheus `review_pass_failures_total` spikes above baseline.»',
    ]);
  });
});
