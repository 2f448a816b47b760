import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { TestApiProvider, renderInTestApp } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { Rollout } from '@rollout/backstage-plugin-rollout-common';
import { RolloutApi, rolloutApiRef } from '../../api';
import { seedMarkdown } from '../../__testUtils__/seedMarkdown';
import { seedRollout, summaryOf } from '../../__testUtils__/seedRollout';
import { EntityRolloutSignOffCard } from './EntityRolloutSignOffCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'multipass-reviewer' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

function fakeRolloutApi(rollouts: Rollout[]) {
  const api: Pick<jest.Mocked<RolloutApi>, 'listRollouts' | 'getRollout'> = {
    listRollouts: jest.fn(async () => ({ items: rollouts.map(summaryOf) })),
    getRollout: jest.fn(async (id: string) => {
      const found = rollouts.find(rollout => rollout.id === id);
      if (!found) {
        throw new Error(`unexpected rollout id ${id}`);
      }
      return found;
    }),
  };
  return api;
}

async function renderCard(api: ReturnType<typeof fakeRolloutApi>) {
  await renderInTestApp(
    <TestApiProvider apis={[[rolloutApiRef, api]]}>
      <EntityProvider entity={entity}>
        <EntityRolloutSignOffCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('EntityRolloutSignOffCard', () => {
  it('shows each role of the newest rollout with its decision and who made it', async () => {
    const seed = seedRollout(seedMarkdown);
    const rollout: Rollout = {
      ...seed,
      checklist: {
        ...seed.checklist,
        signOffs: seed.checklist.signOffs.map(row => {
          if (row.id === 'qa-lead') {
            return {
              ...row,
              decision: 'approved' as const,
              decidedBy: 'user:default/qa-anna',
            };
          }
          if (row.id === 'operations-lead') {
            return {
              ...row,
              decision: 'rejected' as const,
              decidedBy: 'user:default/ops-olle',
            };
          }
          return row;
        }),
      },
    };
    const api = fakeRolloutApi([rollout]);
    await renderCard(api);

    const list = await screen.findByRole('list', { name: 'Sign-off status' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map(row => row.textContent)).toEqual([
      'Architecture Leadpending',
      'QA Leadqa-annaapproved',
      'Operations Leadops-ollerejected',
      'Product/Programmepending',
    ]);
    expect(
      within(rows[1]).getByRole('link', { name: 'qa-anna' }),
    ).toHaveAttribute('href', '/catalog/default/user/qa-anna');
    expect(within(rows[1]).getByTestId('status-approved')).toBeInTheDocument();
    expect(within(rows[2]).getByTestId('status-rejected')).toBeInTheDocument();
    expect(screen.getByText('v0.3.0 · in progress')).toBeInTheDocument();
    expect(api.listRollouts).toHaveBeenCalledWith({
      entityRef: 'component:default/multipass-reviewer',
      limit: 1,
    });
    expect(api.getRollout).toHaveBeenCalledWith(rollout.id);
  });

  it('says so when the entity has no rollout', async () => {
    const api = fakeRolloutApi([]);
    await renderCard(api);

    expect(
      await screen.findByText('No rollout for this entity yet.'),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('list', { name: 'Sign-off status' }),
    ).not.toBeInTheDocument();
    expect(api.getRollout).not.toHaveBeenCalled();
  });
});
