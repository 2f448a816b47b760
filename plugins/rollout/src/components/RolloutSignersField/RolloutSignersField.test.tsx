import { configApiRef } from '@backstage/core-plugin-api';
import {
  appLanguageApiRef,
  translationApiRef,
} from '@backstage/frontend-plugin-api';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { seedMarkdown } from '../../__testUtils__/seedMarkdown';
import {
  RolloutLanguage,
  rolloutLanguageApi,
  rolloutTranslationApi,
} from '../../__testUtils__/translationApis';
import { RolloutSignersField, RolloutSignersFieldProps } from '.';

async function renderField(
  checklist: unknown,
  formData?: string,
  language: RolloutLanguage = 'en',
) {
  const onChange = jest.fn();
  const config = mockApis.config({
    data: {
      rollout: {
        signOffs: {
          signersByRole: { 'qa lead': ['group:default/qa-leads'] },
        },
      },
    },
  });
  const props = {
    formData,
    onChange,
    formContext: { formData: { checklist } },
    schema: { title: 'Who signs off' },
    uiSchema: {},
    idSchema: { $id: 'root_signers' },
  } as unknown as RolloutSignersFieldProps;
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [configApiRef, config],
        ...(language === 'en'
          ? []
          : ([
              [translationApiRef, rolloutTranslationApi(language)],
              [appLanguageApiRef, rolloutLanguageApi(language)],
            ] as const)),
      ]}
    >
      <RolloutSignersField {...props} />
    </TestApiProvider>,
  );
  return { onChange };
}

describe('RolloutSignersField', () => {
  it('shows who signs each row after the role mapping, and warns of rows nobody signs', async () => {
    const { onChange } = await renderField(seedMarkdown);

    const rows = screen.getByRole('list', { name: 'Signers by sign-off row' });
    const items = within(rows).getAllByRole('listitem');
    expect(items.map(item => item.textContent)).toEqual([
      'Architecture LeadNobody can sign this row',
      'QA Leadgroup:default/qa-leads',
      'Operations LeadNobody can sign this row',
      'Product/ProgrammeNobody can sign this row',
    ]);
    expect(screen.getByTestId('rollout-signers-nobody')).toHaveTextContent(
      /^Nobody can sign Architecture Lead, Operations Lead, Product\/Programme:/,
    );
    // The list is the field's value, which the review step shows.
    expect(onChange).toHaveBeenLastCalledWith(
      'Architecture Lead: nobody can sign; QA Lead: group:default/qa-leads; Operations Lead: nobody can sign; Product/Programme: nobody can sign',
    );
  });

  it('sums the checklist up, and shows what reading it guessed and whom the catalog is asked for', async () => {
    const { onChange } = await renderField(`# Выкат 1.0

## Шаги

1. \`make build\` — собрать.
2. Откат: \`make deploy TAG=0.9\`.

## Что проверить

- [ ] Тесты

## Согласование

| Роль | Подписант | Статус |
|------|-----------|--------|
| QA Lead | @maria | ожидает |
| Ops | | ожидает |
`);

    expect(screen.getByTestId('rollout-checklist-sections')).toHaveTextContent(
      'The checklist reads as 2 steps (1 rollback) · 1 pre-flight check · 2 sign-offs · 0 rollback criteria · 0 migration guide items · 0 metrics · 0 alerts · 0 communication items.',
    );
    expect(screen.getByTestId('preview-warnings')).toHaveTextContent(
      'Line 8: the section "Что проверить" is read as the pre-flight validation from its content; its heading names no section',
    );
    expect(screen.getByTestId('preview-signer-names')).toHaveTextContent(
      'Line 16: @maria (QA Lead)',
    );
    // A row that names someone is not filled from the role mapping.
    expect(onChange).toHaveBeenLastCalledWith(
      'QA Lead: @maria; Ops: nobody can sign',
    );
  });

  it('asks for the checklist first', async () => {
    await renderField(undefined);
    expect(
      screen.getByText(
        'Enter the checklist first; its sign-off rows show here.',
      ),
    ).toBeInTheDocument();
  });

  it('says when the checklist cannot be read', async () => {
    await renderField('# Just a title');
    expect(screen.getByRole('alert')).toHaveTextContent(
      /^The checklist cannot be read: /,
    );
  });

  it('reads in Russian, the roles as the checklist writes them', async () => {
    const { onChange } = await renderField(seedMarkdown, undefined, 'ru');

    const rows = screen.getByRole('list', {
      name: 'Согласующие по строкам согласования',
    });
    expect(within(rows).getAllByRole('listitem')[0]).toHaveTextContent(
      'Architecture LeadЭту строку никто не может согласовать',
    );
    expect(screen.getByTestId('rollout-signers-nobody')).toHaveTextContent(
      /^Никто не может согласовать Architecture Lead, Operations Lead, Product\/Programme: в этих строках/,
    );
    expect(screen.getByTestId('rollout-checklist-sections')).toHaveTextContent(
      /^Чек-лист прочитан так: /,
    );
    expect(onChange).toHaveBeenLastCalledWith(
      'Architecture Lead: никто не может согласовать; QA Lead: group:default/qa-leads; Operations Lead: никто не может согласовать; Product/Programme: никто не может согласовать',
    );
  });
});
