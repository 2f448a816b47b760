import { Entity } from '@backstage/catalog-model';
import {
  alertApiRef,
  configApiRef,
  identityApiRef,
} from '@backstage/core-plugin-api';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
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
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { rolloutApiRef } from '../../api';
import { STALE_MESSAGE } from '../../hooks/useRollout';
import { InMemoryRolloutApi } from '../../__testUtils__/InMemoryRolloutApi';
import { seedMarkdown } from '../../__testUtils__/seedMarkdown';
import { seedRollout } from '../../__testUtils__/seedRollout';
import { RolloutView } from './RolloutView';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'multipass-reviewer', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

const seed = seedRollout(seedMarkdown);

async function renderView(
  rollout: Rollout,
  permissionApi: PermissionApi = mockApis.permission(),
  config: object = {},
) {
  const api = new InMemoryRolloutApi([rollout]);
  const setRolloutStatus = jest.spyOn(api, 'setRolloutStatus');
  // The in-memory API has no scaffolder: a run answers with a task id.
  const runStep = jest
    .spyOn(api, 'runStep')
    .mockImplementation(async (_id: string, stepId: string) => ({
      taskId: 'task-1',
      step: rollout.checklist.steps.find(step => step.id === stepId)!,
    }));
  const alertApi = { post: jest.fn() };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [rolloutApiRef, api],
        [identityApiRef, mockApis.identity()],
        [permissionApiRef, permissionApi],
        [alertApiRef, alertApi],
        [configApiRef, mockApis.config({ data: config })],
      ]}
    >
      <RolloutView rolloutId={rollout.id} entity={entity} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  await screen.findByRole('heading', { name: rollout.title });
  return { api, setRolloutStatus, runStep, alertApi };
}

/** The names of the status change buttons, once the permission is known. */
async function statusButtons() {
  const group = await screen.findByRole('group', { name: 'Status changes' });
  return within(group)
    .getAllByRole('button')
    .map(button => button.textContent);
}

/** Opens the dialog of a status change. */
async function open(label: string) {
  await userEvent.click(await screen.findByRole('button', { name: label }));
  return screen.getByRole('dialog', { name: `${label} v0.3.0?` });
}

