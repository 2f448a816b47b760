import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Checklist, Step } from '@rollout/backstage-plugin-rollout-common';
import { Section } from './Section';
import { StatusChip } from './StatusChip';
import { Markdown } from './Markdown';

function StepTable(props: { steps: Step[]; label: string }) {
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          <TableCell>Step</TableCell>
          <TableCell>Command / Action</TableCell>
          <TableCell>Notes</TableCell>
          <TableCell>Status</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.steps.map(step => (
          <TableRow key={step.id} data-testid={`step-${step.id}`}>
            <TableCell>{step.number}</TableCell>
            <TableCell>
              <Markdown content={step.title} />
            </TableCell>
            <TableCell>
              <Markdown content={step.notes} />
            </TableCell>
            <TableCell>
              <StatusChip status={step.status} />
              {step.summary && (
                <Typography variant="caption" display="block">
                  {step.summary}
                </Typography>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/**
 * The operator runbook in order, with the rollback steps set apart beside
 * the criteria that trigger them.
 */
export function RunbookSection(props: { checklist: Checklist }) {
  const { checklist } = props;
  const runbook = checklist.steps.filter(step => step.kind === 'runbook');
  const rollback = checklist.steps.filter(step => step.kind === 'rollback');
  return (
    <Section
      id="rollout-runbook"
      title="Operator runbook"
      prose={checklist.prose?.runbook}
    >
      <StepTable steps={runbook} label="Runbook steps" />
      {(rollback.length > 0 || checklist.rollbackCriteria.length > 0) && (
        <Grid container spacing={2} style={{ marginTop: 16 }}>
          <Grid item xs={12} md={7}>
            <Typography variant="h6" component="h3">
              Rollback
            </Typography>
            <StepTable steps={rollback} label="Rollback steps" />
          </Grid>
          <Grid item xs={12} md={5} aria-label="Rollback trigger criteria">
            <Typography variant="h6" component="h3">
              Rollback trigger criteria
            </Typography>
            {checklist.prose?.rollbackCriteria?.before && (
              <Markdown content={checklist.prose.rollbackCriteria.before} />
            )}
            <ul>
              {checklist.rollbackCriteria.map(criterion => (
                <li key={criterion.id}>
                  <Markdown content={criterion.text} />
                </li>
              ))}
            </ul>
          </Grid>
        </Grid>
      )}
    </Section>
  );
}
