import { normalizeChecklist } from './ids';
import { parseChecklist } from './markdown';
import {
  defaultRunbookRules,
  deployStepIds,
  finalRolloutRefusal,
  isFinalStatus,
  isMarkedDone,
  isRunnableStep,
  readRunbookRules,
  startBlockers,
  stepCommand,
  stepReopenRefusal,
  stepRunRefusal,
} from './runbook';
import { Checklist, Rollout, Step } from './schema';
import fs from 'fs';
import path from 'path';

const seed = parseChecklist(
  fs.readFileSync(
    path.resolve(
      __dirname,
      '../../../examples/rollouts/stage-01_03-rollout-checklist.md',
    ),
    'utf8',
  ),
);

function step(checklist: Checklist, number: number): Step {
  return checklist.steps.find(s => s.number === number)!;
}

function rollout(
  checklist: Checklist,
  extra: Partial<Rollout> = {},
): Pick<Rollout, 'status' | 'checklist' | 'previousVersion'> {
  return { status: 'draft', checklist, ...extra };
}

describe('stepCommand', () => {
  it('fills the previous version into a rollback step’s command', () => {
    expect(stepCommand(step(seed, 10), 'v0.2.0')).toBe('git checkout v0.2.0');
    expect(stepCommand(step(seed, 10))).toBe('git checkout <prev-tag>');
    expect(isRunnableStep(step(seed, 10))).toBe(true);
  });

  it.each([
    ['helm rollback api {{ previousVersion }}', 'helm rollback api v1.2.0'],
    ['deploy ${{ parameters.previousVersion }}', 'deploy v1.2.0'],
    ['git checkout <previous-version>', 'git checkout v1.2.0'],
    ['git checkout <PREV_TAG>', 'git checkout v1.2.0'],
  ])('fills %s', (command, filled) => {
    const rollback: Step = {
      ...step(seed, 10),
      command,
    };
    expect(stepCommand(rollback, 'v1.2.0')).toBe(filled);
  });

  it('leaves runbook steps and manual steps as they are', () => {
    expect(stepCommand(step(seed, 2), 'v0.2.0')).toBe('make lint-allowlist');
    expect(stepCommand(step(seed, 8))).toBeUndefined();
    expect(isRunnableStep(step(seed, 8))).toBe(false);
  });
});

describe('deployStepIds', () => {
  it('holds the seed’s steps after the last one a pre-flight check names', () => {
    expect([...deployStepIds(seed)]).toEqual([
      'step-6',
      'step-7',
      'step-8',
      'step-9',
    ]);
  });

  it('holds every runbook step when no check names one', () => {
    const checklist = normalizeChecklist({
      title: 'T',
      steps: [
        { number: 1, title: '`make a`', command: 'make a', notes: '' },
        { number: 2, title: 'Rollback', kind: 'rollback', notes: '' },
      ],
      preflightChecks: [{ text: 'Docs reviewed' }],
    });
    expect([...deployStepIds(checklist)]).toEqual(['step-1']);
  });
});

describe('stepRunRefusal', () => {
  it('runs the first step of a draft', () => {
    expect(stepRunRefusal(rollout(seed), step(seed, 1))).toBeUndefined();
  });

  it('refuses a step after open ones, overridably', () => {
    expect(stepRunRefusal(rollout(seed), step(seed, 2))).toEqual({
      reason: 'stepOutOfOrder',
      message:
        'Step 2 runs after step 1, which has neither succeeded nor been skipped; give a reason to run it out of order',
      overridable: true,
    });
    const done = {
      ...seed,
      steps: seed.steps.map(s =>
        s.number === 1
          ? { ...s, status: 'skipped' as const, summary: 'n/a' }
          : s,
      ),
    };
    expect(stepRunRefusal(rollout(done), step(done, 2))).toBeUndefined();
    expect(
      stepRunRefusal(rollout(seed), step(seed, 2), {
        ...defaultRunbookRules,
        enforceOrder: false,
      }),
    ).toBeUndefined();
  });

  it('refuses a deploy step in a draft, not overridably, unless the rules say not', () => {
    const refusal = stepRunRefusal(rollout(seed), step(seed, 6));
    expect(refusal).toMatchObject({
      reason: 'rolloutNotStarted',
      overridable: false,
    });
    expect(
      stepRunRefusal(rollout(seed), step(seed, 6), {
        ...defaultRunbookRules,
        enforceOrder: false,
        deployNeedsStart: false,
      }),
    ).toBeUndefined();
  });

  it('runs a rollback step only in a started rollout with a previous version', () => {
    expect(stepRunRefusal(rollout(seed), step(seed, 10))?.reason).toBe(
      'rolloutNotStarted',
    );
    expect(
      stepRunRefusal(rollout(seed, { status: 'blocked' }), step(seed, 10))
        ?.reason,
    ).toBe('noPreviousVersion');
    expect(
      stepRunRefusal(
        rollout(seed, { status: 'in_progress', previousVersion: 'v0.2.0' }),
        step(seed, 10),
      ),
    ).toBeUndefined();
  });
});

