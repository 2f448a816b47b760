import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  Checklist,
  SignOff,
  SignOffActor,
  SignOffDecision,
  maySignOff,
} from '@rollout/backstage-plugin-rollout-common';

/**
 * Records the actor's decision on one sign-off row; NotFoundError for an
 * unknown row, NotAllowedError for someone who is not a signer.
 */
export function decideSignOff(
  checklist: Checklist,
  options: {
    signOffId: string;
    decision: SignOffDecision;
    note?: string;
    actor: SignOffActor;
    now: string;
  },
): { checklist: Checklist; signOff: SignOff } {
  const { signOffId, decision, note, actor, now } = options;
  const current = checklist.signOffs.find(row => row.id === signOffId);
  if (!current) {
    throw new NotFoundError(`No sign-off with id '${signOffId}'`);
  }
  if (!maySignOff(current, actor)) {
    throw new NotAllowedError(
      current.signers.length
        ? `${actor.userEntityRef} is not a signer of '${
            current.role
          }': it is signed by ${current.signers.join(', ')}`
        : `'${current.role}' has no signers yet, so nobody may decide it`,
    );
  }
  const signOff: SignOff =
    decision === 'pending'
      ? {
          ...current,
          decision,
          note: note ?? current.note,
          decidedBy: undefined,
          decidedAt: undefined,
        }
      : {
          ...current,
          decision,
          note: note ?? current.note,
          decidedBy: actor.userEntityRef,
          decidedAt: now,
        };
  return {
    signOff: dropUndefined(signOff),
    checklist: {
      ...checklist,
      signOffs: checklist.signOffs.map(row =>
        row.id === signOffId ? dropUndefined(signOff) : row,
      ),
    },
  };
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined),
  ) as T;
}
