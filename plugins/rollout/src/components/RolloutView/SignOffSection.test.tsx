import { Entity } from '@backstage/catalog-model';
import { alertApiRef, identityApiRef } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  PermissionApi,
  permissionApiRef,
} from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Rollout } from '@rollout/backstage-plugin-rollout-common';
import { rolloutApiRef } from '../../api';
import { InMemoryRolloutApi } from '../../__testUtils__/InMemoryRolloutApi';
import { seedMarkdown } from '../../__testUtils__/seedMarkdown';
import { seedRollout } from '../../__testUtils__/seedRollout';
import { rolloutFormat } from '../../translation';
import { RolloutView } from './RolloutView';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'multipass-reviewer', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

// usePermission caches answers by rollout: each test has its own id.
let lastId = 0;
function rolloutOf(change: (rollout: Rollout) => Rollout = r => r) {
  lastId += 1;
  return change(
    seedRollout(seedMarkdown, { id: `multipass-reviewer-request-${lastId}` }),
  );
}

async function renderView(
  rollout: Rollout,
  permissionApi: PermissionApi = mockApis.permission(),
) {
  const api = new InMemoryRolloutApi([rollout]);
  const requestSignOffs = jest.spyOn(api, 'requestSignOffs');
  const alertApi = { post: jest.fn() };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [rolloutApiRef, api],
        [identityApiRef, mockApis.identity()],
        [permissionApiRef, permissionApi],
        [alertApiRef, alertApi],
      ]}
    >
      <RolloutView rolloutId={rollout.id} entity={entity} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  await screen.findByRole('heading', { name: rollout.title });
  return { requestSignOffs, alertApi };
}

const signOffs = () =>
  screen.getByRole('region', { name: 'Stakeholder sign-off' });

describe('Request sign-off', () => {
  it('asks the signers of the pending rows, says how many, and shows it in the history', async () => {
    const rollout = rolloutOf(r => ({
      ...r,
      checklist: {
        ...r.checklist,
        signOffs: r.checklist.signOffs.map(row =>
          row.id === 'qa-lead'
            ? { ...row, decision: 'approved' as const }
            : row,
        ),
      },
    }));
    const { requestSignOffs, alertApi } = await renderView(rollout);

    await userEvent.click(
      await within(signOffs()).findByRole('button', {
        name: 'Request sign-off',
      }),
    );

    expect(requestSignOffs).toHaveBeenCalledWith(rollout.id);
    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith({
        message: 'Asked 3 signers of 3 sign-offs',
        severity: 'success',
        display: 'transient',
      }),
    );
    expect(
      await screen.findByText(
        /^Asked for sign-off: Architecture Lead \(group:default\/architecture-leads\)/,
      ),
    ).toBeInTheDocument();
  });

  it('is disabled when no sign-off is pending', async () => {
    const rollout = rolloutOf(r => ({
      ...r,
      checklist: {
        ...r.checklist,
        signOffs: r.checklist.signOffs.map(row => ({
          ...row,
          decision: 'approved' as const,
        })),
      },
    }));
    await renderView(rollout);

    expect(
      await within(signOffs()).findByRole('button', {
        name: 'Request sign-off',
      }),
    ).toBeDisabled();
  });

  it('is not offered to those who may not update the rollout', async () => {
    const rollout = rolloutOf();
    const authorize = jest.fn((): AuthorizeResult.DENY => AuthorizeResult.DENY);
    await renderView(rollout, mockApis.permission({ authorize }));

    await waitFor(() => expect(authorize).toHaveBeenCalled());
    expect(
      within(signOffs()).queryByRole('button', { name: 'Request sign-off' }),
    ).not.toBeInTheDocument();
  });
});

describe('Sign-off table', () => {
  it('shows signers and who decided as links to their catalog pages', async () => {
    const rollout = rolloutOf(r => ({
      ...r,
      checklist: {
        ...r.checklist,
        signOffs: r.checklist.signOffs.map(row =>
          row.id === 'qa-lead'
            ? {
                ...row,
                signers: ['group:default/qa-leads', 'user:default/qa-anna'],
                decision: 'approved' as const,
                decidedBy: 'user:default/qa-anna',
                decidedAt: '2025-11-21T09:00:00.000Z',
              }
            : row,
        ),
      },
    }));
    await renderView(rollout);

    const qa = await within(signOffs()).findByTestId('signoff-qa-lead');
    const [signers, status] = within(qa).getAllByRole('cell').slice(2, 4);
    expect(signers).toHaveTextContent('qa-leads, qa-anna');
    expect(
      within(signers)
        .getAllByRole('link')
        .map(link => link.getAttribute('href')),
    ).toEqual([
      '/catalog/default/group/qa-leads',
      '/catalog/default/user/qa-anna',
    ]);
    expect(status).toHaveTextContent(
      `by qa-anna on ${rolloutFormat('en').dateTime(
        '2025-11-21T09:00:00.000Z',
      )}`,
    );
    expect(
      within(status).getByRole('link', { name: 'qa-anna' }),
    ).toHaveAttribute('href', '/catalog/default/user/qa-anna');
  });

  it('warns that nobody can sign a row without signers', async () => {
    const rollout = rolloutOf(r => ({
      ...r,
      checklist: {
        ...r.checklist,
        signOffs: r.checklist.signOffs.map(row =>
          row.id === 'qa-lead' ? { ...row, signers: [] } : row,
        ),
      },
    }));
    await renderView(rollout);

    const qa = await within(signOffs()).findByTestId('signoff-qa-lead');
    expect(within(qa).getAllByRole('cell')[2]).toHaveTextContent(
      /^Nobody yet$/,
    );
    expect(
      within(signOffs()).getByTestId('signoff-unsignable'),
    ).toHaveTextContent(
      /^Nobody can sign QA Lead: the row has no signers, and completing the rollout needs every sign-off approved\./,
    );
  });

  it('keeps its headers on one line', async () => {
    await renderView(rolloutOf());

    const headers = within(
      await within(signOffs()).findByRole('table', { name: 'Sign-offs' }),
    ).getAllByRole('columnheader');
    expect(headers.map(header => header.textContent)).toEqual([
      'Stakeholder',
      'Responsibility',
      'Signers',
      'Status',
      'Notes',
      'Decision',
    ]);
    for (const header of headers) {
      expect(getComputedStyle(header).whiteSpace).toBe('nowrap');
    }
  });
});
