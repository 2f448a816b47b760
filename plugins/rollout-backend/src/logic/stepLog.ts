import { StepLogResponse } from '@rollout/backstage-plugin-rollout-common';

/** The scaffolder action whose output a step's log shows. */
export const commandAction = 'rollout:command:run';

/** How many lines of a step's log the API answers with. */
export const stepLogLines = 200;

/** A scaffolder task event, as `getLogs` answers it. */
export type TaskLogEvent = {
  type: string;
  body: { message?: unknown; stepId?: string; status?: string };
};

/** A step of a scaffolder task's spec. */
export type TaskSpecStep = { id: string; action: string };

// Action loggers colour their level names; the tab shows plain text.
const ansiColour = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
// An action's logger writes `info: <message>` (stdout), `warn: <message>`
// (stderr) and the like.
const levelPrefix = /^(?:error|warn|info|http|verbose|debug|silly): /;
const stackFrame = /^\s+at /;
// `Error: …`, `NotAllowedError: …`: the error's name before its message.
const errorName = /^(?:[A-Z][A-Za-z]*)?Error: /;
const exitCode = /exited with code (\d+)$/;

/**
 * What a step's task log says of its commands: the lines the
 * `rollout:command:run` steps of the task logged (the command's output and
 * the action's own lines), without the scaffolder's lines about steps
 * beginning, finishing or being skipped, and without stack frames. A
 * failure is one line, its message without the error's name: it is the
 * `outcome`, and `exitCode` the code it names. Only the last `maxLines`
 * lines are kept.
 */
export function commandLog(
  steps: TaskSpecStep[] | undefined,
  events: TaskLogEvent[],
  maxLines: number = stepLogLines,
): Omit<StepLogResponse, 'taskId'> {
  const commandSteps = new Set(
    (steps ?? [])
      .filter(step => step.action === commandAction)
      .map(step => step.id),
  );
  const lines: string[] = [];
  let outcome: string | undefined;
  for (const { type, body } of events) {
    if (type !== 'log' || !body.stepId || !commandSteps.has(body.stepId)) {
      continue;
    }
    const message = String(body.message ?? '').replace(ansiColour, '');
    if (body.status === 'failed') {
      // The scaffolder logs the failing action's stack; its first line is
      // the error's message.
      const failure = message.split(/\r?\n/)[0].replace(errorName, '').trim();
      outcome ??= failure;
      lines.push(failure);
    } else if (!body.status) {
      // Lines with a status are the scaffolder's own (Beginning step …).
      lines.push(
        ...message
          .replace(levelPrefix, '')
          .split(/\r?\n/)
          .filter(line => !stackFrame.test(line)),
      );
    }
  }
  const code = outcome ? exitCode.exec(outcome)?.[1] : undefined;
  return {
    lines: lines.slice(-maxLines),
    ...(code !== undefined ? { exitCode: Number(code) } : {}),
    ...(outcome ? { outcome } : {}),
    truncated: lines.length > maxLines,
  };
}

/**
 * Whether a failed step's summary says no more than that it failed, as the
 * example templates' failure reports and the reconciler's own do
 * (`make review-test failed`, `… failed; see the task log`, `Task … failed
 * without reporting a result`): the command's outcome says more.
 */
export function isGenericFailureSummary(summary: string | undefined): boolean {
  const text = summary?.trim();
  return (
    !text ||
    /\bfailed(?:[;:,.]?\s*see the task log)?\.?$/i.test(text) ||
    /without reporting a result\.?$/i.test(text)
  );
}