describe('startBlockers', () => {
  it('lists the open pre-flight checks, unless the rules say not', () => {
    expect(startBlockers(seed)).toEqual([
      expect.stringMatching(
        /^7 pre-flight check\(s\) open: `make lint-allowlist`; /,
      ),
    ]);
    expect(
      startBlockers(seed, {
        ...defaultRunbookRules,
        startNeedsPreflight: false,
      }),
    ).toEqual([]);
    const ticked = {
      ...seed,
      preflightChecks: seed.preflightChecks.map(c => ({ ...c, checked: true })),
    };
    expect(startBlockers(ticked)).toEqual([]);
  });
});

describe('readRunbookRules', () => {
  it('turns each rule off only where app-config says false', () => {
    const config = (values: Record<string, boolean>) => ({
      getOptionalBoolean: (key: string) => values[key],
    });
    expect(readRunbookRules(config({}))).toEqual(defaultRunbookRules);
    expect(
      readRunbookRules(
        config({
          'rollout.steps.enforceOrder': false,
          'rollout.start.requirePreflight': false,
        }),
      ),
    ).toEqual({
      enforceOrder: false,
      deployNeedsStart: true,
      startNeedsPreflight: false,
      requireCommunication: true,
    });
    expect(
      readRunbookRules(
        config({ 'rollout.completion.requireCommunication': false }),
      ),
    ).toEqual({ ...defaultRunbookRules, requireCommunication: false });
  });
});

describe('finalRolloutRefusal', () => {
  it('refuses every change of a completed or rolled-back rollout, and nothing else', () => {
    expect(
      (['draft', 'in_progress', 'blocked'] as const).map(status =>
        finalRolloutRefusal({ status, version: 'v0.3.0' }),
      ),
    ).toEqual([undefined, undefined, undefined]);
    expect(
      finalRolloutRefusal({ status: 'rolled_back', version: 'v0.3.0' }),
    ).toEqual({
      reason: 'rolloutFinished',
      message:
        'Rollout v0.3.0 is rolled back: it is final and read-only; create a new version to change it',
    });
    expect(
      finalRolloutRefusal({ status: 'completed', version: 'v1.0.0' })?.message,
    ).toMatch(/^Rollout v1.0.0 is completed: it is final and read-only/);
    expect(isFinalStatus('completed')).toBe(true);
    expect(isFinalStatus('blocked')).toBe(false);
  });
});

describe('stepReopenRefusal', () => {
  const manual = step(seed, 8);

  it('reopens a skip and a step marked done by hand', () => {
    const skipped: Step = { ...manual, status: 'skipped', summary: 'n/a' };
    const markedDone: Step = { ...manual, status: 'succeeded' };
    expect(stepReopenRefusal(skipped)).toBeUndefined();
    expect(isMarkedDone(markedDone)).toBe(true);
    expect(stepReopenRefusal(markedDone)).toBeUndefined();
  });

  it('refuses a step a task ran or runs, and one with nothing to undo', () => {
    const task = { ...step(seed, 3), taskId: 'task-7' };
    expect(
      [
        { ...task, status: 'succeeded' as const },
        { ...task, status: 'running' as const },
        { ...task, status: 'failed' as const },
        { ...manual, status: 'pending' as const },
      ].map(s => stepReopenRefusal(s)),
    ).toEqual([
      {
        reason: 'stepNotReopenable',
        message:
          'Step 3 succeeded in task task-7: a step a task ran is not reopened by hand',
      },
      {
        reason: 'stepNotReopenable',
        message:
          'Step 3 is running as task task-7: wait for its result; only a skipped step or one marked done by hand is reopened',
      },
      {
        reason: 'stepNotReopenable',
        message:
          'Step 3 failed: run it again; only a skipped step or one marked done by hand is reopened',
      },
      {
        reason: 'stepNotReopenable',
        message: 'Step 8 is pending: there is nothing to reopen',
      },
    ]);
  });
});
