import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Grid from '@material-ui/core/Grid';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  Rollout,
  RunbookRules,
  Step,
  isRunnableStep,
  stepCommand,
  stepRunRefusal,
} from '@rollout/backstage-plugin-rollout-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { rolloutApiRef } from '../../api';
import { DeniedTooltip } from './DeniedTooltip';
import { ChecklistTable, Section } from './Section';
import { StatusChip } from './StatusChip';
import { Markdown } from './Markdown';

/** What a user can do with the steps. */
export type StepActions = {
  rolloutId: string;
  canRun: boolean;
  /** Why the user may not run steps, shown on the disabled buttons. */
  deniedReason?: string;
  /** Runs a step; `outOfOrderReason` says why it runs before its turn. */
  onRun: (step: Step, outOfOrderReason?: string) => void;
  /** Marks a manual step done; `outOfOrderReason` as for `onRun`. */
  onConfirm: (step: Step, outOfOrderReason?: string) => void;
  /** Skips a step for a reason. */
  onSkip: (step: Step, reason: string) => void;
  /** Undoes the skip of a step. */
  onUnskip: (step: Step) => void;
};

/**
 * Asks for the reason a step action needs, which the history keeps; the
 * action is offered once a reason is written.
 */
function ReasonDialog(props: {
  id: string;
  title: string;
  explanation: string;
  action: string;
  onClose: () => void;
  onConfirm: (reason: string) => void;
}) {
  const { id, title, explanation, action, onClose, onConfirm } = props;
  const [reason, setReason] = useState('');
  return (
    <Dialog open onClose={onClose} aria-labelledby={`${id}-title`}>
      <DialogTitle id={`${id}-title`}>{title}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" gutterBottom>
          {explanation}
        </Typography>
        <TextField
          id={`${id}-reason`}
          label="Reason"
          value={reason}
          onChange={e => setReason(e.target.value)}
          helperText="Required"
          inputProps={{ 'aria-required': true }}
          multiline
          fullWidth
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!reason.trim()}
          onClick={() => onConfirm(reason.trim())}
        >
          {action}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/** Skip (with a reason) or undo the skip, as the step's status allows. */
function SkipButton(props: { step: Step; actions: StepActions }) {
  const { step, actions } = props;
  const [asking, setAsking] = useState(false);
  if (step.status === 'running' || step.status === 'succeeded') {
    return null;
  }
  const skipped = step.status === 'skipped';
  return (
    <>
      <DeniedTooltip reason={actions.canRun ? undefined : actions.deniedReason}>
        <Button
          size="small"
          disabled={!actions.canRun}
          aria-label={`${skipped ? 'Undo the skip of' : 'Skip'} step ${
            step.number
          }`}
          onClick={() => (skipped ? actions.onUnskip(step) : setAsking(true))}
        >
          {skipped ? 'Undo skip' : 'Skip'}
        </Button>
      </DeniedTooltip>
      {asking && (
        <ReasonDialog
          id="rollout-skip"
          title={`Skip step ${step.number}?`}
          explanation="A skipped step counts as done for completing the rollout; the reason is shown with the step and kept in the history. You can undo the skip."
          action="Skip step"
          onClose={() => setAsking(false)}
          onConfirm={reason => {
            setAsking(false);
            actions.onSkip(step, reason);
          }}
        />
      )}
    </>
  );
}

/**
 * Run (or Mark done, or Run rollback) as the rules allow: disabled with the
 * reason when the step may not run now, asking for a reason when it may
 * only run out of order.
 */
function StepAction(props: {
  step: Step;
  rollout: Pick<Rollout, 'status' | 'checklist' | 'previousVersion'>;
  rules: RunbookRules;
  actions: StepActions;
}) {
  const { step, rollout, rules, actions } = props;
  const [asking, setAsking] = useState(false);
  const runnable = isRunnableStep(step);
  if (!runnable && step.status === 'succeeded') {
    return null;
  }
  const label = runnable
    ? `${step.kind === 'rollback' ? 'Run rollback' : 'Run'}`
    : 'Mark done';
  const refusal =
    step.status === 'running'
      ? undefined
      : stepRunRefusal(rollout, step, rules);
  const blocked = refusal && !refusal.overridable;
  const act = (reason?: string) =>
    runnable ? actions.onRun(step, reason) : actions.onConfirm(step, reason);
  const whyNot = actions.canRun ? undefined : actions.deniedReason;
  return (
    <>
      <DeniedTooltip reason={whyNot}>
        <Button
          size="small"
          variant="outlined"
          color={runnable ? 'primary' : 'default'}
          disabled={!actions.canRun || step.status === 'running' || blocked}
          aria-label={`${label} step ${step.number}${
            refusal?.overridable ? ' out of order' : ''
          }`}
          aria-describedby={
            refusal && actions.canRun ? `step-${step.id}-why` : undefined
          }
          onClick={() => (refusal ? setAsking(true) : act())}
        >
          {refusal?.overridable ? `${label}…` : label}
        </Button>
      </DeniedTooltip>
      {refusal && actions.canRun && (
        <Typography
          variant="caption"
          display="block"
          color="textSecondary"
          id={`step-${step.id}-why`}
          data-testid={`step-${step.id}-why`}
        >
          {refusal.message}
        </Typography>
      )}
      {asking && refusal?.overridable && (
        <ReasonDialog
          id="rollout-order"
          title={`${runnable ? 'Run' : 'Mark done'} step ${
            step.number
          } out of order?`}
          explanation={`${refusal.message}. The reason goes into the rollout's history.`}
          action={`${runnable ? 'Run' : 'Mark done'} anyway`}
          onClose={() => setAsking(false)}
          onConfirm={reason => {
            setAsking(false);
            act(reason);
          }}
        />
      )}
    </>
  );
}

/** The last lines of the step's task log, read again as the step changes. */
function StepLog(props: { rolloutId: string; step: Step }) {
  const { rolloutId, step } = props;
  const api = useApi(rolloutApiRef);
  const { value } = useAsync(
    () => api.getStepLog(rolloutId, step.id),
    [api, rolloutId, step.id, step.status, step.updatedAt],
  );
  const lines = value?.lines.slice(-10) ?? [];
  if (!lines.length) {
    return null;
  }
  return (
    <Box
      component="pre"
      fontSize="0.75rem"
      whiteSpace="pre-wrap"
      maxWidth={480}
      margin={0}
      aria-label={`Log of step ${step.number}`}
    >
      {lines.join('\n')}
    </Box>
  );
}

function StepTable(props: {
  steps: Step[];
  label: string;
  rollout: Pick<Rollout, 'status' | 'checklist' | 'previousVersion'>;
  rules: RunbookRules;
  actions: StepActions;
}) {
  const { steps, label, rollout, rules, actions } = props;
  return (
    <ChecklistTable label={label}>
      <TableHead>
        <TableRow>
          <TableCell>Step</TableCell>
          <TableCell>Command / Action</TableCell>
          <TableCell>Notes</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Run</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {steps.map(step => (
          <TableRow key={step.id} data-testid={`step-${step.id}`}>
            <TableCell>{step.number}</TableCell>
            <TableCell>
              <Markdown content={step.title} />
              {step.kind === 'rollback' && rollout.previousVersion && (
                <Typography variant="caption" display="block">
                  Runs{' '}
                  <code>
                    {stepCommand(step, rollout.previousVersion) ??
                      'its template'}
                  </code>{' '}
                  to go back to {rollout.previousVersion}
                </Typography>
              )}
            </TableCell>
            <TableCell>
              <Markdown content={step.notes} />
            </TableCell>
            <TableCell>
              <Box display="flex" alignItems="center" gridGap={8}>
                <StatusChip status={step.status} />
                {step.status === 'running' && (
                  <CircularProgress size={16} aria-label="running" />
                )}
              </Box>
              {step.summary && (
                <Typography variant="caption" display="block">
                  {step.summary}
                </Typography>
              )}
              {step.taskId && (
                <Link to={`/create/tasks/${step.taskId}`}>Task</Link>
              )}
              {step.taskId && (
                <StepLog rolloutId={actions.rolloutId} step={step} />
              )}
            </TableCell>
            <TableCell>
              <StepAction
                step={step}
                rollout={rollout}
                rules={rules}
                actions={actions}
              />
              <SkipButton step={step} actions={actions} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </ChecklistTable>
  );
}

/**
 * The operator runbook in order, with the rollback steps set apart beside
 * the criteria that trigger them.
 */
export function RunbookSection(props: {
  rollout: Pick<Rollout, 'status' | 'checklist' | 'previousVersion'>;
  /** The runbook's order rules, as app-config sets them. */
  rules: RunbookRules;
  actions: StepActions;
}) {
  const { rollout, rules, actions } = props;
  const { checklist } = rollout;
  const runbook = checklist.steps.filter(step => step.kind === 'runbook');
  const rollback = checklist.steps.filter(step => step.kind === 'rollback');
  return (
    <Section
      id="rollout-runbook"
      title="Operator runbook"
      prose={checklist.prose?.runbook}
    >
      {!actions.canRun && actions.deniedReason && (
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="runbook-denied"
        >
          {actions.deniedReason}: you can follow this runbook, not run it.
        </Typography>
      )}
      <StepTable
        steps={runbook}
        label="Runbook steps"
        rollout={rollout}
        rules={rules}
        actions={actions}
      />
      {(rollback.length > 0 || checklist.rollbackCriteria.length > 0) && (
        <Grid container spacing={2} style={{ marginTop: 16 }}>
          <Grid item xs={12} md={7}>
            <Typography variant="h6" component="h3">
              Rollback
            </Typography>
            <StepTable
              steps={rollback}
              label="Rollback steps"
              rollout={rollout}
              rules={rules}
              actions={actions}
            />
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
