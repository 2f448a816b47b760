import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError } from '@backstage/errors';
import {
  Rollout,
  isRunnableStep,
  parseChecklist,
  rolloutStatusSchema,
} from '@rollout/backstage-plugin-rollout-common';
import fs from 'fs/promises';
import path from 'path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { findStep } from '../logic/steps';
import { RolloutService } from './RolloutService';
import { StepRunner } from './StepRunner';
import { parseInput } from './validation';

const entityRef = z
  .string()
  .regex(/^[a-z]+:[a-z0-9._-]+\/[a-z0-9._-]+$/i, 'expected an entity ref');

/**
 * One thing that happened to a demo rollout, replayed in order as `as`.
 * Exactly one of `status`, `tick`, `communicate`, `step`, `approve` or
 * `reject`.
 */
const historyEntrySchema = z
  .object({
    /** The user who acts. */
    as: entityRef,
    /** The groups the user belongs to, for deciding sign-offs. */
    groups: z.array(entityRef).default([]),
    /** Moves the rollout to this status; `reason` goes into its event. */
    status: rolloutStatusSchema.exclude(['draft']).optional(),
    reason: z.string().optional(),
    /** Ticks this pre-flight check. */
    tick: z.string().optional(),
    /** Marks this communication item done. */
    communicate: z.string().optional(),
    /**
     * Settles this step: a step with a command as its task would report
     * (`result`, default `succeeded`), a manual step marked done.
     */
    step: z.string().optional(),
    result: z.enum(['succeeded', 'failed']).optional(),
    /** Approves or rejects this sign-off row. */
    approve: z.string().optional(),
    reject: z.string().optional(),
    /** The step's summary or the decision's note. */
    note: z.string().optional(),
  })
  .strict()
  .superRefine((entry, ctx) => {
    const actions = (
      ['status', 'tick', 'communicate', 'step', 'approve', 'reject'] as const
    ).filter(key => entry[key] !== undefined);
    if (actions.length !== 1) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `expected exactly one of status, tick, communicate, step, approve or reject, got ${
          actions.length ? actions.join(', ') : 'none'
        }`,
      });
    }
    if (entry.result && entry.step === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['result'],
        message: 'only a step entry has a result',
      });
    }
    if (entry.reason && entry.status === undefined) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['reason'],
        message: 'only a status entry has a reason',
      });
    }
  });

type HistoryEntry = z.output<typeof historyEntrySchema>;

const manifestSchema = z
  .object({
    entityRef: z.string(),
    version: z.string(),
    previousVersion: z.string().optional(),
    title: z.string().optional(),
    releaseNotesUrl: z.string().url().optional(),
    /** The checklist document, relative to the manifest. */
    checklist: z.string(),
    /** Signers per sign-off id, for checklists that do not name them. */
    signers: z.record(z.array(z.string())).default({}),
    /** What happened to the rollout after it was created, in order. */
    history: z.array(historyEntrySchema).default([]),
  })
  .strict();

/**
 * Loads the demo rollouts: each `*.yaml` manifest in the directory names a
 * markdown checklist and the rollout to create from it, then replays the
 * manifest's history through the same service and step runner the API
 * uses. A rollout that already exists is left alone, so restarts never
 * duplicate it or its history.
 */
export async function loadDemoRollouts(options: {
  directory: string;
  service: RolloutService;
  /** Settles the steps the histories name (report and confirm only). */
  steps: StepRunner;
  logger: LoggerService;
}): Promise<number> {
  const { directory, service, steps, logger } = options;
  const files = (await fs.readdir(directory))
    .filter(file => file.endsWith('.yaml'))
    .sort();
  let created = 0;
  for (const file of files) {
    const manifestPath = path.join(directory, file);
    const manifest = parseInput(
      manifestSchema,
      parseYaml(await fs.readFile(manifestPath, 'utf8')),
      `demo rollout manifest ${manifestPath}`,
    );
    const checklist = parseChecklist(
      await fs.readFile(path.resolve(directory, manifest.checklist), 'utf8'),
    );
    for (const row of checklist.signOffs) {
      row.signers = manifest.signers[row.id] ?? row.signers;
    }
    const { history, signers: _signers, ...input } = manifest;
    let rollout: Rollout;
    try {
      // Loaded as the plugin itself, before the catalog may have read the
      // entity: its owner arrives with the first refresh from the catalog.
      rollout = await service.create(
        service.prepare({ ...input, checklist }, 'plugin:rollout/demo-data'),
      );
      created += 1;
    } catch (error) {
      if (!(error instanceof ConflictError)) {
        throw error;
      }
      logger.debug(
        `Demo rollout of ${manifest.entityRef} ${manifest.version} already exists`,
      );
      continue;
    }
    for (const [index, entry] of history.entries()) {
      try {
        rollout = await replay(rollout, entry, { service, steps });
      } catch (error) {
        throw new InputError(
          `Demo rollout manifest ${manifestPath}, history[${index}]: ${error}`,
        );
      }
    }
  }
  return created;
}

async function replay(
  rollout: Rollout,
  entry: HistoryEntry,
  options: { service: RolloutService; steps: StepRunner },
): Promise<Rollout> {
  const { service, steps } = options;
  const expectedRevision = rollout.revision;
  if (entry.status) {
    return service.setStatus(
      rollout.id,
      { expectedRevision, status: entry.status, reason: entry.reason },
      entry.as,
      { replay: true },
    );
  }
  if (entry.tick) {
    return service.setPreflightCheck(
      rollout.id,
      entry.tick,
      { expectedRevision, checked: true },
      entry.as,
    );
  }
  if (entry.communicate) {
    return service.setCommunicationItem(
      rollout.id,
      entry.communicate,
      { expectedRevision, done: true },
      entry.as,
    );
  }
  if (entry.step) {
    const result = entry.result ?? 'succeeded';
    if (isRunnableStep(findStep(rollout.checklist, entry.step))) {
      return steps.recordResult(
        rollout.id,
        entry.step,
        { status: result, summary: entry.note },
        entry.as,
      );
    }
    if (result !== 'succeeded') {
      throw new InputError(
        `step '${entry.step}' is a manual step: it can only be marked done`,
      );
    }
    // Replayed history happened elsewhere: the order rules judged it there.
    return steps.confirm(
      rollout.id,
      entry.step,
      { expectedRevision, note: entry.note },
      entry.as,
      { replay: true },
    );
  }
  const signOffId = (entry.approve ?? entry.reject)!;
  return service.decideSignOff(
    rollout.id,
    signOffId,
    {
      expectedRevision,
      decision: entry.approve ? 'approved' : 'rejected',
      note: entry.note,
    },
    {
      userEntityRef: entry.as,
      ownershipEntityRefs: [entry.as, ...entry.groups],
    },
  );
}
