import { screen, waitFor, within } from '@testing-library/react';
import userEvent, { UserEvent } from '@testing-library/user-event';
import { InMemoryRolloutApi } from '../../__testUtils__/InMemoryRolloutApi';
import { seedMarkdown } from '../../__testUtils__/seedMarkdown';
import { seedRollout } from '../../__testUtils__/seedRollout';
import { picker, renderTab, toolbar } from './__testUtils__/renderTab';

const seed = seedRollout(seedMarkdown);

// Russian headings, a numbered runbook, a section read by its content and
// a signer by handle.
const russian = `# Выкат 0.4.0

## Шаги

1. \`make build\` — собрать образ.
2. Откат: \`git checkout v0.3.0\`.

## Что проверить

- [ ] Тесты прошли

## Согласование

| Роль | Подписант | Статус |
|------|-----------|--------|
| QA | @maria | ожидает |
`;

describe('ImportChecklistDialog', () => {
  let user: UserEvent;
  beforeEach(() => {
    user = userEvent.setup({ delay: null });
  });

  async function openDialog() {
    await user.click(
      within(await toolbar()).getByRole('button', { name: 'Import' }),
    );
    return screen.findByRole('dialog', { name: 'Import a checklist' });
  }

  it('previews what a checklist in another shape reads as, with its warnings, before creating it', async () => {
    const api = new InMemoryRolloutApi([seed]);
    const importRollout = jest.spyOn(api, 'importRollout');
    await renderTab({ api });
    const dialog = await openDialog();

    expect(
      within(dialog).getByRole('textbox', { name: 'Previous version' }),
    ).toHaveValue('v0.3.0');
    await user.type(
      within(dialog).getByRole('textbox', { name: /^Version/ }),
      'v0.4.0',
    );
    // Typed as a paste: the editor takes the whole document at once.
    await user.click(
      within(dialog).getByRole('textbox', { name: 'Checklist markdown' }),
    );
    await user.paste(russian);

    const preview = await within(dialog).findByRole('region', {
      name: 'Preview',
    });
    await within(preview).findByText('Выкат 0.4.0');
    expect(
      within(preview)
        .getByRole('table', { name: 'Steps preview' })
        .querySelectorAll('tbody tr'),
    ).toHaveLength(2);
    expect(within(preview).getByText('2 (rollback)')).toBeInTheDocument();
    expect(
      within(preview).getByText(
        'Headings in Russian: the checklist prints back in Russian.',
      ),
    ).toBeInTheDocument();
    expect(
      within(preview)
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(
      expect.arrayContaining([
        'Line 8: the section "Что проверить" is read as the pre-flight validation from its content; its heading names no section',
        'Line 16: @maria (QA), by user name, email or group name; left out if the catalog has none',
      ]),
    );
    expect(importRollout).not.toHaveBeenCalled();

    await user.click(within(dialog).getByRole('button', { name: 'Import' }));

    await waitFor(() => expect(picker()).toHaveTextContent('v0.4.0 (draft)'));
    expect(importRollout).toHaveBeenCalledWith({
      entityRef: 'component:default/multipass-reviewer',
      version: 'v0.4.0',
      previousVersion: 'v0.3.0',
      markdown: russian,
    });
    const banner = await screen.findByTestId('rollout-import-warnings');
    expect(banner).toHaveTextContent(
      'v0.4.0 was imported with 2 warnings; edit the checklist to change what was guessed or left out.',
    );
    expect(banner).toHaveTextContent(
      'Line 16: the signer "@maria" of "QA" is left out: the in-memory API has no catalog',
    );
  });

  it('says which line is wrong and offers no Import for a document that is not a checklist', async () => {
    await renderTab({ api: new InMemoryRolloutApi([seed]) });
    const dialog = await openDialog();
    await user.type(
      within(dialog).getByRole('textbox', { name: /^Version/ }),
      'v0.4.0',
    );
    await user.click(
      within(dialog).getByRole('textbox', { name: 'Checklist markdown' }),
    );
    await user.paste('# Notes\n\nNothing to run.\n');

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      /^Line 3 \(end of document\): missing the "Operator Runbook" section/,
    );
    expect(
      within(dialog).getByRole('button', { name: 'Import' }),
    ).toBeDisabled();
  });
});
