import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  Checklist,
  Rollout,
  RolloutEvent,
  RolloutSummary,
  checklistCounts,
  checklistSchema,
} from '@rollout/backstage-plugin-rollout-common';
import { randomUUID } from 'crypto';
import { Knex } from 'knex';
import { RolloutConflictError } from '../errors';
import {
  decodeSortCursor,
  encodeSortCursor,
  sortKeys,
  statusRank,
} from './summarySort';
import {
  EntityCatalogInfo,
  ListRolloutSummariesOptions,
  ListRolloutsOptions,
  NewRollout,
  NewRolloutEvent,
  RolloutChanges,
  RolloutFilter,
  RolloutStore,
  GateEvaluationRecord,
  GateStateRecord,
  StepRun,
  staleRevisionError,
} from './RolloutStore';

const lowerCase = (ref: string) => ref.toLocaleLowerCase('en-US');

const migrationsDir = resolvePackagePath(
  '@rollout/backstage-plugin-rollout-backend',
  'migrations',
);

type RolloutRow = {
  seq: number | string;
  id: string;
  entity_ref: string;
  version: string;
  previous_version: string | null;
  title: string;
  status: string;
  revision: number;
  release_notes_url: string | null;
  checklist: string;
  created_by: string;
  created_at: string;
  updated_at: string;
  started_at?: string | null;
  owner_ref?: string | null;
  system_ref?: string | null;
} & Partial<SummaryColumns>;

/** The columns the board and lists read instead of the checklist. */
type SummaryColumns = {
  steps_done: number;
  steps_total: number;
  checks_done: number;
  checks_total: number;
  signoffs_approved: number;
  signoffs_total: number;
  pending_sign_offs: string;
  last_activity_at: string;
  blocked_reason: string | null;
  blocked_event: string | null;
  search_text: string;
};

/** Every column but the checklist. */
const summaryColumns = [
  'seq',
  'id',
  'entity_ref',
  'version',
  'previous_version',
  'title',
  'status',
  'revision',
  'release_notes_url',
  'created_by',
  'created_at',
  'updated_at',
  'started_at',
  'owner_ref',
  'system_ref',
  'steps_done',
  'steps_total',
  'checks_done',
  'checks_total',
  'signoffs_approved',
  'signoffs_total',
  'pending_sign_offs',
  'last_activity_at',
  'blocked_reason',
  'blocked_event',
];

type GateStateRow = {
  rollout_id: string;
  gate: string;
  state: string;
  reason: string | null;
  changed_at: string;
  evaluated_at: string;
};

type GateEvaluationRow = {
  rollout_id: string;
  revision: number | null;
  gates: string | null;
  evaluated_at: string | null;
  claimed_until: string | null;
};

type EventRow = {
  id: number | string;
  rollout_id: string;
  actor: string;
  type: string;
  message: string;
  revision: number;
  data: string | null;
  created_at: string;
};

/**
 * The knex implementation of {@link RolloutStore}, for SQLite and PostgreSQL.
 * @public
 */
export class DatabaseRolloutStore implements RolloutStore {
  /**
   * Connects and, unless the database says to skip them, runs migrations.
   * `onChange` hears of every rollout created or changed, once committed.
   */
  static async create(options: {
    database: DatabaseService;
    onChange?: (rollout: Rollout) => Promise<void>;
  }): Promise<DatabaseRolloutStore> {
    const { database } = options;
    const client = await database.getClient();
    if (!database.migrations?.skip) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseRolloutStore(client, options.onChange);
  }

  private constructor(
    private readonly db: Knex,
    private readonly onChange?: (rollout: Rollout) => Promise<void>,
  ) {}

