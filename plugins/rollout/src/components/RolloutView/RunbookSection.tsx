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
  StepRunRefusal,
  isMarkedDone,
  isRunnableStep,
  isStepDone,
  stepCommand,
  stepRunRefusal,
} from '@rollout/backstage-plugin-rollout-common';
import { useState } from 'react';
import {
  RolloutFormat,
  RolloutTranslationFunction,
  statusLabel,
  useRolloutFormat,
  useRolloutTranslation,
} from '../../translation';
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

/**
 * Why the step may not run now, in the user's language: the refusal's
 * English `message` is only the fallback for a reason this does not know.
 */
export function stepRefusalText(
  t: RolloutTranslationFunction,
  format: Pick<RolloutFormat, 'list'>,
  refusal: StepRunRefusal,
  step: Step,
  rollout: Pick<Rollout, 'status' | 'checklist'>,
): string {
  const number = String(step.number);
  switch (refusal.reason) {
    case 'rolloutNotStarted':
      return t(
        step.kind === 'rollback'
          ? 'view.runbook.refusal.rollbackNotStarted'
          : 'view.runbook.refusal.deployNotStarted',
        { number, status: statusLabel(t, rollout.status) },
      );
    case 'noPreviousVersion':
      return t('view.runbook.refusal.noPreviousVersion', { number });
    case 'stepOutOfOrder': {
      const open = rollout.checklist.steps
        .filter(
          other =>
            other.kind === 'runbook' &&
            other.number < step.number &&
            !isStepDone(other),
        )
        .map(other => String(other.number));
      return t(
        open.length > 1
          ? 'view.runbook.refusal.outOfOrderSeveral'
          : 'view.runbook.refusal.outOfOrderOne',
        { number, steps: format.list(open) },
      );
    }
    default:
      return refusal.message;
  }
}

