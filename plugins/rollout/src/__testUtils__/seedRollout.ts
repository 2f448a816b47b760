import {
  Rollout,
  RolloutSummary,
  checklistCounts,
  parseChecklist,
  pendingSignOffRoles,
} from '@rollout/backstage-plugin-rollout-common';

/** The entity the seed checklist belongs to. */
export const SEED_ENTITY_REF = 'component:default/multipass-reviewer';

/**
 * The signer groups of the seed's sign-off rows, by row id. The markdown
 * has no Signers column, so a rollout made from it has none until given.
 */
export const SEED_SIGNERS: Record<string, string[]> = {
  'architecture-lead': ['group:default/architecture-leads'],
  'qa-lead': ['group:default/qa-leads'],
  'operations-lead': ['group:default/operations-leads'],
  'product-programme': ['group:default/programme-leads'],
};

/**
 * The rollout the backend makes of the Stage 01_03 checklist: v0.3.0 of
 * multipass-reviewer, in progress, nothing ticked or signed yet.
 */
export function seedRollout(
  markdown: string,
  overrides: Partial<Rollout> = {},
): Rollout {
  const checklist = parseChecklist(markdown);
  return {
    id: 'multipass-reviewer-v0.3.0',
    entityRef: SEED_ENTITY_REF,
    version: 'v0.3.0',
    previousVersion: 'v0.2.0',
    title: `Stage ${checklist.stage} · ${checklist.title}`,
    status: 'in_progress',
    revision: 1,
    checklist: {
      ...checklist,
      signOffs: checklist.signOffs.map(row => {
        const signers = SEED_SIGNERS[row.id];
        if (!signers) {
          throw new Error(`The seed has no signers for sign-off '${row.id}'`);
        }
        return { ...row, signers };
      }),
    },
    createdBy: 'user:default/release-manager',
    createdAt: '2025-11-20T09:00:00.000Z',
    updatedAt: '2025-11-20T09:00:00.000Z',
    ...overrides,
  };
}

/** The rollout as `listRollouts` returns it. */
export function summaryOf(rollout: Rollout): RolloutSummary {
  const { checklist, ...rest } = rollout;
  return {
    ...rest,
    counts: checklistCounts(checklist),
    pendingRoles: pendingSignOffRoles(checklist),
    lastActivityAt: rollout.updatedAt,
  };
}
