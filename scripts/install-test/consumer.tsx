// An app's use of the packed frontend plugin, type-checked against its
// declarations: the new frontend system through /alpha, the classic one
// through the main entry point.
import rolloutPlugin from '@rollout/backstage-plugin-rollout/alpha';
import {
  EntityRolloutContent,
  EntityRolloutSignOffCard,
  RolloutClient,
  hasRolloutAnnotation,
  isRolloutAvailable,
  rolloutApiRef,
  rolloutPlugin as classicRolloutPlugin,
} from '@rollout/backstage-plugin-rollout';
import type { Rollout } from '@rollout/backstage-plugin-rollout-common';

export const kind: '@backstage/FrontendPlugin' = rolloutPlugin.$$type;
export const pluginIds: string[] = [
  rolloutPlugin.pluginId,
  classicRolloutPlugin.getId(),
];
export const apiRefId: string = rolloutApiRef.id;

export const tab = <EntityRolloutContent />;
export const card = <EntityRolloutSignOffCard />;

export const conditions = [hasRolloutAnnotation, isRolloutAvailable];

export async function firstStepTitle(
  client: RolloutClient,
  id: string,
): Promise<string | undefined> {
  const rollout: Rollout = await client.getRollout(id);
  return rollout.checklist.steps[0]?.title;
}
