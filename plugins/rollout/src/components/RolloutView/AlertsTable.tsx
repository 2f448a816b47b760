import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Alert, AlertGate } from '@rollout/backstage-plugin-rollout-common';
import { GateStateChip } from './GateStateChip';
import { Markdown } from './Markdown';
import { PrometheusName } from './MetricCard';
import { ChecklistTable } from './Section';
import { gateReasonOf } from './gateReason';
import { useRolloutFormat, useRolloutTranslation } from '../../translation';

function Labels(props: { labels?: Record<string, string> }) {
  const entries = Object.entries(props.labels ?? {});
  if (!entries.length) {
    return <>—</>;
  }
  return (
    <Box display="flex" flexWrap="wrap" gridGap={4}>
      {entries.map(([name, value]) => (
        <Chip
          key={name}
          size="small"
          variant="outlined"
          label={`${name}=${value}`}
        />
      ))}
    </Box>
  );
}

/**
 * The checklist's alerts with what Alertmanager says of each; every alert
 * stays listed when there is nothing to say yet.
 */
export function AlertsTable(props: { alerts: Alert[]; gates?: AlertGate[] }) {
  const { alerts, gates } = props;
  const { t } = useRolloutTranslation();
  const format = useRolloutFormat();
  const column = {
    alert: t('monitoring.alerts.column.alert'),
    source: t('monitoring.alerts.column.source'),
    expectation: t('monitoring.alerts.column.expectation'),
    state: t('monitoring.alerts.column.state'),
    labels: t('monitoring.alerts.column.labels'),
  };
  return (
    <ChecklistTable label={t('monitoring.section.alerts')}>
      <TableHead>
        <TableRow>
          <TableCell>{column.alert}</TableCell>
          <TableCell>{column.source}</TableCell>
          <TableCell>{column.expectation}</TableCell>
          <TableCell>{column.state}</TableCell>
          <TableCell>{column.labels}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {alerts.map(alert => {
          const gate = gates?.find(g => g.alertId === alert.id);
          const reason = gate && gateReasonOf(t, format, gate);
          return (
            <TableRow key={alert.id} data-testid={`alert-${alert.id}`}>
              <TableCell data-label={column.alert}>
                <PrometheusName name={alert.name} />
              </TableCell>
              <TableCell data-label={column.source}>
                {alert.source ?? '—'}
              </TableCell>
              <TableCell data-label={column.expectation}>
                <Markdown content={alert.description} />
              </TableCell>
              <TableCell data-label={column.state}>
                {gate ? <GateStateChip state={gate.state} /> : '—'}
                {reason && (
                  <Typography variant="caption" display="block">
                    {reason}
                  </Typography>
                )}
              </TableCell>
              <TableCell data-label={column.labels}>
                <Labels labels={gate?.labels} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </ChecklistTable>
  );
}
