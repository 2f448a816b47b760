import { AlertApi, alertApiRef } from '@backstage/core-plugin-api';
import {
  appLanguageApiRef,
  translationApiRef,
} from '@backstage/frontend-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import {
  RolloutPage,
  RolloutSummary,
} from '@rollout/backstage-plugin-rollout-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RolloutApi, rolloutApiRef } from '../../api';
import {
  RolloutLanguage,
  rolloutLanguageApi,
  rolloutTranslationApi,
} from '../../__testUtils__/translationApis';
import { RolloutsBoard } from './RolloutsBoard';

function summary(overrides: Partial<RolloutSummary>): RolloutSummary {
  return {
    id: 'r1',
    entityRef: 'component:default/multipass-reviewer',
    version: 'v0.3.0',
    previousVersion: 'v0.2.0',
    title: 'Stage 01_03 · Rollout Checklist',
    status: 'in_progress',
    revision: 4,
    createdBy: 'user:default/ada',
    createdAt: '2026-11-30T09:00:00.000Z',
    updatedAt: '2026-12-01T09:00:00.000Z',
    ownerRef: 'group:default/reviewer-team',
    systemRef: 'system:default/multipass',
    counts: {
      steps: { done: 2, total: 9 },
      checks: { done: 3, total: 7 },
      signOffs: { approved: 1, total: 4 },
    },
    pendingRoles: ['QA Lead', 'Operations Lead', 'Product/Programme'],
    lastActivityAt: '2026-12-01T09:00:00.000Z',
    ...overrides,
  };
}

async function renderBoard(
  path: string,
  pages: RolloutPage[],
  language: RolloutLanguage = 'en',
) {
  const api = {
    listRollouts: jest.fn(),
    decideSignOff: jest.fn(async () => ({} as any)),
  } as unknown as jest.Mocked<RolloutApi>;
  pages.forEach(page => api.listRollouts.mockResolvedValueOnce(page));
  api.listRollouts.mockResolvedValue(pages[pages.length - 1]);
  const alertApi: jest.Mocked<Pick<AlertApi, 'post'>> = { post: jest.fn() };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [rolloutApiRef, api],
        [alertApiRef, alertApi],
        ...(language === 'en'
          ? []
          : ([
              [translationApiRef, rolloutTranslationApi(language)],
              [appLanguageApiRef, rolloutLanguageApi(language)],
            ] as const)),
      ]}
    >
      <RolloutsBoard />
    </TestApiProvider>,
    {
      routeEntries: [path],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );
  return { api, alertApi };
}

