import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { parseChecklist } from '@rollout/backstage-plugin-rollout-common';
import fs from 'fs/promises';
import path from 'path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { RolloutService } from './RolloutService';
import { parseInput } from './validation';

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
  })
  .strict();

/**
 * Loads the demo rollouts: each `*.yaml` manifest in the directory names a
 * markdown checklist and the rollout to create from it. A rollout that
 * already exists is left alone, so restarts never duplicate it.
 */
export async function loadDemoRollouts(options: {
  directory: string;
  service: RolloutService;
  logger: LoggerService;
}): Promise<number> {
  const { directory, service, logger } = options;
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
    try {
      // Loaded as the plugin itself, before the catalog may have read the
      // entity: its owner arrives with the first refresh from the catalog.
      await service.create(
        service.prepare({ ...manifest, checklist }, 'plugin:rollout/demo-data'),
      );
      created += 1;
    } catch (error) {
      if (!(error instanceof ConflictError)) {
        throw error;
      }
      logger.debug(
        `Demo rollout of ${manifest.entityRef} ${manifest.version} already exists`,
      );
    }
  }
  return created;
}
