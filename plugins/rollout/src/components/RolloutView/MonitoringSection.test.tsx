import { Entity } from '@backstage/catalog-model';
import { alertApiRef, identityApiRef } from '@backstage/core-plugin-api';
import {
  appLanguageApiRef,
  translationApiRef,
} from '@backstage/frontend-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  Rollout,
  RolloutGates,
} from '@rollout/backstage-plugin-rollout-common';
import { rolloutApiRef } from '../../api';
import { InMemoryRolloutApi } from '../../__testUtils__/InMemoryRolloutApi';
import { demoGates } from '../../__testUtils__/demoGates';
import { responseError } from '../../__testUtils__/responseError';
import { seedMarkdown } from '../../__testUtils__/seedMarkdown';
import { seedRollout } from '../../__testUtils__/seedRollout';
import {
  RolloutLanguage,
  rolloutLanguageApi,
  rolloutTranslationApi,
} from '../../__testUtils__/translationApis';
import { rolloutFormat } from '../../translation';
import { RolloutView } from './RolloutView';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'multipass-reviewer', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

const seed = seedRollout(seedMarkdown);

const format = rolloutFormat('en');

/** The no-break space Russian puts in numbers and before units. */
const nbsp = '\u00a0';

async function renderView(
  api: InMemoryRolloutApi,
  rolloutId = seed.id,
  language?: RolloutLanguage,
) {
  const alertApi = { post: jest.fn() };
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [rolloutApiRef, api],
        [identityApiRef, mockApis.identity()],
        [permissionApiRef, mockApis.permission()],
        [alertApiRef, alertApi],
        ...(language
          ? ([
              [translationApiRef, rolloutTranslationApi(language)],
              [appLanguageApiRef, rolloutLanguageApi(language)],
            ] as const)
          : []),
      ]}
    >
      <RolloutView rolloutId={rolloutId} entity={entity} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { alertApi };
}

/** The Monitoring section, once the rollout has loaded. */
async function monitoring() {
  return screen.findByRole('region', { name: 'Monitoring & observability' });
}

/** The Monitoring section once the gates have been read. */
async function evaluated() {
  const section = await monitoring();
  await within(section).findByText(/^Last evaluated/);
  return section;
}

/** The card of a metric. */
function card(section: HTMLElement, name: string) {
  return within(section).getByRole('region', { name });
}

/** What a metric card says for one of its figures. */
function figure(metricCard: HTMLElement, term: string) {
  return within(metricCard).getByText(term, { selector: 'dt' })
    .nextElementSibling?.textContent;
}

/** A row of one of the section's tables, by its test id. */
function row(testId: string) {
  return screen.getByTestId(testId);
}

/** The seed's gates as the demo has them, changed by `change`. */
function gatesOf(
  rollout: Rollout,
  change: (gates: RolloutGates) => Partial<RolloutGates>,
): RolloutGates {
  const gates = demoGates(rollout);
  return { ...gates, ...change(gates) };
}

