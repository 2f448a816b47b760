import { Progress } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  GateBlock,
  GateSourceStatus,
  RolloutGates,
  RolloutStatus,
} from '@rollout/backstage-plugin-rollout-common';
import { InlineText } from './InlineText';
import { formatLocal, formatRelative } from './gateFormat';
import { gateReasonOf } from './gateReason';
import {
  RolloutFormat,
  RolloutTranslationFunction,
  useRolloutFormat,
  useRolloutTranslation,
} from '../../translation';

const sources = [
  { key: 'prometheus', configKey: 'rollout.prometheus.baseUrl' },
  { key: 'alertmanager', configKey: 'rollout.alertmanager.baseUrl' },
] as const;

function When(props: { at: string }) {
  const format = useRolloutFormat();
  return (
    <time dateTime={props.at}>
      {formatRelative(format, props.at)} ({formatLocal(format, props.at)})
    </time>
  );
}

function SourceNote(props: {
  source: (typeof sources)[number];
  status: GateSourceStatus;
}) {
  const { source, status } = props;
  const { t } = useRolloutTranslation();
  const format = useRolloutFormat();
  if (!status.configured) {
    const configKey = <code>{source.configKey}</code>;
    return (
      <Alert severity="info">
        {source.key === 'prometheus'
          ? t('monitoring.summary.prometheusNotConfigured', { configKey })
          : t('monitoring.summary.alertmanagerNotConfigured', { configKey })}
      </Alert>
    );
  }
  const error = gateReasonOf(t, format, {
    because: status.because,
    reason: status.error,
  });
  if (error) {
    return (
      <Alert severity="warning">
        {source.key === 'prometheus'
          ? t('monitoring.summary.prometheusFailed', { error })
          : t('monitoring.summary.alertmanagerFailed', { error })}
      </Alert>
    );
  }
  return null;
}

function GatesError(props: { error: Error }) {
  const { error } = props;
  const { t } = useRolloutTranslation();
  const detail = ResponseError.is(error) ? error.cause.message : undefined;
  return (
    <Alert severity="error">
      <AlertTitle>{t('monitoring.summary.gatesError')}</AlertTitle>
      {error.message}
      {detail && detail !== error.message && <div>{detail}</div>}
    </Alert>
  );
}

/**
 * What blocked the rollout in the user's language, from the gates the
 * block names, looked up in `gates`; the server's English message when it
 * names none, or one no longer in the checklist.
 */
export function blockText(
  t: RolloutTranslationFunction,
  format: RolloutFormat,
  block: GateBlock,
  gates: Pick<RolloutGates, 'alerts' | 'criteria' | 'metrics'>,
): string {
  const causes = (block.gates ?? []).map(gate => {
    const [kind, ...rest] = gate.split(':');
    const id = rest.join(':');
    switch (kind) {
      case 'alert': {
        const alert = gates.alerts.find(a => a.alertId === id);
        return (
          alert && t('monitoring.summary.blockedBy.alert', { name: alert.name })
        );
      }
      case 'metric': {
        const metric = gates.metrics.find(m => m.metricId === id);
        return (
          metric &&
          t('monitoring.summary.blockedBy.metric', { name: metric.name })
        );
      }
      case 'criterion': {
        const criterion = gates.criteria.find(c => c.criterionId === id);
        if (!criterion) {
          return undefined;
        }
        const { text } = criterion;
        return block.markedBy
          ? t('monitoring.summary.blockedBy.marked', { text })
          : t('monitoring.summary.blockedBy.criterion', { text });
      }
      default:
        return undefined;
    }
  });
  if (!causes.length || causes.some(cause => cause === undefined)) {
    return block.message;
  }
  const text = format.list(causes as string[]);
  return text.charAt(0).toLocaleUpperCase(format.locale) + text.slice(1);
}

/**
 * What stands above the gates: whether a gate blocked the rollout, when the
 * gates were last evaluated, and which sources could not be asked.
 */
export function GatesSummary(props: {
  status: RolloutStatus;
  gates?: RolloutGates;
  error?: Error;
  loading: boolean;
}) {
  const { status, gates, error, loading } = props;
  const { t } = useRolloutTranslation();
  const format = useRolloutFormat();
  if (!gates && loading && !error) {
    return <Progress aria-label={t('monitoring.summary.reading')} />;
  }
  const blockedTitle = t('monitoring.summary.blockedTitle');
  return (
    <Box display="flex" flexDirection="column" gridGap={8} marginBottom={2}>
      {status === 'blocked' && gates?.blockedBy && (
        <Alert severity="error" aria-label={blockedTitle}>
          <AlertTitle>{blockedTitle}</AlertTitle>
          <InlineText
            text={blockText(t, format, gates.blockedBy, gates)}
          /> — <When at={gates.blockedBy.at} />
        </Alert>
      )}
      {error && <GatesError error={error} />}
      {gates && (
        <>
          <Typography variant="body2" color="textSecondary">
            {t('monitoring.summary.lastEvaluated', {
              when: <When at={gates.evaluatedAt} />,
              start: formatLocal(format, gates.baselineWindow.start),
              end: formatLocal(format, gates.baselineWindow.end),
            })}
          </Typography>
          {sources.map(source => (
            <SourceNote
              key={source.key}
              source={source}
              status={gates.sources[source.key]}
            />
          ))}
        </>
      )}
    </Box>
  );
}
