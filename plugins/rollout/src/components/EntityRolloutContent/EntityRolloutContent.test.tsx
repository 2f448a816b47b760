import { Entity } from '@backstage/catalog-model';
import {
  AlertApi,
  alertApiRef,
  identityApiRef,
} from '@backstage/core-plugin-api';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
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
import userEvent, { UserEvent } from '@testing-library/user-event';
import {
  Rollout,
  RolloutEvent,
  Step,
} from '@rollout/backstage-plugin-rollout-common';
import { RolloutApi, rolloutApiRef } from '../../api';
import { STALE_MESSAGE } from '../../hooks/useRollout';
import { demoGates } from '../../__testUtils__/demoGates';
import { responseError } from '../../__testUtils__/responseError';
import { seedMarkdown } from '../../__testUtils__/seedMarkdown';
import { seedRollout, summaryOf } from '../../__testUtils__/seedRollout';
import { EntityRolloutContent } from './EntityRolloutContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'multipass-reviewer',
    namespace: 'default',
    annotations: {
      'backstage.io/source-location':
        'url:https://example.com/multipass-reviewer/tree/main/',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

const seed = seedRollout(seedMarkdown);

/** The history as the backend returns it: newest first. */
const history: RolloutEvent[] = [
  {
    id: 3,
    rolloutId: seed.id,
    actor: 'user:default/ops',
    type: 'rollout.status',
    message: 'Status draft → in_progress',
    revision: 3,
    createdAt: '2025-11-20T11:00:00.000Z',
  },
  {
    id: 2,
    rolloutId: seed.id,
    actor: 'user:default/release-manager',
    type: 'rollout.edited',
    message: 'Edited the migration guide',
    revision: 2,
    createdAt: '2025-11-20T10:00:00.000Z',
  },
  {
    id: 1,
    rolloutId: seed.id,
    actor: 'user:default/release-manager',
    type: 'rollout.created',
    message:
      'Created the rollout of v0.3.0 with 10 steps, 7 pre-flight checks and 4 sign-offs',
    revision: 1,
    createdAt: '2025-11-20T09:00:00.000Z',
  },
];

/** A rollout API whose every method is a `jest.fn`, serving `rollouts`. */
function fakeRolloutApi(
  rollouts: Rollout[] = [seed],
  events: RolloutEvent[] = history,
): jest.Mocked<RolloutApi> {
  const find = (id: string) => {
    const found = rollouts.find(rollout => rollout.id === id);
    if (!found) {
      throw new Error(`unexpected rollout id ${id}`);
    }
    return found;
  };
  return {
    listRollouts: jest.fn(async () => ({ items: rollouts.map(summaryOf) })),
    getRollout: jest.fn(async (id: string) => find(id)),
    getRolloutEvents: jest.fn(async (_id: string) => events),
    getRolloutMarkdown: jest.fn(),
    createRollout: jest.fn(),
    importRollout: jest.fn(),
    updateRollout: jest.fn(),
    updateRolloutMarkdown: jest.fn(),
    setPreflightCheck: jest.fn(),
    setCommunicationItem: jest.fn(),
    decideSignOff: jest.fn(),
    requestSignOffs: jest.fn(),
    getAnnouncement: jest.fn(),
    sendAnnouncement: jest.fn(),
    setRolloutStatus: jest.fn(),
    runStep: jest.fn(),
    confirmStep: jest.fn(),
    skipStep: jest.fn(),
    reopenStep: jest.fn(),
    getStepLog: jest.fn(async (_id: string, _stepId: string) => ({
      lines: [] as string[],
      truncated: false,
    })),
    getGates: jest.fn(async (id: string) => demoGates(find(id))),
    markCriterion: jest.fn(),
  };
}

async function renderContent(
  options: {
    api?: jest.Mocked<RolloutApi>;
    permissionApi?: PermissionApi;
  } = {},
) {
  const api = options.api ?? fakeRolloutApi();
  const alertApi: jest.Mocked<Pick<AlertApi, 'post'>> = { post: jest.fn() };
  const identityApi = mockApis.identity({
    userEntityRef: 'user:default/guest',
    ownershipEntityRefs: ['user:default/guest', 'group:default/qa-leads'],
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [rolloutApiRef, api],
        [identityApiRef, identityApi],
        [permissionApiRef, options.permissionApi ?? mockApis.permission()],
        [alertApiRef, alertApi],
      ]}
    >
      <EntityProvider entity={entity}>
        <EntityRolloutContent />
      </EntityProvider>
    </TestApiProvider>,
    // Actors and signers link to their catalog pages.
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { api, alertApi };
}

/** A section of the tab, found by the title it is labelled with. */
function section(title: string) {
  return screen.getByRole('region', { name: title });
}

/** The rows of a table's body. */
function bodyRows(table: HTMLElement) {
  return within(table).getAllByRole('row').slice(1);
}

/** Waits for the tab to load the rollout and render its markdown. */
async function loaded() {
  await screen.findByRole('heading', {
    name: 'Stage 01_03 · Rollout Checklist',
  });
  await within(section('Communication')).findByText(/comms plan/);
}

/** The sign-off row of the QA Lead, once the signed-in user may decide it. */
async function qaLeadRow() {
  const row = screen.getByTestId('signoff-qa-lead');
  await within(row).findByRole('button', { name: 'Approve' });
  return row;
}

/** A promise the test resolves or rejects when it chooses. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

function withSignOff(
  rollout: Rollout,
  signOffId: string,
  change: Partial<Rollout['checklist']['signOffs'][number]>,
  revision: number,
): Rollout {
  return {
    ...rollout,
    revision,
    checklist: {
      ...rollout.checklist,
      signOffs: rollout.checklist.signOffs.map(row =>
        row.id === signOffId ? { ...row, ...change } : row,
      ),
    },
  };
}

/** The rollout with each step changed by `change`, at `revision`. */
function withSteps(
  rollout: Rollout,
  change: (step: Step) => Step,
  revision: number,
): Rollout {
  return {
    ...rollout,
    revision,
    checklist: {
      ...rollout.checklist,
      steps: rollout.checklist.steps.map(change),
    },
  };
}

describe('EntityRolloutContent', () => {
  let user: UserEvent;
  beforeEach(() => {
    user = userEvent.setup({ delay: null });
  });

  describe('with the Stage 01_03 seed', () => {
    it('asks for the rollouts of the entity', async () => {
      const { api } = await renderContent();
      await loaded();

      expect(api.listRollouts).toHaveBeenCalledWith(
        expect.objectContaining({
          entityRef: 'component:default/multipass-reviewer',
        }),
      );
      expect(api.getRollout).toHaveBeenCalledWith(seed.id);
      expect(api.getRolloutEvents).toHaveBeenCalledWith(seed.id);
    });

    it('renders the header: title, versions, status, progress and links', async () => {
      await renderContent();
      await loaded();

      expect(
        screen.getByRole('heading', {
          name: 'Stage 01_03 · Rollout Checklist',
        }),
      ).toBeInTheDocument();
      expect(screen.getByTestId('rollout-versions')).toHaveTextContent(
        'v0.3.0 ← v0.2.0',
      );
      expect(screen.getByTestId('status-in_progress')).toHaveTextContent(
        'in progress',
      );
      expect(
        screen.getByText(
          'Runbook: 0 of 9 steps done · Pre-flight: 0 of 7 checked · Sign-off: 0 of 4 approved',
        ),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('link', { name: /^Release notes/ }),
      ).toHaveAttribute(
        'href',
        'https://example.com/multipass-reviewer/tree/main/CHANGELOG.md',
      );
      expect(
        screen.getByRole('link', { name: 'Migration guide' }),
      ).toHaveAttribute(
        'href',
        expect.stringMatching(/#rollout-migration-guide$/),
      );
      expect(section('Developer migration guide')).toHaveAttribute(
        'id',
        'rollout-migration-guide',
      );
    });

    it('neither shows nor links a migration guide the checklist does not have', async () => {
      const rollout = {
        ...seed,
        checklist: { ...seed.checklist, migrationGuide: [], prose: {} },
      };
      await renderContent({ api: fakeRolloutApi([rollout]) });
      await loaded();

      expect(
        screen.queryByRole('link', { name: 'Migration guide' }),
      ).not.toBeInTheDocument();
      expect(
        screen.queryByRole('region', { name: 'Developer migration guide' }),
      ).not.toBeInTheDocument();
      expect(
        screen.getByRole('region', { name: 'Pre-flight validation' }),
      ).toBeInTheDocument();
    });

    it("links the rollout's own release notes when it has them", async () => {
      const rollout = {
        ...seed,
        releaseNotesUrl:
          'https://example.com/releases/multipass-reviewer/v0.3.0',
      };
      await renderContent({ api: fakeRolloutApi([rollout]) });
      await loaded();

      expect(
        screen.getByRole('link', { name: /^Release notes/ }),
      ).toHaveAttribute(
        'href',
        'https://example.com/releases/multipass-reviewer/v0.3.0',
      );
    });

    it('renders the runbook, with the rollback step beside the criteria', async () => {
      await renderContent();
      await loaded();
      const runbook = section('Operator runbook');

      const steps = bodyRows(
        within(runbook).getByRole('table', { name: 'Runbook steps' }),
      );
      expect(steps).toHaveLength(9);
      expect(
        steps.map(row => within(row).getAllByRole('cell')[0].textContent),
      ).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
      const install = await within(steps[0]).findByText(
        'poetry install --with dev',
      );
      expect(install.tagName).toBe('CODE');
      expect(within(steps[5]).getByText(/docker compose -f/).tagName).toBe(
        'CODE',
      );
      expect(steps[8]).toHaveTextContent(
        'Post-deploy: trigger sample review (scripts/dev/run_modular_review.py)',
      );

      const rollback = bodyRows(
        within(runbook).getByRole('table', { name: 'Rollback steps' }),
      );
      expect(rollback).toHaveLength(1);
      expect(rollback[0]).toHaveTextContent(
        '10Rollback (if needed): git checkout <prev-tag> + redeploy',
      );
      expect(
        within(rollback[0]).getByText('git checkout <prev-tag>').tagName,
      ).toBe('CODE');

      const criteria = within(
        within(runbook).getByLabelText('Rollback trigger criteria'),
      ).getAllByRole('listitem');
      expect(criteria.map(item => item.textContent)).toEqual([
        'make lint-allowlist or make review-test fails post-deploy.',
        'Reviewer container emits fatal errors for multiple tasks.',
        'Prometheus review_pass_failures_total spikes above baseline.',
      ]);
    });

    it('renders the migration guide with its code kept', async () => {
      await renderContent();
      await loaded();
      const guide = section('Developer migration guide');

      await within(guide).findByText(/Update dependency/);
      const items = guide.querySelector('ol')!.children;
      expect(items).toHaveLength(5);
      expect(items[0]).toHaveTextContent(
        'multipass-reviewer = { git = "https://example.com/multipass-reviewer.git", tag = "v0.3.0" }',
      );
      expect(items[1]).toHaveTextContent(
        'Delete env vars USE_MODULAR_REVIEWER.',
      );
      expect(items[4]).toHaveTextContent(
        'Update documentation references to the new version and mandatory reviewer path.',
      );
    });

    it('renders the seven pre-flight checks', async () => {
      await renderContent();
      await loaded();
      const preflight = section('Pre-flight validation');

      const boxes = within(preflight).getAllByRole('checkbox');
      expect(boxes).toHaveLength(7);
      boxes.forEach(box => expect(box).not.toBeChecked());
      expect(preflight).toHaveTextContent(
        'Release notes/changelog approved by tech lead',
      );
    });

    it('renders the four sign-offs, offering a decision only where the user signs', async () => {
      await renderContent();
      await loaded();
      const signOff = section('Stakeholder sign-off');
      const qa = await qaLeadRow();

      const rows = bodyRows(within(signOff).getByRole('table'));
      expect(
        rows.map(row => within(row).getAllByRole('cell')[0].textContent),
      ).toEqual([
        'Architecture Lead',
        'QA Lead',
        'Operations Lead',
        'Product/Programme',
      ]);
      rows.forEach(row =>
        expect(within(row).getByTestId('status-pending')).toBeInTheDocument(),
      );
      expect(qa).toHaveTextContent('qa-leads');
      expect(
        within(qa).getByRole('link', { name: 'qa-leads' }),
      ).toHaveAttribute('href', '/catalog/default/group/qa-leads');
      expect(
        within(qa).getByRole('button', { name: 'Reject' }),
      ).toBeInTheDocument();
      expect(within(qa).queryByText('Not a signer')).not.toBeInTheDocument();
      for (const id of [
        'architecture-lead',
        'operations-lead',
        'product-programme',
      ]) {
        const row = screen.getByTestId(`signoff-${id}`);
        expect(within(row).getByText('Not a signer')).toBeInTheDocument();
        expect(within(row).queryByRole('button')).not.toBeInTheDocument();
      }
    });

    it('renders the live state of the metrics, alerts and rollback criteria', async () => {
      const { api } = await renderContent();
      await loaded();
      const monitoring = section('Monitoring & observability');

      expect(
        await within(monitoring).findByText(/^Last evaluated/),
      ).toBeInTheDocument();
      expect(api.getGates).toHaveBeenCalledWith(seed.id);
      expect(
        within(monitoring)
          .getAllByRole('region')
          .map(card => card.getAttribute('aria-label')),
      ).toEqual([
        'review_pass_runtime_seconds',
        'review_pass_failures_total',
        'llm_request_latency_seconds',
        'modular_reviewer_sessions_total',
      ]);
      const failures = within(monitoring).getByRole('region', {
        name: 'review_pass_failures_total',
      });
      expect(
        within(failures).getByTestId('gate-state-warning'),
      ).toHaveTextContent('warning');
      expect(failures).toHaveTextContent(
        'rose 7.5% from the baseline (tolerance 10%)',
      );

      expect(
        within(monitoring).getByRole('heading', { name: 'Alerts' }),
      ).toBeInTheDocument();
      const alerts = bodyRows(
        within(monitoring).getByRole('table', { name: 'Alerts' }),
      );
      expect(
        alerts.map(row => within(row).getAllByRole('cell')[0].textContent),
      ).toEqual(['MCPReviewerJobFailuresHigh', 'ModularReviewerLatencyHigh']);
      expect(alerts[0]).toHaveTextContent('Alertmanager');
      expect(within(alerts[0]).getByText('inactive')).toBeInTheDocument();
      expect(within(alerts[1]).getByText('silenced')).toBeInTheDocument();

      expect(
        within(monitoring).getByRole('heading', { name: 'Rollback criteria' }),
      ).toBeInTheDocument();
      const criteria = bodyRows(
        within(monitoring).getByRole('table', { name: 'Rollback criteria' }),
      );
      expect(criteria).toHaveLength(3);
      expect(monitoring).not.toHaveTextContent('not read');
    });

    it('renders the communication plan', async () => {
      await renderContent();
      await loaded();
      const communication = section('Communication');

      const items = within(communication).getAllByRole('listitem');
      expect(items).toHaveLength(3);
      expect(items[0]).toHaveTextContent(
        'Notify stakeholders via Stage 01_03 comms plan (email + Slack + board update).',
      );
      expect(items[1]).toHaveTextContent(
        'Mention removal of use_modular_reviewer flag and mandatory adoption.',
      );
      expect(items[2]).toHaveTextContent(
        'Provide link to migration guide and release notes (CHANGELOG.md).',
      );
      const boxes = within(communication).getAllByRole('checkbox');
      expect(boxes).toHaveLength(3);
      boxes.forEach(box => expect(box).not.toBeChecked());
    });

    it('renders the history newest first, in the order the API gives it', async () => {
      await renderContent();
      await loaded();

      const events = within(
        screen.getByRole('list', { name: 'Rollout history' }),
      ).getAllByRole('listitem');
      expect(events.map(event => event.textContent)).toEqual([
        expect.stringContaining('Status draft → in_progress'),
        expect.stringContaining('Edited the migration guide'),
        expect.stringContaining('Created the rollout of v0.3.0'),
      ]);
      expect(events[0]).toHaveTextContent('ops');
      expect(
        within(events[0]).getByRole('link', { name: 'ops' }),
      ).toHaveAttribute('href', '/catalog/default/user/ops');
      expect(
        within(events[1]).getByRole('link', { name: 'release-manager' }),
      ).toHaveAttribute('href', '/catalog/default/user/release-manager');
      expect(events[0]).toHaveTextContent('revision 3');
    });
  });

  describe('signing off', () => {
    const note = 'Evidence in CI run 4312';

    /** Opens the QA Lead's dialog for the decision and fills in the note. */
    async function decide(verb: 'Approve' | 'Reject', text: string) {
      const qa = await qaLeadRow();
      await user.click(within(qa).getByRole('button', { name: verb }));
      const dialog = screen.getByRole('dialog', { name: `${verb} as QA Lead` });
      await user.type(within(dialog).getByRole('textbox'), text);
      await user.click(within(dialog).getByRole('button', { name: verb }));
      return qa;
    }

    it('approves with a note, showing the decision at once and then what the server answers', async () => {
      const api = fakeRolloutApi();
      const answer = deferred<Rollout>();
      api.decideSignOff.mockReturnValue(answer.promise);
      await renderContent({ api });
      await loaded();

      const qa = await decide('Approve', note);

      expect(api.decideSignOff).toHaveBeenCalledTimes(1);
      expect(api.decideSignOff).toHaveBeenCalledWith(seed.id, 'qa-lead', {
        expectedRevision: 1,
        decision: 'approved',
        note,
      });
      expect(within(qa).getByTestId('status-approved')).toBeInTheDocument();
      expect(qa).not.toHaveTextContent('by guest');

      const decided = {
        id: 4,
        rolloutId: seed.id,
        actor: 'user:default/guest',
        type: 'signoff.decided',
        message: `QA Lead: approved ("${note}")`,
        revision: 4,
        createdAt: '2025-11-21T10:00:00.000Z',
      };
      api.getRolloutEvents.mockResolvedValue([decided, ...history]);
      answer.resolve(
        withSignOff(
          seed,
          'qa-lead',
          {
            decision: 'approved',
            note,
            decidedBy: 'user:default/guest',
            decidedAt: '2025-11-21T10:00:00.000Z',
          },
          4,
        ),
      );

      await waitFor(() => expect(qa).toHaveTextContent(/by guest on /));
      expect(within(qa).getByRole('link', { name: 'guest' })).toHaveAttribute(
        'href',
        '/catalog/default/user/guest',
      );
      expect(within(qa).getByTestId('status-approved')).toBeInTheDocument();
      expect(
        within(qa).getByRole('button', { name: 'Approve' }),
      ).toBeDisabled();
      expect(screen.getByText(/Sign-off: 1 of 4 approved/)).toBeInTheDocument();
      expect(
        await screen.findByText(`QA Lead: approved ("${note}")`),
      ).toBeInTheDocument();
    });

    it('rejects only with a reason', async () => {
      const api = fakeRolloutApi();
      api.decideSignOff.mockImplementation(async () => ({
        ...withSignOff(
          seed,
          'qa-lead',
          {
            decision: 'rejected',
            note: 'Shared SDK suite fails',
            decidedBy: 'user:default/guest',
          },
          2,
        ),
        status: 'blocked',
      }));
      await renderContent({ api });
      await loaded();
      const qa = await qaLeadRow();

      await user.click(within(qa).getByRole('button', { name: 'Reject' }));
      const dialog = screen.getByRole('dialog', { name: 'Reject as QA Lead' });
      const confirm = within(dialog).getByRole('button', { name: 'Reject' });
      const reason = within(dialog).getByRole('textbox', {
        name: 'Why (required)',
      });
      expect(confirm).toBeDisabled();
      await user.type(reason, '   ');
      expect(confirm).toBeDisabled();
      await user.type(reason, 'Shared SDK suite fails ');
      expect(confirm).toBeEnabled();
      await user.click(confirm);

      expect(api.decideSignOff).toHaveBeenCalledWith(seed.id, 'qa-lead', {
        expectedRevision: 1,
        decision: 'rejected',
        note: 'Shared SDK suite fails',
      });
      expect(await screen.findByTestId('status-blocked')).toBeInTheDocument();
      expect(within(qa).getByTestId('status-rejected')).toBeInTheDocument();
      expect(qa).toHaveTextContent('Shared SDK suite fails');
    });

    it('undoes the decision and says why when the backend refuses it', async () => {
      const api = fakeRolloutApi();
      const answer = deferred<Rollout>();
      api.decideSignOff.mockReturnValue(answer.promise);
      const { alertApi } = await renderContent({ api });
      await loaded();

      const qa = await decide('Approve', note);
      expect(within(qa).getByTestId('status-approved')).toBeInTheDocument();

      const message =
        "user:default/guest is not a signer of 'QA Lead': it is signed by group:default/qa-leads";
      answer.reject(
        await responseError(403, 'Forbidden', {
          name: 'NotAllowedError',
          message,
        }),
      );

      expect(
        await within(qa).findByTestId('status-pending'),
      ).toBeInTheDocument();
      expect(
        within(qa).queryByTestId('status-approved'),
      ).not.toBeInTheDocument();
      expect(qa).not.toHaveTextContent(note);
      expect(alertApi.post).toHaveBeenCalledTimes(1);
      expect(alertApi.post).toHaveBeenCalledWith({
        message,
        severity: 'error',
      });
      expect(api.getRollout).toHaveBeenCalledTimes(1);
    });

    it('reloads the rollout when someone else changed it first', async () => {
      const api = fakeRolloutApi();
      const changedMeanwhile = withSignOff(
        seed,
        'operations-lead',
        {
          decision: 'approved',
          decidedBy: 'user:default/ops',
          decidedAt: '2025-11-21T09:30:00.000Z',
        },
        2,
      );
      api.getRollout.mockResolvedValue(changedMeanwhile);
      api.getRollout.mockResolvedValueOnce(seed);
      api.decideSignOff.mockRejectedValue(
        await responseError(409, 'Conflict', {
          name: 'ConflictError',
          reason: 'staleRevision',
          message: `Rollout '${seed.id}' is at revision 2, not 1`,
        }),
      );
      const { alertApi } = await renderContent({ api });
      await loaded();

      const qa = await decide('Approve', note);

      await waitFor(() =>
        expect(alertApi.post).toHaveBeenCalledWith({
          message: STALE_MESSAGE,
          severity: 'warning',
        }),
      );
      expect(api.getRollout).toHaveBeenCalledTimes(2);
      const operations = screen.getByTestId('signoff-operations-lead');
      expect(
        await within(operations).findByTestId('status-approved'),
      ).toBeInTheDocument();
      expect(operations).toHaveTextContent('by ops on ');
      expect(within(qa).getByTestId('status-pending')).toBeInTheDocument();
    });
  });

  describe('communication items', () => {
    it('marks an item done for the current revision, with who', async () => {
      const api = fakeRolloutApi();
      api.setCommunicationItem.mockImplementation(async (_id, itemId) => ({
        ...seed,
        revision: 2,
        checklist: {
          ...seed.checklist,
          communication: seed.checklist.communication.map(item =>
            item.id === itemId
              ? {
                  ...item,
                  done: true,
                  doneBy: 'user:default/guest',
                  doneAt: '2025-11-21T10:00:00.000Z',
                }
              : item,
          ),
        },
      }));
      await renderContent({ api });
      await loaded();
      const row = screen.getByTestId('comms-comms-2');
      const box = within(row).getByRole('checkbox', {
        name: /Mention removal of use_modular_reviewer flag/,
      });
      await waitFor(() => expect(box).toBeEnabled());

      await user.click(box);

      expect(api.setCommunicationItem).toHaveBeenCalledWith(
        seed.id,
        'comms-2',
        { expectedRevision: 1, done: true },
      );
      expect(box).toBeChecked();
      await waitFor(() => expect(row).toHaveTextContent(/by guest on /));
      expect(within(row).getByRole('link', { name: 'guest' })).toHaveAttribute(
        'href',
        '/catalog/default/user/guest',
      );
    });
  });

  describe('pre-flight checks', () => {
    it('ticks a check for the current revision', async () => {
      const api = fakeRolloutApi();
      api.setPreflightCheck.mockImplementation(async (_id, checkId) => ({
        ...seed,
        revision: 2,
        checklist: {
          ...seed.checklist,
          preflightChecks: seed.checklist.preflightChecks.map(check =>
            check.id === checkId
              ? {
                  ...check,
                  checked: true,
                  checkedBy: 'user:default/guest',
                  checkedAt: '2025-11-21T10:00:00.000Z',
                }
              : check,
          ),
        },
      }));
      await renderContent({ api });
      await loaded();
      const row = screen.getByTestId('check-check-1');
      const box = within(row).getByRole('checkbox');
      await waitFor(() => expect(box).toBeEnabled());

      await user.click(box);

      expect(api.setPreflightCheck).toHaveBeenCalledWith(seed.id, 'check-1', {
        expectedRevision: 1,
        checked: true,
      });
      expect(box).toBeChecked();
      await waitFor(() => expect(row).toHaveTextContent(/by guest on /));
      expect(within(row).getByRole('link', { name: 'guest' })).toHaveAttribute(
        'href',
        '/catalog/default/user/guest',
      );
      expect(
        screen.getByText(/Pre-flight: 1 of 7 checked/),
      ).toBeInTheDocument();
    });

    it('cannot be ticked without the update permission', async () => {
      // usePermission caches answers by rollout, so use one no other test asks about.
      const rollout = { ...seed, id: 'multipass-reviewer-v0.3.0-read-only' };
      const api = fakeRolloutApi([rollout]);
      const authorize = jest.fn(
        (_request: EvaluatePermissionRequest): AuthorizeResult.DENY =>
          AuthorizeResult.DENY,
      );
      await renderContent({
        api,
        permissionApi: mockApis.permission({ authorize }),
      });
      await loaded();

      await waitFor(() =>
        expect(authorize).toHaveBeenCalledWith(
          expect.objectContaining({
            permission: expect.objectContaining({ name: 'rollout.update' }),
            resourceRef: rollout.id,
          }),
        ),
      );
      const boxes = within(section('Pre-flight validation')).getAllByRole(
        'checkbox',
      );
      expect(boxes).toHaveLength(7);
      boxes.forEach(box => expect(box).toBeDisabled());
    });
  });

  describe('running steps', () => {
    it('runs a step with a command and shows its task once the backend says so', async () => {
      const api = fakeRolloutApi();
      const running = withSteps(
        seed,
        step =>
          step.id === 'step-1'
            ? { ...step, status: 'running', taskId: 'task-42' }
            : step,
        2,
      );
      api.runStep.mockResolvedValue({
        taskId: 'task-42',
        step: running.checklist.steps[0],
      });
      api.getStepLog.mockResolvedValue({
        taskId: 'task-42',
        lines: [
          'Updating dependencies',
          'Installing dependencies from lock file',
        ],
        truncated: false,
      });
      await renderContent({ api });
      await loaded();
      api.getRollout.mockResolvedValue(running);

      // Step 1 is the first: it runs in order, with no reason asked.
      const row = screen.getByTestId('step-step-1');
      const run = await within(row).findByRole('button', {
        name: 'Run step 1',
      });
      await waitFor(() => expect(run).toBeEnabled());
      expect(run).toHaveTextContent(/^Run$/);
      expect(run).not.toHaveAttribute('aria-describedby');
      expect(within(row).queryByTestId('step-step-1-why')).toBeNull();
      await user.click(run);

      expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
      expect(api.runStep).toHaveBeenCalledTimes(1);
      expect(api.runStep).toHaveBeenCalledWith(seed.id, 'step-1', undefined);
      await within(row).findByTestId('status-running');
      expect(
        within(row).getByRole('button', { name: 'Run step 1' }),
      ).toBeDisabled();
      // The task opens beside the tab, which stays where it was.
      const task = within(row).getByRole('link', {
        name: 'Task of step 1 (opens in a new tab)',
      });
      expect(task).toHaveAttribute('href', '/create/tasks/task-42');
      expect(task).toHaveAttribute('target', '_blank');
      // The output's last line shows; the rest is a click away.
      expect(
        await within(row).findByText('Installing dependencies from lock file', {
          selector: 'code',
        }),
      ).toBeInTheDocument();
      expect(within(row).queryByText('Updating dependencies')).toBeNull();
      const show = within(row).getByRole('button', {
        name: 'Show the output of step 1',
      });
      expect(show).toHaveAttribute('aria-expanded', 'false');
      expect(show).toHaveTextContent('Show output (2 lines)');
      await user.click(show);
      expect(
        within(row).getByRole('button', { name: 'Hide the output of step 1' }),
      ).toHaveAttribute('aria-expanded', 'true');
      expect(within(row).getByLabelText('Output of step 1')).toHaveTextContent(
        'Updating dependencies Installing dependencies from lock file',
      );
    });

    it('sums up a failed step with its exit code and the command’s outcome', async () => {
      const failed = withSteps(
        seed,
        step =>
          step.id === 'step-1'
            ? {
                ...step,
                status: 'failed',
                taskId: 'task-43',
                summary:
                  'Command "poetry install --with dev" exited with code 125',
              }
            : step,
        2,
      );
      const api = fakeRolloutApi([failed]);
      api.getStepLog.mockResolvedValue({
        taskId: 'task-43',
        lines: ['poetry: command not found'],
        exitCode: 125,
        outcome: 'Command "poetry install --with dev" exited with code 125',
        truncated: false,
      });
      await renderContent({ api });
      await loaded();

      const row = screen.getByTestId('step-step-1');
      expect(within(row).getByTestId('step-step-1-summary')).toHaveTextContent(
        'Command "poetry install --with dev" exited with code 125',
      );
      const log = await within(row).findByTestId('step-step-1-log');
      expect(log).toHaveTextContent(
        /^Exit code 125 · poetry: command not found/,
      );
      expect(
        screen.getByText(/Runbook: 0 of 9 steps done, 1 failed/),
      ).toBeInTheDocument();
    });

    it('skips a step with the reason asked for, then offers to undo the skip', async () => {
      const api = fakeRolloutApi();
      const skipped = {
        ...seed,
        revision: 2,
        checklist: {
          ...seed.checklist,
          steps: seed.checklist.steps.map(step =>
            step.id === 'step-1'
              ? {
                  ...step,
                  status: 'skipped' as const,
                  summary: 'Dependencies are baked into the image',
                }
              : step,
          ),
        },
      };
      api.skipStep.mockResolvedValue(skipped);
      api.reopenStep.mockResolvedValue({ ...seed, revision: 3 });
      await renderContent({ api });
      await loaded();

      const row = screen.getByTestId('step-step-1');
      await user.click(
        await within(row).findByRole('button', { name: 'Skip step 1' }),
      );
      const dialog = await screen.findByRole('dialog', {
        name: 'Skip step 1?',
      });
      const confirm = within(dialog).getByRole('button', { name: 'Skip step' });
      expect(confirm).toBeDisabled();
      await user.type(
        within(dialog).getByLabelText(/Reason/),
        'Dependencies are baked into the image',
      );
      await user.click(confirm);

      expect(api.skipStep).toHaveBeenCalledWith(seed.id, 'step-1', {
        expectedRevision: 1,
        reason: 'Dependencies are baked into the image',
      });
      await within(row).findByTestId('status-skipped');
      expect(row).toHaveTextContent('Dependencies are baked into the image');

      await user.click(
        within(row).getByRole('button', { name: 'Undo the skip of step 1' }),
      );
      expect(api.reopenStep).toHaveBeenCalledWith(seed.id, 'step-1', {
        expectedRevision: 2,
      });
    });

    it('asks why before running a step out of order, and sends the reason', async () => {
      const api = fakeRolloutApi();
      const running = withSteps(
        seed,
        step =>
          step.id === 'step-2'
            ? { ...step, status: 'running', taskId: 'task-43' }
            : step,
        2,
      );
      api.runStep.mockResolvedValue({
        taskId: 'task-43',
        step: running.checklist.steps[1],
      });
      await renderContent({ api });
      await loaded();
      api.getRollout.mockResolvedValue(running);

      // Step 1 is still pending, so step 2 may run only with a reason.
      const row = screen.getByTestId('step-step-2');
      const run = await within(row).findByRole('button', {
        name: 'Run step 2 out of order',
      });
      await waitFor(() => expect(run).toBeEnabled());
      expect(run).toHaveTextContent(/^Run…$/);
      const why = within(row).getByTestId('step-step-2-why');
      expect(why).toHaveTextContent(
        'Step 2 runs after step 1, which has neither succeeded nor been skipped; give a reason to run it out of order',
      );
      expect(run).toHaveAttribute('aria-describedby', 'step-step-2-why');
      // A manual step out of order is marked done the same way.
      expect(
        within(screen.getByTestId('step-step-8')).getByRole('button', {
          name: 'Mark done step 8 out of order',
        }),
      ).toHaveTextContent(/^Mark done…$/);

      await user.click(run);
      expect(api.runStep).not.toHaveBeenCalled();
      const dialog = await screen.findByRole('dialog', {
        name: 'Run step 2 out of order?',
      });
      const confirm = within(dialog).getByRole('button', {
        name: 'Run anyway',
      });
      const reason = within(dialog).getByLabelText(/Reason/);
      expect(confirm).toBeDisabled();
      await user.type(reason, '   ');
      expect(confirm).toBeDisabled();
      await user.type(reason, 'Dependencies come from the image ');
      expect(confirm).toBeEnabled();
      await user.click(confirm);

      expect(api.runStep).toHaveBeenCalledTimes(1);
      expect(api.runStep).toHaveBeenCalledWith(seed.id, 'step-2', {
        outOfOrderReason: 'Dependencies come from the image',
      });
      await waitFor(() =>
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
      );
      expect(
        await within(row).findByTestId('status-running'),
      ).toBeInTheDocument();
    });

    it('disables Run of a deploy step in a draft rollout, saying why', async () => {
      const draft: Rollout = { ...seed, status: 'draft' };
      await renderContent({ api: fakeRolloutApi([draft]) });
      await loaded();

      // A validation step may run in a draft.
      await waitFor(() =>
        expect(
          within(screen.getByTestId('step-step-1')).getByRole('button', {
            name: 'Run step 1',
          }),
        ).toBeEnabled(),
      );

      const deploy = screen.getByTestId('step-step-6');
      const run = within(deploy).getByRole('button', { name: 'Run step 6' });
      expect(run).toBeDisabled();
      expect(run).toHaveTextContent(/^Run$/);
      const why = within(deploy).getByTestId('step-step-6-why');
      expect(why).toHaveTextContent(
        'Step 6 deploys: it runs only once the rollout is started, and this one is draft',
      );
      expect(run).toHaveAttribute('aria-describedby', 'step-step-6-why');
      expect(why).toHaveAttribute('id', 'step-step-6-why');

      const rollback = screen.getByTestId('step-step-10');
      expect(
        within(rollback).getByRole('button', { name: 'Run rollback step 10' }),
      ).toBeDisabled();
      expect(
        within(rollback).getByTestId('step-step-10-why'),
      ).toHaveTextContent(
        'Step 10 rolls back: it runs only in a rollout in progress or blocked, and this one is draft',
      );
    });

    it('marks a manual step done with a note, shows who did, and undoes it', async () => {
      // Steps 1 to 7 succeeded, so the manual step 8 is next in order.
      const rollout = withSteps(
        seed,
        step =>
          step.kind === 'runbook' && step.number < 8
            ? { ...step, status: 'succeeded', taskId: `task-${step.number}` }
            : step,
        1,
      );
      const marked = withSteps(
        rollout,
        step =>
          step.id === 'step-8'
            ? {
                ...step,
                status: 'succeeded',
                summary: 'Logs are clean for ten minutes',
                updatedBy: 'user:default/guest',
                updatedAt: '2025-11-20T10:00:00.000Z',
              }
            : step,
        2,
      );
      const api = fakeRolloutApi([rollout]);
      api.confirmStep.mockResolvedValue(marked);
      api.reopenStep.mockResolvedValue({ ...rollout, revision: 3 });
      await renderContent({ api });
      await loaded();

      const row = screen.getByTestId('step-step-8');
      const done = await within(row).findByRole('button', {
        name: 'Mark done step 8',
      });
      await waitFor(() => expect(done).toBeEnabled());
      expect(within(row).queryByRole('button', { name: /^Run/ })).toBeNull();
      expect(within(row).queryByTestId('step-step-8-why')).toBeNull();
      await user.click(done);

      // Nothing runs: a dialog asks for an optional note, focused.
      const dialog = screen.getByRole('dialog', { name: 'Mark step 8 done?' });
      const note = within(dialog).getByLabelText('Note');
      await waitFor(() => expect(note).toHaveFocus());
      await user.type(note, 'Logs are clean for ten minutes');
      await user.click(
        within(dialog).getByRole('button', { name: 'Mark done' }),
      );

      expect(api.confirmStep).toHaveBeenCalledTimes(1);
      expect(api.confirmStep).toHaveBeenCalledWith(seed.id, 'step-8', {
        expectedRevision: rollout.revision,
        note: 'Logs are clean for ten minutes',
      });
      expect(
        await within(row).findByTestId('step-step-8-by'),
      ).toHaveTextContent(/^Marked done by guest on /);
      expect(within(row).getByTestId('step-step-8-summary')).toHaveTextContent(
        'Logs are clean for ten minutes',
      );
      await user.click(
        within(row).getByRole('button', { name: 'Undo marking done step 8' }),
      );
      expect(api.reopenStep).toHaveBeenCalledWith(seed.id, 'step-8', {
        expectedRevision: 2,
      });
    });

    it('disables Run and Mark done, saying why, for a user the policy does not allow to run steps', async () => {
      // usePermission caches answers by rollout, so use one no other test asks about.
      const rollout = { ...seed, id: 'multipass-reviewer-v0.3.0-no-runs' };
      const authorize = jest.fn(
        (_request: EvaluatePermissionRequest): AuthorizeResult.DENY =>
          AuthorizeResult.DENY,
      );
      await renderContent({
        api: fakeRolloutApi([rollout]),
        permissionApi: mockApis.permission({ authorize }),
      });
      await loaded();
      await waitFor(() => expect(authorize).toHaveBeenCalled());
      await waitFor(() =>
        expect(
          screen.getByRole('button', { name: 'Run step 1' }),
        ).toBeDisabled(),
      );
      const runs = screen.getAllByRole('button', {
        name: /^Run (rollback )?step \d+( out of order)?$/,
      });
      expect(runs).toHaveLength(8); // Steps 1 to 7 and the rollback step 10.
      expect(
        runs.filter(button => !(button as HTMLButtonElement).disabled),
      ).toEqual([]);
      const marks = screen.getAllByRole('button', {
        name: /^Mark done step \d+( out of order)?$/,
      });
      expect(marks).toHaveLength(2); // The manual steps 8 and 9.
      expect(
        marks.filter(button => !(button as HTMLButtonElement).disabled),
      ).toEqual([]);
      expect(screen.getAllByTestId('permission-denied')[0]).toHaveAttribute(
        'title',
        'Only owners of component:default/multipass-reviewer can run steps',
      );
      expect(screen.getByTestId('status-denied')).toHaveTextContent(
        'Only owners of component:default/multipass-reviewer can change the status',
      );
      expect(screen.getByTestId('runbook-denied')).toHaveTextContent(
        'Only owners of component:default/multipass-reviewer can run steps: you can follow this runbook, not run it.',
      );
    });
  });

  it('explains how to create a rollout when the entity has none', async () => {
    const api = fakeRolloutApi([]);
    await renderContent({ api });

    expect(
      await screen.findByText('No rollout for this entity yet'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/“Start a rollout” software template/),
    ).toHaveTextContent(
      /posting a checklist object to the rollout API, or by importing a markdown checklist/,
    );
    const command = document.body.textContent;
    expect(command).toContain('-H "Content-Type: text/markdown"');
    expect(command).toContain(
      '"$BACKSTAGE/api/rollout/rollouts?entityRef=component:default/multipass-reviewer&version=v1.0.0"',
    );
    expect(api.getRollout).not.toHaveBeenCalled();
  });

  it('shows the error panel when the rollouts cannot be listed', async () => {
    const api = fakeRolloutApi();
    api.listRollouts.mockRejectedValue(
      await responseError(503, 'Service Unavailable', {
        name: 'ServiceUnavailableError',
        message: 'The rollout database does not answer',
      }),
    );
    await renderContent({ api });

    const panel = await screen.findByRole('alert');
    expect(panel).toHaveTextContent(
      'Request failed with 503 Service Unavailable',
    );
    expect(panel).toHaveTextContent('The rollout database does not answer');
    expect(api.getRollout).not.toHaveBeenCalled();
  });

  it('switches to an earlier version', async () => {
    const older: Rollout = {
      ...seed,
      id: 'multipass-reviewer-v0.2.0',
      version: 'v0.2.0',
      previousVersion: 'v0.1.0',
      title: 'Stage 01_02 · Rollout Checklist',
      status: 'completed',
      createdAt: '2025-10-01T09:00:00.000Z',
    };
    const api = fakeRolloutApi([seed, older]);
    await renderContent({ api });
    await loaded();

    await user.click(screen.getByRole('button', { name: /Version/ }));
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options.map(option => option.textContent)).toEqual([
      'v0.3.0 (in progress)',
      'v0.2.0 (completed)',
    ]);
    await user.click(options[1]);

    expect(
      await screen.findByRole('heading', {
        name: 'Stage 01_02 · Rollout Checklist',
      }),
    ).toBeInTheDocument();
    expect(api.getRollout).toHaveBeenLastCalledWith(older.id);
    expect(screen.getByTestId('rollout-versions')).toHaveTextContent(
      'v0.2.0 ← v0.1.0',
    );
    expect(screen.getByTestId('status-completed')).toBeInTheDocument();
  });

  it('renders no HTML a document author wrote into the migration guide', async () => {
    const rollout: Rollout = {
      ...seed,
      checklist: {
        ...seed.checklist,
        migrationGuide: [
          {
            id: 'migration-1',
            text: 'Check the badge <img src=x onerror="alert(1)"> renders.',
          },
          {
            id: 'migration-2',
            text: '<script>window.hacked=1</script>',
          },
          {
            id: 'migration-3',
            text: 'Then <a href="javascript:alert(1)" onclick="alert(2)">click here</a>.',
          },
        ],
      },
    };
    await renderContent({ api: fakeRolloutApi([rollout]) });
    await loaded();
    const guide = section('Developer migration guide');
    await within(guide).findByText(/Check the badge/);

    expect(guide.querySelector('img')).toBeNull();
    expect(guide.querySelector('script')).toBeNull();
    expect(guide.querySelector('[onclick], [onerror]')).toBeNull();
    expect(guide.querySelector('a[href^="javascript"]')).toBeNull();
    expect(guide).toHaveTextContent(
      'Check the badge <img src=x onerror="alert(1)"> renders.',
    );
    expect((window as { hacked?: number }).hacked).toBeUndefined();
  });
});
