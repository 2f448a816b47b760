import { SignOff } from './schema';

/**
 * Who is deciding: the user and the entity refs they own or belong to, as
 * the identity and user-info services give them.
 * @public
 */
export type SignOffActor = {
  userEntityRef: string;
  ownershipEntityRefs: string[];
};

const normalize = (ref: string) => ref.toLocaleLowerCase('en-US');

/**
 * Whether the actor is one of the row's signers, directly or through one of
 * the groups they belong to. The backend enforces this rule; the frontend
 * uses the same function to offer the buttons only to those it would accept.
 * @public
 */
export function maySignOff(signOff: SignOff, actor: SignOffActor): boolean {
  const mine = new Set(
    [actor.userEntityRef, ...actor.ownershipEntityRefs].map(normalize),
  );
  return signOff.signers.some(signer => mine.has(normalize(signer)));
}

/**
 * The rows a sign-off request asks: those still pending that have signers
 * to ask. Rows already decided are not asked again. The backend sends to
 * these; the frontend offers the request only when there is one.
 * @public
 */
export function signOffsToRequest(signOffs: SignOff[]): SignOff[] {
  return signOffs.filter(
    row => row.decision === 'pending' && row.signers.length > 0,
  );
}