  /** {@inheritDoc RolloutStore.createRollout} */
  async createRollout(
    rollout: NewRollout,
    event: NewRolloutEvent,
  ): Promise<Rollout> {
    const now = new Date().toISOString();
    const row: Omit<RolloutRow, 'seq'> = {
      id: randomUUID(),
      entity_ref: rollout.entityRef,
      version: rollout.version,
      previous_version: rollout.previousVersion ?? null,
      title: rollout.title,
      status: rollout.status,
      revision: 1,
      release_notes_url: rollout.releaseNotesUrl ?? null,
      checklist: JSON.stringify(rollout.checklist),
      created_by: rollout.createdBy,
      created_at: now,
      updated_at: now,
      owner_ref: rollout.ownerRef ? lowerCase(rollout.ownerRef) : null,
      system_ref: rollout.systemRef ? lowerCase(rollout.systemRef) : null,
      ...countColumns(rollout.checklist),
      search_text: searchText(rollout),
      last_activity_at: now,
      blocked_reason: rollout.status === 'blocked' ? event.message : null,
      blocked_event:
        rollout.status === 'blocked' ? blockedEventColumn(event) : null,
    };
    await this.db.transaction(async tx => {
      // Checked first so that the common case gets a clear message; the
      // unique index still settles a race between two writers.
      const existing = await tx('rollouts')
        .where({ entity_ref: row.entity_ref, version: row.version })
        .first('id');
      if (existing) {
        throw duplicate(row);
      }
      try {
        await tx('rollouts').insert(row);
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw duplicate(row);
        }
        throw error;
      }
      await replaceSigners(tx, row.id, rollout.checklist);
      await tx('rollout_events').insert(eventRow(row.id, 1, event, now));
    });
    const created = toRollout(row as RolloutRow);
    await this.onChange?.(created);
    return created;
  }

  /** {@inheritDoc RolloutStore.getRollout} */
  async getRollout(id: string): Promise<Rollout | undefined> {
    const row = await this.db<RolloutRow>('rollouts').where({ id }).first();
    return row ? toRollout(row) : undefined;
  }

  /** {@inheritDoc RolloutStore.getRolloutVersion} */
  async getRolloutVersion(
    id: string,
  ): Promise<Pick<Rollout, 'revision' | 'ownerRef' | 'systemRef'> | undefined> {
    const row = await this.db<RolloutRow>('rollouts')
      .where({ id })
      .first('revision', 'owner_ref', 'system_ref');
    return (
      row && {
        revision: row.revision,
        ...(row.owner_ref ? { ownerRef: row.owner_ref } : {}),
        ...(row.system_ref ? { systemRef: row.system_ref } : {}),
      }
    );
  }

  /** {@inheritDoc RolloutStore.getRollouts} */
  async getRollouts(ids: string[]): Promise<Array<Rollout | undefined>> {
    const rows = ids.length
      ? await this.db<RolloutRow>('rollouts').whereIn('id', ids)
      : [];
    const byId = new Map(rows.map(row => [row.id, toRollout(row)]));
    return ids.map(id => byId.get(id));
  }

  /** {@inheritDoc RolloutStore.findRollout} */
  async findRollout(
    entityRef: string,
    version: string,
  ): Promise<Rollout | undefined> {
    const row = await this.db<RolloutRow>('rollouts')
      .where({ entity_ref: entityRef, version })
      .first();
    return row ? toRollout(row) : undefined;
  }

  /** {@inheritDoc RolloutStore.listRollouts} */
  async listRollouts(
    options: ListRolloutsOptions,
  ): Promise<{ items: Rollout[]; nextCursor?: string }> {
    const query = this.db<RolloutRow>('rollouts')
      .orderBy('seq', 'desc')
      .limit(options.limit + 1);
    if (options.entityRef) {
      query.where('entity_ref', options.entityRef);
    }
    if (options.status) {
      query.where('status', options.status);
    }
    if (options.filter) {
      const { filter } = options;
      // Grouped, so that an `anyOf` cannot widen the other conditions.
      query.where(group => whereFilter(group, filter));
    }
    if (options.cursor) {
      query.where('seq', '<', decodeCursor(options.cursor));
    }
    const rows = await query;
    const page = rows.slice(0, options.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(toRollout),
      nextCursor:
        rows.length > options.limit && last
          ? encodeCursor(Number(last.seq))
          : undefined,
    };
  }

  /** {@inheritDoc RolloutStore.changeRollout} */
  async changeRollout(options: {
    id: string;
    change: (
      current: Rollout,
      history: { eventsAfter(revision: number): Promise<RolloutEvent[]> },
    ) => Promise<{ changes: RolloutChanges; event: NewRolloutEvent }>;
  }): Promise<Rollout> {
    const { id, change } = options;
    const updated = await this.db.transaction(async tx => {
      // PostgreSQL holds the row until the commit, so concurrent changes
      // queue; SQLite runs one write transaction at a time anyway.
      const query = tx<RolloutRow>('rollouts').where({ id });
      const row = await (this.isPostgres() ? query.forUpdate() : query).first();
      if (!row) {
        throw new NotFoundError(`No rollout with id '${id}'`);
      }
      const current = toRollout(row);
      const { changes, event } = await change(current, {
        eventsAfter: async revision =>
          (
            await tx<EventRow>('rollout_events')
              .where({ rollout_id: id })
              .where('revision', '>', revision)
              .orderBy('id', 'asc')
          ).map(toEvent),
      });
      return this.write(tx, {
        id,
        expectedRevision: row.revision,
        changes,
        event,
      });
    });
    await this.onChange?.(updated);
    return updated;
  }

  /** {@inheritDoc RolloutStore.updateRollout} */
  async updateRollout(options: {
    id: string;
    expectedRevision: number;
    changes: RolloutChanges;
    event: NewRolloutEvent;
  }): Promise<Rollout> {
    const updated = await this.db.transaction(tx => this.write(tx, options));
    await this.onChange?.(updated);
    return updated;
  }

  /**
   * Writes changes if the rollout is still at `expectedRevision`: the
   * revision in the WHERE clause makes the write a compare-and-set, so of
   * two writers that read the same revision exactly one succeeds.
   */
  private async write(
    tx: Knex.Transaction,
    options: {
      id: string;
      expectedRevision: number;
      changes: RolloutChanges;
      event: NewRolloutEvent;
    },
  ): Promise<Rollout> {
    const { id, expectedRevision, changes, event } = options;
    const now = new Date().toISOString();
    const update: Partial<Record<keyof RolloutRow, unknown>> = {
      revision: expectedRevision + 1,
      updated_at: now,
      last_activity_at: now,
    };
    if (changes.title !== undefined) update.title = changes.title;
    if (changes.status !== undefined) {
      update.status = changes.status;
      update.blocked_reason =
        changes.status === 'blocked' ? event.message : null;
      update.blocked_event =
        changes.status === 'blocked' ? blockedEventColumn(event) : null;
    }
    if (changes.status === 'in_progress') {
      // The first start only: gate baselines end there, and a rollout that
      // is unblocked has not started again.
      update.started_at = this.db.raw('COALESCE(started_at, ?)', [now]);
    }
    if (changes.previousVersion !== undefined) {
      update.previous_version = changes.previousVersion;
    }
    if (changes.releaseNotesUrl !== undefined) {
      update.release_notes_url = changes.releaseNotesUrl;
    }
    if (changes.checklist !== undefined) {
      update.checklist = JSON.stringify(changes.checklist);
      Object.assign(update, countColumns(changes.checklist));
    }

    const count = await tx('rollouts')
      .where({ id, revision: expectedRevision })
      .update(update);
    if (count !== 1) {
      const current = await tx<RolloutRow>('rollouts')
        .where({ id })
        .first('revision');
      if (!current) {
        throw new NotFoundError(`No rollout with id '${id}'`);
      }
      throw staleRevisionError(id, current.revision, expectedRevision);
    }
    if (changes.checklist) {
      await replaceSigners(tx, id, changes.checklist);
    }
    await tx('rollout_events').insert(
      eventRow(id, expectedRevision + 1, event, now),
    );
    const row = (await tx<RolloutRow>('rollouts').where({ id }).first())!;
    if (changes.title !== undefined) {
      await tx('rollouts')
        .where({ id })
        .update({
          search_text: searchText({
            entityRef: row.entity_ref,
            version: row.version,
            title: row.title,
          }),
        });
    }
    return toRollout(row);
  }

  private isPostgres(): boolean {
    return this.db.client.config.client === 'pg';
  }

  /** {@inheritDoc RolloutStore.listEntityCatalogInfo} */
  async listEntityCatalogInfo(): Promise<
    Array<{ entityRef: string } & EntityCatalogInfo>
  > {
    const rows = await this.db<RolloutRow>('rollouts')
      .distinct('entity_ref', 'owner_ref', 'system_ref')
      .orderBy('entity_ref');
    return rows.map(row => ({
      entityRef: row.entity_ref,
      ...(row.owner_ref ? { ownerRef: row.owner_ref } : {}),
      ...(row.system_ref ? { systemRef: row.system_ref } : {}),
    }));
  }

  /** {@inheritDoc RolloutStore.setEntityCatalogInfo} */
  async setEntityCatalogInfo(
    entityRef: string,
    info: EntityCatalogInfo,
  ): Promise<number> {
    const owner = info.ownerRef ? lowerCase(info.ownerRef) : null;
    const system = info.systemRef ? lowerCase(info.systemRef) : null;
    const differs = (
      q: Knex.QueryBuilder,
      column: string,
      value: string | null,
    ) =>
      value === null
        ? q.orWhereNotNull(column)
        : q.orWhereNull(column).orWhereNot(column, value);
    return this.db('rollouts')
      .where({ entity_ref: entityRef })
      .where(q => {
        differs(q, 'owner_ref', owner);
        differs(q, 'system_ref', system);
      })
      .update({ owner_ref: owner, system_ref: system });
  }

  /** {@inheritDoc RolloutStore.listRolloutSummaries} */
  async listRolloutSummaries(
    options: ListRolloutSummariesOptions,
  ): Promise<{ items: RolloutSummary[]; nextCursor?: string }> {
    const { sort } = options;
    const key = sortKeys[sort];
    const query = this.db<RolloutRow>('rollouts')
      .select(summaryColumns)
      .select(this.db.raw(`${statusRank} as status_rank`))
      .orderByRaw(`${key.expression} ${key.direction}, seq desc`)
      .limit(options.limit + 1);
    const claims = options.signerClaims?.map(lowerCase);
    if (claims?.length) {
      query.select(this.awaitingYouColumn(claims));
    }
    if (options.entityRef) {
      query.where('entity_ref', lowerCase(options.entityRef));
    }
    if (options.statuses?.length) {
      query.whereIn('status', options.statuses);
    }
    if (options.ownerRef) {
      query.where('owner_ref', lowerCase(options.ownerRef));
    }
    if (options.systemRef) {
      query.where('system_ref', lowerCase(options.systemRef));
    }
    if (options.ownedBy) {
      query.whereIn('owner_ref', options.ownedBy.map(lowerCase));
    }
    if (options.pendingSignOffBy) {
      const refs = options.pendingSignOffBy.map(lowerCase);
      query.whereExists(signers =>
        signers
          .select('rollout_signers.rollout_id')
          .from('rollout_signers')
          .whereRaw('rollout_signers.rollout_id = rollouts.id')
          .where('rollout_signers.decision', 'pending')
          .whereIn('rollout_signers.signer_ref', refs),
      );
    }
    if (options.text) {
      const pattern = `%${lowerCase(options.text).replace(
        /[\\%_]/g,
        c => `\\${c}`,
      )}%`;
      query.whereRaw(`search_text like ? escape '\\'`, [pattern]);
    }
    if (options.filter) {
      const { filter } = options;
      query.where(group => whereFilter(group, filter));
    }
    if (options.cursor) {
      const after = decodeSortCursor(options.cursor, sort);
      const beyond = key.direction === 'asc' ? '>' : '<';
      query.where(q =>
        q
          .whereRaw(`${key.expression} ${beyond} ?`, [after.key])
          .orWhere(same =>
            same
              .whereRaw(`${key.expression} = ?`, [after.key])
              .where('seq', '<', after.seq),
          ),
      );
    }
    const rows = (await query) as unknown as Array<
      RolloutRow & {
        status_rank: number | string;
        awaiting_you?: string[] | string | null;
      }
    >;
    const page = rows.slice(0, options.limit);
    const last = page[page.length - 1];
    return {
      items: page.map(row => {
        const summary = toSummary(row);
        const mine = new Set<string>(
          typeof row.awaiting_you === 'string'
            ? JSON.parse(row.awaiting_you)
            : row.awaiting_you ?? [],
        );
        return mine.size
          ? {
              ...summary,
              awaitingYou: pendingOf(row).filter(p => mine.has(p.id)),
            }
          : summary;
      }),
      nextCursor:
        rows.length > options.limit && last
          ? encodeSortCursor({
              sort,
              key: key.of(last),
              seq: Number(last.seq),
            })
          : undefined,
    };
  }

  /**
   * A column of the listed rollout's pending sign-off rows that the claims
   * sign, as a JSON array of row ids: a subquery on the signer table's key,
   * so the page stays one query.
   */
  private awaitingYouColumn(claims: string[]): Knex.QueryBuilder {
    const aggregate = this.isPostgres() ? 'json_agg' : 'json_group_array';
    return this.db('rollout_signers')
      .select(this.db.raw(`${aggregate}(DISTINCT sign_off_id)`))
      .whereRaw('rollout_signers.rollout_id = rollouts.id')
      .where('decision', 'pending')
      .whereIn('signer_ref', claims)
      .as('awaiting_you');
  }

  /** {@inheritDoc RolloutStore.listEvents} */
  async listEvents(rolloutId: string): Promise<RolloutEvent[]> {
    const rows = await this.db<EventRow>('rollout_events')
      .where({ rollout_id: rolloutId })
      .orderBy('id', 'desc');
    return rows.map(toEvent);
  }

  /** {@inheritDoc RolloutStore.claimStepRun} */
  async claimStepRun(options: {
    rolloutId: string;
    stepId: string;
    startedBy: string;
  }): Promise<
    { claimed: true; run: StepRun } | { claimed: false; run: StepRun }
  > {
    const row = {
      rollout_id: options.rolloutId,
      step_id: options.stepId,
      started_by: options.startedBy,
      started_at: new Date().toISOString(),
    };
    try {
      const [inserted] = await this.db('rollout_step_runs')
        .insert(row)
        .returning('id');
      const id = Number(typeof inserted === 'object' ? inserted.id : inserted);
      return {
        claimed: true,
        run: toStepRun({ ...row, id, task_id: null }),
      };
    } catch (error) {
      if (!isUniqueViolation(error)) {
        throw error;
      }
    }
    const active = await this.getActiveStepRun(
      options.rolloutId,
      options.stepId,
    );
    if (!active) {
      // The other run finished between our insert and this read.
      return this.claimStepRun(options);
    }
    return { claimed: false, run: active };
  }

  /** {@inheritDoc RolloutStore.setStepRunTask} */
  async setStepRunTask(
    runId: number,
    task: { taskId: string; reportKeyHash: string },
  ): Promise<void> {
    await this.db('rollout_step_runs')
      .where({ id: runId })
      .update({ task_id: task.taskId, report_key_hash: task.reportKeyHash });
  }

  /** {@inheritDoc RolloutStore.releaseStepRun} */
  async releaseStepRun(runId: number): Promise<void> {
    await this.db('rollout_step_runs').where({ id: runId }).delete();
  }

  /** {@inheritDoc RolloutStore.finishStepRun} */
  async finishStepRun(options: {
    rolloutId: string;
    stepId: string;
    outcome: string;
  }): Promise<void> {
    await this.db('rollout_step_runs')
      .where({ rollout_id: options.rolloutId, step_id: options.stepId })
      .whereNull('finished_at')
      .update({
        finished_at: new Date().toISOString(),
        outcome: options.outcome,
      });
  }

  /** {@inheritDoc RolloutStore.getActiveStepRun} */
  async getActiveStepRun(
    rolloutId: string,
    stepId: string,
  ): Promise<StepRun | undefined> {
    const row = await this.db<StepRunRow>('rollout_step_runs')
      .where({ rollout_id: rolloutId, step_id: stepId })
      .whereNull('finished_at')
      .first();
    return row ? toStepRun(row) : undefined;
  }

  /** {@inheritDoc RolloutStore.listActiveStepRuns} */
  async listActiveStepRuns(): Promise<StepRun[]> {
    const rows = await this.db<StepRunRow>('rollout_step_runs')
      .whereNull('finished_at')
      .whereNotNull('task_id')
      .orderBy('id', 'asc');
    return rows.map(toStepRun);
  }

  /** {@inheritDoc RolloutStore.getGateStates} */
  async getGateStates(rolloutId: string): Promise<GateStateRecord[]> {
    const rows = await this.db<GateStateRow>('rollout_gate_states')
      .where({ rollout_id: rolloutId })
      .orderBy('gate', 'asc');
    return rows.map(row => ({
      gate: row.gate,
      state: row.state,
      ...(row.reason ? { reason: row.reason } : {}),
      changedAt: row.changed_at,
      evaluatedAt: row.evaluated_at,
    }));
  }

  /** {@inheritDoc RolloutStore.saveGateStates} */
  async saveGateStates(options: {
    rolloutId: string;
    states: GateStateRecord[];
    events: NewRolloutEvent[];
  }): Promise<void> {
    const { rolloutId, states, events } = options;
    await this.db.transaction(async tx => {
      const rollout = await tx<RolloutRow>('rollouts')
        .where({ id: rolloutId })
        .first('revision');
      if (!rollout) {
        throw new NotFoundError(`No rollout with id '${rolloutId}'`);
      }
      await tx('rollout_gate_states').where({ rollout_id: rolloutId }).delete();
      if (states.length) {
        await tx('rollout_gate_states').insert(
          states.map(
            (record): GateStateRow => ({
              rollout_id: rolloutId,
              gate: record.gate,
              state: record.state,
              reason: record.reason ?? null,
              changed_at: record.changedAt,
              evaluated_at: record.evaluatedAt,
            }),
          ),
        );
      }
      const now = new Date().toISOString();
      if (events.length) {
        await tx('rollouts')
          .where({ id: rolloutId })
          .update({ last_activity_at: now });
      }
      for (const event of events) {
        await tx('rollout_events').insert(
          eventRow(rolloutId, rollout.revision, event, now),
        );
      }
    });
  }

  /** {@inheritDoc RolloutStore.getGateEvaluation} */
  async getGateEvaluation(
    rolloutId: string,
  ): Promise<GateEvaluationRecord | undefined> {
    const row = await this.db<GateEvaluationRow>('rollout_gate_evaluations')
      .where({ rollout_id: rolloutId })
      .first();
    if (!row?.gates || row.revision === null || !row.evaluated_at) {
      return undefined;
    }
    return {
      revision: row.revision,
      gates: JSON.parse(row.gates),
      evaluatedAt: row.evaluated_at,
    };
  }

  /** {@inheritDoc RolloutStore.claimGateEvaluation} */
  async claimGateEvaluation(options: {
    rolloutId: string;
    revision: number;
    freshSince: string;
    now: string;
    until: string;
  }): Promise<boolean> {
    const { rolloutId, revision, freshSince, now, until } = options;
    // The row exists from the first claim on; the update below is the claim,
    // atomic on every database: of concurrent callers, one changes the row.
    await this.db('rollout_gate_evaluations')
      .insert({ rollout_id: rolloutId })
      .onConflict('rollout_id')
      .ignore();
    const claimed = await this.db('rollout_gate_evaluations')
      .where({ rollout_id: rolloutId })
      .where(claim =>
        claim.whereNull('claimed_until').orWhere('claimed_until', '<', now),
      )
      .where(stale =>
        stale
          .whereNull('evaluated_at')
          .orWhere('evaluated_at', '<', freshSince)
          .orWhere('revision', '<', revision),
      )
      .update({ claimed_until: until });
    return claimed === 1;
  }

  /** {@inheritDoc RolloutStore.saveGateEvaluation} */
  async saveGateEvaluation(
    rolloutId: string,
    evaluation: GateEvaluationRecord,
  ): Promise<void> {
    const row: GateEvaluationRow = {
      rollout_id: rolloutId,
      revision: evaluation.revision,
      gates: JSON.stringify(evaluation.gates),
      evaluated_at: evaluation.evaluatedAt,
      claimed_until: null,
    };
    await this.db('rollout_gate_evaluations')
      .insert(row)
      .onConflict('rollout_id')
      .merge();
  }

  /** {@inheritDoc RolloutStore.releaseGateEvaluation} */
  async releaseGateEvaluation(rolloutId: string): Promise<void> {
    await this.db('rollout_gate_evaluations')
      .where({ rollout_id: rolloutId })
      .update({ claimed_until: null });
  }

  /** {@inheritDoc RolloutStore.appendEvent} */
  async appendEvent(options: {
    rolloutId: string;
    event: NewRolloutEvent;
  }): Promise<void> {
    const { rolloutId, event } = options;
    await this.db.transaction(async tx => {
      const rollout = await tx<RolloutRow>('rollouts')
        .where({ id: rolloutId })
        .first('revision');
      if (!rollout) {
        throw new NotFoundError(`No rollout with id '${rolloutId}'`);
      }
      const now = new Date().toISOString();
      await tx('rollouts')
        .where({ id: rolloutId })
        .update({ last_activity_at: now });
      await tx('rollout_events').insert(
        eventRow(rolloutId, rollout.revision, event, now),
      );
    });
  }
}

