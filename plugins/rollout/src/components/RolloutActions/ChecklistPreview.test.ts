import { parseChecklist } from '@rollout/backstage-plugin-rollout-common';
import { rolloutT } from '../../__testUtils__/translationApis';
import { seedMarkdown } from '../../__testUtils__/seedMarkdown';
import { sectionCounts } from './ChecklistPreview';

describe('sectionCounts', () => {
  const checklist = parseChecklist(seedMarkdown);

  it('counts every section, in English', () => {
    expect(sectionCounts(rolloutT('en'), checklist)).toBe(
      '10 steps (1 rollback) · 7 pre-flight checks · 4 sign-offs · 3 rollback criteria · 5 migration guide items · 4 metrics · 2 alerts · 3 communication items',
    );
  });

  it('counts every section in Russian, with its plural forms', () => {
    expect(sectionCounts(rolloutT('ru'), checklist)).toBe(
      '10 шагов (для отката: 1) · 7 предварительных проверок · 4 согласования · 3 критерия отката · 5 пунктов руководства по миграции · 4 метрики · 2 алерта · 3 пункта плана коммуникаций',
    );
    expect(
      sectionCounts(rolloutT('ru'), {
        ...checklist,
        steps: checklist.steps
          .filter(step => step.kind !== 'rollback')
          .slice(0, 1),
        preflightChecks: [],
        signOffs: checklist.signOffs.slice(0, 1),
        metrics: checklist.metrics.slice(0, 1),
      }),
    ).toMatch(
      /^1 шаг · 0 предварительных проверок · 1 согласование · .* · 1 метрика · /,
    );
  });
});
