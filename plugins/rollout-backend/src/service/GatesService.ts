import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  GateBlock,
  Rollout,
  RolloutEvent,
  RolloutGates,
} from '@rollout/backstage-plugin-rollout-common';
import { GateEvaluationRecord, RolloutStore } from '../database/RolloutStore';
import { EvaluatedGates, GateEvaluator } from '../gates/GateEvaluator';
import {
  GateChange,
  describeChange,
  gateTransitions,
} from '../logic/gateTransitions';
import { entityRolloutPath, rolloutTopic } from './entityRolloutPath';
import { changeItem } from './changeItem';
import { loadRollout } from './loadRollout';
import { sendNotification } from './SignOffNotifier';

/** The actor of changes the scheduled evaluation makes. */
const GATES_ACTOR = 'plugin:rollout/gates';

/** Rollouts the scheduled evaluation watches. */
const WATCHED_STATUSES = ['in_progress', 'blocked'] as const;

/**
 * How long a claim on an evaluation holds: past it, a replica that died
 * while evaluating no longer keeps the others waiting.
 */
const CLAIM_MS = 30_000;

/** How often a caller looks for the result another replica is computing. */
const CLAIM_POLL_MS = 100;

/**
 * What one evaluation of a rollout did.
 */
export type GateCheck = {
  gates: EvaluatedGates;
  changes: GateChange[];
  /** Whether this evaluation blocked the rollout. */
  blocked: boolean;
};

/**
 * The gates of rollouts: live evaluation for the API, manual rollback
 * criteria, and the scheduled evaluation that records transitions and
 * blocks a rollout in progress when a rollback criterion triggers or an
 * alert fires.
 */
export class GatesService {
  private readonly store: RolloutStore;
  private readonly evaluator: GateEvaluator;
  private readonly logger: LoggerService;
  private readonly notifications?: NotificationService;
  private readonly onGatesChanged?: (rolloutId: string) => Promise<void>;
  private readonly frequencyMs: number;
  private readonly readRollout: (id: string) => Promise<Rollout>;
  /** Evaluations this replica runs, by rollout and revision. */
  private readonly inFlight = new Map<string, Promise<EvaluatedGates>>();

  constructor(options: {
    store: RolloutStore;
    evaluator: GateEvaluator;
    logger: LoggerService;
    /**
     * How often the scheduled evaluation runs (`rollout.gates.frequency`):
     * a view is served the stored evaluation while it is younger than this.
     */
    frequencyMs: number;
    /**
     * Reads a rollout for a view of its gates: `RolloutService.get`, which
     * keeps it parsed. NotFoundError for an unknown id.
     */
    readRollout: (id: string) => Promise<Rollout>;
    /** Tells the entity's owners when a gate blocks a rollout. */
    notifications?: NotificationService;
    /** Hears of gate changes that did not change the rollout itself. */
    onGatesChanged?: (rolloutId: string) => Promise<void>;
  }) {
    this.store = options.store;
    this.evaluator = options.evaluator;
    this.logger = options.logger;
    this.notifications = options.notifications;
    this.onGatesChanged = options.onGatesChanged;
    this.frequencyMs = options.frequencyMs;
    this.readRollout = options.readRollout;
  }

  /**
   * The gates of a rollout as last evaluated, no older than the gates
   * frequency, and what blocked it.
   */
  async get(id: string): Promise<RolloutGates> {
    const rollout = await this.readRollout(id);
    const gates = await this.current(rollout, this.frequencyMs);
    const blockedBy =
      rollout.status === 'blocked'
        ? gateBlock(await this.store.listEvents(id))
        : undefined;
    return blockedBy ? { ...gates, blockedBy } : gates;
  }