function toEvent(row: EventRow): RolloutEvent {
  return {
    id: Number(row.id),
    rolloutId: row.rollout_id,
    actor: row.actor,
    type: row.type,
    message: row.message,
    revision: row.revision,
    ...(row.data ? { data: JSON.parse(row.data) } : {}),
    createdAt: row.created_at,
  };
}

type StepRunRow = {
  id: number | string;
  rollout_id: string;
  step_id: string;
  task_id: string | null;
  report_key_hash?: string | null;
  started_by: string;
  started_at: string;
};

function toStepRun(row: StepRunRow): StepRun {
  return {
    id: Number(row.id),
    rolloutId: row.rollout_id,
    stepId: row.step_id,
    ...(row.task_id ? { taskId: row.task_id } : {}),
    ...(row.report_key_hash ? { reportKeyHash: row.report_key_hash } : {}),
    startedBy: row.started_by,
    startedAt: row.started_at,
  };
}

function whereFilter(query: Knex.QueryBuilder, filter: RolloutFilter): void {
  if ('allOf' in filter) {
    for (const part of filter.allOf) {
      query.andWhere(group => whereFilter(group, part));
    }
  } else if ('anyOf' in filter) {
    for (const part of filter.anyOf) {
      query.orWhere(group => whereFilter(group, part));
    }
  } else if ('not' in filter) {
    query.whereNot(group => whereFilter(group, filter.not));
  } else if ('entityRefs' in filter) {
    query.whereIn('entity_ref', filter.entityRefs);
  } else if ('ownerRefs' in filter) {
    query.whereIn('owner_ref', filter.ownerRefs);
  } else {
    // An indexed semi-join: the rollouts one of whose rows these refs sign.
    query.whereExists(signers =>
      signers
        .select('rollout_signers.rollout_id')
        .from('rollout_signers')
        .whereRaw('rollout_signers.rollout_id = rollouts.id')
        .whereIn('rollout_signers.signer_ref', filter.signerRefs),
    );
  }
}

