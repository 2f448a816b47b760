import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { mockApis } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Rollout } from '@rollout/backstage-plugin-rollout-common';
import { InMemoryRolloutApi } from '../../__testUtils__/InMemoryRolloutApi';
import { renderRolloutView } from '../../__testUtils__/renderRolloutView';
import { responseError } from '../../__testUtils__/responseError';
import { seedMarkdown } from '../../__testUtils__/seedMarkdown';
import { seedRollout } from '../../__testUtils__/seedRollout';
import { rolloutFormat } from '../../translation';

async function renderView(
  options: {
    allowed?: boolean;
    /** Done to the backend before the tab opens. */
    before?: (api: InMemoryRolloutApi, rollout: Rollout) => Promise<unknown>;
  } = {},
) {
  const { allowed = true, before } = options;
  // usePermission caches answers by rollout: a denied one has its own id.
  const seed = seedRollout(seedMarkdown);
  const rollout = allowed ? seed : { ...seed, id: `${seed.id}-read-only` };
  const api = new InMemoryRolloutApi([rollout]);
  await before?.(api, rollout);
  api.audiences = [
    {
      name: 'programme-leads',
      title: 'Programme leads',
      entityRefs: ['group:default/programme-leads'],
    },
  ];
  const { alertApi } = await renderRolloutView({
    api,
    rollout,
    permissionApi: mockApis.permission({
      authorize: allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
    }),
  });
  return { api, alertApi, rollout };
}

describe('SendAnnouncementDialog', () => {
  it('sends the edited announcement to the stakeholders and an audience, ticks the item and says so', async () => {
    const { api, alertApi, rollout } = await renderView();
    const [first] = rollout.checklist.communication;
    await userEvent.click(
      await screen.findByRole('button', { name: `Send: ${first.text}` }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Send announcement',
    });
    const subject = await within(dialog).findByLabelText(/Subject/);
    expect(subject).toHaveValue('Release v0.3.0 of multipass-reviewer');
    await waitFor(() => expect(subject).toHaveFocus());
    await userEvent.type(subject, ' is out');
    const message = within(dialog).getByLabelText(/Message/);
    await userEvent.type(message, '\n\nQuestions to **#multipass**.');

    // The preview reads as the recipients will: markdown rendered.
    const preview = within(dialog).getByTestId('announcement-preview');
    expect(preview).toHaveTextContent(
      'Release v0.3.0 of multipass-reviewer is out',
    );
    expect(within(preview).getByText('#multipass').tagName).toBe('STRONG');

    expect(
      within(dialog).getByRole('checkbox', { name: /stakeholders/ }),
    ).toBeChecked();
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: /Programme leads/ }),
    );
    await userEvent.type(
      within(dialog).getByLabelText(/More people or groups/),
      'user:default/maria, group:default/support',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Send' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.sentAnnouncements).toEqual([
      {
        id: rollout.id,
        itemId: first.id,
        request: expect.objectContaining({
          subject: 'Release v0.3.0 of multipass-reviewer is out',
          body: expect.stringContaining('Questions to **#multipass**.'),
          stakeholders: true,
          audiences: ['programme-leads'],
          entityRefs: ['user:default/maria', 'group:default/support'],
        }),
        recipients: expect.arrayContaining([
          'group:default/programme-leads',
          'user:default/maria',
          'group:default/support',
        ]),
      },
    ]);
    expect(alertApi.post).toHaveBeenCalledWith(
      expect.objectContaining({
        message: expect.stringMatching(/^Sent to \d+ people by web, email$/),
        severity: 'success',
      }),
    );
    const row = await screen.findByTestId(`comms-${first.id}`);
    await waitFor(() =>
      expect(within(row).getByRole('checkbox')).toBeChecked(),
    );
    expect(row).toHaveTextContent(/Sent to \d+ people/);
  });

  it('asks for a second tick before sending an item again, saying when it went', async () => {
    let at = '';
    const { api, rollout } = await renderView({
      before: async (backend, seed) => {
        const sent = await backend.sendAnnouncement(
          seed.id,
          seed.checklist.communication[0].id,
          {
            expectedRevision: seed.revision,
            subject: 'Earlier',
            body: 'Earlier.',
            stakeholders: true,
          },
        );
        at = sent.rollout.checklist.communication[0].sent!.at;
      },
    });
    const [first] = rollout.checklist.communication;
    await userEvent.click(
      await screen.findByRole('button', { name: `Send: ${first.text}` }),
    );
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByText(/Sending it again notifies everyone again/);
    expect(dialog).toHaveTextContent(
      `Sent on ${rolloutFormat('en').dateTime(at)} to`,
    );
    const again = within(dialog).getByRole('button', { name: 'Send again' });
    expect(again).toBeDisabled();
    await userEvent.click(
      within(dialog).getByRole('checkbox', { name: 'Send it again' }),
    );
    expect(again).toBeEnabled();
    await userEvent.click(again);
    await waitFor(() => expect(api.sentAnnouncements).toHaveLength(2));
    expect(api.sentAnnouncements[1].request).toMatchObject({ resend: true });
  });

  it('shows a refusal in the dialog and keeps it open', async () => {
    const { api, rollout } = await renderView();
    const [first] = rollout.checklist.communication;
    jest.spyOn(api, 'sendAnnouncement').mockRejectedValue(
      await responseError(503, 'Service Unavailable', {
        name: 'ServiceUnavailableError',
        message:
          'Nothing was sent: web: not sent, email: not sent, as the notifications backend failed',
      }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: `Send: ${first.text}` }),
    );
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByDisplayValue(
      'Release v0.3.0 of multipass-reviewer',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Send' }));
    expect(
      await within(dialog).findByTestId('send-announcement-error'),
    ).toHaveTextContent('web: not sent, email: not sent');
    expect(screen.getByRole('dialog')).toBeInTheDocument();
  });

  it('disables Send for a user who may not edit the rollout', async () => {
    const { rollout } = await renderView({ allowed: false });
    const [first] = rollout.checklist.communication;
    expect(
      await screen.findByRole('button', { name: `Send: ${first.text}` }),
    ).toBeDisabled();
  });
});
