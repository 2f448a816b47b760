import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { mockApis } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { UserEvent } from '@testing-library/user-event';
import {
  Rollout,
  printChecklist,
} from '@rollout/backstage-plugin-rollout-common';
import { InMemoryRolloutApi } from '../../__testUtils__/InMemoryRolloutApi';
import { responseError } from '../../__testUtils__/responseError';
import { seedMarkdown } from '../../__testUtils__/seedMarkdown';
import { seedRollout } from '../../__testUtils__/seedRollout';
import { renderTab, toolbar } from './__testUtils__/renderTab';

const seed = seedRollout(seedMarkdown);

/** The seed with the QA Lead's approval given. */
const approved: Rollout = {
  ...seed,
  checklist: {
    ...seed.checklist,
    signOffs: seed.checklist.signOffs.map(row =>
      row.id === 'qa-lead'
        ? {
            ...row,
            decision: 'approved' as const,
            note: 'Evidence in CI run 4312',
            decidedBy: 'user:default/qa',
            decidedAt: '2025-11-21T09:00:00.000Z',
          }
        : row,
    ),
  },
};

const oldNotes = 'Must pass without modifications.';
const newNotes = 'Must pass without modifications or new entries.';

describe('EditChecklistDialog', () => {
  let user: UserEvent;
  beforeEach(() => {
    user = userEvent.setup({ delay: null });
  });

  async function openEditor() {
    await user.click(
      within(await toolbar()).getByRole('button', { name: 'Edit' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Edit the checklist of v0.3.0',
    });
    const editor = await within(dialog).findByRole('textbox', {
      name: 'Checklist markdown',
    });
    return { dialog, editor };
  }

  /** Replaces the editor's text, as pasting a whole document would. */
  async function replaceText(editor: HTMLElement, text: string) {
    await user.clear(editor);
    await user.paste(text);
  }

  it('opens the checklist as markdown, with a preview of what it holds', async () => {
    const api = new InMemoryRolloutApi([seed]);
    const getMarkdown = jest.spyOn(api, 'getRolloutMarkdown');
    await renderTab({ api });

    const { dialog, editor } = await openEditor();

    expect(getMarkdown).toHaveBeenCalledWith(seed.id);
    expect(editor).toHaveValue(printChecklist(seed.checklist));
    const preview = within(dialog).getByRole('region', { name: 'Preview' });
    expect(
      within(preview).getByRole('heading', {
        name: 'Stage 01_03 · Rollout Checklist',
      }),
    ).toBeInTheDocument();
    const steps = within(preview)
      .getByRole('table', { name: 'Steps preview' })
      .querySelectorAll('tbody tr');
    expect(steps).toHaveLength(10);
    expect(steps[9]).toHaveTextContent('10 (rollback)');
    expect(
      await within(steps[0] as HTMLElement).findByText(
        'poetry install --with dev',
      ),
    ).toBeInTheDocument();
    expect(
      within(preview)
        .getByRole('list', { name: 'Pre-flight checks preview' })
        .querySelectorAll('li'),
    ).toHaveLength(7);
    const signOffs = within(preview)
      .getByRole('table', { name: 'Sign-off preview' })
      .querySelectorAll('tbody tr');
    expect([...signOffs].map(row => row.textContent)).toEqual([
      'Architecture Leadgroup:default/architecture-leads',
      'QA Leadgroup:default/qa-leads',
      'Operations Leadgroup:default/operations-leads',
      'Product/Programmegroup:default/programme-leads',
    ]);
    expect(within(preview).getByTestId('preview-counts')).toHaveTextContent(
      '3 rollback criteria · 5 migration guide items · 4 metrics · 2 alerts · 3 communication items',
    );
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('previews the text as it is typed, and names the line of a parse error', async () => {
    await renderTab({ api: new InMemoryRolloutApi([seed]) });
    const { dialog, editor } = await openEditor();
    const preview = () =>
      within(dialog).getByRole('region', { name: 'Preview' });

    await replaceText(
      editor,
      '# Hotfix checklist\n\n## 1. Operator Runbook\n\n| Step | Command / Action | Notes |\n|---|---|---|\n| 1 | `make deploy` | Watch the logs. |\n',
    );

    expect(
      await within(dialog).findByRole('heading', { name: 'Hotfix checklist' }),
    ).toBeInTheDocument();
    expect(
      within(preview())
        .getByRole('table', { name: 'Steps preview' })
        .querySelectorAll('tbody tr'),
    ).toHaveLength(1);
    expect(within(preview()).getByTestId('preview-counts')).toHaveTextContent(
      '0 rollback criteria · 0 migration guide items · 0 metrics · 0 alerts · 0 communication items',
    );

    await user.clear(editor);
    await user.type(editor, 'Release notes first');

    const error = await within(dialog).findByRole('alert');
    expect(error).toHaveTextContent(
      'Line 1: expected a level-1 heading with the checklist title',
    );
    expect(within(preview()).queryByRole('table')).not.toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
  });

  it('saves the edit against the revision read, then shows the new text and the approvals it reset', async () => {
    const api = new InMemoryRolloutApi([approved]);
    const update = jest.spyOn(api, 'updateRolloutMarkdown');
    await renderTab({ api });
    const { dialog, editor } = await openEditor();
    const markdown = printChecklist(approved.checklist).replace(
      oldNotes,
      newNotes,
    );

    await replaceText(editor, markdown);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(update).toHaveBeenCalledWith(seed.id, {
      expectedRevision: 1,
      markdown,
    });
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(await screen.findByRole('status')).toHaveTextContent(
      'The edit changed the runbook steps. The edit reset the approvals of QA Lead: they are pending again.',
    );
    const row = await screen.findByTestId('step-step-2');
    expect(row).toHaveTextContent(newNotes);
    expect(screen.queryByText(oldNotes)).not.toBeInTheDocument();

    await user.click(
      within(screen.getByRole('status')).getByRole('button', {
        name: 'Close',
      }),
    );
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('says so when the edit reset no approval', async () => {
    const api = new InMemoryRolloutApi([approved]);
    await renderTab({ api });
    const { dialog, editor } = await openEditor();

    await replaceText(
      editor,
      printChecklist(approved.checklist).replace(
        'Re-run mypy/flake8',
        'Re-run mypy and flake8',
      ),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await screen.findByRole('status')).toHaveTextContent(
      'The edit changed the migration guide. No approval was reset.',
    );
  });

  it('lists what changed meanwhile on a stale save, and reapplies the edit over the latest revision', async () => {
    const api = new InMemoryRolloutApi([seed], { actor: 'user:default/ops' });
    const update = jest.spyOn(api, 'updateRolloutMarkdown');
    await renderTab({ api });
    const { dialog, editor } = await openEditor();
    const markdown = printChecklist(seed.checklist).replace(oldNotes, newNotes);
    await replaceText(editor, markdown);
    // Someone ticks a box while the editor is open.
    await api.setPreflightCheck(seed.id, 'check-2', {
      expectedRevision: 1,
      checked: true,
    });

    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    const changes = await within(dialog).findByRole('alert', {
      name: 'Changes made meanwhile',
    });
    expect(changes).toHaveTextContent(
      'Someone changed this rollout after you opened it (at revision 1)',
    );
    expect(within(changes).getAllByRole('listitem')).toHaveLength(1);
    expect(within(changes).getByRole('listitem')).toHaveTextContent(
      'Checked pre-flight check "`make review-test`" (user:default/ops, revision 2)',
    );
    expect(changes).toHaveTextContent(
      'ticks, step results and sign-off decisions made meanwhile are kept',
    );
    expect(
      within(dialog).queryByRole('button', { name: 'Save' }),
    ).not.toBeInTheDocument();

    await user.click(
      within(dialog).getByRole('button', { name: 'Reapply my edit' }),
    );

    expect(update).toHaveBeenLastCalledWith(seed.id, {
      expectedRevision: 2,
      markdown,
    });
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(await screen.findByTestId('step-step-2')).toHaveTextContent(
      newNotes,
    );
    expect(
      within(screen.getByTestId('check-check-2')).getByRole('checkbox'),
    ).toBeChecked();
  });

  it('shows why the backend refused the document, and stays open', async () => {
    const api = new InMemoryRolloutApi([seed]);
    jest.spyOn(api, 'updateRolloutMarkdown').mockRejectedValueOnce(
      await responseError(403, 'Forbidden', {
        name: 'NotAllowedError',
        message:
          'Changing the signers of a sign-off needs rollout.signers.update',
      }),
    );
    await renderTab({ api });
    const { dialog, editor } = await openEditor();

    await replaceText(
      editor,
      printChecklist(seed.checklist).replace(oldNotes, newNotes),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Changing the signers of a sign-off needs rollout.signers.update',
    );
    expect(dialog).toBeInTheDocument();
    expect(editor).toHaveValue(
      printChecklist(seed.checklist).replace(oldNotes, newNotes),
    );
  });

  it('disables Edit, saying why, for a user who may not update the rollout', async () => {
    // usePermission caches answers by rollout, so use one no other test asks about.
    const rollout = { ...seed, id: 'multipass-reviewer-v0.3.0-no-edit' };
    const authorize = jest.fn((request: EvaluatePermissionRequest) =>
      request.permission.name === 'rollout.update'
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    );
    await renderTab({
      api: new InMemoryRolloutApi([rollout]),
      permissionApi: mockApis.permission({ authorize }),
    });
    const actions = await toolbar();

    await waitFor(() =>
      expect(authorize).toHaveBeenCalledWith(
        expect.objectContaining({
          permission: expect.objectContaining({ name: 'rollout.update' }),
          resourceRef: rollout.id,
        }),
      ),
    );
    await waitFor(() =>
      expect(
        within(actions).getByTestId('rollout-action-denied'),
      ).toHaveAttribute(
        'title',
        'Only owners of component:default/multipass-reviewer can edit the checklist',
      ),
    );
    expect(
      within(actions).getByRole('button', { name: 'Edit' }),
    ).toBeDisabled();
    expect(
      within(actions).getByRole('button', { name: 'Download markdown' }),
    ).toBeEnabled();
    expect(
      within(actions).getByRole('button', { name: 'New version' }),
    ).toBeEnabled();
  });
});