describe('MonitoringSection', () => {
  it('shows value, baseline, change and state of each of the four metrics', async () => {
    await renderView(new InMemoryRolloutApi([seed]));
    const section = await evaluated();

    const expected = [
      ['review_pass_runtime_seconds', '43.1 s', '41.8 s', '+3.2%', 'ok'],
      ['review_pass_failures_total', '0.0559/s', '0.052/s', '+7.5%', 'warning'],
      ['llm_request_latency_seconds', '825 ms', '840 ms', '-1.8%', 'ok'],
      ['modular_reviewer_sessions_total', '3.13/s', '3.2/s', '-2.1%', 'ok'],
    ];
    for (const [name, value, baseline, change, state] of expected) {
      const metric = card(section, name);
      expect(within(metric).getByText(name).tagName).toBe('CODE');
      expect(figure(metric, 'Value')).toBe(value);
      expect(figure(metric, 'Baseline')).toBe(baseline);
      expect(figure(metric, 'Change')).toBe(change);
      expect(
        within(metric).getByTestId(`gate-state-${state}`),
      ).toHaveTextContent(state);
    }
    const failures = card(section, 'review_pass_failures_total');
    expect(failures).toHaveTextContent('should not increase vs baseline.');
    expect(failures).toHaveTextContent(
      'rose 7.5% from the baseline (tolerance 10%)',
    );
  });

  it('breaks a metric name only after an underscore', async () => {
    await renderView(new InMemoryRolloutApi([seed]));
    const section = await monitoring();

    const name = within(card(section, 'review_pass_runtime_seconds')).getByText(
      'review_pass_runtime_seconds',
    );
    expect(name.innerHTML).toBe('review_<wbr>pass_<wbr>runtime_<wbr>seconds');
    expect(getComputedStyle(name).wordBreak).toBe('normal');
  });

  it('keeps the headers of its tables on one line', async () => {
    await renderView(new InMemoryRolloutApi([seed]));
    const section = await monitoring();

    const headers = within(section).getAllByRole('columnheader');
    expect(headers.map(header => header.textContent)).toEqual([
      'Alert',
      'Source',
      'Expectation',
      'State',
      'Labels',
      'Criterion',
      'Kind',
      'State',
      'Mark',
    ]);
    for (const header of headers) {
      expect(getComputedStyle(header).whiteSpace).toBe('nowrap');
    }
  });

  it('draws the trend of a metric as a line from two points on', async () => {
    const api = new InMemoryRolloutApi([seed]);
    api.setGates(
      seed.id,
      gatesOf(seed, gates => ({
        metrics: gates.metrics.map((metric, index) =>
          index === 0 ? { ...metric, series: metric.series.slice(-1) } : metric,
        ),
      })),
    );
    await renderView(api);
    const section = await evaluated();

    const runtime = card(section, 'review_pass_runtime_seconds');
    expect(runtime.querySelector('svg')).toBeNull();
    expect(runtime).toHaveTextContent('Not enough points for a trend yet');

    const failures = card(section, 'review_pass_failures_total');
    const trend = within(failures).getByRole('img', {
      name: /^review_pass_failures_total over the last 30 points, from .* to 0\.0559\/s$/,
    });
    const line = trend.querySelector('path.recharts-line-curve');
    expect(line).not.toBeNull();
    expect(line!.getAttribute('d')).toMatch(/^M[\d.,-]+/);
  });

  it('says when the gates were last evaluated', async () => {
    const api = new InMemoryRolloutApi([seed]);
    const evaluatedAt = new Date(Date.now() - 2 * 60_000).toISOString();
    api.setGates(
      seed.id,
      gatesOf(seed, () => ({ evaluatedAt })),
    );
    await renderView(api);
    const section = await evaluated();

    expect(within(section).getByText(/^Last evaluated/)).toHaveTextContent(
      `Last evaluated 2 minutes ago (${format.dateTime(evaluatedAt)})`,
    );
  });

  it('names the app-config key of a source that is not configured, and says why a source failed', async () => {
    const api = new InMemoryRolloutApi([seed]);
    const gates = demoGates(seed);
    api.setGates(seed.id, {
      ...gates,
      sources: {
        prometheus: { configured: false },
        alertmanager: { configured: true, error: 'connect ECONNREFUSED' },
      },
      metrics: gates.metrics.map(metric => ({
        ...metric,
        value: undefined,
        baseline: undefined,
        delta: undefined,
        deltaPercent: undefined,
        series: [],
        state: 'unknown' as const,
        reason: 'Prometheus is not configured',
      })),
      alerts: gates.alerts.map(alert => ({
        ...alert,
        labels: undefined,
        state: 'unknown' as const,
        reason: 'Alertmanager did not answer: connect ECONNREFUSED',
      })),
    });
    await renderView(api);
    const section = await evaluated();

    expect(section).toHaveTextContent(
      'Prometheus is not configured: set rollout.prometheus.baseUrl in the app-config',
    );
    expect(
      within(section).getByText('rollout.prometheus.baseUrl').tagName,
    ).toBe('CODE');
    expect(section).toHaveTextContent(
      'Alertmanager could not be read: connect ECONNREFUSED.',
    );
    expect(section).not.toHaveTextContent('rollout.alertmanager.baseUrl');

    const runtime = card(section, 'review_pass_runtime_seconds');
    expect(figure(runtime, 'Value')).toBe('—');
    expect(figure(runtime, 'Change')).toBe('—');
    expect(within(runtime).getByTestId('gate-state-unknown')).toHaveTextContent(
      'unknown',
    );
    expect(runtime).toHaveTextContent('Prometheus is not configured');
    const alert = row('alert-mcpreviewerjobfailureshigh');
    expect(within(alert).getByText('unknown')).toBeInTheDocument();
    expect(alert).toHaveTextContent(
      'Alertmanager did not answer: connect ECONNREFUSED',
    );
  });

  it('shows each alert with its state and labels', async () => {
    const api = new InMemoryRolloutApi([seed]);
    api.setGates(
      seed.id,
      gatesOf(seed, gates => ({
        alerts: [
          {
            ...gates.alerts[0],
            state: 'firing',
            labels: { severity: 'critical', service: 'multipass-reviewer' },
          },
          { ...gates.alerts[1], state: 'inactive' },
        ],
      })),
    );
    await renderView(api);
    await evaluated();

    const firing = row('alert-mcpreviewerjobfailureshigh');
    expect(firing).toHaveTextContent('Alertmanager');
    expect(firing).toHaveTextContent('ensure clear post-deploy.');
    expect(within(firing).getByTestId('gate-state-firing')).toHaveTextContent(
      'firing',
    );
    expect(within(firing).getByText('severity=critical')).toBeInTheDocument();
    expect(
      within(firing).getByText('service=multipass-reviewer'),
    ).toBeInTheDocument();
    const inactive = row('alert-modularreviewerlatencyhigh');
    expect(
      within(inactive).getByTestId('gate-state-inactive'),
    ).toBeInTheDocument();
  });

  describe('the blocked banner', () => {
    const blockedBy = {
      message: 'criterion "Reviewer container emits fatal errors" triggered',
      at: '2025-11-21T10:00:00.000Z',
    };

    it('says which gate blocked the rollout, and when', async () => {
      const rollout = { ...seed, status: 'blocked' as const };
      const api = new InMemoryRolloutApi([rollout]);
      api.setGates(
        seed.id,
        gatesOf(rollout, () => ({ blockedBy })),
      );
      await renderView(api);
      const section = await evaluated();

      const banner = within(section).getByRole('alert', {
        name: 'Blocked by a gate',
      });
      expect(banner).toHaveTextContent(
        `Blocked by a gate${blockedBy.message} —`,
      );
      expect(banner).toHaveTextContent(format.dateTime(blockedBy.at));
    });

    it('words what blocked the rollout from the gates it names', async () => {
      const rollout = { ...seed, status: 'blocked' as const };
      const api = new InMemoryRolloutApi([rollout]);
      api.setGates(
        seed.id,
        gatesOf(rollout, () => ({
          blockedBy: {
            ...blockedBy,
            message: 'Blocked: what the server wrote',
            gates: [
              'alert:mcpreviewerjobfailureshigh',
              'criterion:criterion-3',
            ],
          },
        })),
      );
      await renderView(api);
      const section = await evaluated();

      const banner = within(section).getByRole('alert', {
        name: 'Blocked by a gate',
      });
      expect(banner).toHaveTextContent(
        'Alert MCPReviewerJobFailuresHigh is firing and rollback criterion "Prometheus review_pass_failures_total spikes above baseline." is triggered —',
      );
      expect(banner).not.toHaveTextContent('what the server wrote');
    });

    it('says a person marked the criterion that blocked it', async () => {
      const rollout = { ...seed, status: 'blocked' as const };
      const api = new InMemoryRolloutApi([rollout]);
      api.setGates(
        seed.id,
        gatesOf(rollout, () => ({
          blockedBy: {
            ...blockedBy,
            gates: ['criterion:criterion-2'],
            markedBy: 'user:default/ops',
          },
        })),
      );
      await renderView(api);
      const section = await evaluated();

      expect(
        within(section).getByRole('alert', { name: 'Blocked by a gate' }),
      ).toHaveTextContent(
        'Rollback criterion "Reviewer container emits fatal errors for multiple tasks." was marked triggered —',
      );
    });

    it.each<[string, Rollout['status'], RolloutGates['blockedBy']]>([
      ['a rollout in progress', 'in_progress', blockedBy],
      ['a rollout blocked by a rejected sign-off', 'blocked', undefined],
    ])('is not shown for %s', async (_, status, blocked) => {
      const rollout = { ...seed, status };
      const api = new InMemoryRolloutApi([rollout]);
      api.setGates(
        seed.id,
        gatesOf(rollout, () => ({ blockedBy: blocked })),
      );
      await renderView(api);
      const section = await evaluated();

      expect(section).not.toHaveTextContent('Blocked by a gate');
    });
  });

  describe('rollback criteria', () => {
    it('shows the query of an evaluated criterion and who marked a manual one', async () => {
      const rollout: Rollout = {
        ...seed,
        checklist: {
          ...seed.checklist,
          rollbackCriteria: seed.checklist.rollbackCriteria.map(criterion =>
            criterion.id === 'criterion-1'
              ? {
                  ...criterion,
                  state: 'ok',
                  markedBy: 'user:default/ops',
                  markedAt: '2025-11-21T09:00:00.000Z',
                }
              : criterion,
          ),
        },
      };
      await renderView(new InMemoryRolloutApi([rollout]));
      const section = await evaluated();

      expect(
        within(section).getByRole('heading', { name: 'Rollback criteria' }),
      ).toBeInTheDocument();
      const query = row('criterion-criterion-3');
      expect(query).toHaveTextContent(
        'Prometheus review_pass_failures_total spikes above baseline.',
      );
      expect(
        within(query).getByText('sum(rate(review_pass_failures_total[5m]))')
          .tagName,
      ).toBe('CODE');
      expect(query).toHaveTextContent('> baseline +50%');
      expect(within(query).getByTestId('gate-state-ok')).toBeInTheDocument();
      expect(within(query).queryByRole('button')).toBeNull();

      const marked = row('criterion-criterion-1');
      expect(marked).toHaveTextContent('Manual');
      expect(marked).toHaveTextContent('marked by ops on');
      expect(within(marked).getByRole('link', { name: 'ops' })).toHaveAttribute(
        'href',
        '/catalog/default/user/ops',
      );
      expect(within(marked).getByTestId('gate-state-ok')).toBeInTheDocument();
      expect(
        within(marked).getByRole('button', { name: 'Mark ok' }),
      ).toBeDisabled();

      const unmarked = row('criterion-criterion-2');
      expect(
        within(unmarked).getByTestId('gate-state-unknown'),
      ).toBeInTheDocument();
      expect(unmarked).toHaveTextContent('not marked yet');
    });

    it('names the steps a criterion is judged from, with no marks to make', async () => {
      const api = new InMemoryRolloutApi([seed]);
      jest.spyOn(api, 'getGates').mockResolvedValue(
        gatesOf(seed, gates => ({
          criteria: gates.criteria.map(criterion =>
            criterion.criterionId === 'criterion-1'
              ? {
                  criterionId: criterion.criterionId,
                  text: criterion.text,
                  kind: 'steps' as const,
                  stepIds: ['step-2', 'step-3'],
                  state: 'triggered' as const,
                  reason:
                    'step 3 (`make review-test`) failed after the rollout started',
                }
              : criterion,
          ),
        })),
      );
      await renderView(api);
      await evaluated();

      const judged = row('criterion-criterion-1');
      expect(judged).toHaveTextContent(
        'From step resultsthe latest runs of steps 2, 3 since the rollout started',
      );
      expect(
        within(judged).getByTestId('gate-state-triggered'),
      ).toBeInTheDocument();
      // The command reads as code, without its backticks.
      expect(judged).toHaveTextContent(
        'step 3 (make review-test) failed after the rollout started',
      );
      const state = within(judged).getAllByRole('cell')[2];
      expect(
        within(state).getByText('make review-test', { selector: 'code' }),
      ).toBeInTheDocument();
      expect(within(judged).queryByRole('button')).toBeNull();
    });

    it('marks a manual criterion triggered at the current revision, then shows the block', async () => {
      const rollout = { ...seed, revision: 3 };
      const api = new InMemoryRolloutApi([rollout]);
      const markCriterion = jest.spyOn(api, 'markCriterion');
      const getGates = jest.spyOn(api, 'getGates');
      await renderView(api);
      await evaluated();
      const criterion = row('criterion-criterion-2');
      const reads = getGates.mock.calls.length;

      await userEvent.click(
        within(criterion).getByRole('button', { name: 'Mark triggered' }),
      );

      expect(markCriterion).toHaveBeenCalledWith(seed.id, 'criterion-2', {
        expectedRevision: 3,
        state: 'triggered',
      });
      expect(
        await within(criterion).findByTestId('gate-state-triggered'),
      ).toBeInTheDocument();
      expect(
        within(criterion).getByRole('button', { name: 'Mark triggered' }),
      ).toBeDisabled();
      expect(
        await screen.findByRole('alert', { name: 'Blocked by a gate' }),
      ).toHaveTextContent(
        /criterion "Reviewer container emits fatal errors for multiple tasks." triggered/,
      );
      expect(getGates.mock.calls.length).toBeGreaterThan(reads);
      expect(criterion).toHaveTextContent('marked by guest');
    });
  });

  it('shows a progress until the first report comes', async () => {
    const api = new InMemoryRolloutApi([seed]);
    let answer: (gates: RolloutGates) => void = () => {};
    jest.spyOn(api, 'getGates').mockReturnValue(
      new Promise(resolve => {
        answer = resolve;
      }),
    );
    await renderView(api);
    const section = await monitoring();

    expect(
      await within(section).findByRole('progressbar', {
        name: 'Reading the gates',
      }),
    ).toBeInTheDocument();
    expect(card(section, 'review_pass_runtime_seconds')).toBeInTheDocument();

    answer(demoGates(seed));
    await within(section).findByText(/^Last evaluated/);
    expect(within(section).queryByRole('progressbar')).toBeNull();
  });

  it('says why the gates could not be read, still listing what the checklist watches', async () => {
    const api = new InMemoryRolloutApi([seed]);
    jest.spyOn(api, 'getGates').mockRejectedValue(
      await responseError(503, 'Service Unavailable', {
        name: 'ServiceUnavailableError',
        message: 'The gate evaluation timed out',
      }),
    );
    await renderView(api);
    const section = await monitoring();

    const error = await within(section).findByText(
      'The gates could not be read',
    );
    expect(error.parentElement).toHaveTextContent(
      'Request failed with 503 Service Unavailable',
    );
    expect(error.parentElement).toHaveTextContent(
      'The gate evaluation timed out',
    );
    expect(within(section).getAllByRole('region')).toHaveLength(4);
    expect(figure(card(section, 'llm_request_latency_seconds'), 'Value')).toBe(
      '—',
    );
    expect(row('alert-modularreviewerlatencyhigh')).toHaveTextContent(
      'ModularReviewerLatencyHigh',
    );
    expect(
      within(section).getByRole('table', { name: 'Rollback criteria' }),
    ).toBeInTheDocument();
  });

  it('says a reason from its type and data, before the server’s sentence', async () => {
    const api = new InMemoryRolloutApi([seed]);
    const gates = demoGates(seed);
    api.setGates(seed.id, {
      ...gates,
      sources: {
        prometheus: { configured: true },
        alertmanager: {
          configured: true,
          because: {
            type: 'sourceFailed',
            source: 'alertmanager',
            url: 'http://alertmanager:9093/',
            problem: 'timeout',
            timeoutMs: 5000,
          },
          error: 'what the server wrote',
        },
      },
      metrics: gates.metrics.map((metric, index) =>
        index === 0
          ? {
              ...metric,
              state: 'breached' as const,
              because: { type: 'aboveThreshold', value: 43.1, threshold: 40 },
              reason: 'what the server wrote',
            }
          : metric,
      ),
    });
    await renderView(api);
    const section = await evaluated();

    const runtime = card(section, 'review_pass_runtime_seconds');
    expect(runtime).toHaveTextContent('43.1 is above the threshold 40');
    expect(section).toHaveTextContent(
      'Alertmanager could not be read: Alertmanager at http://alertmanager:9093/ did not answer within 5000ms.',
    );
    expect(section).not.toHaveTextContent('what the server wrote');
  });

  it('says the contradiction of a firing alert from the metric both read', async () => {
    const api = new InMemoryRolloutApi([seed]);
    api.setGates(
      seed.id,
      gatesOf(seed, gates => ({
        metrics: gates.metrics.map((metric, index) =>
          index === 2
            ? {
                ...metric,
                contradictedBy: [
                  {
                    alert: 'ModularReviewerLatencyHigh',
                    metric: 'llm_request_latency_seconds_bucket',
                    reason: 'what the server wrote',
                  },
                ],
              }
            : metric,
        ),
      })),
    );
    await renderView(api);
    const section = await evaluated();

    expect(
      within(card(section, 'llm_request_latency_seconds')).getByTestId(
        'gate-contradiction',
      ),
    ).toHaveTextContent(
      '⚠ the alert ModularReviewerLatencyHigh, whose rule reads llm_request_latency_seconds_bucket, is firing although this reads ok',
    );
  });

  it('reads in Russian', async () => {
    const rollout = { ...seed, status: 'blocked' as const };
    const api = new InMemoryRolloutApi([rollout]);
    const gates = demoGates(rollout);
    api.setGates(seed.id, {
      ...gates,
      sources: {
        prometheus: { configured: true },
        alertmanager: { configured: false },
      },
      blockedBy: {
        message: 'Blocked: alert MCPReviewerJobFailuresHigh is firing',
        at: '2025-11-21T10:00:00.000Z',
        gates: ['alert:mcpreviewerjobfailureshigh'],
      },
    });
    await renderView(api, seed.id, 'ru');
    const section = await screen.findByRole('region', {
      name: 'Мониторинг и наблюдаемость',
    });
    await within(section).findByText(/^Последняя проверка/);

    const failures = card(section, 'review_pass_failures_total');
    expect(figure(failures, 'Значение')).toBe('0,0559/с');
    expect(figure(failures, 'Базовый уровень')).toBe('0,052/с');
    expect(figure(failures, 'Изменение')).toBe(`+7,5${nbsp}%`);
    // toHaveTextContent reads every space, the no-break one too, as one.
    expect(failures).toHaveTextContent(
      'выросло на 7,5 % относительно базового уровня (допуск 10 %)',
    );
    expect(
      within(failures).getByRole('img', {
        name: /^review_pass_failures_total: 30 точек, от .* до 0,0559\/с$/,
      }),
    ).toBeInTheDocument();
    expect(
      figure(card(section, 'llm_request_latency_seconds'), 'Значение'),
    ).toBe('825 мс');

    expect(
      within(section)
        .getAllByRole('columnheader')
        .map(header => header.textContent),
    ).toEqual([
      'Алерт',
      'Источник',
      'Ожидание',
      'Состояние',
      'Метки',
      'Критерий',
      'Вид',
      'Состояние',
      'Отметка',
    ]);
    expect(row('criterion-criterion-2')).toHaveTextContent('ещё не отмечен');
    expect(row('criterion-criterion-3')).toHaveTextContent(
      '> базового уровня +50 %',
    );
    expect(
      within(row('criterion-criterion-2')).getByRole('button', {
        name: 'Отметить «сработал»',
      }),
    ).toBeInTheDocument();
    expect(section).toHaveTextContent(
      'Alertmanager не настроен: задайте rollout.alertmanager.baseUrl в app-config',
    );
    expect(
      within(section).getByRole('alert', { name: 'Заблокирована гейтом' }),
    ).toHaveTextContent('Срабатывает алерт MCPReviewerJobFailuresHigh —');
  });
});
