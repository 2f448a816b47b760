/*
 * Announcements: a communication item of a rollout sent as a message to
 * its stakeholders, through Backstage's notifications (the Notifications
 * page, and email or Slack where the notifications backend has them).
 */
import { z } from 'zod';
import { rolloutLimits } from './limits';
import { CommunicationItem, Rollout } from './schema';

/**
 * Where an announcement goes: `web` is the recipients' Notifications page;
 * `email` and `slack` are the notifications backend's processors, where the
 * app installed and configured them.
 * @public
 */
export type AnnouncementChannel = 'web' | 'email' | 'slack';

/**
 * A group of recipients the app's config names under
 * `rollout.communication.audiences`, offered to every sender.
 * @public
 */
export type AnnouncementAudience = {
  /** The key under `rollout.communication.audiences`. */
  name: string;
  /** What the sender sees. */
  title: string;
  /** The users and groups it holds. */
  entityRefs: string[];
};

/**
 * The last time a communication item was sent: when, by whom, to how many.
 * @public
 */
export type AnnouncementSent = NonNullable<CommunicationItem['sent']>;

/**
 * An announcement as the app's template composes it for one communication
 * item, with whom it would go to: what the Send dialog opens with.
 * @public
 */
export type AnnouncementDraft = {
  itemId: string;
  /** The subject: the notification's title and the email's subject. */
  subject: string;
  /** The message, in markdown. */
  body: string;
  /** The rollout's stakeholders: the sign-off rows' signers and the entity's owner. */
  stakeholders: string[];
  /** The audiences the app's config offers. */
  audiences: AnnouncementAudience[];
  /** The channels a message goes out on. */
  channels: AnnouncementChannel[];
  /** When the item was last sent, if it was. */
  lastSent?: AnnouncementSent;
};

/**
 * The body of `POST /rollouts/:id/communication/:itemId/send`.
 * @public
 */
export const sendAnnouncementRequestSchema = z
  .object({
    expectedRevision: z.number().int().min(1),
    subject: z.string().trim().min(1).max(rolloutLimits.titleLength),
    body: z.string().trim().min(1).max(rolloutLimits.textLength),
    /** Whether the rollout's stakeholders get it. */
    stakeholders: z.boolean(),
    /** Names of audiences of `rollout.communication.audiences`. */
    audiences: z
      .array(z.string().min(1).max(rolloutLimits.idLength))
      .max(rolloutLimits.signers)
      .default([]),
    /** More users and groups, as entity refs (`user:maria`, `group:default/qa-leads`). */
    entityRefs: z
      .array(z.string().min(1).max(rolloutLimits.entityRefLength))
      .max(rolloutLimits.signers)
      .default([]),
    /** Send an item that was sent before; refused (409 `alreadySent`) without. */
    resend: z.boolean().optional(),
  })
  .strict();
/**
 * Body of `POST /rollouts/:id/communication/:itemId/send`: the announcement
 * as the sender edited it, and to whom.
 * @public
 */
export type SendAnnouncementRequest = z.input<
  typeof sendAnnouncementRequestSchema
>;

/**
 * What became of an announcement on one channel: `sent` where the
 * notifications backend stored it (the Notifications page), `handedOff`
 * where its processor (email, Slack) delivers it after the answer and logs
 * any failure there.
 * @public
 */
export type AnnouncementDelivery = {
  channel: AnnouncementChannel;
  status: 'sent' | 'handedOff';
};

/**
 * The answer of `POST /rollouts/:id/communication/:itemId/send`.
 * @public
 */
export type SendAnnouncementResponse = {
  /** The rollout with the item ticked by the sender. */
  rollout: Rollout;
  /** The users it went to, each once. */
  recipients: string[];
  channels: AnnouncementDelivery[];
};
