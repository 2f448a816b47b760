import {
  GateReason,
  gateReasonSentence,
} from '@rollout/backstage-plugin-rollout-common';
import { rolloutTranslationApi } from '../../__testUtils__/translationApis';
import {
  RolloutTranslationFunction,
  rolloutFormat,
  rolloutTranslationRef,
} from '../../translation';
import { contradictionText, gateReasonOf, gateReasonText } from './gateReason';

const nbsp = '\u00a0';
const url = 'http://prometheus:9090/';

function textIn(language: 'en' | 'ru') {
  const t = rolloutTranslationApi(language).getTranslation(
    rolloutTranslationRef,
  ).t as RolloutTranslationFunction;
  const format = rolloutFormat(language);
  return (because: GateReason) => gateReasonText(t, format, because);
}

const en = textIn('en');
const ru = textIn('ru');

/**
 * Every member of GateReason with what it says in English and in Russian.
 * The English is the server's `reason` where the numbers read alike.
 */
const cases: Array<[GateReason, string, string]> = [
  [{ type: 'noCurrentValue' }, 'no current value', 'нет текущего значения'],
  [{ type: 'noBaseline' }, 'no baseline value', 'нет значения базового уровня'],
  [{ type: 'noThreshold' }, 'no threshold', 'порог не задан'],
  [
    { type: 'aboveThreshold', value: 3.25, threshold: 2 },
    '3.25 is above the threshold 2',
    '3,25 выше порога 2',
  ],
  [
    { type: 'movedFromZero', value: 0.5 },
    'moved from a baseline of 0 to 0.5',
    'изменилось с базового уровня 0 до 0,5',
  ],
  [
    {
      type: 'changedFromBaseline',
      direction: 'up',
      percent: 7.4999,
      tolerancePercent: 10,
    },
    'rose 7.5% from the baseline (tolerance 10%)',
    `выросло на 7,5${nbsp}% относительно базового уровня (допуск 10${nbsp}%)`,
  ],
  [
    {
      type: 'changedFromBaseline',
      direction: 'down',
      percent: 15,
      tolerancePercent: 10,
    },
    'fell 15.0% from the baseline (tolerance 10%)',
    `снизилось на 15,0${nbsp}% относительно базового уровня (допуск 10${nbsp}%)`,
  ],
  [
    {
      type: 'notEnoughHistory',
      held: 3,
      total: 30,
      unit: 'minute',
      metric: 'review_pass_failures_total',
    },
    'not enough history: the baseline window holds 3 of 30 minutes of review_pass_failures_total',
    'недостаточно истории: окно базового уровня покрывает 3 из 30 минут для review_pass_failures_total',
  ],
  [
    {
      type: 'notEnoughHistory',
      held: 0,
      underOne: true,
      total: 21,
      unit: 'minute',
      metric: 'x',
    },
    'not enough history: the baseline window holds under 1 of 21 minutes of x',
    'недостаточно истории: окно базового уровня покрывает меньше 1 из 21 минуты для x',
  ],
  [
    { type: 'notEnoughHistory', held: 9, total: 45, unit: 'second' },
    'not enough history: the baseline window holds 9 of 45 seconds of its query',
    'недостаточно истории: окно базового уровня покрывает 9 из 45 секунд для запроса критерия',
  ],
  [
    { type: 'notEnoughHistory', held: 0, total: 1, unit: 'minute' },
    'not enough history: the baseline window holds 0 of 1 minute of its query',
    'недостаточно истории: окно базового уровня покрывает 0 из 1 минуты для запроса критерия',
  ],
  [
    { type: 'noValueToCompare' },
    'no value to compare',
    'нет значения для сравнения',
  ],
  [
    { type: 'notMarked', unknownCommands: [] },
    'not marked yet',
    'ещё не отмечен',
  ],
  [
    { type: 'notMarked', unknownCommands: ['make smoke-test'] },
    'it names `make smoke-test`, which no runbook step runs and no metric watches; not marked yet',
    'в тексте упомянуто `make smoke-test`, но ни один шаг ранбука это не запускает и ни одна метрика не отслеживает; ещё не отмечен',
  ],
  [
    { type: 'rolloutNotStarted' },
    'the rollout has not started: the steps count from their runs after it goes in progress',
    'выкатка не начата: учитываются запуски шагов после того, как она начнётся',
  ],
  [
    {
      type: 'stepsFailed',
      steps: [{ id: 'step-3', number: 3, command: 'make review-test' }],
    },
    'step 3 (`make review-test`) failed after the rollout started',
    'шаг 3 (`make review-test`) завершился с ошибкой после начала выкатки',
  ],
  [
    {
      type: 'stepsFailed',
      steps: [
        { id: 'step-2', number: 2, command: 'make lint-allowlist' },
        { id: 'step-3', number: 3, command: 'make review-test' },
      ],
    },
    'step 2 (`make lint-allowlist`) and step 3 (`make review-test`) failed after the rollout started',
    'шаг 2 (`make lint-allowlist`) и шаг 3 (`make review-test`) завершились с ошибкой после начала выкатки',
  ],
  [
    {
      type: 'stepsNotSucceeded',
      steps: [{ id: 'step-3', number: 3, command: 'make review-test' }],
    },
    'step 3 (`make review-test`) has not succeeded since the rollout started',
    'шаг 3 (`make review-test`) ещё не выполнен успешно с начала выкатки',
  ],
  [
    {
      type: 'stepsNotSucceeded',
      steps: [
        { id: 'step-2', number: 2, command: 'make lint-allowlist' },
        { id: 'step-3', number: 3, command: 'make review-test' },
      ],
    },
    'step 2 (`make lint-allowlist`) and step 3 (`make review-test`) have not succeeded since the rollout started',
    'шаг 2 (`make lint-allowlist`) и шаг 3 (`make review-test`) ещё не выполнены успешно с начала выкатки',
  ],
  [
    {
      type: 'notConfigured',
      source: 'prometheus',
      configKey: 'rollout.prometheus.baseUrl',
    },
    'rollout.prometheus.baseUrl is not set',
    'не задан параметр rollout.prometheus.baseUrl',
  ],
  [
    {
      type: 'sourceFailed',
      source: 'prometheus',
      url,
      problem: 'unreachable',
      detail: 'connect ECONNREFUSED 10.0.0.7:9090',
    },
    `Prometheus at ${url} did not answer: connect ECONNREFUSED 10.0.0.7:9090`,
    `Prometheus по адресу ${url} не ответил: connect ECONNREFUSED 10.0.0.7:9090`,
  ],
  [
    {
      type: 'sourceFailed',
      source: 'prometheus',
      url,
      problem: 'timeout',
      timeoutMs: 5000,
    },
    `Prometheus at ${url} did not answer within 5000ms`,
    `Prometheus по адресу ${url} не ответил за 5000 мс`,
  ],
  [
    {
      type: 'sourceFailed',
      source: 'prometheus',
      url,
      problem: 'httpStatus',
      status: 400,
      statusText: 'Bad Request',
      detail: 'bad_data: parse error at char 4',
    },
    `Prometheus at ${url} answered HTTP 400 Bad Request: bad_data: parse error at char 4`,
    `Prometheus по адресу ${url} ответил HTTP 400 Bad Request: bad_data: parse error at char 4`,
  ],
  [
    {
      type: 'sourceFailed',
      source: 'alertmanager',
      url: 'http://alertmanager:9093/',
      problem: 'httpStatus',
      status: 502,
    },
    'Alertmanager at http://alertmanager:9093/ answered HTTP 502',
    'Alertmanager по адресу http://alertmanager:9093/ ответил HTTP 502',
  ],
  [
    {
      type: 'sourceFailed',
      source: 'prometheus',
      url,
      problem: 'notJson',
      detail: 'Unexpected token <',
    },
    `Prometheus at ${url} answered with a body that is not JSON: Unexpected token <`,
    `Prometheus по адресу ${url} вернул ответ не в формате JSON: Unexpected token <`,
  ],
  [
    {
      type: 'sourceFailed',
      source: 'prometheus',
      url,
      problem: 'errorAnswer',
      detail: 'timeout: query timed out',
    },
    `Prometheus at ${url} answered with an error: timeout: query timed out`,
    `Prometheus по адресу ${url} вернул ошибку: timeout: query timed out`,
  ],
  [
    {
      type: 'sourceFailed',
      source: 'prometheus',
      url,
      problem: 'unexpectedAnswer',
      expected: 'queryResult',
    },
    `Prometheus at ${url} answered with something other than a query result`,
    `Prometheus по адресу ${url} вернул не результат запроса, а что-то другое`,
  ],
  [
    {
      type: 'sourceFailed',
      source: 'prometheus',
      url,
      problem: 'unexpectedAnswer',
      expected: 'ruleGroups',
    },
    `Prometheus at ${url} answered with something other than rule groups`,
    `Prometheus по адресу ${url} вернул не группы правил, а что-то другое`,
  ],
  [
    {
      type: 'sourceFailed',
      source: 'alertmanager',
      url,
      problem: 'unexpectedAnswer',
      expected: 'alertList',
    },
    `Alertmanager at ${url} answered with something other than a list of alerts`,
    `Alertmanager по адресу ${url} вернул не список алертов, а что-то другое`,
  ],
  [
    {
      type: 'sourceFailed',
      source: 'prometheus',
      url,
      problem: 'unexpectedResultType',
      resultType: 'string',
    },
    `Prometheus at ${url} answered with an unexpected result type string`,
    `Prometheus по адресу ${url} вернул результат неожиданного типа string`,
  ],
];

