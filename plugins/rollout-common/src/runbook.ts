/*
 * What the runbook's order means: which step may run when, what starting a
 * rollout needs, and what a rollback step runs. Shared by the backend, which
 * enforces it, and the tab, which says why Run is disabled.
 */
import {
  Checklist,
  PreflightCheck,
  Rollout,
  RolloutStatus,
  Step,
} from './schema';
import { rolloutTransitions } from './status';
import { isStepDone } from './summary';

/**
 * The rules of the runbook's order and of what completing waits for, each on
 * unless app-config turns it off (`rollout.steps.enforceOrder`,
 * `rollout.steps.deployNeedsStart`, `rollout.start.requirePreflight`,
 * `rollout.completion.requireCommunication`).
 * @public
 */
export type RunbookRules = {
  /**
   * A step runs only after the runbook steps before it succeeded or were
   * skipped; running one earlier needs a reason, which is recorded.
   */
  enforceOrder: boolean;
  /** Deploy steps (after the validation part) run only in a started rollout. */
  deployNeedsStart: boolean;
  /** Starting a rollout needs every pre-flight check ticked. */
  startNeedsPreflight: boolean;
  /** Completing a rollout needs every communication item done. */
  requireCommunication: boolean;
};

/**
 * The runbook rules when app-config says nothing: all on.
 * @public
 */
export const defaultRunbookRules: RunbookRules = Object.freeze({
  enforceOrder: true,
  deployNeedsStart: true,
  startNeedsPreflight: true,
  requireCommunication: true,
});

/**
 * The runbook rules app-config sets (`rollout.steps.enforceOrder`,
 * `rollout.steps.deployNeedsStart`, `rollout.start.requirePreflight`,
 * `rollout.completion.requireCommunication`), each on unless set to false; read the same way by the backend, which enforces
 * them, and the tab, which explains them.
 * @public
 */
export function readRunbookRules(config: {
  getOptionalBoolean(key: string): boolean | undefined;
}): RunbookRules {
  return {
    enforceOrder:
      config.getOptionalBoolean('rollout.steps.enforceOrder') ??
      defaultRunbookRules.enforceOrder,
    deployNeedsStart:
      config.getOptionalBoolean('rollout.steps.deployNeedsStart') ??
      defaultRunbookRules.deployNeedsStart,
    startNeedsPreflight:
      config.getOptionalBoolean('rollout.start.requirePreflight') ??
      defaultRunbookRules.startNeedsPreflight,
    requireCommunication:
      config.getOptionalBoolean('rollout.completion.requireCommunication') ??
      defaultRunbookRules.requireCommunication,
  };
}

const singleCodeSpan = /^`([^`]+)`$/;

/**
 * Whether a pre-flight check names the step's command: the check's text is
 * the command, as a code span or plain.
 * @public
 */
export function preflightNamesStep(check: PreflightCheck, step: Step): boolean {
  const text = check.text.trim();
  const command = singleCodeSpan.exec(text)?.[1] ?? text;
  return Boolean(step.command) && command.trim() === step.command!.trim();
}

/**
 * The ids of the deploy steps: the runbook steps after the validation part,
 * which ends with the last step a pre-flight check names. With no such step
 * every runbook step is a deploy step.
 * @public
 */
export function deployStepIds(checklist: Checklist): Set<string> {
  const runbook = checklist.steps.filter(step => step.kind === 'runbook');
  const validation = runbook.filter(step =>
    checklist.preflightChecks.some(check => preflightNamesStep(check, step)),
  );
  const lastValidation = Math.max(
    -Infinity,
    ...validation.map(step => step.number),
  );
  return new Set(
    runbook.filter(step => step.number > lastValidation).map(step => step.id),
  );
}

/** The code spans of a markdown cell, in order. */
function codeSpans(markdown: string): string[] {
  return [...markdown.matchAll(/`([^`\n]+)`/g)].map(match => match[1].trim());
}

const previousVersionPlaceholders = [
  /<\s*prev(?:ious)?[-_ ]?(?:tag|version)\s*>/gi,
  /\$\{\{\s*(?:parameters\.)?previous[-_]?version\s*\}\}/gi,
  /\{\{\s*(?:parameters\.)?previous[-_]?version\s*\}\}/gi,
];

/**
 * The command a step runs: its `command`, or for a rollback step the first
 * command its cell names as a code span (`Rollback: \`git checkout
 * <prev-tag>\` + redeploy` runs `git checkout <prev-tag>`). A rollback
 * step's `<prev-tag>`, `<previous-version>`, `{{ previousVersion }}` and
 * the like are filled in from `previousVersion` when given.
 * @public
 */
export function stepCommand(
  step: Step,
  previousVersion?: string,
): string | undefined {
  const command =
    step.command ??
    (step.kind === 'rollback' ? codeSpans(step.title)[0] : undefined);
  if (!command || step.kind !== 'rollback' || !previousVersion) {
    return command;
  }
  return previousVersionPlaceholders.reduce(
    (filled, placeholder) => filled.replace(placeholder, previousVersion),
    command,
  );
}

/**
 * Whether a task can run the step: it names a command or a template (a
 * rollback step: a command in its cell, filled in with the previous
 * version). Anything else (such as "tail the logs") is a person's action,
 * marked done by hand.
 * @public
 */
export function isRunnableStep(step: Step): boolean {
  return Boolean(stepCommand(step) || step.action);
}

/**
 * Why a step may not run (or be marked done) now, or undefined when it may.
 * `overridable` refusals (the order) give way to a reason the caller
 * records; the others do not.
 * @public
 */
