import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  Rollout,
  SignOff,
  SignOffDecision,
  rolloutSignalChannel,
  signOffsToRequest,
} from '@rollout/backstage-plugin-rollout-common';
import { entityRolloutPath } from './entityRolloutPath';

/**
 * Tells people about sign-offs through the notifications backend: the
 * signers of pending rows when someone asks them, the entity's owners when
 * a row is decided. A failed send is logged and never fails the change that
 * caused it: the tab shows the same state.
 */
export class SignOffNotifier {
  private readonly notifications: NotificationService;
  private readonly logger: LoggerService;

  constructor(options: {
    notifications: NotificationService;
    logger: LoggerService;
  }) {
    this.notifications = options.notifications;
    this.logger = options.logger;
  }

  /**
   * One notification per pending row that has signers, to exactly its
   * signers. The scope names the rollout and the row, so asking again
   * updates that notification instead of adding a second one.
   */
  async request(rollout: Rollout, actor: string): Promise<void> {
    const link = entityRolloutPath(rollout.entityRef);
    for (const row of signOffsToRequest(rollout.checklist.signOffs)) {
      await this.send(`the signers of '${row.role}'`, {
        recipients: { type: 'entity', entityRef: row.signers },
        payload: {
          title: `Sign-off requested: ${row.role} of ${rollout.entityRef} ${rollout.version}`,
          description: `${actor} asks for your decision on ${rollout.title}${
            row.responsibility ? `: ${row.responsibility}` : ''
          }.`,
          link,
          topic: rolloutSignalChannel(rollout.id),
          scope: `rollout:${rollout.id}:signoff:${row.id}`,
        },
      });
    }
  }

  /** Tells the entity's owners of a decision; a rejection with high severity. */
  async decided(
    rollout: Rollout,
    row: SignOff,
    decision: SignOffDecision,
    actor: string,
  ): Promise<void> {
    const verb = decision === 'pending' ? 'reset to pending' : decision;
    await this.send(`the owners of ${rollout.entityRef}`, {
      recipients: { type: 'entity', entityRef: rollout.entityRef },
      payload: {
        title: `Sign-off ${verb}: ${row.role} of ${rollout.entityRef} ${rollout.version}`,
        description: `${actor} ${verb} '${row.role}' of ${rollout.title}${
          row.note ? `: "${row.note}"` : ''
        }.`,
        link: entityRolloutPath(rollout.entityRef),
        topic: rolloutSignalChannel(rollout.id),
        severity: decision === 'rejected' ? 'high' : 'normal',
      },
    });
  }

  private async send(
    to: string,
    options: Parameters<NotificationService['send']>[0],
  ): Promise<void> {
    try {
      await this.notifications.send(options);
    } catch (error) {
      // Notifications are optional: the request or decision stands and
      // shows on the tab without them.
      this.logger.warn(`Could not notify ${to}: ${error}`);
    }
  }
}
