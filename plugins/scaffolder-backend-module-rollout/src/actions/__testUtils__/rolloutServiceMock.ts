import { RolloutService } from '@rollout/backstage-plugin-rollout-node';

/** A {@link RolloutService} whose every call is a `jest.fn()`. */
export function rolloutServiceMock(): jest.Mocked<RolloutService> {
  return {
    createRollout: jest.fn(),
    getRollout: jest.fn(),
    getGates: jest.fn(),
    reportStep: jest.fn(),
    requestSignOffs: jest.fn(),
    getAnnouncement: jest.fn(),
    sendAnnouncement: jest.fn(),
  };
}
