import {
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  InputError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  AnnouncementChannel,
  AnnouncementDelivery,
  AnnouncementDraft,
  CommunicationItem,
  Rollout,
  SendAnnouncementResponse,
  rolloutLimits,
} from '@rollout/backstage-plugin-rollout-common';
import { EntityCatalog } from '../catalog/EntityCatalog';
import { RolloutStore } from '../database/RolloutStore';
import {
  AnnouncementConfig,
  announcementValues,
  renderAnnouncement,
} from '../logic/announcement';
import { RolloutConflictError } from '../errors';
import {
  entityRolloutPath,
  entityRolloutUrl,
  rolloutTopic,
} from './entityRolloutPath';
import { loadChangeableRollout } from './loadRollout';
import { sendNotification } from './SignOffNotifier';

/** How many recipients one history entry names; the count is always kept. */
const RECORDED_RECIPIENTS = 200;

/** An announcement as the sender edited it, and to whom. */
export type AnnouncementInput = {
  expectedRevision: number;
  subject: string;
  body: string;
  stakeholders: boolean;
  audiences: string[];
  entityRefs: string[];
  resend?: boolean;
};

/**
 * Sends communication items as announcements through Backstage's
 * notifications: once to each recipient (the signers, the entity's owner,
 * the audiences of app-config and whoever the sender adds, groups as their
 * members), on the Notifications page and through whatever processors the
 * notifications backend has (email, Slack). A sent item is ticked by the
 * sender with when and to how many, and its history entry keeps the
 * recipients, the channels and the text; it is not sent twice unless the
 * sender says so.
 */
export class Announcements {
  private readonly store: RolloutStore;
  private readonly entities: EntityCatalog;
  private readonly notifications: NotificationService;
  private readonly logger: LoggerService;
  private readonly config: AnnouncementConfig;
  private readonly channels: AnnouncementChannel[];
  private readonly appBaseUrl?: string;
  private readonly timeoutMs?: number;

  constructor(options: {
    store: RolloutStore;
    entities: EntityCatalog;
    notifications: NotificationService;
    logger: LoggerService;
    /** The template and audiences of `rollout.communication`. */
    config: AnnouncementConfig;
    /** The channels the notifications backend delivers on. */
    channels: AnnouncementChannel[];
    /** `app.baseUrl`, for the links an announcement gives. */
    appBaseUrl?: string;
    /** How long the notifications backend may take; 10 seconds unless given. */
    timeoutMs?: number;
  }) {
    this.store = options.store;
    this.entities = options.entities;
    this.notifications = options.notifications;
    this.logger = options.logger;
    this.config = options.config;
    this.channels = options.channels;
    this.appBaseUrl = options.appBaseUrl;
    this.timeoutMs = options.timeoutMs;
  }

  /**
   * The channels of the notifications backend's own config: the web
   * always, email and Slack where their processors are configured.
   */
  static channelsOf(config: Config): AnnouncementChannel[] {
    const channels: AnnouncementChannel[] = ['web'];
    if (config.has('notifications.processors.email')) {
      channels.push('email');
    }
    if (config.has('notifications.processors.slack')) {
      channels.push('slack');
    }
    return channels;
  }

  /** The announcement of one item as the app's template writes it. */
  draft(rollout: Rollout, itemId: string): AnnouncementDraft {
    const item = findItem(rollout, itemId);
    const values = announcementValues(
      rollout,
      item,
      entityRolloutUrl(this.appBaseUrl, rollout),
    );
    return {
      itemId,
      subject: renderAnnouncement(this.config.subject, values)
        .replace(/\s+/g, ' ')
        .slice(0, rolloutLimits.titleLength),
      body: renderAnnouncement(this.config.template, values).slice(
        0,
        rolloutLimits.textLength,
      ),
      stakeholders: stakeholdersOf(rollout),
      audiences: this.config.audiences,
      channels: this.channels,
      ...(item.sent ? { lastSent: item.sent } : {}),
    };
  }

