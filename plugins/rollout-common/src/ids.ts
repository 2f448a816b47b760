/*
 * Ids of checklist items. A client (or the markdown parser) may leave ids out;
 * they are derived from what the item is, so that parsing the same document
 * twice yields the same ids and run state can be matched up by id.
 */
import { ChecklistInput, checklistInputSchema } from './requests';
import { Checklist } from './schema';

// The id schema allows 100 characters; leave room for a `-<n>` suffix.
const MAX_SLUG_LENGTH = 90;

function slugify(value: string, keep: RegExp): string {
  return (
    value
      // Decompose accents so that `Qualité` becomes `qualite`, not `qualit`.
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLocaleLowerCase('en-US')
      .replace(keep, '-')
      .replace(/-{2,}/g, '-')
      .replace(/^[^a-z0-9]+/, '')
      .slice(0, MAX_SLUG_LENGTH)
      .replace(/[^a-z0-9]+$/, '')
  );
}

/** Roles read best as plain words: `Product/Programme` → `product-programme`. */
function roleSlug(role: string): string {
  return slugify(role, /[^a-z0-9]+/g);
}

/** Metric and alert names keep `.` and `_`, so Prometheus names survive. */
function nameSlug(name: string): string {
  return slugify(name, /[^a-z0-9._-]+/g);
}

/**
 * Hands out ids for one collection. Ids the caller gave are reserved up front,
 * so a generated id never takes one that a later item already carries.
 */
function idAllocator(items: ReadonlyArray<{ id?: string }>) {
  const taken = new Set<string>();
  for (const item of items) {
    if (item.id !== undefined) {
      taken.add(item.id);
    }
  }
  return (item: { id?: string }, candidate: string): string => {
    if (item.id !== undefined) {
      return item.id;
    }
    let id = candidate;
    for (let n = 2; taken.has(id); n++) {
      id = `${candidate}-${n}`;
    }
    taken.add(id);
    return id;
  };
}

function withIds<T extends { id?: string }>(
  items: ReadonlyArray<T>,
  candidate: (item: T, position: number) => string,
): Array<T & { id: string }> {
  const allocate = idAllocator(items);
  return items.map((item, index) => ({
    ...item,
    id: allocate(item, candidate(item, index + 1)),
  }));
}

/**
 * Validates a checklist as a client or the markdown parser wrote it, fills in
 * the run state of a fresh checklist and assigns every missing id.
 *
 * @remarks
 * Ids are derived from the items themselves (`step-3`, `architecture-lead`,
 * `review_pass_runtime_seconds`, `comms-2`, ...) so that normalizing the same
 * checklist twice gives the same ids. Ids that are given are kept, and a
 * derived id that is already taken gets a `-2`, `-3`, ... suffix.
 *
 * @param input - the checklist; ids and run state may be left out.
 * @returns a checklist that `checklistSchema` accepts.
 * @throws ZodError when the input does not match `checklistInputSchema`.
 * @public
 */
export function normalizeChecklist(input: ChecklistInput): Checklist {
  const parsed = checklistInputSchema.parse(input);
  return {
    ...parsed,
    steps: withIds(
      parsed.steps.map(step => ({
        ...step,
        notes: step.notes ?? '',
        kind: step.kind ?? 'runbook',
        status: step.status ?? 'pending',
      })),
      step => `step-${step.number}`,
    ),
    rollbackCriteria: withIds(
      parsed.rollbackCriteria,
      (_, n) => `criterion-${n}`,
    ),
    migrationGuide: withIds(parsed.migrationGuide, (_, n) => `migration-${n}`),
    preflightChecks: withIds(
      parsed.preflightChecks.map(check => ({
        ...check,
        checked: check.checked ?? false,
      })),
      (_, n) => `check-${n}`,
    ),
    signOffs: withIds(
      parsed.signOffs.map(signOff => ({
        ...signOff,
        responsibility: signOff.responsibility ?? '',
        signers: signOff.signers ?? [],
        decision: signOff.decision ?? 'pending',
        note: signOff.note ?? '',
      })),
      (signOff, n) => roleSlug(signOff.role) || `signoff-${n}`,
    ),
    metrics: withIds(
      parsed.metrics.map(metric => ({
        ...metric,
        description: metric.description ?? '',
      })),
      (metric, n) => nameSlug(metric.name) || `metric-${n}`,
    ),
    alerts: withIds(
      parsed.alerts.map(alert => ({
        ...alert,
        description: alert.description ?? '',
      })),
      (alert, n) => nameSlug(alert.name) || `alert-${n}`,
    ),
    communication: withIds(
      parsed.communication.map(item => ({ ...item, done: item.done ?? false })),
      (_, n) => `comms-${n}`,
    ),
  };
}

/**
 * The signals channel on which the backend announces changes of one
 * rollout, and open tabs listen.
 * @public
 */
export function rolloutSignalChannel(rolloutId: string): string {
  return `rollout:${rolloutId}`;
}
