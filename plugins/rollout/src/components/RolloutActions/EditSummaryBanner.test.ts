import { rolloutFormat } from '../../translation';
import { rolloutT } from '../../__testUtils__/translationApis';
import { describeEdit } from './EditSummaryBanner';

describe('describeEdit', () => {
  const edit = {
    changed: ['steps', 'signOffs', 'someNewPart'],
    resetRoles: ['QA Lead', 'Operations Lead'],
  };

  it('names the parts changed and the roles reset, in English', () => {
    expect(describeEdit(rolloutT('en'), rolloutFormat('en'), edit)).toBe(
      'The edit changed the runbook steps, the sign-offs, and someNewPart. The edit reset the approvals of QA Lead and Operations Lead: they are pending again.',
    );
    expect(
      describeEdit(rolloutT('en'), rolloutFormat('en'), {
        changed: [],
        resetRoles: [],
      }),
    ).toBe('The edit changed nothing. No approval was reset.');
  });

  it('names them in Russian, the roles as the checklist writes them', () => {
    expect(describeEdit(rolloutT('ru'), rolloutFormat('ru'), edit)).toBe(
      'Изменено: шаги ранбука, согласования и someNewPart. Одобрения ролей QA Lead и Operations Lead сброшены: согласования снова ожидают решения.',
    );
  });
});
