import { parseEntityRef } from '@backstage/catalog-model';

/** The Rollout tab of an entity, such as `/catalog/default/component/x/rollout`. */
export function entityRolloutPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${namespace}/${kind.toLocaleLowerCase(
    'en-US',
  )}/${name}/rollout`;
}
