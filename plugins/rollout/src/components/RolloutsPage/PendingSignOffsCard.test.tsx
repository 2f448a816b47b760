import { alertApiRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { RolloutSummary } from '@rollout/backstage-plugin-rollout-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { RolloutApi, rolloutApiRef } from '../../api';
import { PendingSignOffsCard } from './PendingSignOffsCard';

const waiting = {
  id: 'r1',
  entityRef: 'component:default/multipass-gateway',
  version: 'v1.4.0',
  title: 't',
  status: 'in_progress',
  revision: 7,
  createdBy: 'user:default/ada',
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  counts: {
    steps: { done: 0, total: 1 },
    checks: { done: 0, total: 1 },
    signOffs: { approved: 0, total: 1 },
  },
  pendingRoles: ['QA Lead'],
  awaitingYou: [{ id: 'qa-lead', role: 'QA Lead' }],
  lastActivityAt: '2026-12-01T00:00:00.000Z',
} as RolloutSummary;

describe('PendingSignOffsCard', () => {
  it('lists what waits for the user, decides it, and lists again', async () => {
    const api = {
      listRollouts: jest
        .fn()
        .mockResolvedValueOnce({ items: [waiting] })
        .mockResolvedValue({ items: [] }),
      decideSignOff: jest.fn(async () => ({})),
    } as unknown as jest.Mocked<RolloutApi>;
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [rolloutApiRef, api],
          [alertApiRef, { post: jest.fn() }],
        ]}
      >
        <PendingSignOffsCard />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    const list = await screen.findByRole('list', {
      name: 'Rollouts waiting for my sign-off',
    });
    expect(api.listRollouts).toHaveBeenCalledWith({
      pendingSignoffBy: 'me',
      sort: 'lastActivity',
      limit: 20,
    });
    expect(within(list).getByRole('link')).toHaveAttribute(
      'href',
      '/catalog/default/component/multipass-gateway/rollout',
    );
    await userEvent.click(
      within(list).getByRole('button', { name: 'Approve' }),
    );
    await waitFor(() =>
      expect(api.decideSignOff).toHaveBeenCalledWith('r1', 'qa-lead', {
        expectedRevision: 7,
        decision: 'approved',
      }),
    );
    expect(
      await screen.findByText('Nothing is waiting for your sign-off.'),
    ).toBeInTheDocument();
  });
});
