import { rolloutLimits } from './limits';
import { SignOff, signOffSchema } from './schema';

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

/**
 * Who signs the sign-off rows of each role when a new checklist names
 * nobody: role name → user or group entity refs, as app-config's
 * `rollout.signOffs.signersByRole` sets it.
 * @public
 */
export type SignersByRole = Record<string, string[]>;

/**
 * The role → signers mapping of app-config (`rollout.signOffs.signersByRole`),
 * read the same way by the backend, which applies it to new rollouts, and
 * the tab, which shows it. Role names are map keys as written ("QA Lead"),
 * which config keys cannot hold, so the map is read whole. Throws naming
 * the role when a value is not a list of full entity refs.
 * @public
 */
export function readSignersByRole(config: {
  getOptional(key: string): unknown;
}): SignersByRole {
  const key = 'rollout.signOffs.signersByRole';
  const value = config.getOptional(key);
  if (value === undefined || value === null) {
    return {};
  }
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${key} must map role names to lists of entity refs`);
  }
  return Object.fromEntries(
    Object.entries(value).map(([role, signers]) => {
      // The signers of a row as the checklist schema takes them.
      const parsed = signOffSchema.shape.signers.safeParse(signers);
      if (!parsed.success) {
        throw new TypeError(
          `${key}["${role}"] must be a list of at most ${rolloutLimits.signers} full entity refs, like "group:default/qa-leads"`,
        );
      }
      return [role, parsed.data];
    }),
  );
}

const roleKey = (role: string) => role.trim().toLocaleLowerCase('en-US');

/**
 * The checklist with signers for each sign-off row that names none, from
 * the role → signers mapping: roles match case aside and trimmed. Rows with
 * signers, and roles the mapping does not name, stay as they are. For new
 * checklists only: changing who signs an existing rollout's row is an
 * admin act.
 * @public
 */
export function withRoleSigners<
  T extends { signOffs: Array<{ role: string; signers?: string[] }> },
>(checklist: T, signersByRole: SignersByRole): T {
  const byRole = new Map(
    Object.entries(signersByRole).map(([role, signers]) => [
      roleKey(role),
      signers,
    ]),
  );
  if (byRole.size === 0) {
    return checklist;
  }
  return {
    ...checklist,
    signOffs: checklist.signOffs.map(row => {
      const signers = byRole.get(roleKey(row.role));
      return row.signers?.length || !signers?.length
        ? row
        : { ...row, signers: [...signers] };
    }),
  };
}

/**
 * The roles of the sign-off rows nobody can sign, for want of signers, in
 * the checklist's order.
 * @public
 */
export function rolesWithoutSigners(checklist: {
  signOffs: Array<{ role: string; signers?: string[] }>;
}): string[] {
  return checklist.signOffs
    .filter(row => !row.signers?.length)
    .map(row => row.role);
}