  /**
   * Marks a rollback criterion that has no query, on the latest revision
   * unless the criterion changed after `expectedRevision`. `triggered`
   * blocks a rollout in progress, as a firing gate does.
   */
  async markCriterion(
    id: string,
    criterionId: string,
    input: { expectedRevision: number; state: 'ok' | 'triggered' },
    actor: string,
  ): Promise<Rollout> {
    let blocks = false;
    let criterionText = '';
    const updated = await changeItem(this.store, {
      rolloutId: id,
      expectedRevision: input.expectedRevision,
      item: {
        section: 'rollbackCriteria',
        id: criterionId,
        noun: 'rollback criterion',
      },
      change: rollout => {
        const criterion = rollout.checklist.rollbackCriteria.find(
          c => c.id === criterionId,
        );
        if (!criterion) {
          throw new NotFoundError(
            `No rollback criterion with id '${criterionId}'`,
          );
        }
        const kind = this.evaluator.criterionKind(criterion, rollout.checklist);
        if (kind !== 'manual') {
          throw new InputError(
            `Rollback criterion '${criterionId}' is evaluated from ${
              kind === 'query'
                ? 'Prometheus'
                : 'the results of the runbook steps it names'
            }; only criteria a person judges can be marked`,
          );
        }
        criterionText = criterion.text;
        blocks =
          input.state === 'triggered' && rollout.status === 'in_progress';
        return {
          changes: {
            ...(blocks ? { status: 'blocked' as const } : {}),
            checklist: {
              ...rollout.checklist,
              rollbackCriteria: rollout.checklist.rollbackCriteria.map(c =>
                c.id === criterionId
                  ? {
                      ...c,
                      state: input.state,
                      markedBy: actor,
                      markedAt: new Date().toISOString(),
                    }
                  : c,
              ),
            },
          },
          event: {
            actor,
            type: 'criterion.marked',
            message: `Marked rollback criterion "${criterion.text}" ${
              input.state
            }${blocks ? '; the rollout is blocked' : ''}`,
            data: {
              criterionId,
              criterion: criterion.text,
              state: input.state,
              ...(blocks
                ? { from: rollout.status, to: 'blocked', gate: true }
                : {}),
            },
          },
        };
      },
    });
    if (blocks) {
      await this.notifyBlocked(
        updated,
        `Rollback criterion "${criterionText}" was marked triggered`,
      );
    }
    return updated;
  }

  /**
   * Evaluates one rollout, saves the gate states, records each change as an
   * event and, when a rollback criterion triggered or an alert started
   * firing on a rollout in progress, blocks it and notifies its owners.
   */
  async check(rollout: Rollout): Promise<GateCheck> {
    // Within half an interval: the scheduled run evaluates anew what its
    // previous run stored, yet uses what a view evaluated moments ago.
    const gates = await this.current(rollout, this.frequencyMs / 2);
    const previous = await this.store.getGateStates(rollout.id);
    const { states, changes, rollbackTriggers } = gateTransitions(
      previous,
      gates,
    );
    await this.store.saveGateStates({
      rolloutId: rollout.id,
      states,
      events: changes.map(change => ({
        actor: GATES_ACTOR,
        type: 'gate.changed',
        message: describeChange(change),
        data: {
          gate: change.gate,
          state: change.to,
          ...(change.from ? { previous: change.from } : {}),
        },
      })),
    });
    const blocked =
      rollbackTriggers.length > 0 &&
      (await this.block(rollout, rollbackTriggers));
    if (changes.length && !blocked) {
      await this.onGatesChanged?.(rollout.id);
    }
    return { gates, changes, blocked };
  }

  /** The scheduled evaluation: every rollout in progress or blocked. */
  async checkAll(): Promise<{ evaluated: number; blocked: number }> {
    let evaluated = 0;
    let blocked = 0;
    for (const status of WATCHED_STATUSES) {
      let cursor: string | undefined;
      do {
        const page = await this.store.listRollouts({
          status,
          limit: 100,
          cursor,
        });
        for (const rollout of page.items) {
          try {
            const result = await this.check(rollout);
            evaluated += 1;
            blocked += result.blocked ? 1 : 0;
          } catch (error) {
            this.logger.warn(
              `Could not evaluate the gates of rollout ${rollout.id}: ${error}`,
            );
          }
        }
        cursor = page.nextCursor;
      } while (cursor);
    }
    return { evaluated, blocked };
  }

  /**
   * The stored evaluation of the rollout's revision (or a later one) when it
   * is at most `maxAgeMs` old; otherwise one new evaluation, stored, which
   * concurrent callers share: on this replica through `inFlight`, across
   * replicas through the claim in the store.
   */
  private async current(
    rollout: Rollout,
    maxAgeMs: number,
  ): Promise<EvaluatedGates> {
    const stored = await this.store.getGateEvaluation(rollout.id);
    if (isFresh(stored, rollout, maxAgeMs)) {
      return stored.gates;
    }
    const key = `${rollout.id}@${rollout.revision}`;
    let evaluation = this.inFlight.get(key);
    if (!evaluation) {
      evaluation = this.evaluateOnce(rollout, maxAgeMs).finally(() =>
        this.inFlight.delete(key),
      );
      this.inFlight.set(key, evaluation);
    }
    return evaluation;
  }

