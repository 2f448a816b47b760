import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { Checklist } from '@rollout/backstage-plugin-rollout-common';
import { Section } from './Section';
import { Markdown } from './Markdown';

/**
 * The metrics and alerts to watch, with their expectations. Live values are
 * not shown until the backend reads them from Prometheus and Alertmanager;
 * the panel says so rather than showing numbers it does not have.
 */
export function MonitoringSection(props: { checklist: Checklist }) {
  const { checklist } = props;
  return (
    <Section
      id="rollout-monitoring"
      title="Monitoring & observability"
      prose={checklist.prose?.metrics}
    >
      <Alert severity="info">
        Live values are not read yet: they will come from Prometheus
        (rollout.prometheus.baseUrl) and Alertmanager
        (rollout.alertmanager.baseUrl) when the rollout gates are configured.
      </Alert>
      <Table size="small" aria-label="Metrics">
        <TableHead>
          <TableRow>
            <TableCell>Metric</TableCell>
            <TableCell>Expectation</TableCell>
            <TableCell>Value</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {checklist.metrics.map(metric => (
            <TableRow key={metric.id}>
              <TableCell>
                <code>{metric.name}</code>
              </TableCell>
              <TableCell>
                <Markdown content={metric.description} />
              </TableCell>
              <TableCell>not read</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Typography variant="h6" component="h3" style={{ marginTop: 16 }}>
        Alerts
      </Typography>
      {checklist.prose?.alerts?.before && (
        <Markdown content={checklist.prose.alerts.before} />
      )}
      <Table size="small" aria-label="Alerts">
        <TableHead>
          <TableRow>
            <TableCell>Alert</TableCell>
            <TableCell>Source</TableCell>
            <TableCell>Expectation</TableCell>
            <TableCell>State</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {checklist.alerts.map(alert => (
            <TableRow key={alert.id}>
              <TableCell>
                <code>{alert.name}</code>
              </TableCell>
              <TableCell>{alert.source ?? '—'}</TableCell>
              <TableCell>
                <Markdown content={alert.description} />
              </TableCell>
              <TableCell>not read</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Section>
  );
}
