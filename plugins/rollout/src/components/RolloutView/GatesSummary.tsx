import { Progress } from '@backstage/core-components';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  GateSourceStatus,
  RolloutGates,
  RolloutStatus,
} from '@rollout/backstage-plugin-rollout-common';
import { formatLocal, formatRelative } from './gateFormat';

const sources = [
  {
    key: 'prometheus',
    name: 'Prometheus',
    configKey: 'rollout.prometheus.baseUrl',
    reads: 'metric values and query criteria',
  },
  {
    key: 'alertmanager',
    name: 'Alertmanager',
    configKey: 'rollout.alertmanager.baseUrl',
    reads: 'alert states',
  },
] as const;

function When(props: { at: string }) {
  return (
    <time dateTime={props.at}>
      {formatRelative(props.at)} ({formatLocal(props.at)})
    </time>
  );
}

function SourceNote(props: {
  source: (typeof sources)[number];
  status: GateSourceStatus;
}) {
  const { source, status } = props;
  if (!status.configured) {
    return (
      <Alert severity="info">
        {source.name} is not configured: set <code>{source.configKey}</code> in
        the app-config to read {source.reads}. Until then they show as unknown.
      </Alert>
    );
  }
  if (status.error) {
    return (
      <Alert severity="warning">
        {source.name} could not be read: {status.error}. Its {source.reads} show
        as unknown.
      </Alert>
    );
  }
  return null;
}

function GatesError(props: { error: Error }) {
  const { error } = props;
  const detail = ResponseError.is(error) ? error.cause.message : undefined;
  return (
    <Alert severity="error">
      <AlertTitle>The gates could not be read</AlertTitle>
      {error.message}
      {detail && detail !== error.message && <div>{detail}</div>}
    </Alert>
  );
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
  if (!gates && loading && !error) {
    return <Progress aria-label="Reading the gates" />;
  }
  return (
    <Box display="flex" flexDirection="column" gridGap={8} marginBottom={2}>
      {status === 'blocked' && gates?.blockedBy && (
        <Alert severity="error" aria-label="Blocked by a gate">
          <AlertTitle>Blocked by a gate</AlertTitle>
          {gates.blockedBy.message} — <When at={gates.blockedBy.at} />
        </Alert>
      )}
      {error && <GatesError error={error} />}
      {gates && (
        <>
          <Typography variant="body2" color="textSecondary">
            Last evaluated <When at={gates.evaluatedAt} />. Baselines from{' '}
            {formatLocal(gates.baselineWindow.start)} to{' '}
            {formatLocal(gates.baselineWindow.end)}.
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