describe('RolloutsBoard', () => {
  it('asks the backend for the filters in the URL and shows one row per rollout', async () => {
    const { api } = await renderBoard(
      '/?status=blocked&status=in_progress&mine=pending&system=system:default/multipass&sort=status',
      [
        {
          items: [
            summary({}),
            summary({
              id: 'r2',
              entityRef: 'component:default/payments-api',
              version: 'v2.1.0',
              previousVersion: undefined,
              status: 'blocked',
              blockedReason: 'Product/Programme: rejected',
              systemRef: 'system:default/payments',
            }),
          ],
        },
      ],
    );
    const table = await screen.findByRole('table', { name: 'Rollouts' });
    expect(api.listRollouts).toHaveBeenCalledWith({
      status: ['blocked', 'in_progress'],
      system: 'system:default/multipass',
      pendingSignoffBy: 'me',
      sort: 'status',
      limit: 50,
    });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('v0.3.0 ← v0.2.0');
    expect(rows[1]).toHaveTextContent('Steps 2/9');
    expect(rows[1]).toHaveTextContent('Checks 3/7');
    expect(rows[1]).toHaveTextContent('1/4 approved');
    expect(rows[1]).toHaveTextContent('Open: 7 steps, 4 checks, 3 sign-offs');
    expect(
      within(rows[1]).getByRole('link', { name: /multipass-reviewer/ }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/multipass-reviewer/rollout',
    );
    expect(rows[2]).toHaveTextContent('Product/Programme: rejected');
    expect(rows[2]).toHaveTextContent('v2.1.0');
  });

  it('lets a signer approve in place with the revision it shows, then reloads', async () => {
    const row = summary({
      awaitingYou: [{ id: 'qa-lead', role: 'QA Lead' }],
    });
    const { api } = await renderBoard('/?mine=pending', [
      { items: [row] },
      { items: [] },
    ]);
    const group = await screen.findByRole('group', {
      name: 'Your sign-off as QA Lead',
    });
    await userEvent.click(
      within(group).getByRole('button', { name: 'Approve' }),
    );
    await waitFor(() =>
      expect(api.decideSignOff).toHaveBeenCalledWith('r1', 'qa-lead', {
        expectedRevision: 4,
        decision: 'approved',
      }),
    );
    expect(
      await screen.findByText('No rollout matches these filters.'),
    ).toBeInTheDocument();
  });

  it('shows the decision at once, and takes it back when the backend refuses it', async () => {
    const row = summary({
      awaitingYou: [{ id: 'qa-lead', role: 'QA Lead' }],
    });
    const { api, alertApi } = await renderBoard('/', [{ items: [row] }]);
    let refuse: (error: Error) => void = () => {};
    api.decideSignOff.mockImplementationOnce(
      () =>
        new Promise((_resolve, reject) => {
          refuse = reject;
        }),
    );
    const group = await screen.findByRole('group', {
      name: 'Your sign-off as QA Lead',
    });
    await userEvent.click(
      within(group).getByRole('button', { name: 'Approve' }),
    );
    expect(screen.getByRole('status')).toHaveTextContent('QA Lead: approved');
    expect(
      screen.queryByRole('group', { name: 'Your sign-off as QA Lead' }),
    ).not.toBeInTheDocument();

    refuse(new Error('QA Lead: the rollout is completed'));
    expect(
      await screen.findByRole('group', { name: 'Your sign-off as QA Lead' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
    expect(alertApi.post).toHaveBeenCalledWith({
      message: 'QA Lead: the rollout is completed',
      severity: 'error',
    });
  });

  it('asks why before a rejection', async () => {
    const row = summary({
      awaitingYou: [{ id: 'qa-lead', role: 'QA Lead' }],
    });
    const { api } = await renderBoard('/', [{ items: [row] }]);
    const group = await screen.findByRole('group', {
      name: 'Your sign-off as QA Lead',
    });
    await userEvent.click(
      within(group).getByRole('button', { name: 'Reject' }),
    );
    const dialog = await screen.findByRole('dialog');
    const reject = within(dialog).getByRole('button', { name: 'Reject' });
    expect(reject).toBeDisabled();
    await userEvent.type(
      within(dialog).getByLabelText('Why (required)'),
      'Evidence missing',
    );
    await userEvent.click(reject);
    await waitFor(() =>
      expect(api.decideSignOff).toHaveBeenCalledWith('r1', 'qa-lead', {
        expectedRevision: 4,
        decision: 'rejected',
        note: 'Evidence missing',
      }),
    );
  });

  it('pages with the cursor the backend gave', async () => {
    const { api } = await renderBoard('/', [
      { items: [summary({})], nextCursor: 'next-1' },
      { items: [summary({ id: 'r2', version: 'v0.2.0' })] },
    ]);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Show more' }),
    );
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(3));
    expect(api.listRollouts).toHaveBeenLastCalledWith({
      sort: 'lastActivity',
      limit: 50,
      cursor: 'next-1',
    });
  });

  it('reads in Russian, data as written', async () => {
    const row = summary({
      awaitingYou: [{ id: 'qa-lead', role: 'QA Lead' }],
    });
    await renderBoard('/?status=in_progress', [{ items: [row] }], 'ru');
    const table = await screen.findByRole('table', { name: 'Выкатки' });
    expect(
      within(table).getByRole('columnheader', { name: 'Что блокирует' }),
    ).toBeInTheDocument();
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('v0.3.0 ← v0.2.0');
    expect(rows[1]).toHaveTextContent('Шаги 2/9');
    expect(rows[1]).toHaveTextContent('Проверки 3/7');
    expect(rows[1]).toHaveTextContent('Одобрено 1/4');
    expect(rows[1]).toHaveTextContent(
      'Не закрыто: 7 шагов, 4 проверки, 3 согласования',
    );
    expect(within(rows[1]).getByText('идёт')).toBeInTheDocument();
    const group = within(rows[1]).getByRole('group', {
      name: 'Ваше согласование как QA Lead',
    });
    expect(
      within(group).getByRole('button', { name: 'Одобрить' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('search', { name: 'Фильтр выкаток' }),
    ).toHaveTextContent('Идёт');
    expect(
      screen.getByRole('button', { name: 'Скачать CSV' }),
    ).toBeInTheDocument();
  });
});
