import {
  Config,
  ConfigReader,
  readDurationFromConfig,
} from '@backstage/config';
import { InputError } from '@backstage/errors';
import { durationToMilliseconds } from '@backstage/types';
import {
  GateReason,
  GateSource,
} from '@rollout/backstage-plugin-rollout-common';
import { HttpEndpointOptions } from './fetchJson';

/**
 * The gate settings of app-config, with their defaults filled in.
 *
 * @internal
 */
export type GatesConfig = {
  /** Absent when `rollout.prometheus.baseUrl` is not set. */
  prometheus?: HttpEndpointOptions & {
    rateWindow: string;
    queries: Record<string, string>;
  };
  /** Absent when `rollout.alertmanager.baseUrl` is not set. */
  alertmanager?: HttpEndpointOptions;
  baselineWindowMs: number;
  seriesWindowMs: number;
  tolerancePercent: number;
  frequencyMs: number;
};

const promqlDuration = /^\d+(ms|s|m|h|d|w|y)$/;

function durationMs(config: Config, key: string, fallbackMs: number): number {
  if (!config.has(key)) {
    return fallbackMs;
  }
  return durationToMilliseconds(readDurationFromConfig(config, { key }));
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function endpoint(
  config: Config | undefined,
  key: string,
): HttpEndpointOptions | undefined {
  const baseUrl = config?.getOptionalString('baseUrl');
  if (!config || !baseUrl) {
    return undefined;
  }
  // Fail at start-up rather than at every evaluation.
  if (!isHttpUrl(baseUrl)) {
    throw new InputError(`${key}.baseUrl is not an http(s) URL: '${baseUrl}'`);
  }
  const headers = config.getOptionalConfig('headers');
  return {
    baseUrl,
    headers: headers
      ? Object.fromEntries(
          headers.keys().map(name => [name, headers.getString(name)]),
        )
      : undefined,
    timeoutMs: durationMs(config, 'timeout', 5_000),
  };
}

/**
 * Why the rows of a source are unknown when its base URL is not configured.
 *
 * @internal
 */
export function notConfigured(
  source: GateSource,
): Extract<GateReason, { type: 'notConfigured' }> {
  return {
    type: 'notConfigured',
    source,
    configKey: `rollout.${source}.baseUrl`,
  };
}

/**
 * Reads `rollout.prometheus`, `rollout.alertmanager` and `rollout.gates`.
 *
 * @internal
 */
export function readGatesConfig(root: Config): GatesConfig {
  const prometheusConfig = root.getOptionalConfig('rollout.prometheus');
  const prometheus = endpoint(prometheusConfig, 'rollout.prometheus');
  const rateWindow = prometheusConfig?.getOptionalString('rateWindow') ?? '5m';
  if (!promqlDuration.test(rateWindow)) {
    throw new InputError(
      `rollout.prometheus.rateWindow must be a PromQL duration such as '5m', not '${rateWindow}'`,
    );
  }
  const queries = prometheusConfig?.getOptionalConfig('queries');
  const gates = root.getOptionalConfig('rollout.gates') ?? new ConfigReader({});
  const tolerancePercent = gates.getOptionalNumber('tolerancePercent') ?? 10;
  if (tolerancePercent < 0) {
    throw new InputError('rollout.gates.tolerancePercent must not be negative');
  }
  return {
    prometheus: prometheus && {
      ...prometheus,
      rateWindow,
      queries: queries
        ? Object.fromEntries(
            queries.keys().map(name => [name, queries.getString(name)]),
          )
        : {},
    },
    alertmanager: endpoint(
      root.getOptionalConfig('rollout.alertmanager'),
      'rollout.alertmanager',
    ),
    baselineWindowMs: durationMs(gates, 'baselineWindow', 30 * 60_000),
    seriesWindowMs: durationMs(gates, 'seriesWindow', 60 * 60_000),
    tolerancePercent,
    frequencyMs: durationMs(gates, 'frequency', 30_000),
  };
}