/** Skip (with a reason), or undo a skip or a mark done. */
function SkipButton(props: { step: Step; actions: StepActions }) {
  const { step, actions } = props;
  const [asking, setAsking] = useState(false);
  const { t } = useRolloutTranslation();
  const undo = settledByHand(step);
  if (!undo && (step.status === 'running' || step.status === 'succeeded')) {
    return null;
  }
  const number = String(step.number);
  let ariaLabel: string = t('view.runbook.skipLabel', { number });
  if (undo) {
    ariaLabel =
      step.status === 'skipped'
        ? t('view.runbook.undoSkipLabel', { number })
        : t('view.runbook.undoMarkDoneLabel', { number });
  }
  return (
    <>
      <DeniedTooltip reason={actions.canRun ? undefined : actions.deniedReason}>
        <Button
          size="small"
          disabled={!actions.canRun}
          aria-label={ariaLabel}
          onClick={() => (undo ? actions.onReopen(step) : setAsking(true))}
        >
          {undo ? t('view.runbook.undo') : t('view.runbook.skip')}
        </Button>
      </DeniedTooltip>
      {asking && (
        <NoteDialog
          id="rollout-skip"
          title={t('view.runbook.skipDialog.title', { number })}
          explanation={t('view.runbook.skipDialog.explanation')}
          label={t('view.runbook.reason')}
          required
          action={t('view.runbook.skipDialog.action')}
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
  const { t } = useRolloutTranslation();
  const format = useRolloutFormat();
  const runnable = isRunnableStep(step);
  if (!runnable && step.status === 'succeeded') {
    return null;
  }
  let kind: 'run' | 'runRollback' | 'markDone' = 'markDone';
  if (runnable) {
    kind = step.kind === 'rollback' ? 'runRollback' : 'run';
  }
  const number = String(step.number);
  const refusal =
    step.status === 'running'
      ? undefined
      : stepRunRefusal(rollout, step, rules);
  const refusalMessage =
    refusal && stepRefusalText(t, format, refusal, step, rollout);
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
          aria-label={
            refusal?.overridable
              ? t(`view.runbook.action.${kind}.ariaLabelOutOfOrder`, { number })
              : t(`view.runbook.action.${kind}.ariaLabel`, { number })
          }
          aria-describedby={
            refusal && actions.canRun ? `step-${step.id}-why` : undefined
          }
          onClick={() => (asks ? setAsking(true) : actions.onRun(step))}
        >
          {refusal?.overridable
            ? t(`view.runbook.action.${kind}.labelOutOfOrder`)
            : t(`view.runbook.action.${kind}.label`)}
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
          {refusalMessage}
        </Typography>
      )}
      {asking && runnable && refusal?.overridable && (
        <NoteDialog
          id="rollout-order"
          title={t('view.runbook.orderDialog.title', { number })}
          explanation={t('view.runbook.orderDialog.explanation', {
            refusal: refusalMessage ?? '',
          })}
          label={t('view.runbook.reason')}
          required
          action={t('view.runbook.orderDialog.action')}
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
            refusal?.overridable
              ? t('view.runbook.markDoneDialog.titleOutOfOrder', { number })
              : t('view.runbook.markDoneDialog.title', { number })
          }
          explanation={
            refusal?.overridable
              ? t('view.runbook.markDoneDialog.explanationOutOfOrder', {
                  refusal: refusalMessage ?? '',
                  step: <InlineText text={step.title} />,
                })
              : t('view.runbook.markDoneDialog.explanation', {
                  step: <InlineText text={step.title} />,
                })
          }
          label={
            refusal?.overridable
              ? t('view.runbook.reason')
              : t('view.runbook.note')
          }
          required={Boolean(refusal?.overridable)}
          action={t('view.runbook.action.markDone.label')}
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
  const { t } = useRolloutTranslation();
  const column = {
    step: t('view.runbook.column.step'),
    command: t('view.runbook.column.command'),
    notes: t('view.runbook.column.notes'),
    status: t('view.runbook.column.status'),
    run: t('view.runbook.column.run'),
  };
  return (
    <ChecklistTable label={label}>
      <TableHead>
        <TableRow>
          <TableCell>{column.step}</TableCell>
          <TableCell>{column.command}</TableCell>
          <TableCell>{column.notes}</TableCell>
          <TableCell>{column.status}</TableCell>
          <TableCell>{column.run}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {steps.map(step => (
          <TableRow
            key={step.id}
            id={rowAnchor('step', step.id)}
            data-testid={`step-${step.id}`}
          >
            <TableCell data-label={column.step}>{step.number}</TableCell>
            <TableCell data-label={column.command}>
              <Markdown content={step.title} />
              {step.kind === 'rollback' && rollout.previousVersion && (
                <Typography variant="caption" display="block">
                  {t('view.runbook.rollbackCommand', {
                    command: (
                      <code>
                        {stepCommand(step, rollout.previousVersion) ??
                          t('view.runbook.itsTemplate')}
                      </code>
                    ),
                    previousVersion: rollout.previousVersion,
                  })}
                </Typography>
              )}
            </TableCell>
            <TableCell data-label={column.notes}>
              <Markdown content={step.notes} />
            </TableCell>
            <TableCell data-label={column.status}>
              <Box display="flex" alignItems="center" gridGap={8}>
                <StatusChip status={step.status} />
                {step.status === 'running' && (
                  <CircularProgress
                    size={16}
                    aria-label={statusLabel(t, 'running')}
                  />
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
                  <Attribution
                    by={step.updatedBy}
                    at={step.updatedAt}
                    action={
                      step.status === 'skipped' ? 'skipped' : 'markedDone'
                    }
                  />
                </Typography>
              )}
              {step.taskId && (
                <Link
                  to={`/create/tasks/${step.taskId}`}
                  target="_blank"
                  rel="noopener"
                  aria-label={t('view.runbook.taskLinkLabel', {
                    number: String(step.number),
                  })}
                >
                  {t('view.runbook.taskLink')}
                </Link>
              )}
              {step.taskId && (
                <StepLog rolloutId={actions.rolloutId} step={step} />
              )}
            </TableCell>
            <TableCell data-label={column.run}>
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
  const { t } = useRolloutTranslation();
  return (
    <Section
      id="rollout-runbook"
      title={t('view.runbook.title')}
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
            : t('view.runbook.denied', { reason: actions.deniedReason })}
        </Typography>
      )}
      <StepTable
        steps={runbook}
        label={t('view.runbook.runbookSteps')}
        rollout={rollout}
        rules={rules}
        actions={actions}
      />
      {(rollback.length > 0 || checklist.rollbackCriteria.length > 0) && (
        <Grid container spacing={2} style={{ marginTop: 16 }}>
          <Grid item xs={12} md={7}>
            <Typography variant="h6" component="h3">
              {t('view.runbook.rollback')}
            </Typography>
            <StepTable
              steps={rollback}
              label={t('view.runbook.rollbackSteps')}
              rollout={rollout}
              rules={rules}
              actions={actions}
            />
          </Grid>
          <Grid
            item
            xs={12}
            md={5}
            aria-label={t('view.runbook.rollbackCriteria')}
          >
            <Typography variant="h6" component="h3">
              {t('view.runbook.rollbackCriteria')}
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
