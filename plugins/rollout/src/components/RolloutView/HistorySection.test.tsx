import {
  appLanguageApiRef,
  translationApiRef,
} from '@backstage/frontend-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { RolloutEvent } from '@rollout/backstage-plugin-rollout-common';
import { screen, within } from '@testing-library/react';
import { seedMarkdown } from '../../__testUtils__/seedMarkdown';
import { seedRollout } from '../../__testUtils__/seedRollout';
import {
  RolloutLanguage,
  rolloutLanguageApi,
  rolloutTranslationApi,
} from '../../__testUtils__/translationApis';
import { rolloutFormat } from '../../translation';
import { HistorySection } from './HistorySection';

const { checklist } = seedRollout(seedMarkdown);

/** The history as the backend returns it: newest first. */
const events: RolloutEvent[] = [
  {
    id: 3,
    rolloutId: 'multipass-reviewer-v0.3.0',
    actor: 'plugin:rollout/gates',
    type: 'gate.changed',
    message: 'Gate alert MCPReviewerJobFailuresHigh: inactive → firing',
    revision: 2,
    data: {
      gate: 'alert:mcpreviewerjobfailureshigh',
      state: 'firing',
      previous: 'inactive',
    },
    createdAt: '2025-11-20T11:00:00.000Z',
  },
  {
    id: 2,
    rolloutId: 'multipass-reviewer-v0.3.0',
    actor: 'user:default/ops',
    type: 'preflight.checked',
    message: 'Checked pre-flight check "`make lint-allowlist`"',
    revision: 2,
    data: { checkId: 'check-1' },
    createdAt: '2025-11-20T10:00:00.000Z',
  },
  {
    id: 1,
    rolloutId: 'multipass-reviewer-v0.3.0',
    actor: 'plugin:scaffolder',
    type: 'rollout.created',
    message: 'Created the rollout of v0.3.0 with 10 steps',
    revision: 1,
    createdAt: '2025-11-20T09:00:00.000Z',
  },
];

async function renderHistory(language?: RolloutLanguage) {
  const history = <HistorySection events={events} checklist={checklist} />;
  await renderInTestApp(
    language ? (
      <TestApiProvider
        apis={[
          [translationApiRef, rolloutTranslationApi(language)],
          [appLanguageApiRef, rolloutLanguageApi(language)],
        ]}
      >
        {history}
      </TestApiProvider>
    ) : (
      history
    ),
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return within(
    screen.getByRole('list', {
      name: language === 'ru' ? 'История выкатки' : 'Rollout history',
    }),
  ).getAllByRole('listitem');
}

describe('HistorySection', () => {
  it('tells each event from its data, in the order given', async () => {
    const [gate, check, created] = await renderHistory();

    expect(gate).toHaveTextContent(
      'The alert MCPReviewerJobFailuresHigh went from inactive to firing',
    );
    // A command reads as code, without its backticks.
    expect(check).toHaveTextContent(
      'Checked the pre-flight check "make lint-allowlist"',
    );
    expect(
      within(check).getByText('make lint-allowlist', { selector: 'code' }),
    ).toBeInTheDocument();
    // No data: the backend's own sentence.
    expect(created).toHaveTextContent(
      'Created the rollout of v0.3.0 with 10 steps',
    );
  });

  it('names who acted, a person as a link, and says when and at which revision', async () => {
    const [gate, check, created] = await renderHistory();

    expect(within(check).getByRole('link', { name: 'ops' })).toHaveAttribute(
      'href',
      '/catalog/default/user/ops',
    );
    // The date as the user's language writes it: English in tests.
    expect(check).toHaveTextContent(
      `ops · ${rolloutFormat('en').dateTime(
        '2025-11-20T10:00:00.000Z',
      )} · revision 2`,
    );
    expect(gate).toHaveTextContent('Rollout gates ·');
    expect(within(gate).queryByRole('link')).toBeNull();
    expect(created).toHaveTextContent('plugin:scaffolder ·');
    expect(within(created).queryByRole('link')).toBeNull();
  });

  it('tells the history in Russian, with Russian dates', async () => {
    const [gate, check, created] = await renderHistory('ru');

    expect(
      screen.getByRole('heading', { name: 'История' }),
    ).toBeInTheDocument();
    expect(gate).toHaveTextContent(
      'Алерт MCPReviewerJobFailuresHigh перешёл из состояния «неактивен» в «срабатывает»',
    );
    expect(check).toHaveTextContent(
      'Отмечена предварительная проверка «make lint-allowlist»',
    );
    expect(check).toHaveTextContent(
      `ops · ${rolloutFormat('ru').dateTime(
        '2025-11-20T10:00:00.000Z',
      )} · ревизия 2`,
    );
    // The backend's own sentence stays as it wrote it.
    expect(created).toHaveTextContent(
      'Created the rollout of v0.3.0 with 10 steps',
    );
  });
});