/**
 * Rewrites the signer rows of a rollout from its checklist, in the
 * transaction that writes the checklist.
 */
async function replaceSigners(
  tx: Knex.Transaction,
  rolloutId: string,
  checklist: Checklist,
): Promise<void> {
  await tx('rollout_signers').where({ rollout_id: rolloutId }).delete();
  const rows = new Map<string, Record<string, string>>();
  for (const row of checklist.signOffs) {
    for (const signer of row.signers) {
      const signerRef = lowerCase(signer);
      rows.set(`${row.id}\u0000${signerRef}`, {
        rollout_id: rolloutId,
        sign_off_id: row.id,
        signer_ref: signerRef,
        decision: row.decision,
      });
    }
  }
  const all = [...rows.values()];
  // In chunks, within the bound parameters every database allows.
  for (let i = 0; i < all.length; i += 200) {
    await tx('rollout_signers').insert(all.slice(i, i + 200));
  }
}

function toRollout(row: Omit<RolloutRow, 'seq'>): Rollout {
  return {
    ...rolloutFields(row),
    checklist: checklistSchema.parse(JSON.parse(row.checklist)),
  };
}

/** Every field of a rollout but its checklist. */
function rolloutFields(
  row: Omit<RolloutRow, 'seq' | 'checklist'>,
): Omit<Rollout, 'checklist'> {
  return {
    id: row.id,
    entityRef: row.entity_ref,
    version: row.version,
    ...(row.previous_version ? { previousVersion: row.previous_version } : {}),
    title: row.title,
    status: row.status as Rollout['status'],
    revision: row.revision,
    ...(row.release_notes_url
      ? { releaseNotesUrl: row.release_notes_url }
      : {}),
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.started_at ? { startedAt: row.started_at } : {}),
    ...(row.owner_ref ? { ownerRef: row.owner_ref } : {}),
    ...(row.system_ref ? { systemRef: row.system_ref } : {}),
  };
}

