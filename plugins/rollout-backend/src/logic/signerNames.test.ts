import { withNamedSigners } from './signerNames';

const checklist = {
  title: 'T',
  steps: [{ number: 1, title: '`a`' }],
  signOffs: [
    { role: 'Security Lead', signers: ['user:default/ada'] },
    { role: 'QA Lead', signers: [] },
    { role: 'Operations', signers: [] },
  ],
};

describe('withNamedSigners', () => {
  it('adds the refs the catalog gave, and warns of and leaves out the rest', () => {
    const {
      checklist: named,
      warnings,
      unsignedRows,
    } = withNamedSigners(
      checklist,
      [
        { signOff: 0, role: 'Security Lead', line: 10, name: '@rey' },
        { signOff: 1, role: 'QA Lead', line: 11, name: 'qa-leads' },
        { signOff: 2, role: 'Operations', line: 12, name: '@nobody' },
        { signOff: 0, role: 'Security Lead', line: 10, name: 'ada' },
      ],
      new Map([
        ['@rey', { ref: 'user:default/rey' }],
        ['qa-leads', { ref: 'group:default/qa-leads' }],
        [
          '@nobody',
          { problem: 'the catalog has no user or group by that name or email' },
        ],
        // The same person as a ref already in the row: named once.
        ['ada', { ref: 'user:default/ada' }],
      ]),
    );
    expect(named.signOffs.map(row => row.signers)).toEqual([
      ['user:default/ada', 'user:default/rey'],
      ['group:default/qa-leads'],
      [],
    ]);
    expect(warnings).toEqual([
      {
        line: 12,
        message:
          'the signer "@nobody" of "Operations" is left out: the catalog has no user or group by that name or email',
      },
    ]);
    // Only the row whose named signers all stayed unknown.
    expect([...unsignedRows]).toEqual([2]);
  });

  it('leaves an edit without sign-offs without them', () => {
    const edit = { steps: checklist.steps };
    expect(withNamedSigners(edit, [], new Map()).checklist).toBe(edit);
  });
});
