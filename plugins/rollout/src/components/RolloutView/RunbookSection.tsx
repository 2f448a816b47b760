import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Grid from '@material-ui/core/Grid';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  Rollout,
  RunbookRules,
  Step,
  isMarkedDone,
  isRunnableStep,
  stepCommand,
  stepRunRefusal,
} from '@rollout/backstage-plugin-rollout-common';
import { useState } from 'react';
import { DeniedTooltip } from './DeniedTooltip';
import { InlineText } from './InlineText';
import { rowAnchor } from './JumpLink';
import { NoteDialog } from './NoteDialog';
import { Attribution, ChecklistTable, Section } from './Section';
import { StatusChip } from './StatusChip';
import { StepLog } from './StepLog';
import { Markdown } from './Markdown';

/** What a user can do with the steps. */
export type StepActions = {
  rolloutId: string;
  canRun: boolean;
  /** Why the user may not run steps, shown on the disabled buttons. */
  deniedReason?: string;
  /** The rollout is final: nobody runs its steps any more. */
  final?: boolean;
  /** Runs a step; `outOfOrderReason` says why it runs before its turn. */
  onRun: (step: Step, outOfOrderReason?: string) => void;
  /**
   * Marks a manual step done with an optional note; `outOfOrderReason` as
   * for `onRun`.
   */
  onConfirm: (
    step: Step,
    input: { note?: string; outOfOrderReason?: string },
  ) => void;
  /** Skips a step for a reason. */
  onSkip: (step: Step, reason: string) => void;
  /** Undoes a skip or a mark done: the step is pending again. */
  onReopen: (step: Step) => void;
};

/** Whether a person, not a task, settled the step: skipped or marked done. */
function settledByHand(step: Step): boolean {
  return step.status === 'skipped' || isMarkedDone(step);
}

/** Skip (with a reason), or undo a skip or a mark done. */
function SkipButton(props: { step: Step; actions: StepActions }) {
  const { step, actions } = props;
  const [asking, setAsking] = useState(false);
  const undo = settledByHand(step);
  if (!undo && (step.status === 'running' || step.status === 'succeeded')) {
    return null;
  }
  const what = step.status === 'skipped' ? 'the skip of' : 'marking done';
  return (
    <>
      <DeniedTooltip reason={actions.canRun ? undefined : actions.deniedReason}>
        <Button
          size="small"
          disabled={!actions.canRun}
          aria-label={
            undo
              ? `Undo ${what} step ${step.number}`
              : `Skip step ${step.number}`
          }
          onClick={() => (undo ? actions.onReopen(step) : setAsking(true))}
        >
          {undo ? 'Undo' : 'Skip'}
        </Button>
      </DeniedTooltip>
      {asking && (
        <NoteDialog
          id="rollout-skip"
          title={`Skip step ${step.number}?`}
          explanation="A skipped step counts as done for completing the rollout; the reason is shown with the step and kept in the history. You can undo the skip."
          label="Reason"
          required
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
  // Marking done always asks, for an optional note or the reason to go
  // out of order; running asks only for the reason.
  const asks = Boolean(refusal) || !runnable;
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
          onClick={() => (asks ? setAsking(true) : actions.onRun(step))}
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
      {asking && runnable && refusal?.overridable && (
        <NoteDialog
          id="rollout-order"
          title={`Run step ${step.number} out of order?`}
          explanation={`${refusal.message}.`}
          label="Reason"
          required
          action="Run anyway"
          onClose={() => setAsking(false)}
          onConfirm={reason => {
            setAsking(false);
            actions.onRun(step, reason);
          }}
        />
      )}
      {asking && !runnable && (
        <NoteDialog
          id="rollout-confirm"
          title={
            <>
              Mark step {step.number} done
              {refusal?.overridable ? ' out of order' : ''}?
            </>
          }
          explanation={
            <>
              {refusal?.overridable && `${refusal.message}. `}
              Nothing runs: you say that <InlineText text={step.title} /> is
              done. The row shows who marked it and when, and it can be undone.
            </>
          }
          label={refusal?.overridable ? 'Reason' : 'Note'}
          required={Boolean(refusal?.overridable)}
          action="Mark done"
          onClose={() => setAsking(false)}
          onConfirm={note => {
            setAsking(false);
            actions.onConfirm(step, {
              ...(note ? { note } : {}),
              ...(refusal?.overridable && note
                ? { outOfOrderReason: note }
                : {}),
            });
          }}
        />
      )}
    </>
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
          <TableRow
            key={step.id}
            id={rowAnchor('step', step.id)}
            data-testid={`step-${step.id}`}
          >
            <TableCell data-label="Step">{step.number}</TableCell>
            <TableCell data-label="Command / Action">
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
            <TableCell data-label="Notes">
              <Markdown content={step.notes} />
            </TableCell>
            <TableCell data-label="Status">
              <Box display="flex" alignItems="center" gridGap={8}>
                <StatusChip status={step.status} />
                {step.status === 'running' && (
                  <CircularProgress size={16} aria-label="running" />
                )}
              </Box>
              {step.summary && (
                <Typography
                  variant="caption"
                  display="block"
                  data-testid={`step-${step.id}-summary`}
                >
                  <InlineText text={step.summary} />
                </Typography>
              )}
              {settledByHand(step) && (
                <Typography
                  variant="caption"
                  display="block"
                  data-testid={`step-${step.id}-by`}
                >
                  {step.status === 'skipped' ? 'Skipped' : 'Marked done'}{' '}
                  <Attribution by={step.updatedBy} at={step.updatedAt} />
                </Typography>
              )}
              {step.taskId && (
                <Link
                  to={`/create/tasks/${step.taskId}`}
                  target="_blank"
                  rel="noopener"
                  aria-label={`Task of step ${step.number} (opens in a new tab)`}
                >
                  Task ↗
                </Link>
              )}
              {step.taskId && (
                <StepLog rolloutId={actions.rolloutId} step={step} />
              )}
            </TableCell>
            <TableCell data-label="Run">
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
          {actions.final
            ? actions.deniedReason
            : `${actions.deniedReason}: you can follow this runbook, not run it.`}
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
