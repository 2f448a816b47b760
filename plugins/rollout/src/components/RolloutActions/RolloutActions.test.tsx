import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent, { UserEvent } from '@testing-library/user-event';
import {
  printChecklist,
  rolloutSignalChannel,
} from '@rollout/backstage-plugin-rollout-common';
import { InMemoryRolloutApi } from '../../__testUtils__/InMemoryRolloutApi';
import { seedMarkdown } from '../../__testUtils__/seedMarkdown';
import { seedRollout } from '../../__testUtils__/seedRollout';
import {
  ManualSignalApi,
  picker,
  renderTab,
  toolbar,
} from './__testUtils__/renderTab';

const seed = seedRollout(seedMarkdown);

describe('RolloutActions', () => {
  let user: UserEvent;
  beforeEach(() => {
    user = userEvent.setup({ delay: null });
  });

  it('puts the version picker, Edit, Download markdown, New version and Import in one toolbar', async () => {
    await renderTab({ api: new InMemoryRolloutApi([seed]) });

    const actions = await toolbar();

    expect(
      within(actions)
        .getAllByRole('button')
        .map(button => button.textContent),
    ).toEqual([
      'v0.3.0 (in progress)',
      'Edit',
      'Download markdown',
      'New version',
      'Import',
    ]);
  });

  describe('Download markdown', () => {
    const createObjectURL = jest.fn((_blob: Blob) => 'blob:checklist');
    const revokeObjectURL = jest.fn();
    let clicked: HTMLAnchorElement[];

    beforeEach(() => {
      clicked = [];
      Object.assign(URL, { createObjectURL, revokeObjectURL });
      jest
        .spyOn(HTMLAnchorElement.prototype, 'click')
        .mockImplementation(function click(this: HTMLAnchorElement) {
          clicked.push(this);
        });
    });

    afterEach(() => {
      jest.restoreAllMocks();
    });

    it('downloads the markdown the backend prints, named after the entity and version', async () => {
      const api = new InMemoryRolloutApi([seed]);
      const getMarkdown = jest.spyOn(api, 'getRolloutMarkdown');
      await renderTab({ api });

      await user.click(
        within(await toolbar()).getByRole('button', {
          name: 'Download markdown',
        }),
      );

      await waitFor(() => expect(clicked).toHaveLength(1));
      expect(getMarkdown).toHaveBeenCalledWith(seed.id);
      expect(clicked[0].download).toBe(
        'multipass-reviewer-v0.3.0-checklist.md',
      );
      expect(clicked[0].href).toBe('blob:checklist');
      const blob = createObjectURL.mock.calls[0][0];
      expect(blob.type).toBe('text/markdown;charset=utf-8');
      expect(blob.size).toBe(new Blob([printChecklist(seed.checklist)]).size);
      expect(revokeObjectURL).toHaveBeenCalledWith('blob:checklist');
    });

    it('says why when the checklist cannot be read', async () => {
      const api = new InMemoryRolloutApi([seed]);
      jest
        .spyOn(api, 'getRolloutMarkdown')
        .mockRejectedValue(new Error('The backend is down'));
      const { alertApi } = await renderTab({ api });

      await user.click(
        within(await toolbar()).getByRole('button', {
          name: 'Download markdown',
        }),
      );

      await waitFor(() =>
        expect(alertApi.post).toHaveBeenCalledWith({
          message: 'The checklist could not be downloaded: The backend is down',
          severity: 'error',
        }),
      );
      expect(clicked).toEqual([]);
    });
  });

  it("keeps the picker's status current when the rollout's signal says it changed", async () => {
    const api = new InMemoryRolloutApi([seed]);
    const signalApi = new ManualSignalApi();
    await renderTab({ api, signalApi });
    await toolbar();
    expect(picker()).toHaveTextContent('v0.3.0 (in progress)');

    const blocked = await api.setRolloutStatus(seed.id, {
      expectedRevision: 1,
      status: 'blocked',
      reason: 'waiting for the vendor',
    });
    act(() =>
      signalApi.publish(rolloutSignalChannel(seed.id), {
        rolloutId: seed.id,
        revision: blocked.revision,
      }),
    );

    await waitFor(() => expect(picker()).toHaveTextContent('v0.3.0 (blocked)'));
  });

  it('offers New version from a file when the entity has no rollout yet', async () => {
    const api = new InMemoryRolloutApi([]);
    await renderTab({ api });
    await screen.findByText('No rollout for this entity yet');

    await user.click(screen.getByRole('button', { name: 'New version' }));
    const dialog = await screen.findByRole('dialog', { name: 'New version' });

    expect(
      within(dialog).getByRole('radio', { name: 'This checklist' }),
    ).toBeDisabled();
    expect(
      within(dialog).getByRole('radio', { name: 'An uploaded markdown file' }),
    ).toBeChecked();
    expect(
      within(dialog).getByRole('textbox', { name: 'Previous version' }),
    ).toHaveValue('');
    await user.type(
      within(dialog).getByRole('textbox', { name: /^Version/ }),
      'v0.3.0',
    );
    const file = new File([seedMarkdown], 'rollout-checklist.md', {
      type: 'text/markdown',
    });
    Object.defineProperty(file, 'text', { value: async () => seedMarkdown });
    await user.upload(within(dialog).getByLabelText('Markdown file'), file);
    await user.click(within(dialog).getByRole('button', { name: 'Create' }));

    expect(
      await screen.findByRole('heading', {
        name: 'Stage 01_03 · Rollout Checklist',
      }),
    ).toBeInTheDocument();
    expect(picker()).toHaveTextContent('v0.3.0 (draft)');
  });
});
