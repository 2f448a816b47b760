import { TaskLogEvent, commandLog, isGenericFailureSummary } from './stepLog';

// The steps of examples/templates/rollout-step/template.yaml.
const steps = [
  { id: 'fetch', action: 'fetch:plain' },
  { id: 'run', action: 'rollout:command:run' },
  { id: 'report-success', action: 'rollout:step:report' },
  { id: 'report-failure', action: 'rollout:step:report' },
];

const info = (message: string) => `\u001b[32minfo\u001b[39m: ${message}`;
const warn = (message: string) => `\u001b[33mwarn\u001b[39m: ${message}`;

/**
 * Events as the scaffolder (4.3) records them for a task of the template:
 * its own lines carry a step status, an action's logger lines only the step.
 */
function events(
  bodies: Array<{ message: string; stepId?: string; status?: string }>,
): TaskLogEvent[] {
  return [
    { message: 'Starting up task with 4 steps' },
    { message: 'Beginning step Fetch', stepId: 'fetch', status: 'processing' },
    {
      message: info('Fetching plain content from file:///templates/demo'),
      stepId: 'fetch',
    },
    { message: 'Finished step Fetch', stepId: 'fetch', status: 'completed' },
    {
      message: 'Beginning step Run the command',
      stepId: 'run',
      status: 'processing',
    },
    ...bodies,
  ].map(body => ({ type: 'log', body }));
}

const succeeded = events([
  { message: info('Running "make lint-allowlist"'), stepId: 'run' },
  {
    message: info('node scripts/lint-allowlist.js allowlist.txt'),
    stepId: 'run',
  },
  { message: info('allowlist.txt: 12 entries, sorted'), stepId: 'run' },
  {
    message: info('Command "make lint-allowlist" succeeded'),
    stepId: 'run',
  },
  {
    message: 'Finished step Run the command',
    stepId: 'run',
    status: 'completed',
  },
  {
    message: 'Beginning step Report success',
    stepId: 'report-success',
    status: 'processing',
  },
  {
    message: info('Reported step step-2 of rollout r1 as succeeded'),
    stepId: 'report-success',
  },
  {
    message: 'Skipping step report-failure because its if condition was false',
    stepId: 'report-failure',
    status: 'skipped',
  },
]);

const failed = events([
  { message: info('Running "make review-test"'), stepId: 'run' },
  { message: info('node --test tests/'), stepId: 'run' },
  { message: info('not ok 1 - reviews a pass'), stepId: 'run' },
  {
    message: warn('make: *** [Makefile:11: review-test] Error 1'),
    stepId: 'run',
  },
  {
    message: [
      'Error: Command "make review-test" exited with code 2',
      '    at ChildProcess.<anonymous> (/app/plugins/scaffolder-backend-module-rollout/src/actions/rolloutCommandRun.ts:190:16)',
      '    at Object.onceWrapper (node:events:633:26)',
      '    at ChildProcess.emit (node:events:518:28)',
    ].join('\n'),
    stepId: 'run',
    status: 'failed',
  },
  {
    message: 'Skipping step report-success because a previous step failed',
    stepId: 'report-success',
    status: 'skipped',
  },
  {
    message: 'Beginning step Report failure',
    stepId: 'report-failure',
    status: 'processing',
  },
]);

describe('commandLog', () => {
  it("keeps the command's own lines of a successful task", () => {
    expect(commandLog(steps, succeeded)).toEqual({
      lines: [
        'Running "make lint-allowlist"',
        'node scripts/lint-allowlist.js allowlist.txt',
        'allowlist.txt: 12 entries, sorted',
        'Command "make lint-allowlist" succeeded',
      ],
      truncated: false,
    });
  });

  it('reduces a failure to its message, with the exit code, and drops the chatter', () => {
    const log = commandLog(steps, failed);
    expect(log).toEqual({
      lines: [
        'Running "make review-test"',
        'node --test tests/',
        'not ok 1 - reviews a pass',
        'make: *** [Makefile:11: review-test] Error 1',
        'Command "make review-test" exited with code 2',
      ],
      exitCode: 2,
      outcome: 'Command "make review-test" exited with code 2',
      truncated: false,
    });
    expect(log.lines.join('\n')).not.toMatch(/Skipping step|^\s+at /m);
  });

  it('names no exit code for a command that did not exit with one', () => {
    const refused = events([
      {
        message: 'NotAllowedError: Command "rm -rf /" is not allowed\n    at x',
        stepId: 'run',
        status: 'failed',
      },
    ]);
    expect(commandLog(steps, refused)).toEqual({
      lines: ['Command "rm -rf /" is not allowed'],
      outcome: 'Command "rm -rf /" is not allowed',
      truncated: false,
    });
  });

  it('keeps the last lines only, and says so', () => {
    const many = events(
      Array.from({ length: 205 }, (_, n) => ({
        message: info(`line ${n + 1}`),
        stepId: 'run',
      })),
    );
    const log = commandLog(steps, many);
    expect(log.lines).toHaveLength(200);
    expect(log.lines[0]).toBe('line 6');
    expect(log.truncated).toBe(true);
  });

  it('shows nothing of a task without a command step', () => {
    expect(commandLog(undefined, failed)).toEqual({
      lines: [],
      truncated: false,
    });
  });
});

describe('isGenericFailureSummary', () => {
  it.each([
    [undefined, true],
    ['make review-test failed', true],
    ['make review-test failed; see the task log', true],
    ['Rolling back to v0.2.0 failed', true],
    ['Task task-1 failed without reporting a result', true],
    ['3 of 40 smoke tests failed: review, pass, sync (see #412)', false],
    ['Canary error rate 4% over the 1% budget', false],
  ])('%p: %p', (summary, generic) => {
    expect(isGenericFailureSummary(summary)).toBe(generic);
  });
});
