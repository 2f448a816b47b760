import {
  ANNOTATION_SOURCE_LOCATION,
  Entity,
  getEntitySourceLocation,
} from '@backstage/catalog-model';
import { ApiHolder } from '@backstage/core-plugin-api';
import { Rollout } from '@rollout/backstage-plugin-rollout-common';
import { rolloutApiRef } from './api';

/**
 * Annotation that puts the Rollout tab on an entity before it has a rollout.
 * @public
 */
export const ROLLOUT_ANNOTATION = 'rollout/enabled';

/**
 * The entity ref that rollouts of this entity are stored under.
 * @public
 */
export function rolloutEntityRef(entity: Entity): string {
  const namespace = entity.metadata.namespace ?? 'default';
  return `${entity.kind}:${namespace}/${entity.metadata.name}`.toLocaleLowerCase(
    'en-US',
  );
}

/**
 * Whether the entity carries the rollout annotation. Synchronous, for
 * extension filters.
 * @public
 */
export function hasRolloutAnnotation(entity: Entity): boolean {
  return entity.metadata.annotations?.[ROLLOUT_ANNOTATION] === 'true';
}

/**
 * Whether to show the Rollout tab: the entity carries the annotation or,
 * when the APIs are at hand (as in a classic `EntitySwitch`), has a rollout.
 * @public
 */
export async function isRolloutAvailable(
  entity: Entity,
  context?: { apis: ApiHolder },
): Promise<boolean> {
  if (hasRolloutAnnotation(entity)) {
    return true;
  }
  const api = context?.apis.get(rolloutApiRef);
  if (!api) {
    return false;
  }
  const { items } = await api.listRollouts({
    entityRef: rolloutEntityRef(entity),
    limit: 1,
  });
  return items.length > 0;
}

/**
 * Where the release notes are: the rollout's own URL, else `CHANGELOG.md`
 * beside the entity's source location.
 * @public
 */
export function releaseNotesUrl(
  rollout: Pick<Rollout, 'releaseNotesUrl'>,
  entity: Entity,
): string | undefined {
  if (rollout.releaseNotesUrl) {
    return rollout.releaseNotesUrl;
  }
  try {
    const { type, target } = getEntitySourceLocation(entity);
    if (type !== 'url') {
      return undefined;
    }
    // A source location names a directory, with or without its trailing
    // slash. Without one, the location is the managed-by location, which
    // names the catalog file, so CHANGELOG.md is resolved beside that file.
    const needsSlash =
      Boolean(entity.metadata.annotations?.[ANNOTATION_SOURCE_LOCATION]) &&
      !target.endsWith('/');
    return new URL('CHANGELOG.md', needsSlash ? `${target}/` : target).href;
  } catch {
    return undefined;
  }
}