describe('gateReasonText', () => {
  it.each(cases)(
    'says %j in English and Russian',
    (because, english, russian) => {
      expect(en(because)).toBe(english);
      expect(ru(because)).toBe(russian);
    },
  );

  it('says in English what the server says', () => {
    for (const [because, english] of cases) {
      expect(gateReasonSentence(because)).toBe(english);
    }
  });

  it('covers every type of reason', () => {
    const types = new Set(cases.map(([because]) => because.type));
    expect([...types].sort()).toEqual(
      [
        'aboveThreshold',
        'changedFromBaseline',
        'movedFromZero',
        'noBaseline',
        'noCurrentValue',
        'noThreshold',
        'noValueToCompare',
        'notConfigured',
        'notEnoughHistory',
        'notMarked',
        'rolloutNotStarted',
        'sourceFailed',
        'stepsFailed',
        'stepsNotSucceeded',
      ].sort(),
    );
  });

  it('is undefined for a type it does not know', () => {
    expect(
      en({ type: 'newerReason' } as unknown as GateReason),
    ).toBeUndefined();
  });
});

describe('gateReasonOf', () => {
  const t = rolloutTranslationApi('ru').getTranslation(rolloutTranslationRef)
    .t as RolloutTranslationFunction;
  const format = rolloutFormat('ru');

  it('says the reason in the language, or the server’s when it sends no type', () => {
    expect(
      gateReasonOf(t, format, {
        because: { type: 'noCurrentValue' },
        reason: 'no current value',
      }),
    ).toBe('нет текущего значения');
    expect(gateReasonOf(t, format, { reason: 'from an older server' })).toBe(
      'from an older server',
    );
    expect(
      gateReasonOf(t, format, {
        because: { type: 'newerReason' } as unknown as GateReason,
        reason: 'from a newer server',
      }),
    ).toBe('from a newer server');
    expect(gateReasonOf(t, format, {})).toBeUndefined();
  });
});

describe('contradictionText', () => {
  const contradiction = {
    alert: 'MCPReviewerJobFailuresHigh',
    metric: 'review_pass_failures_total',
    reason:
      'the alert MCPReviewerJobFailuresHigh, whose rule reads review_pass_failures_total, is firing although this reads ok',
  };

  it('says which alert reads the same metric', () => {
    const t = (language: 'en' | 'ru') =>
      rolloutTranslationApi(language).getTranslation(rolloutTranslationRef)
        .t as RolloutTranslationFunction;
    expect(contradictionText(t('en'), contradiction)).toBe(
      contradiction.reason,
    );
    expect(contradictionText(t('ru'), contradiction)).toBe(
      'срабатывает алерт MCPReviewerJobFailuresHigh, правило которого читает review_pass_failures_total, хотя здесь всё в норме',
    );
    const { metric, ...older } = contradiction;
    expect(contradictionText(t('ru'), older)).toBe(contradiction.reason);
  });
});