describe('RolloutStatusActions', () => {
  it.each([
    ['draft', ['Start rollout', 'Block']],
    ['in_progress', ['Complete', 'Roll back', 'Block']],
    ['blocked', ['Resume', 'Roll back']],
  ] as const)('offers what a %s rollout may do', async (status, labels) => {
    await renderView({ ...seed, status });

    expect(await statusButtons()).toEqual(labels);
  });

  it.each(['completed', 'rolled_back'] as const)(
    'offers nothing once %s, and says the rollout is read-only',
    async status => {
      await renderView({ ...seed, status });

      expect(await screen.findByTestId('rollout-final')).toHaveTextContent(
        `Rollout v0.3.0 is ${status.replace(
          '_',
          ' ',
        )}: it is final and read-only; create a new version to change it`,
      );
      const section = screen.getByRole('region', {
        name: 'Pre-flight validation',
      });
      for (const box of within(section).getAllByRole('checkbox')) {
        expect(box).toBeDisabled();
      }
      expect(screen.getByTestId(`status-${status}`)).toBeInTheDocument();
      expect(
        screen.queryByRole('group', { name: 'Status changes' }),
      ).not.toBeInTheDocument();
    },
  );

  it('offers nothing to a user who may not update the rollout', async () => {
    // usePermission caches answers by rollout, so use one no other test asks about.
    const rollout = { ...seed, id: 'multipass-reviewer-v0.3.0-read-only' };
    const authorize = jest.fn(
      (_request: EvaluatePermissionRequest): AuthorizeResult.DENY =>
        AuthorizeResult.DENY,
    );
    await renderView(rollout, mockApis.permission({ authorize }));

    await waitFor(() => expect(authorize).toHaveBeenCalled());
    expect(
      screen.queryByRole('group', { name: 'Status changes' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Complete' }),
    ).not.toBeInTheDocument();
  });

  it('waits for the pre-flight checks before it offers to start', async () => {
    await renderView({ ...seed, id: 'draft-open-checks', status: 'draft' });
    const start = await screen.findByRole('button', { name: 'Start rollout' });
    await waitFor(() => expect(start).toBeDisabled());
    expect(screen.getByTestId('start-blockers')).toHaveTextContent(
      /^Starts once every pre-flight check is ticked: 7 pre-flight check\(s\) open: `make lint-allowlist`/,
    );
    expect(start).toHaveAttribute('aria-describedby', 'rollout-start-blockers');
  });

  it('starts a draft at the current revision after confirmation', async () => {
    const { setRolloutStatus } = await renderView({
      ...seed,
      status: 'draft',
      revision: 4,
      checklist: {
        ...seed.checklist,
        preflightChecks: seed.checklist.preflightChecks.map(check => ({
          ...check,
          checked: true,
        })),
      },
    });

    const dialog = await open('Start rollout');
    expect(dialog).toHaveTextContent(
      'The status goes from draft to in progress.',
    );
    const reason = within(dialog).getByRole('textbox', { name: 'Reason' });
    expect(reason).not.toBeRequired();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Start rollout' }),
    );

    expect(setRolloutStatus).toHaveBeenCalledWith(seed.id, {
      expectedRevision: 4,
      status: 'in_progress',
    });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await screen.findByTestId('status-in_progress')).toHaveTextContent(
      'in progress',
    );
    expect(screen.queryByTestId('status-draft')).not.toBeInTheDocument();
    expect(
      await screen.findByText('Status draft → in_progress'),
    ).toBeInTheDocument();
    expect(await statusButtons()).toEqual(['Complete', 'Roll back', 'Block']);
  });

  it('rolls back only with a reason, and sends it', async () => {
    const { setRolloutStatus } = await renderView(seed);

    const dialog = await open('Roll back');
    const confirm = within(dialog).getByRole('button', {
      name: 'Record as rolled back',
    });
    const reason = within(dialog).getByRole('textbox', { name: 'Reason' });
    expect(reason).toBeRequired();
    expect(confirm).toBeDisabled();
    await userEvent.type(reason, '   ');
    expect(confirm).toBeDisabled();
    await userEvent.type(reason, 'error budget burnt ');
    expect(confirm).toBeEnabled();
    await userEvent.click(confirm);

    expect(setRolloutStatus).toHaveBeenCalledWith(seed.id, {
      expectedRevision: 1,
      status: 'rolled_back',
      reason: 'error budget burnt',
    });
    expect(await screen.findByTestId('status-rolled_back')).toHaveTextContent(
      'rolled back',
    );
    expect(
      await screen.findByText(
        'Status in_progress → rolled_back: error budget burnt',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('group', { name: 'Status changes' }),
    ).not.toBeInTheDocument();
  });

  it('offers to run the rollback steps, which go back to the previous version', async () => {
    const { setRolloutStatus, runStep } = await renderView({
      ...seed,
      id: 'roll-back-by-running',
    });

    const dialog = await open('Roll back');
    expect(within(dialog).getByTestId('rollback-run')).toHaveTextContent(
      'Runs rollback step 10 (git checkout v0.2.0) as scaffolder tasks. The rollout goes back to v0.2.0 and is rolled back when they succeed.',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Run rollback' }),
    );

    await waitFor(() =>
      expect(runStep).toHaveBeenCalledWith(
        'roll-back-by-running',
        'step-10',
        undefined,
      ),
    );
    expect(setRolloutStatus).not.toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('sends nothing when cancelled', async () => {
    const { setRolloutStatus } = await renderView({
      ...seed,
      status: 'blocked',
    });

    const dialog = await open('Resume');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Reason' }),
      'fixed',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Cancel' }),
    );

    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(setRolloutStatus).not.toHaveBeenCalled();
    expect(screen.getByTestId('status-blocked')).toBeInTheDocument();
  });

  it('lists what completing waits for, each linking to its row, instead of completing', async () => {
    const { setRolloutStatus } = await renderView(seed);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Complete' }),
    );
    const dialog = screen.getByRole('dialog', {
      name: 'v0.3.0 cannot be completed yet',
    });
    const checks = within(dialog).getByRole('list', {
      name: 'Pre-flight checks not ticked (7)',
    });
    expect(within(checks).getAllByRole('link')).toHaveLength(7);
    expect(
      within(dialog).getByRole('list', { name: 'Sign-offs not approved (4)' }),
    ).toBeInTheDocument();
    const steps = within(dialog).getByRole('list', {
      name: 'Runbook steps neither succeeded nor skipped (9)',
    });
    // Commands read as code, not as backticks.
    const first = within(steps).getAllByRole('link')[0];
    expect(first).toHaveTextContent(
      'Step 1 (pending): poetry install --with dev',
    );
    expect(first.querySelector('code')).toHaveTextContent(
      'poetry install --with dev',
    );
    expect(first).toHaveAttribute('href', '#rollout-step-step-1');
    expect(
      within(dialog).queryByRole('button', { name: 'Complete' }),
    ).not.toBeInTheDocument();

    await userEvent.click(first);
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    await waitFor(() =>
      expect(document.activeElement).toHaveAttribute(
        'id',
        'rollout-step-step-1',
      ),
    );
    expect(setRolloutStatus).not.toHaveBeenCalled();
  });

  it.each([
    [{}, true],
    [{ rollout: { completion: { requireCommunication: false } } }, false],
  ])(
    'lists the communication plan among what completing waits for only when app-config says it waits (%j)',
    async (config, listed) => {
      await renderView(seed, mockApis.permission(), config);

      await userEvent.click(
        await screen.findByRole('button', { name: 'Complete' }),
      );
      const dialog = screen.getByRole('dialog', {
        name: 'v0.3.0 cannot be completed yet',
      });
      expect(
        within(dialog).queryByRole('list', {
          name: /^Communication items not done/,
        }) !== null,
      ).toBe(listed);
      expect(
        within(dialog).getByRole('list', { name: /^Sign-offs not approved/ }),
      ).toBeInTheDocument();
    },
  );

  it('reloads instead when someone else changed the rollout meanwhile', async () => {
    const { api, alertApi } = await renderView(seed);
    await api.setPreflightCheck(seed.id, 'check-1', {
      expectedRevision: 1,
      checked: true,
    });

    const dialog = await open('Block');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Reason' }),
      'waiting for the vendor',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Block' }),
    );

    await waitFor(() =>
      expect(alertApi.post).toHaveBeenCalledWith({
        message: STALE_MESSAGE,
        severity: 'warning',
      }),
    );
    expect(
      await screen.findByText(/Pre-flight: 1 of 7 checked/),
    ).toBeInTheDocument();
    expect(screen.getByTestId('status-in_progress')).toBeInTheDocument();
    expect(screen.queryByTestId('status-blocked')).not.toBeInTheDocument();
  });
});
