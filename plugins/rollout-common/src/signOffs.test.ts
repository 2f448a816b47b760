import { maySignOff, signOffsToRequest } from './signOffs';
import { SignOff } from './schema';

const row = (id: string, changes: Partial<SignOff> = {}): SignOff => ({
  id,
  role: id,
  responsibility: '',
  signers: ['group:default/qa-leads'],
  decision: 'pending',
  note: '',
  ...changes,
});

describe('sign-off rules', () => {
  it('lets a member of a signer group sign, case aside', () => {
    const actor = {
      userEntityRef: 'user:default/quinn',
      ownershipEntityRefs: ['group:default/QA-Leads'],
    };
    expect(maySignOff(row('qa'), actor)).toBe(true);
    expect(maySignOff(row('qa', { signers: [] }), actor)).toBe(false);
  });

  it('asks only the pending rows that have signers', () => {
    const rows = [
      row('pending'),
      row('approved', { decision: 'approved' }),
      row('rejected', { decision: 'rejected' }),
      row('nobody', { signers: [] }),
    ];
    expect(signOffsToRequest(rows).map(r => r.id)).toEqual(['pending']);
  });
});
