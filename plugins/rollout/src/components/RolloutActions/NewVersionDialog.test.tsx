import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { UserEvent } from '@testing-library/user-event';
import {
  Checklist,
  Rollout,
  nextVersionChecklist,
  parseChecklist,
} from '@rollout/backstage-plugin-rollout-common';
import { InMemoryRolloutApi } from '../../__testUtils__/InMemoryRolloutApi';
import { seedMarkdown } from '../../__testUtils__/seedMarkdown';
import { seedRollout } from '../../__testUtils__/seedRollout';
import { picker, renderTab, toolbar } from './__testUtils__/renderTab';

const seed = seedRollout(seedMarkdown);

/** The seed part way through: a step run, a box ticked, a row approved. */
const underway: Rollout = {
  ...seed,
  checklist: {
    ...seed.checklist,
    steps: seed.checklist.steps.map(step =>
      step.id === 'step-1'
        ? { ...step, status: 'succeeded' as const, taskId: 'task-1' }
        : step,
    ),
    preflightChecks: seed.checklist.preflightChecks.map(check =>
      check.id === 'check-1' ? { ...check, checked: true } : check,
    ),
    signOffs: seed.checklist.signOffs.map(row =>
      row.id === 'qa-lead'
        ? { ...row, decision: 'approved' as const, note: 'Evidence attached' }
        : row,
    ),
  },
};

/** A markdown file as the browser hands it over from a file input. */
function markdownFile(content: string): File {
  const file = new File([content], 'checklist.md', { type: 'text/markdown' });
  // jsdom's File cannot read itself back.
  Object.defineProperty(file, 'text', { value: async () => content });
  return file;
}

describe('NewVersionDialog', () => {
  let user: UserEvent;
  beforeEach(() => {
    user = userEvent.setup({ delay: null });
  });

  async function openDialog() {
    await user.click(
      within(await toolbar()).getByRole('button', { name: 'New version' }),
    );
    return screen.findByRole('dialog', { name: 'New version' });
  }

  it('creates the next version from this checklist, state reset and signers kept, and shows it', async () => {
    const api = new InMemoryRolloutApi([underway]);
    const create = jest.spyOn(api, 'createRollout');
    await renderTab({ api });
    const dialog = await openDialog();

    expect(
      within(dialog).getByRole('textbox', { name: 'Previous version' }),
    ).toHaveValue('v0.3.0');
    expect(
      within(dialog).getByRole('radio', {
        name: /^This checklist \(v0\.3\.0\)/,
      }),
    ).toBeChecked();
    const createButton = within(dialog).getByRole('button', { name: 'Create' });
    expect(createButton).toBeDisabled();
    await user.type(
      within(dialog).getByRole('textbox', { name: /^Version/ }),
      'v0.4.0',
    );
    await user.click(createButton);

    expect(create).toHaveBeenCalledWith({
      entityRef: 'component:default/multipass-reviewer',
      version: 'v0.4.0',
      previousVersion: 'v0.3.0',
      checklist: nextVersionChecklist(underway.checklist),
    });
    const checklist = create.mock.calls[0][0].checklist as Rollout['checklist'];
    expect(checklist.steps.every(step => step.status === 'pending')).toBe(true);
    expect(checklist.steps[0]).not.toHaveProperty('taskId');
    expect(checklist.preflightChecks.some(check => check.checked)).toBe(false);
    expect(checklist.signOffs.map(row => [row.decision, row.signers])).toEqual(
      seed.checklist.signOffs.map(row => ['pending', row.signers]),
    );
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    await waitFor(() => expect(picker()).toHaveTextContent('v0.4.0 (draft)'));
    expect(await screen.findByTestId('rollout-versions')).toHaveTextContent(
      'v0.4.0 ← v0.3.0',
    );

    await user.click(picker());
    const options = within(screen.getByRole('listbox')).getAllByRole('option');
    expect(options.map(option => option.textContent)).toEqual([
      'v0.4.0 (draft)',
      'v0.3.0 (in progress)',
    ]);
  });

  it('creates the new version from an uploaded markdown file, its run state reset', async () => {
    const api = new InMemoryRolloutApi([seed]);
    const createRollout = jest.spyOn(api, 'createRollout');
    // A downloaded checklist says what happened to its steps and boxes.
    const markdown = seedMarkdown
      .replace(
        'Stage 01_03 · Rollout Checklist',
        'Stage 01_04 · Rollout Checklist',
      )
      .replace(/- \[ \]/g, '- [x]');
    await renderTab({ api });
    const dialog = await openDialog();

    await user.type(
      within(dialog).getByRole('textbox', { name: /^Version/ }),
      'v0.4.0',
    );
    await user.click(
      within(dialog).getByRole('radio', { name: 'An uploaded markdown file' }),
    );
    const createButton = within(dialog).getByRole('button', { name: 'Create' });
    expect(createButton).toBeDisabled();
    const input = within(dialog).getByLabelText('Markdown file');
    expect(input).toHaveAttribute('accept', '.md,text/markdown');
    await user.upload(input, markdownFile(markdown));
    expect(dialog).toHaveTextContent('checklist.md');
    await user.click(createButton);

    expect(createRollout).toHaveBeenCalledWith({
      entityRef: 'component:default/multipass-reviewer',
      version: 'v0.4.0',
      previousVersion: 'v0.3.0',
      checklist: nextVersionChecklist(parseChecklist(markdown)),
    });
    const [[{ checklist }]] = createRollout.mock.calls;
    expect(
      (checklist as Checklist).preflightChecks.every(check => !check.checked),
    ).toBe(true);
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(
      await screen.findByRole('heading', {
        name: 'Stage 01_04 · Rollout Checklist',
      }),
    ).toBeInTheDocument();
    expect(picker()).toHaveTextContent('v0.4.0 (draft)');
  });

  it('shows a version that exists in the dialog, which stays open', async () => {
    const api = new InMemoryRolloutApi([seed]);
    await renderTab({ api });
    const dialog = await openDialog();

    await user.type(
      within(dialog).getByRole('textbox', { name: /^Version/ }),
      'v0.3.0',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      "A rollout of 'component:default/multipass-reviewer' version 'v0.3.0' already exists. Choose another version, or pick that one in the version picker.",
    );
    expect(dialog).toBeInTheDocument();
    expect((await api.listRollouts()).items).toHaveLength(1);
  });

  it('shows a file that is not a checklist in the dialog', async () => {
    const api = new InMemoryRolloutApi([seed]);
    await renderTab({ api });
    const dialog = await openDialog();

    await user.type(
      within(dialog).getByRole('textbox', { name: /^Version/ }),
      'v0.4.0',
    );
    await user.click(
      within(dialog).getByRole('radio', { name: 'An uploaded markdown file' }),
    );
    await user.upload(
      within(dialog).getByLabelText('Markdown file'),
      markdownFile('Release notes\n'),
    );
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Invalid checklist: Line 1: expected a level-1 heading with the checklist title',
    );
    expect(dialog).toBeInTheDocument();
  });
});
