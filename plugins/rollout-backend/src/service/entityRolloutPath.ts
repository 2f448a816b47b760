import { parseEntityRef } from '@backstage/catalog-model';

/**
 * The Rollout tab of an entity, such as `/catalog/default/component/x/rollout`;
 * with a `version`, the tab showing that version's rollout
 * (`…/rollout?version=v0.3.0`).
 */
export function entityRolloutPath(
  entityRef: string,
  options: { version?: string } = {},
): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  const path = `/catalog/${[namespace, kind.toLocaleLowerCase('en-US'), name]
    .map(encodeURIComponent)
    .join('/')}/rollout`;
  return options.version
    ? `${path}?version=${encodeURIComponent(options.version)}`
    : path;
}

/**
 * The entity's Rollout tab showing one version, as a full URL in the app;
 * undefined without the app's base URL (`app.baseUrl`).
 */
export function entityRolloutUrl(
  appBaseUrl: string | undefined,
  rollout: { entityRef: string; version: string },
): string | undefined {
  if (!appBaseUrl) {
    return undefined;
  }
  return `${appBaseUrl.replace(/\/+$/, '')}${entityRolloutPath(
    rollout.entityRef,
    { version: rollout.version },
  )}`;
}

/**
 * The notification topic of a rollout, as people read it in the
 * Notifications page's topic filter and settings: the entity's name and the
 * version, such as `multipass-reviewer v0.3.0`.
 */
export function rolloutTopic(rollout: {
  entityRef: string;
  version: string;
}): string {
  return `${parseEntityRef(rollout.entityRef).name} ${rollout.version}`;
}
