import { mockServices } from '@backstage/backend-test-utils';
import { DefaultNotificationService } from '@backstage/plugin-notifications-node';
import { Rollout } from '@rollout/backstage-plugin-rollout-common';
import { smallChecklist } from '../__testUtils__/fixtures';
import {
  closedPortUrl,
  startHungServer,
  startRawServer,
} from '../gates/__testUtils__/servers';
import { SignOffNotifier } from './SignOffNotifier';

const rollout: Rollout = {
  id: 'r1',
  entityRef: 'component:default/payments-api',
  version: 'v2.1.0',
  title: 'Payments 2.1.0',
  status: 'in_progress',
  revision: 3,
  checklist: smallChecklist(),
  createdBy: 'user:default/ada',
  createdAt: '2026-11-26T11:00:00.000Z',
  updatedAt: '2026-11-26T12:00:00.000Z',
};

/** The real notifications client, with the notifications backend at `url`. */
function notifierAt(url: string, timeoutMs = 2_000) {
  const logger = mockServices.logger.mock();
  const notifications = DefaultNotificationService.create({
    discovery: {
      getBaseUrl: async () => url,
      getExternalBaseUrl: async () => url,
    },
    auth: mockServices.auth(),
  });
  return {
    logger,
    notifier: new SignOffNotifier({ notifications, logger, timeoutMs }),
  };
}

describe('SignOffNotifier', () => {
  // The client keeps only `fetch failed` of a refused connection.
  it('returns and logs what failed, without throwing, when the notifications backend refuses connections', async () => {
    const { notifier, logger } = notifierAt(await closedPortUrl());
    const row = rollout.checklist.signOffs[0];

    const requested = await notifier.request(rollout, 'user:default/ada');
    const decided = await notifier.decided(
      rollout,
      row,
      'approved',
      'user:default/quinn',
    );

    expect(requested).toEqual({
      sent: 0,
      failed: [
        {
          to: "the signers of 'QA Lead'",
          error: 'Error: Failed to send notifications: TypeError: fetch failed',
        },
      ],
    });
    expect(decided).toEqual({
      sent: 0,
      failed: [
        {
          to: 'the owners of component:default/payments-api',
          error: 'Error: Failed to send notifications: TypeError: fetch failed',
        },
      ],
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Could not notify the owners of component:default\/payments-api: .*fetch failed/,
      ),
    );
  });

  it('returns what failed when the notifications backend answers 500', async () => {
    const server = await startRawServer(500, '<html>oops</html>');
    try {
      const { notifier } = notifierAt(server.baseUrl);
      await expect(
        notifier.request(rollout, 'user:default/ada'),
      ).resolves.toEqual({
        sent: 0,
        failed: [
          {
            to: "the signers of 'QA Lead'",
            error: expect.stringContaining('Request failed with status 500'),
          },
        ],
      });
    } finally {
      await server.close();
    }
  });

  it('gives up after the timeout when the notifications backend accepts connections and never answers', async () => {
    const server = await startHungServer();
    try {
      const { notifier, logger } = notifierAt(server.baseUrl, 300);
      const started = Date.now();
      await expect(
        notifier.request(rollout, 'user:default/ada'),
      ).resolves.toEqual({
        sent: 0,
        failed: [
          {
            to: "the signers of 'QA Lead'",
            error: 'the notifications backend did not answer within 300ms',
          },
        ],
      });
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(server.connections()).toBe(1);
      expect(logger.warn).toHaveBeenCalledWith(
        "Could not notify the signers of 'QA Lead': the notifications backend did not answer within 300ms",
      );
    } finally {
      await server.close();
    }
  });

  it('counts what was sent when the notifications backend answers', async () => {
    const server = await startRawServer(200, '{}', 'application/json');
    try {
      const { notifier } = notifierAt(server.baseUrl);
      await expect(
        notifier.request(rollout, 'user:default/ada'),
      ).resolves.toEqual({ sent: 1, failed: [] });
    } finally {
      await server.close();
    }
  });
});
