import { configApiRef } from '@backstage/core-plugin-api';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { seedMarkdown } from '../../__testUtils__/seedMarkdown';
import { RolloutSignersField, RolloutSignersFieldProps } from '.';

async function renderField(checklist: unknown, formData?: string) {
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
    <TestApiProvider apis={[[configApiRef, config]]}>
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
});
