import Box from '@material-ui/core/Box';
import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Typography from '@material-ui/core/Typography';
import { grey } from '@material-ui/core/colors';
import { Theme, makeStyles, useTheme } from '@material-ui/core/styles';
import {
  Metric,
  MetricGate,
  MetricGateState,
} from '@rollout/backstage-plugin-rollout-common';
import { Fragment } from 'react';
import { GateStateChip } from './GateStateChip';
import { Markdown } from './Markdown';
import { Contradictions } from './Contradictions';
import { InlineText } from './InlineText';
import { Sparkline } from './Sparkline';
import { formatDeltaPercent, formatMetricValue } from './gateFormat';
import { gateReasonOf } from './gateReason';
import { useRolloutFormat, useRolloutTranslation } from '../../translation';

const useStyles = makeStyles(theme => ({
  card: { height: '100%' },
  // A flex item: without this, a long name would push the card wider.
  title: { minWidth: 0 },
  stats: {
    display: 'grid',
    gridTemplateColumns: 'repeat(3, 1fr)',
    gap: theme.spacing(1),
    margin: theme.spacing(1, 0),
    '& dt': {
      ...theme.typography.caption,
      color: theme.palette.text.secondary,
    },
    '& dd': { ...theme.typography.body1, margin: 0 },
  },
}));

function lineColor(theme: Theme, state?: MetricGateState): string {
  switch (state) {
    case 'ok':
      return theme.palette.success.main;
    case 'warning':
      return theme.palette.warning.main;
    case 'breached':
      return theme.palette.error.main;
    default:
      return grey[500];
  }
}

const usePrometheusNameStyles = makeStyles({
  // A part longer than the whole line still breaks rather than overflows.
  name: { wordBreak: 'normal', overflowWrap: 'break-word' },
});

/**
 * A Prometheus metric or alert name, as code. It wraps only after a `_`,
 * `:` or `.` (`review_pass_` / `runtime_seconds`), never inside a part
 * that fits on a line.
 */
export function PrometheusName(props: { name: string }) {
  const classes = usePrometheusNameStyles();
  const parts = props.name.split(/(?<=[_:.])/);
  return (
    <code className={classes.name}>
      {parts.map((part, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </code>
  );
}

function Stat(props: { term: string; value: string }) {
  return (
    <div>
      <dt>{props.term}</dt>
      <dd>{props.value}</dd>
    </div>
  );
}

/**
 * One watched metric: what the checklist expects of it, and, once the gates
 * have been read, its value against the baseline, its trend and its state.
 */
export function MetricCard(props: { metric: Metric; gate?: MetricGate }) {
  const { metric, gate } = props;
  const classes = useStyles();
  const theme = useTheme();
  const { t } = useRolloutTranslation();
  const format = useRolloutFormat();
  const unit = { name: metric.name, query: gate?.query };
  const valueOf = (value: number | undefined) =>
    formatMetricValue(format, t, value, unit);
  const series = gate?.series ?? [];
  const trend =
    series.length >= 2
      ? t('monitoring.metric.trend', {
          name: metric.name,
          count: series.length,
          from: valueOf(series[0][1]),
          to: valueOf(series[series.length - 1][1]),
        })
      : metric.name;
  const reason = gate && gateReasonOf(t, format, gate);

  return (
    <Card
      variant="outlined"
      className={classes.card}
      role="region"
      aria-label={metric.name}
    >
      <CardContent>
        <Box
          display="flex"
          justifyContent="space-between"
          alignItems="flex-start"
          gridGap={8}
        >
          <Typography
            variant="subtitle2"
            component="h4"
            className={classes.title}
          >
            <PrometheusName name={metric.name} />
          </Typography>
          {gate && <GateStateChip state={gate.state} />}
        </Box>
        {metric.description && <Markdown content={metric.description} />}
        <dl className={classes.stats}>
          <Stat
            term={t('monitoring.metric.value')}
            value={valueOf(gate?.value)}
          />
          <Stat
            term={t('monitoring.metric.baseline')}
            value={valueOf(gate?.baseline)}
          />
          <Stat
            term={t('monitoring.metric.change')}
            value={formatDeltaPercent(format, gate?.deltaPercent)}
          />
        </dl>
        {gate?.expectation === 'threshold' && (
          <Typography variant="caption" component="p">
            {t('monitoring.metric.threshold', {
              value: valueOf(gate.threshold),
            })}
          </Typography>
        )}
        {gate && (
          <Sparkline
            series={series}
            baseline={gate.baseline}
            color={lineColor(theme, gate.state)}
            label={trend}
          />
        )}
        {reason && (
          <Typography variant="body2" color="textSecondary">
            <InlineText text={reason} />
          </Typography>
        )}
        <Contradictions gate={gate} />
      </CardContent>
    </Card>
  );
}
