import { Config } from '@backstage/config';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  AnnouncementAudience,
  CommunicationItem,
  Rollout,
  RolloutStatus,
} from '@rollout/backstage-plugin-rollout-common';

/**
 * The fields an announcement template may use, as `{{ field }}`: the
 * rollout's, the item's, and links into the app.
 */
export const announcementFields = [
  'entityRef',
  'entityName',
  'title',
  'version',
  'previousVersion',
  'status',
  'item',
  'rolloutUrl',
  'migrationGuideUrl',
  'releaseNotesUrl',
] as const;

/** A field an announcement template may use. */
export type AnnouncementField = (typeof announcementFields)[number];

/** The subject unless `rollout.communication.subject` says otherwise. */
export const defaultAnnouncementSubject =
  'Release {{ version }} of {{ entityName }}';

/** The message unless `rollout.communication.template` says otherwise. */
export const defaultAnnouncementTemplate = [
  '{{ entityName }} {{ version }} is {{ status }}.',
  'It replaces {{ previousVersion }}.',
  '',
  '{{ item }}',
  '',
  '- Migration guide: {{ migrationGuideUrl }}',
  '- Release notes: {{ releaseNotesUrl }}',
  '- The rollout: {{ rolloutUrl }}',
].join('\n');

const placeholder = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

const statusWords: Record<RolloutStatus, string> = {
  draft: 'a draft',
  in_progress: 'in progress',
  blocked: 'blocked',
  completed: 'completed',
  rolled_back: 'rolled back',
};

/** The fields of a template that are not announcement fields. */
export function unknownAnnouncementFields(template: string): string[] {
  const known = new Set<string>(announcementFields);
  return [...template.matchAll(placeholder)]
    .map(match => match[1])
    .filter(field => !known.has(field));
}

/**
 * The template with its fields filled in. A line with a field that has no
 * value (no previous version, no release notes) is left out whole, so that
 * no message says "Release notes:" and nothing after it.
 */
export function renderAnnouncement(
  template: string,
  values: Partial<Record<AnnouncementField, string>>,
): string {
  const lines = template.split('\n');
  const kept: string[] = [];
  for (const line of lines) {
    const fields = [...line.matchAll(placeholder)].map(match => match[1]);
    if (fields.some(field => !values[field as AnnouncementField])) {
      continue;
    }
    kept.push(
      line.replace(
        placeholder,
        (_, field: string) => values[field as AnnouncementField] ?? '',
      ),
    );
  }
  return kept.join('\n').trim();
}

/** The values of the announcement fields for one item of a rollout. */
export function announcementValues(
  rollout: Rollout,
  item: CommunicationItem,
  rolloutUrl: string | undefined,
): Partial<Record<AnnouncementField, string>> {
  const { name } = parseEntityRef(rollout.entityRef);
  return {
    entityRef: rollout.entityRef,
    entityName: name,
    title: rollout.title,
    version: rollout.version,
    previousVersion: rollout.previousVersion,
    status: statusWords[rollout.status],
    item: item.text,
    rolloutUrl,
    migrationGuideUrl:
      rolloutUrl && rollout.checklist.migrationGuide.length
        ? `${rolloutUrl}#rollout-migration-guide`
        : undefined,
    releaseNotesUrl: rollout.releaseNotesUrl,
  };
}

/** How announcements are written and to whom they may go, from app-config. */
export type AnnouncementConfig = {
  subject: string;
  template: string;
  audiences: AnnouncementAudience[];
};

/**
 * `rollout.communication` of app-config, checked at startup: a template
 * with a field that does not exist is a mistake of whoever wrote it, said
 * before anyone sends.
 */
export function readAnnouncementConfig(config: Config): AnnouncementConfig {
  const section = config.getOptionalConfig('rollout.communication');
  const subject =
    section?.getOptionalString('subject') ?? defaultAnnouncementSubject;
  const template =
    section?.getOptionalString('template') ?? defaultAnnouncementTemplate;
  for (const [key, value] of [
    ['subject', subject],
    ['template', template],
  ]) {
    const unknown = unknownAnnouncementFields(value);
    if (unknown.length) {
      throw new Error(
        `rollout.communication.${key} uses ${unknown
          .map(field => `{{ ${field} }}`)
          .join(
            ', ',
          )}, which no announcement has; the fields are ${announcementFields.join(
          ', ',
        )}`,
      );
    }
  }
  const audiencesConfig = section?.getOptionalConfig('audiences');
  const audiences = (audiencesConfig?.keys() ?? []).map(name => {
    const audience = audiencesConfig!.getConfig(name);
    return {
      name,
      title: audience.getOptionalString('title') ?? name,
      entityRefs: audience.getStringArray('entityRefs'),
    };
  });
  return { subject, template, audiences };
}
