import { ConfigReader } from '@backstage/config';
import { readGatesConfig } from './config';

const read = (rollout: object) =>
  readGatesConfig(new ConfigReader({ rollout }));

describe('readGatesConfig', () => {
  it('leaves out the sources that are not configured, with default windows', () => {
    expect(read({})).toEqual({
      baselineWindowMs: 30 * 60_000,
      seriesWindowMs: 60 * 60_000,
      tolerancePercent: 10,
      frequencyMs: 30_000,
    });
  });

  it('leaves out a source whose base URL is unset, as an unset env var leaves it', () => {
    const config = read({ prometheus: { rateWindow: '5m' }, alertmanager: {} });
    expect(config.prometheus).toBeUndefined();
    expect(config.alertmanager).toBeUndefined();
  });

  it('reads endpoints, headers, timeouts, overrides and windows', () => {
    expect(
      read({
        prometheus: {
          baseUrl: 'http://prometheus:9090',
          headers: { Authorization: 'Bearer t' },
          timeout: '2s',
          rateWindow: '1m',
          queries: { jobs_total: 'sum(rate(jobs_total[1m]))' },
        },
        alertmanager: { baseUrl: 'http://alertmanager:9093' },
        gates: {
          baselineWindow: { hours: 1 },
          seriesWindow: '15m',
          tolerancePercent: 5,
          frequency: { seconds: 10 },
        },
      }),
    ).toEqual({
      prometheus: {
        baseUrl: 'http://prometheus:9090',
        headers: { Authorization: 'Bearer t' },
        timeoutMs: 2000,
        rateWindow: '1m',
        queries: { jobs_total: 'sum(rate(jobs_total[1m]))' },
      },
      alertmanager: {
        baseUrl: 'http://alertmanager:9093',
        headers: undefined,
        timeoutMs: 5000,
      },
      baselineWindowMs: 3_600_000,
      seriesWindowMs: 900_000,
      tolerancePercent: 5,
      frequencyMs: 10_000,
    });
  });

  it.each([
    [
      { prometheus: { baseUrl: 'prometheus:9090 ' } },
      'rollout.prometheus.baseUrl is not an http(s) URL',
    ],
    [
      { prometheus: { baseUrl: 'http://p', rateWindow: 'five minutes' } },
      'rollout.prometheus.rateWindow must be a PromQL duration',
    ],
    [
      { gates: { tolerancePercent: -1 } },
      'rollout.gates.tolerancePercent must not be negative',
    ],
  ])('refuses a bad setting, naming it (%j)', (rollout, message) => {
    expect(() => read(rollout)).toThrow(message);
  });
});
