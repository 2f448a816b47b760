import { InputError } from '@backstage/errors';
import {
  RolloutSort,
  RolloutStatus,
} from '@rollout/backstage-plugin-rollout-common';

/** The columns of a listed row that sorts and cursors read. */
export type SortedRow = {
  entity_ref: string;
  last_activity_at?: string | null;
  status_rank: number | string;
};

/** Statuses in the order a status sort shows them: what needs eyes first. */
const statusOrder: RolloutStatus[] = [
  'blocked',
  'in_progress',
  'draft',
  'completed',
  'rolled_back',
];
export const statusRank = `CASE status ${statusOrder
  .map((status, rank) => `WHEN '${status}' THEN ${rank}`)
  .join(' ')} ELSE ${statusOrder.length} END`;

/** How each sort orders rows, and the key of a row a cursor carries. */
export const sortKeys: Record<
  RolloutSort,
  {
    expression: string;
    direction: 'asc' | 'desc';
    of: (row: SortedRow) => string | number;
  }
> = {
  lastActivity: {
    expression: 'last_activity_at',
    direction: 'desc',
    of: row => row.last_activity_at ?? '',
  },
  entity: {
    expression: 'entity_ref',
    direction: 'asc',
    of: row => row.entity_ref,
  },
  status: {
    expression: statusRank,
    direction: 'asc',
    of: row => Number(row.status_rank),
  },
};

type SortCursor = { sort: RolloutSort; key: string | number; seq: number };

export function encodeSortCursor(cursor: SortCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

export function decodeSortCursor(
  cursor: string,
  sort: RolloutSort,
): SortCursor {
  let parsed: Partial<SortCursor> | undefined;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const keyType = sort === 'status' ? 'number' : 'string';
  if (
    !parsed ||
    parsed.sort !== sort ||
    typeof parsed.key !== keyType ||
    !Number.isSafeInteger(parsed.seq)
  ) {
    throw new InputError(
      `Invalid cursor '${cursor}': pass a nextCursor as returned, with the same sort`,
    );
  }
  return parsed as SortCursor;
}