  private async evaluateOnce(
    rollout: Rollout,
    maxAgeMs: number,
  ): Promise<EvaluatedGates> {
    for (;;) {
      const now = Date.now();
      const claimed = await this.store.claimGateEvaluation({
        rolloutId: rollout.id,
        revision: rollout.revision,
        freshSince: new Date(now - maxAgeMs).toISOString(),
        now: new Date(now).toISOString(),
        until: new Date(now + CLAIM_MS).toISOString(),
      });
      if (claimed) {
        try {
          const gates = await this.evaluator.evaluate(rollout);
          await this.store.saveGateEvaluation(rollout.id, {
            revision: rollout.revision,
            gates,
            evaluatedAt: gates.evaluatedAt,
          });
          return gates;
        } catch (error) {
          await this.store.releaseGateEvaluation(rollout.id);
          throw error;
        }
      }
      // Another replica is evaluating, or has just stored its result.
      await new Promise(resolve => setTimeout(resolve, CLAIM_POLL_MS));
      const stored = await this.store.getGateEvaluation(rollout.id);
      if (isFresh(stored, rollout, maxAgeMs)) {
        return stored.gates;
      }
    }
  }

  private async block(
    rollout: Rollout,
    triggers: GateChange[],
  ): Promise<boolean> {
    // Re-read: the evaluation took time, and someone may have acted since.
    const current = await loadRollout(this.store, rollout.id);
    if (current.status !== 'in_progress') {
      return false;
    }
    const message = triggers
      .map(trigger => `${trigger.label} is ${trigger.to}`)
      .join('; ');
    const updated = await this.store.updateRollout({
      id: current.id,
      expectedRevision: current.revision,
      changes: { status: 'blocked' },
      event: {
        actor: GATES_ACTOR,
        type: 'gates.blocked',
        message: `Blocked: ${message}`,
        data: {
          from: current.status,
          to: 'blocked',
          gate: true,
          gates: triggers.map(trigger => trigger.gate),
          // What each gate is called, so the block reads without the
          // checklist (the board words it from the summary).
          names: triggers.map(trigger => trigger.name),
        },
      },
    });
    await this.notifyBlocked(updated, message);
    return true;
  }

  private async notifyBlocked(rollout: Rollout, message: string) {
    if (!this.notifications) {
      return;
    }
    // Never throws: the block stands and shows on the tab without it.
    await sendNotification(
      { notifications: this.notifications, logger: this.logger },
      `the owners of ${rollout.entityRef}`,
      {
        recipients: { type: 'entity', entityRef: rollout.entityRef },
        payload: {
          title: `Rollout of ${rollout.version} blocked by a gate`,
          description: `${rollout.title}: ${message}. Check the rollback criteria on the Rollout tab.`,
          link: entityRolloutPath(rollout.entityRef),
          severity: 'high',
          topic: rolloutTopic(rollout),
        },
      },
    );
  }
}

/**
 * Whether a stored evaluation may stand for the rollout: of its revision or
 * a later one, and at most `maxAgeMs` old.
 */
function isFresh(
  stored: GateEvaluationRecord | undefined,
  rollout: Rollout,
  maxAgeMs: number,
): stored is GateEvaluationRecord {
  return (
    stored !== undefined &&
    stored.revision >= rollout.revision &&
    Date.now() - Date.parse(stored.evaluatedAt) <= maxAgeMs
  );
}

/**
 * What blocked the rollout, when its latest status change was a gate's:
 * the newest event that set a status decides. The gates it names come from
 * the event's data: those of a scheduled evaluation, or the criterion a
 * person marked triggered.
 */
function gateBlock(events: RolloutEvent[]): GateBlock | undefined {
  const latest = events.find(event => event.data?.to !== undefined);
  if (latest?.data?.to !== 'blocked' || latest.data.gate !== true) {
    return undefined;
  }
  const { data } = latest;
  const block: GateBlock = { message: latest.message, at: latest.createdAt };
  if (
    Array.isArray(data.gates) &&
    data.gates.every(gate => typeof gate === 'string')
  ) {
    return { ...block, gates: data.gates as string[] };
  }
  if (
    latest.type === 'criterion.marked' &&
    typeof data.criterionId === 'string'
  ) {
    return {
      ...block,
      gates: [`criterion:${data.criterionId}`],
      markedBy: latest.actor,
    };
  }
  return block;
}
