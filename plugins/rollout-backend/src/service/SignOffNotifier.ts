import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyError } from '@backstage/errors';
import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  Rollout,
  SignOff,
  SignOffDecision,
  signOffsToRequest,
} from '@rollout/backstage-plugin-rollout-common';
import { entityRolloutPath, rolloutTopic } from './entityRolloutPath';

/** How long one send may take before the change it follows goes on. */
const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * What telling people of a change did: how many notifications went out,
 * and who was not told and why. Never a reason to fail the change.
 */
export type NotifyResult = {
  sent: number;
  failed: Array<{ to: string; error: string }>;
};

/**
 * Sends one notification, and says why not instead of throwing: the
 * notifications backend down, refusing, or not answering within
 * `timeoutMs` (the send goes on in the background; its late failure is
 * logged too). Notifications are optional: the change that caused one has
 * been stored and shows on the tab without it.
 */
export async function sendNotification(
  options: {
    notifications: NotificationService;
    logger: LoggerService;
    timeoutMs?: number;
  },
  to: string,
  notification: NotificationSendOptions,
): Promise<{ error?: string }> {
  const { notifications, logger } = options;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  const sending: Promise<{ error?: string }> = Promise.resolve()
    .then(() => notifications.send(notification))
    .then(
      () => ({}),
      (error: unknown) => {
        const message = stringifyError(error);
        if (timedOut) {
          logger.warn(`Could not notify ${to}, after giving up: ${message}`);
        }
        return { error: message };
      },
    );
  const timeout = new Promise<{ error: string }>(resolve => {
    timer = setTimeout(() => {
      timedOut = true;
      resolve({
        error: `the notifications backend did not answer within ${timeoutMs}ms`,
      });
    }, timeoutMs);
  });
  try {
    const result: { error?: string } = await Promise.race([sending, timeout]);
    if (result.error) {
      logger.warn(`Could not notify ${to}: ${result.error}`);
    }
    return result;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Tells people about sign-offs through the notifications backend: the
 * signers of pending rows when someone asks them, the entity's owners when
 * a row is decided. Never throws: a failed or hung send is logged and
 * returned, and never fails the change that caused it, which is stored
 * before and shows on the tab the same.
 */
export class SignOffNotifier {
  private readonly notifications: NotificationService;
  private readonly logger: LoggerService;
  private readonly timeoutMs: number;

  constructor(options: {
    notifications: NotificationService;
    logger: LoggerService;
    /** How long one send may take; 10 seconds unless given. */
    timeoutMs?: number;
  }) {
    this.notifications = options.notifications;
    this.logger = options.logger;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /**
   * One notification per pending row that has signers, to exactly its
   * signers, all at once. The scope names the rollout and the row, so
   * asking again updates that notification instead of adding a second one.
   */
  async request(rollout: Rollout, actor: string): Promise<NotifyResult> {
    return this.sendAll(() => {
      const link = entityRolloutPath(rollout.entityRef);
      return signOffsToRequest(rollout.checklist.signOffs).map(row => ({
        to: `the signers of '${row.role}'`,
        notification: {
          recipients: { type: 'entity' as const, entityRef: row.signers },
          payload: {
            title: `Sign-off requested: ${row.role} of ${rollout.entityRef} ${rollout.version}`,
            description: `${actor} asks for your decision on ${rollout.title}${
              row.responsibility ? `: ${row.responsibility}` : ''
            }.`,
            link,
            topic: rolloutTopic(rollout),
            scope: `rollout:${rollout.id}:signoff:${row.id}`,
          },
        },
      }));
    });
  }

  /** Tells the entity's owners of a decision; a rejection with high severity. */
  async decided(
    rollout: Rollout,
    row: SignOff,
    decision: SignOffDecision,
    actor: string,
  ): Promise<NotifyResult> {
    return this.sendAll(() => {
      const verb = decision === 'pending' ? 'reset to pending' : decision;
      return [
        {
          to: `the owners of ${rollout.entityRef}`,
          notification: {
            recipients: {
              type: 'entity' as const,
              entityRef: rollout.entityRef,
            },
            payload: {
              title: `Sign-off ${verb}: ${row.role} of ${rollout.entityRef} ${rollout.version}`,
              description: `${actor} ${verb} '${row.role}' of ${rollout.title}${
                row.note ? `: "${row.note}"` : ''
              }.`,
              link: entityRolloutPath(rollout.entityRef),
              topic: rolloutTopic(rollout),
              severity: decision === 'rejected' ? 'high' : 'normal',
            },
          },
        },
      ];
    });
  }

  /**
   * Builds the notifications and sends them; building is inside too, so a
   * rollout the notifications cannot be made of fails no change either.
   */
  private async sendAll(
    build: () => Array<{ to: string; notification: NotificationSendOptions }>,
  ): Promise<NotifyResult> {
    let sends: Array<{ to: string; notification: NotificationSendOptions }>;
    try {
      sends = build();
    } catch (error) {
      const message = stringifyError(error);
      this.logger.warn(`Could not build the notifications: ${message}`);
      return { sent: 0, failed: [{ to: 'anyone', error: message }] };
    }
    const results = await Promise.all(
      sends.map(async ({ to, notification }) => ({
        to,
        ...(await sendNotification(
          {
            notifications: this.notifications,
            logger: this.logger,
            timeoutMs: this.timeoutMs,
          },
          to,
          notification,
        )),
      })),
    );
    const failed = results.flatMap(({ to, error }) =>
      error ? [{ to, error }] : [],
    );
    return { sent: results.length - failed.length, failed };
  }
}