  /**
   * Sends one item of a rollout that is not final, at the revision the
   * sender read, and records it. Refuses an item sent before without
   * `resend` (409 `alreadySent`), refs that are not users or groups of the
   * catalog and audiences that app-config does not have (400 naming the
   * field), an announcement that would reach nobody (400). When the
   * notifications backend fails, nothing is recorded and the item stays as
   * it was: a 503 that says so per channel.
   */
  async send(
    id: string,
    itemId: string,
    input: AnnouncementInput,
    sender: { actor: string; credentials: BackstageCredentials },
  ): Promise<SendAnnouncementResponse> {
    const rollout = await loadChangeableRollout(
      this.store,
      id,
      input.expectedRevision,
    );
    const item = findItem(rollout, itemId);
    if (item.sent && !input.resend) {
      throw new RolloutConflictError(
        'alreadySent',
        `"${item.text}" was sent on ${item.sent.at} by ${item.sent.by} to ${item.sent.recipients} people; send it again with resend`,
      );
    }
    const audience = this.audienceOf(rollout, input);
    const { users, unknown } = await this.entities.usersOf(
      audience.refs,
      sender.credentials,
    );
    const missing = audience.added.findIndex(ref => unknown.includes(ref));
    if (missing >= 0) {
      throw new InputError(
        `entityRefs[${missing}]: the catalog has no user or group '${input.entityRefs[missing]}'`,
      );
    }
    if (!users.length) {
      throw new InputError(
        'stakeholders, audiences, entityRefs: the announcement would reach nobody; add people or groups with members',
      );
    }

    const { error } = await sendNotification(
      {
        notifications: this.notifications,
        logger: this.logger,
        timeoutMs: this.timeoutMs,
      },
      `the recipients of "${item.text}"`,
      {
        recipients: { type: 'entity', entityRef: users },
        payload: {
          title: input.subject,
          description: input.body,
          link: entityRolloutPath(rollout.entityRef, {
            version: rollout.version,
          }),
          topic: rolloutTopic(rollout),
          scope: `rollout:${rollout.id}:communication:${item.id}`,
        },
      },
    );
    if (error) {
      throw new ServiceUnavailableError(
        `Nothing was sent, and "${item.text}" stays as it was: ${this.channels
          .map(channel => `${channel}: not sent`)
          .join(', ')}, as the notifications backend failed: ${error}`,
      );
    }

    const channels: AnnouncementDelivery[] = this.channels.map(channel => ({
      channel,
      status: channel === 'web' ? 'sent' : 'handedOff',
    }));
    const sent = {
      at: new Date().toISOString(),
      by: sender.actor,
      recipients: users.length,
    };
    const recorded = await this.store.changeRollout({
      id,
      // The message is out: it is recorded on the rollout as it is now.
      change: async current => ({
        changes: {
          checklist: {
            ...current.checklist,
            communication: current.checklist.communication.map(c =>
              c.id === item.id
                ? {
                    ...c,
                    done: true,
                    doneBy: sender.actor,
                    doneAt: sent.at,
                    sent,
                  }
                : c,
            ),
          },
        },
        event: {
          actor: sender.actor,
          type: 'communication.sent',
          message: `Sent "${item.text}" to ${users.length} ${
            users.length === 1 ? 'person' : 'people'
          } by ${this.channels.join(', ')}`,
          data: {
            itemId: item.id,
            subject: input.subject,
            body: input.body,
            recipientCount: users.length,
            recipients: users.slice(0, RECORDED_RECIPIENTS),
            audience: audience.refs,
            channels: this.channels,
            ...(item.sent ? { resent: true } : {}),
          },
        },
      }),
    });
    return { rollout: recorded, recipients: users, channels };
  }

  /**
   * The users and groups an announcement goes to, as entity refs: the
   * stakeholders when asked, the audiences named, and the refs added (each
   * checked to be a user or group ref; `added` keeps them in order).
   */
  private audienceOf(
    rollout: Rollout,
    input: AnnouncementInput,
  ): { refs: string[]; added: string[] } {
    const added = input.entityRefs.map((given, index) =>
      userOrGroupRef(given, `entityRefs[${index}]`),
    );
    const audiences = input.audiences.flatMap((name, index) => {
      const audience = this.config.audiences.find(a => a.name === name);
      if (!audience) {
        throw new InputError(
          `audiences[${index}]: rollout.communication.audiences has no '${name}'${
            this.config.audiences.length
              ? `; it has ${this.config.audiences
                  .map(a => `'${a.name}'`)
                  .join(', ')}`
              : ''
          }`,
        );
      }
      return audience.entityRefs;
    });
    return {
      refs: [
        ...new Set([
          ...(input.stakeholders ? stakeholdersOf(rollout) : []),
          ...audiences,
          ...added,
        ]),
      ],
      added,
    };
  }
}

/** The signers of every sign-off row and the entity's owner, each once. */
function stakeholdersOf(rollout: Rollout): string[] {
  return [
    ...new Set([
      ...rollout.checklist.signOffs.flatMap(row => row.signers),
      ...(rollout.ownerRef ? [rollout.ownerRef] : []),
    ]),
  ];
}

function findItem(rollout: Rollout, itemId: string): CommunicationItem {
  const item = rollout.checklist.communication.find(c => c.id === itemId);
  if (!item) {
    throw new NotFoundError(`No communication item with id '${itemId}'`);
  }
  return item;
}

/** A user or group ref in full, `user:maria` being `user:default/maria`. */
function userOrGroupRef(given: string, field: string): string {
  let ref;
  try {
    ref = parseEntityRef(given, { defaultNamespace: 'default' });
  } catch {
    ref = undefined;
  }
  const kind = ref?.kind.toLocaleLowerCase('en-US');
  if (!ref || (kind !== 'user' && kind !== 'group')) {
    throw new InputError(
      `${field}: '${given}' is not a user or group ref, such as user:default/maria or group:default/qa-leads`,
    );
  }
  return stringifyEntityRef({ ...ref, kind });
}