export type StepRunRefusal = {
  reason: 'stepOutOfOrder' | 'rolloutNotStarted' | 'noPreviousVersion';
  message: string;
  overridable: boolean;
};

/**
 * Why the step may not run now under the rules, or undefined when it may.
 * Rollback steps run only in a started rollout with a previous version to
 * go back to; runbook steps run in order, and deploy steps only once the
 * rollout started.
 * @public
 */
export function stepRunRefusal(
  rollout: Pick<Rollout, 'status' | 'checklist' | 'previousVersion'>,
  step: Step,
  rules: RunbookRules = defaultRunbookRules,
): StepRunRefusal | undefined {
  const started =
    rollout.status === 'in_progress' || rollout.status === 'blocked';
  if (step.kind === 'rollback') {
    if (!started) {
      return {
        reason: 'rolloutNotStarted',
        message: `Step ${
          step.number
        } rolls back: it runs only in a rollout in progress or blocked, and this one is ${words(
          rollout.status,
        )}`,
        overridable: false,
      };
    }
    if (!rollout.previousVersion) {
      return {
        reason: 'noPreviousVersion',
        message: `Step ${step.number} rolls back, but the rollout has no previous version to go back to: set its previous version first`,
        overridable: false,
      };
    }
    return undefined;
  }
  if (
    rules.deployNeedsStart &&
    !started &&
    deployStepIds(rollout.checklist).has(step.id)
  ) {
    return {
      reason: 'rolloutNotStarted',
      message: `Step ${
        step.number
      } deploys: it runs only once the rollout is started, and this one is ${words(
        rollout.status,
      )}`,
      overridable: false,
    };
  }
  if (rules.enforceOrder) {
    const before = rollout.checklist.steps.filter(
      other => other.kind === 'runbook' && other.number < step.number,
    );
    const open = before.filter(other => !isStepDone(other));
    if (open.length) {
      return {
        reason: 'stepOutOfOrder',
        message: `Step ${step.number} runs after step${
          open.length > 1 ? 's' : ''
        } ${open.map(other => other.number).join(', ')}, which ${
          open.length > 1 ? 'have' : 'has'
        } neither succeeded nor been skipped; give a reason to run it out of order`,
        overridable: true,
      };
    }
  }
  return undefined;
}

/**
 * What keeps a rollout from starting, one sentence per kind of blocker;
 * empty when it may start.
 * @public
 */
export function startBlockers(
  checklist: Checklist,
  rules: RunbookRules = defaultRunbookRules,
): string[] {
  if (!rules.startNeedsPreflight) {
    return [];
  }
  const open = checklist.preflightChecks.filter(check => !check.checked);
  return open.length
    ? [
        `${open.length} pre-flight check(s) open: ${open
          .map(check => check.text)
          .join('; ')}`,
      ]
    : [];
}

/**
 * Whether a rollout in this status is final: `completed` and `rolled_back`
 * move nowhere else, and a final rollout is read-only.
 * @public
 */
export function isFinalStatus(status: RolloutStatus): boolean {
  return rolloutTransitions[status].length === 0;
}

/**
 * Why a final rollout refuses a change, as the backend answers it (409 with
 * reason `rolloutFinished`) and the tab explains its disabled controls.
 * @public
 */
export type FinalRolloutRefusal = {
  reason: 'rolloutFinished';
  message: string;
};

/**
 * Why the rollout refuses every change a person or template asks for
 * (steps, ticks, decisions, marks, edits, status), or undefined when it
 * takes them: a completed or rolled-back rollout is final and read-only,
 * and a change needs a new version. Results of tasks already running when
 * it became final are still recorded, without changing its status.
 * @public
 */
export function finalRolloutRefusal(
  rollout: Pick<Rollout, 'status' | 'version'>,
): FinalRolloutRefusal | undefined {
  if (!isFinalStatus(rollout.status)) {
    return undefined;
  }
  return {
    reason: 'rolloutFinished',
    message: `Rollout ${rollout.version} is ${words(
      rollout.status,
    )}: it is final and read-only; create a new version to change it`,
  };
}

/**
 * Whether a person marked the step done: it succeeded without a task.
 * @public
 */
export function isMarkedDone(step: Step): boolean {
  return step.status === 'succeeded' && !step.taskId;
}

/**
 * Why a step may not be reopened, as the backend answers it (409 with
 * reason `stepNotReopenable`).
 * @public
 */
export type StepReopenRefusal = {
  reason: 'stepNotReopenable';
  message: string;
};

/**
 * Why the step may not go back to pending, or undefined when it may. Only
 * what a person did is undone by hand: a skip, or a step marked done. A
 * step a task ran keeps its result (a failed one runs again), and a
 * running one waits for its task.
 * @public
 */
export function stepReopenRefusal(step: Step): StepReopenRefusal | undefined {
  const refusal = (message: string): StepReopenRefusal => ({
    reason: 'stepNotReopenable',
    message,
  });
  const onlyByHand =
    'only a skipped step or one marked done by hand is reopened';
  switch (step.status) {
    case 'skipped':
      return undefined;
    case 'succeeded':
      return isMarkedDone(step)
        ? undefined
        : refusal(
            `Step ${step.number} succeeded in task ${step.taskId}: a step a task ran is not reopened by hand`,
          );
    case 'running':
      return refusal(
        `Step ${step.number} is running${
          step.taskId ? ` as task ${step.taskId}` : ''
        }: wait for its result; ${onlyByHand}`,
      );
    case 'failed':
      return refusal(`Step ${step.number} failed: run it again; ${onlyByHand}`);
    default:
      return refusal(
        `Step ${step.number} is pending: there is nothing to reopen`,
      );
  }
}

function words(status: string): string {
  return status.replace(/_/g, ' ');
}
