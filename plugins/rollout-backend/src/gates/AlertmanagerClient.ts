import {
  fetchJson,
  HttpEndpointOptions,
  SourceError,
  sourceFailed,
} from './fetchJson';

type GettableAlert = {
  labels?: Record<string, string>;
  status?: { state?: 'active' | 'suppressed' | 'unprocessed' };
};

/**
 * Where an alert stands in Alertmanager.
 *
 * @internal
 */
export type AlertState = {
  state: 'firing' | 'silenced' | 'inactive' | 'unknown';
  /** The labels of the alert instance the state was taken from. */
  labels?: Record<string, string>;
  /** Why the state is unknown. */
  because?: SourceError;
};

/**
 * Reads alert states from the Alertmanager v2 API. Never throws: every
 * failure comes back as an `unknown` state with the reason.
 *
 * @internal
 */
export class AlertmanagerClient {
  private readonly options: HttpEndpointOptions;

  constructor(options: HttpEndpointOptions) {
    this.options = options;
  }

  /**
   * The state of the alert with this `alertname`. Firing when any instance
   * is active or not yet processed (a gate would rather wait than miss it),
   * silenced when every instance is suppressed by a silence or inhibition,
   * inactive when Alertmanager has none.
   */
  async alertState(alertName: string): Promise<AlertState> {
    // A JSON string is a valid, escaped matcher value.
    const filter = `alertname=${JSON.stringify(alertName)}`;
    const params = new URLSearchParams({ filter });
    const result = await fetchJson(
      this.options,
      `/api/v2/alerts?${params.toString()}`,
      'alertmanager',
    );
    if (!result.ok) {
      // Alertmanager's API errors are JSON strings.
      const detail = typeof result.body === 'string' ? result.body : undefined;
      return {
        state: 'unknown',
        because:
          detail && result.error.problem === 'httpStatus'
            ? { ...result.error, detail }
            : result.error,
      };
    }
    if (!Array.isArray(result.body)) {
      return {
        state: 'unknown',
        because: sourceFailed('alertmanager', this.options.baseUrl, {
          problem: 'unexpectedAnswer',
          expected: 'alertList',
        }),
      };
    }
    const alerts = result.body as GettableAlert[];
    const firing = alerts.find(alert => alert.status?.state !== 'suppressed');
    if (firing) {
      return { state: 'firing', labels: firing.labels ?? {} };
    }
    if (alerts.length) {
      return { state: 'silenced', labels: alerts[0].labels ?? {} };
    }
    return { state: 'inactive' };
  }
}