/** The pending sign-off rows a summary column holds. */
function pendingOf(row: RolloutRow): Array<{ id: string; role: string }> {
  return JSON.parse(row.pending_sign_offs ?? '[]');
}

/** What the text search of the board reads: see the board_search migration. */
function searchText(rollout: {
  entityRef: string;
  version: string;
  title: string;
}): string {
  return [rollout.entityRef, rollout.version, rollout.title]
    .map(lowerCase)
    .join('\n');
}

/** A rollout summary from its summary columns; the checklist is not read. */
function toSummary(row: RolloutRow): RolloutSummary {
  return {
    ...rolloutFields(row),
    counts: {
      steps: { done: row.steps_done ?? 0, total: row.steps_total ?? 0 },
      checks: { done: row.checks_done ?? 0, total: row.checks_total ?? 0 },
      signOffs: {
        approved: row.signoffs_approved ?? 0,
        total: row.signoffs_total ?? 0,
      },
    },
    pendingRoles: pendingOf(row).map(pending => pending.role),
    lastActivityAt: row.last_activity_at ?? row.updated_at,
    ...(row.blocked_reason ? { blockedReason: row.blocked_reason } : {}),
    ...(row.blocked_event
      ? { blockedEvent: JSON.parse(row.blocked_event) }
      : {}),
  };
}

