import {
  maySignOff,
  readSignersByRole,
  rolesWithoutSigners,
  signOffsToRequest,
  withRoleSigners,
} from './signOffs';
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

describe('signers by role', () => {
  const mapping = {
    'QA Lead': ['group:default/qa-leads'],
    'architecture lead': ['group:default/architecture-leads'],
    'Operations Lead': [],
  };

  it('fills the rows that name nobody, matching roles case aside and trimmed', () => {
    const checklist = {
      title: 't',
      signOffs: [
        row('qa', { role: '  qa LEAD ', signers: [] }),
        row('arch', { role: 'Architecture Lead', signers: [] }),
        row('ops', { role: 'Operations Lead', signers: [] }),
        row('named', { role: 'QA Lead', signers: ['user:default/quinn'] }),
        row('other', { role: 'Product/Programme', signers: [] }),
      ],
    };
    const filled = withRoleSigners(checklist, mapping);
    expect(filled.title).toBe('t');
    expect(filled.signOffs.map(r => r.signers)).toEqual([
      ['group:default/qa-leads'],
      ['group:default/architecture-leads'],
      [],
      ['user:default/quinn'],
      [],
    ]);
    expect(rolesWithoutSigners(filled)).toEqual([
      'Operations Lead',
      'Product/Programme',
    ]);
    // The mapping's lists are not shared with the checklist.
    filled.signOffs[0].signers!.push('user:default/x');
    expect(mapping['QA Lead']).toEqual(['group:default/qa-leads']);
  });

  it('takes rows whose signers are left out, as a client may send them', () => {
    const filled = withRoleSigners(
      { signOffs: [{ role: 'QA Lead' }, { role: 'Nobody' }] },
      mapping,
    );
    expect(filled.signOffs).toEqual([
      { role: 'QA Lead', signers: ['group:default/qa-leads'] },
      { role: 'Nobody' },
    ]);
    expect(rolesWithoutSigners(filled)).toEqual(['Nobody']);
  });

  it('reads the mapping from app-config, refusing what is not a list of entity refs', () => {
    const config = (value: unknown) => ({
      getOptional: (key: string) =>
        key === 'rollout.signOffs.signersByRole' ? value : undefined,
    });
    expect(readSignersByRole(config(undefined))).toEqual({});
    expect(readSignersByRole(config(mapping))).toEqual(mapping);
    expect(() => readSignersByRole(config(['group:default/qa-leads']))).toThrow(
      'rollout.signOffs.signersByRole must map role names to lists of entity refs',
    );
    expect(() =>
      readSignersByRole(config({ 'QA Lead': ['qa-leads'] })),
    ).toThrow(
      'rollout.signOffs.signersByRole["QA Lead"] must be a list of at most 50 full entity refs',
    );
    expect(() =>
      readSignersByRole(config({ 'QA Lead': 'group:default/qa-leads' })),
    ).toThrow(/\["QA Lead"\]/);
  });
});
