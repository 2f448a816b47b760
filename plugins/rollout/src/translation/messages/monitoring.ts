/**
 * The monitoring messages; see `../ref.ts`: the Monitoring section (metric
 * cards, alerts, rollback criteria, what stands above them), the reasons
 * the gates give, and the open items a status change warns of. Metric and
 * alert names, PromQL, URLs and the errors sources answered with fill the
 * `{{…}}` as written.
 */
export const monitoringMessages = {
  section: {
    title: 'Monitoring & observability',
    metrics: 'Metrics',
    alerts: 'Alerts',
    rollbackCriteria: 'Rollback criteria',
  },
  /** A metric's value in its unit; `{{value}}` is the number. */
  units: {
    milliseconds: '{{value}} ms',
    seconds: '{{value}} s',
    perSecond: '{{value}}/s',
  },
  metric: {
    value: 'Value',
    baseline: 'Baseline',
    change: 'Change',
    threshold: 'Threshold {{value}}',
    /** What the sparkline shows, read out in place of the picture. */
    trend_one:
      '{{name}} over the last {{count}} point, from {{from}} to {{to}}',
    trend_few:
      '{{name}} over the last {{count}} points, from {{from}} to {{to}}',
    trend_many:
      '{{name}} over the last {{count}} points, from {{from}} to {{to}}',
    trend_other:
      '{{name}} over the last {{count}} points, from {{from}} to {{to}}',
    notEnoughPoints: 'Not enough points for a trend yet',
    /** A firing alert whose rule reads the metric a gate reading ok reads. */
    contradiction:
      'the alert {{alert}}, whose rule reads {{metric}}, is firing although this reads ok',
  },
  alerts: {
    column: {
      alert: 'Alert',
      source: 'Source',
      expectation: 'Expectation',
      state: 'State',
      labels: 'Labels',
    },
  },
  criteria: {
    column: {
      criterion: 'Criterion',
      kind: 'Kind',
      state: 'State',
      mark: 'Mark',
    },
    query: 'Query',
    /** The comparison of a query criterion with its baseline. */
    comparisonBaseline: '{{operator}} baseline',
    /** `{{change}}` is signed, such as "+50%". */
    comparisonBaselineTolerance: '{{operator}} baseline {{change}}',
    readings: 'value {{value}} · baseline {{baseline}}',
    manual: 'Manual',
    /** `{{attribution}}` is who and when, such as "by Anna on …". */
    marked: 'marked {{attribution}}',
    notMarked: 'not marked yet',
    fromSteps: 'From step results',
    /** `{{numbers}}` are the steps' numbers, such as "2, 3". */
    latestRuns_one:
      'the latest runs of step {{numbers}} since the rollout started',
    latestRuns_few:
      'the latest runs of steps {{numbers}} since the rollout started',
    latestRuns_many:
      'the latest runs of steps {{numbers}} since the rollout started',
    latestRuns_other:
      'the latest runs of steps {{numbers}} since the rollout started',
    markOk: 'Mark ok',
    markTriggered: 'Mark triggered',
  },
  summary: {
    reading: 'Reading the gates',
    /** `{{when}}` is "2 minutes ago (date)". */
    lastEvaluated:
      'Last evaluated {{when}}. Baselines from {{start}} to {{end}}.',
    prometheusNotConfigured:
      'Prometheus is not configured: set {{configKey}} in the app-config to read metric values and query criteria. Until then they show as unknown.',
    alertmanagerNotConfigured:
      'Alertmanager is not configured: set {{configKey}} in the app-config to read alert states. Until then they show as unknown.',
    /** `{{error}}` is why, as the reason of the source says it. */
    prometheusFailed:
      'Prometheus could not be read: {{error}}. Its metric values and query criteria show as unknown.',
    alertmanagerFailed:
      'Alertmanager could not be read: {{error}}. Its alert states show as unknown.',
    gatesError: 'The gates could not be read',
    blockedTitle: 'Blocked by a gate',
    /** What blocked the rollout; several are listed. */
    blockedBy: {
      alert: 'alert {{name}} is firing',
      criterion: 'rollback criterion "{{text}}" is triggered',
      metric: 'metric {{name}} is breached',
      marked: 'rollback criterion "{{text}}" was marked triggered',
    },
  },
  /** The groups of open items a status change lists; commands in backticks. */
  openItems: {
    checks_one: 'Pre-flight checks not ticked ({{count}})',
    checks_few: 'Pre-flight checks not ticked ({{count}})',
    checks_many: 'Pre-flight checks not ticked ({{count}})',
    checks_other: 'Pre-flight checks not ticked ({{count}})',
    signOffs_one: 'Sign-offs not approved ({{count}})',
    signOffs_few: 'Sign-offs not approved ({{count}})',
    signOffs_many: 'Sign-offs not approved ({{count}})',
    signOffs_other: 'Sign-offs not approved ({{count}})',
    signOff: '{{role}}: {{decision}}',
    signOffWithoutSigners: '{{role}}: {{decision}}, and nobody can sign it',
    steps_one: 'Runbook steps neither succeeded nor skipped ({{count}})',
    steps_few: 'Runbook steps neither succeeded nor skipped ({{count}})',
    steps_many: 'Runbook steps neither succeeded nor skipped ({{count}})',
    steps_other: 'Runbook steps neither succeeded nor skipped ({{count}})',
    step: 'Step {{number}} ({{status}}): {{title}}',
    communication_one: 'Communication items not done ({{count}})',
    communication_few: 'Communication items not done ({{count}})',
    communication_many: 'Communication items not done ({{count}})',
    communication_other: 'Communication items not done ({{count}})',
    gates_one: 'The gates would block the rollout ({{count}})',
    gates_few: 'The gates would block the rollout ({{count}})',
    gates_many: 'The gates would block the rollout ({{count}})',
    gates_other: 'The gates would block the rollout ({{count}})',
    alertFiring: 'The alert `{{name}}` is firing',
    metricBreached: 'The metric `{{name}}` is breached',
    metricBreachedBecause: 'The metric `{{name}}` is breached: {{reason}}',
    criterionTriggered: 'The rollback criterion "{{text}}" is triggered',
  },
  /** Why a gate is in its state, as the gates answer gives it. */
  reason: {
    noCurrentValue: 'no current value',
    noBaseline: 'no baseline value',
    noThreshold: 'no threshold',
    aboveThreshold: '{{value}} is above the threshold {{threshold}}',
    movedFromZero: 'moved from a baseline of 0 to {{value}}',
    /** `{{percent}}` and `{{tolerance}}` are percentages, such as "7.5%". */
    rose: 'rose {{percent}} from the baseline (tolerance {{tolerance}})',
    fell: 'fell {{percent}} from the baseline (tolerance {{tolerance}})',
    /**
     * The baseline window holds `{{held}}` of `{{count}}` minutes (or
     * seconds) of `{{metric}}`: a metric's name, or `itsQuery`.
     */
    notEnoughHistoryMinutes_one:
      'not enough history: the baseline window holds {{held}} of {{count}} minute of {{metric}}',
    notEnoughHistoryMinutes_few:
      'not enough history: the baseline window holds {{held}} of {{count}} minutes of {{metric}}',
    notEnoughHistoryMinutes_many:
      'not enough history: the baseline window holds {{held}} of {{count}} minutes of {{metric}}',
    notEnoughHistoryMinutes_other:
      'not enough history: the baseline window holds {{held}} of {{count}} minutes of {{metric}}',
    notEnoughHistorySeconds_one:
      'not enough history: the baseline window holds {{held}} of {{count}} second of {{metric}}',
    notEnoughHistorySeconds_few:
      'not enough history: the baseline window holds {{held}} of {{count}} seconds of {{metric}}',
    notEnoughHistorySeconds_many:
      'not enough history: the baseline window holds {{held}} of {{count}} seconds of {{metric}}',
    notEnoughHistorySeconds_other:
      'not enough history: the baseline window holds {{held}} of {{count}} seconds of {{metric}}',
    /** `{{held}}` for some history, less than one minute or second. */
    underOne: 'under 1',
    /** `{{metric}}` of a criterion whose query watches no named metric. */
    itsQuery: 'its query',
    noValueToCompare: 'no value to compare',
    notMarked: 'not marked yet',
    /** `{{commands}}`: code spans of the criterion, in backticks. */
    notMarkedUnknownCommands:
      'it names {{commands}}, which no runbook step runs and no metric watches; not marked yet',
    rolloutNotStarted:
      'the rollout has not started: the steps count from their runs after it goes in progress',
    /** One step as the next sentences list it. */
    step: 'step {{number}} (`{{command}}`)',
    /** `{{steps}}` is one step… */
    stepFailed: '{{steps}} failed after the rollout started',
    /** …or several, listed. */
    stepsFailed: '{{steps}} failed after the rollout started',
    stepNotSucceeded: '{{steps}} has not succeeded since the rollout started',
    stepsNotSucceeded: '{{steps}} have not succeeded since the rollout started',
    notConfigured: '{{configKey}} is not set',
    /** `{{source}}` is Prometheus or Alertmanager, at `{{url}}`. */
    unreachable: '{{source}} at {{url}} did not answer: {{detail}}',
    timeout: '{{source}} at {{url}} did not answer within {{timeoutMs}}ms',
    /** `{{status}}` is such as "HTTP 503 Service Unavailable". */
    httpStatus: '{{source}} at {{url}} answered {{status}}',
    httpStatusDetail: '{{source}} at {{url}} answered {{status}}: {{detail}}',
    notJson:
      '{{source}} at {{url}} answered with a body that is not JSON: {{detail}}',
    errorAnswer: '{{source}} at {{url}} answered with an error: {{detail}}',
    notQueryResult:
      '{{source}} at {{url}} answered with something other than a query result',
    notRuleGroups:
      '{{source}} at {{url}} answered with something other than rule groups',
    notAlertList:
      '{{source}} at {{url}} answered with something other than a list of alerts',
    unexpectedResultType:
      '{{source}} at {{url}} answered with an unexpected result type {{resultType}}',
    /** A failure this version does not know. */
    sourceFailed: '{{source}} at {{url}} could not be read',
  },
} as const;
