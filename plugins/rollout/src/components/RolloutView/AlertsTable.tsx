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
  return (
    <ChecklistTable label="Alerts">
      <TableHead>
        <TableRow>
          <TableCell>Alert</TableCell>
          <TableCell>Source</TableCell>
          <TableCell>Expectation</TableCell>
          <TableCell>State</TableCell>
          <TableCell>Labels</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {alerts.map(alert => {
          const gate = gates?.find(g => g.alertId === alert.id);
          return (
            <TableRow key={alert.id} data-testid={`alert-${alert.id}`}>
              <TableCell data-label="Alert">
                <PrometheusName name={alert.name} />
              </TableCell>
              <TableCell data-label="Source">{alert.source ?? '—'}</TableCell>
              <TableCell data-label="Expectation">
                <Markdown content={alert.description} />
              </TableCell>
              <TableCell data-label="State">
                {gate ? <GateStateChip state={gate.state} /> : '—'}
                {gate?.reason && (
                  <Typography variant="caption" display="block">
                    {gate.reason}
                  </Typography>
                )}
              </TableCell>
              <TableCell data-label="Labels">
                <Labels labels={gate?.labels} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </ChecklistTable>
  );
}