/** The `blocked_event` column of the event that blocks a rollout. */
function blockedEventColumn(event: {
  type: string;
  data?: Record<string, unknown>;
}): string {
  return JSON.stringify({ type: event.type, data: event.data ?? {} });
}

/** The summary columns of a checklist, written with it. */
function countColumns(
  checklist: Checklist,
): Omit<
  SummaryColumns,
  'last_activity_at' | 'blocked_reason' | 'blocked_event' | 'search_text'
> {
  const counts = checklistCounts(checklist);
  return {
    steps_done: counts.steps.done,
    steps_total: counts.steps.total,
    checks_done: counts.checks.done,
    checks_total: counts.checks.total,
    signoffs_approved: counts.signOffs.approved,
    signoffs_total: counts.signOffs.total,
    pending_sign_offs: JSON.stringify(
      checklist.signOffs
        .filter(row => row.decision === 'pending')
        .map(row => ({ id: row.id, role: row.role })),
    ),
  };
}

function eventRow(
  rolloutId: string,
  revision: number,
  event: NewRolloutEvent,
  createdAt: string,
): Omit<EventRow, 'id'> {
  return {
    rollout_id: rolloutId,
    actor: event.actor,
    type: event.type,
    message: event.message,
    revision,
    data: event.data ? JSON.stringify(event.data) : null,
    created_at: createdAt,
  };
}

function duplicate(row: Omit<RolloutRow, 'seq'>) {
  return new RolloutConflictError(
    'duplicate',
    `A rollout of '${row.entity_ref}' version '${row.version}' already exists`,
  );
}

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' || // PostgreSQL unique_violation
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}

function encodeCursor(seq: number): string {
  return Buffer.from(`seq:${seq}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): number {
  const match = /^seq:(\d+)$/.exec(
    Buffer.from(cursor, 'base64url').toString('utf8'),
  );
  if (!match) {
    throw new InputError(
      `Invalid cursor '${cursor}': pass a nextCursor as returned`,
    );
  }
  return Number(match[1]);
}
