import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { smallChecklist } from '../__testUtils__/fixtures';
import { maySignOff } from '@rollout/backstage-plugin-rollout-common';
import { decideSignOff } from './signOffs';

const quinn = {
  userEntityRef: 'user:default/quinn',
  ownershipEntityRefs: ['user:default/quinn', 'Group:Default/QA-Leads'],
};
const ada = {
  userEntityRef: 'user:default/ada',
  ownershipEntityRefs: ['user:default/ada'],
};
const now = '2026-11-26T12:00:00.000Z';

describe('maySignOff', () => {
  it('accepts group members, case-insensitively, and named users', () => {
    const [row] = smallChecklist().signOffs;
    expect(maySignOff(row, quinn)).toBe(true);
    expect(maySignOff(row, ada)).toBe(false);
    expect(maySignOff({ ...row, signers: ['user:default/ada'] }, ada)).toBe(
      true,
    );
  });
});

describe('decideSignOff', () => {
  it('records decision, note, identity and time', () => {
    const { signOff, checklist } = decideSignOff(smallChecklist(), {
      signOffId: 'qa-lead',
      decision: 'approved',
      note: 'ok',
      actor: quinn,
      now,
    });
    expect(signOff).toEqual({
      ...smallChecklist().signOffs[0],
      decision: 'approved',
      note: 'ok',
      decidedBy: 'user:default/quinn',
      decidedAt: now,
    });
    expect(checklist.signOffs).toEqual([signOff]);
  });

  it('clears who and when when set back to pending', () => {
    const approved = decideSignOff(smallChecklist(), {
      signOffId: 'qa-lead',
      decision: 'approved',
      actor: quinn,
      now,
    }).checklist;
    const { signOff } = decideSignOff(approved, {
      signOffId: 'qa-lead',
      decision: 'pending',
      actor: quinn,
      now,
    });
    expect(signOff.decidedBy).toBeUndefined();
    expect('decidedAt' in signOff).toBe(false);
  });

  it('refuses non-signers and unknown rows', () => {
    expect(() =>
      decideSignOff(smallChecklist(), {
        signOffId: 'qa-lead',
        decision: 'approved',
        actor: ada,
        now,
      }),
    ).toThrow(NotAllowedError);
    expect(() =>
      decideSignOff(smallChecklist(), {
        signOffId: 'cto',
        decision: 'approved',
        actor: quinn,
        now,
      }),
    ).toThrow(NotFoundError);
  });

  it('says so when a row has no signers at all', () => {
    const checklist = smallChecklist();
    checklist.signOffs[0].signers = [];
    expect(() =>
      decideSignOff(checklist, {
        signOffId: 'qa-lead',
        decision: 'approved',
        actor: quinn,
        now,
      }),
    ).toThrow("'QA Lead' has no signers yet");
  });
});
