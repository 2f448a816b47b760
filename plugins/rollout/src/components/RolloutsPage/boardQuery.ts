import {
  ListRolloutsQuery,
  RolloutBlockingEvent,
  RolloutSort,
  RolloutStatus,
  RolloutSummary,
} from '@rollout/backstage-plugin-rollout-common';
import { RolloutTranslationFunction } from '../../translation';

/** The board's filters, as they live in the page's URL. */
export type BoardFilters = {
  status: RolloutStatus[];
  owner?: string;
  system?: string;
  /** `pending`: waiting for my sign-off; `owned`: of entities I own. */
  mine?: 'pending' | 'owned';
  q?: string;
  sort: RolloutSort;
};

const statuses: RolloutStatus[] = [
  'draft',
  'in_progress',
  'blocked',
  'completed',
  'rolled_back',
];
const sorts: RolloutSort[] = ['lastActivity', 'entity', 'status'];

/** The filters a URL's search parameters hold; unknown values are dropped. */
export function filtersFromSearch(search: URLSearchParams): BoardFilters {
  const mine = search.get('mine');
  const sort = search.get('sort') as RolloutSort;
  return {
    status: search
      .getAll('status')
      .flatMap(value => value.split(','))
      .filter((s): s is RolloutStatus => statuses.includes(s as RolloutStatus)),
    owner: search.get('owner') || undefined,
    system: search.get('system') || undefined,
    mine: mine === 'pending' || mine === 'owned' ? mine : undefined,
    q: search.get('q') || undefined,
    sort: sorts.includes(sort) ? sort : 'lastActivity',
  };
}

/** The search parameters of the filters, for a link that restores them. */
export function searchFromFilters(filters: BoardFilters): URLSearchParams {
  const search = new URLSearchParams();
  filters.status.forEach(status => search.append('status', status));
  for (const key of ['owner', 'system', 'mine', 'q'] as const) {
    const value = filters[key];
    if (value) {
      search.set(key, value);
    }
  }
  if (filters.sort !== 'lastActivity') {
    search.set('sort', filters.sort);
  }
  return search;
}

/** The API query of the filters. */
export function queryOf(
  filters: BoardFilters,
  page: { limit: number; cursor?: string },
): ListRolloutsQuery {
  return {
    ...(filters.status.length ? { status: filters.status } : {}),
    ...(filters.owner ? { owner: filters.owner } : {}),
    ...(filters.system ? { system: filters.system } : {}),
    ...(filters.mine === 'pending' ? { pendingSignoffBy: 'me' as const } : {}),
    ...(filters.mine === 'owned' ? { ownedBy: 'me' as const } : {}),
    ...(filters.q ? { q: filters.q } : {}),
    sort: filters.sort,
    limit: page.limit,
    ...(page.cursor ? { cursor: page.cursor } : {}),
  };
}

function dataText(data: Record<string, unknown>, key: string) {
  const value = data[key];
  return typeof value === 'string' && value ? value : undefined;
}

/**
 * The event that blocked a rollout, in a few words in the user's language,
 * from its type and data; undefined when its data does not say enough
 * (an event recorded before the data named its items).
 */
function blockedText(
  event: RolloutBlockingEvent,
  t: RolloutTranslationFunction,
): string | undefined {
  const { data } = event;
  switch (event.type) {
    case 'signoff.decided': {
      const role = dataText(data, 'role');
      const note = dataText(data, 'note');
      if (!role) {
        return undefined;
      }
      return note
        ? t('board.blocker.rejectedWithNote', { role, note })
        : t('board.blocker.rejected', { role });
    }
    case 'criterion.marked': {
      const criterion = dataText(data, 'criterion');
      return criterion && t('board.blocker.criterionTriggered', { criterion });
    }
    case 'gates.blocked': {
      const { gates, names } = data;
      if (
        !Array.isArray(gates) ||
        !Array.isArray(names) ||
        gates.length !== names.length ||
        !gates.length
      ) {
        return undefined;
      }
      const parts = gates.map((gate, index) => {
        const name = String(names[index]);
        const kind = String(gate).split(':')[0];
        if (kind === 'alert') {
          return t('board.blocker.alertFiring', { name });
        }
        if (kind === 'metric') {
          return t('board.blocker.metricBreached', { name });
        }
        return kind === 'criterion'
          ? t('board.blocker.criterionTriggered', { criterion: name })
          : undefined;
      });
      return parts.every(Boolean) ? parts.join('; ') : undefined;
    }
    case 'rollout.status': {
      const reason = dataText(data, 'reason');
      return reason
        ? t('board.blocker.byHand', { reason })
        : t('board.blocker.blocked');
    }
    default:
      return undefined;
  }
}

/** What holds a rollout up, in a few words, in the user's language. */
export function blockerOf(
  rollout: RolloutSummary,
  t: RolloutTranslationFunction,
): string | undefined {
  if (rollout.status === 'blocked') {
    return (
      (rollout.blockedEvent && blockedText(rollout.blockedEvent, t)) ??
      rollout.blockedReason ??
      t('board.blocker.blocked')
    );
  }
  if (rollout.status !== 'draft' && rollout.status !== 'in_progress') {
    return undefined;
  }
  const { steps, checks, signOffs } = rollout.counts;
  const open: string[] = [];
  if (steps.total > steps.done) {
    open.push(t('board.blocker.steps', { count: steps.total - steps.done }));
  }
  if (checks.total > checks.done) {
    open.push(t('board.blocker.checks', { count: checks.total - checks.done }));
  }
  if (signOffs.total > signOffs.approved) {
    open.push(
      t('board.blocker.signOffs', {
        count: signOffs.total - signOffs.approved,
      }),
    );
  }
  return open.length
    ? t('board.blocker.open', { items: open.join(', ') })
    : undefined;
}

// The columns are a data format that scripts read too: their names and the
// raw status stay as written; only what blocks a row is in the user's
// language, as the board shows it.
const csvColumns: Array<
  [string, (r: RolloutSummary, t: RolloutTranslationFunction) => string]
> = [
  ['entity', r => r.entityRef],
  ['system', r => r.systemRef ?? ''],
  ['owner', r => r.ownerRef ?? ''],
  ['version', r => r.version],
  ['previous version', r => r.previousVersion ?? ''],
  ['status', r => r.status],
  ['steps done', r => String(r.counts.steps.done)],
  ['steps', r => String(r.counts.steps.total)],
  ['checks done', r => String(r.counts.checks.done)],
  ['checks', r => String(r.counts.checks.total)],
  ['sign-offs approved', r => String(r.counts.signOffs.approved)],
  ['sign-offs', r => String(r.counts.signOffs.total)],
  ['pending roles', r => r.pendingRoles.join('; ')],
  ['blocked by', (r, t) => blockerOf(r, t) ?? ''],
  ['last activity', r => r.lastActivityAt],
];

/**
 * The rollouts as CSV for a spreadsheet. A cell that a spreadsheet would
 * read as a formula gets a leading quote.
 */
export function toCsv(
  rollouts: RolloutSummary[],
  t: RolloutTranslationFunction,
): string {
  const cell = (value: string) => {
    const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return [
    csvColumns.map(([name]) => name).join(','),
    ...rollouts.map(r =>
      csvColumns.map(([, value]) => cell(value(r, t))).join(','),
    ),
  ].join('\r\n');
}
