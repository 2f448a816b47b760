import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  Rollout,
  RolloutGates,
  RolloutStatus,
  RunbookRules,
  defaultRunbookRules,
  isRunnableStep,
  rolloutTransitions,
  startBlockers,
  stepCommand,
  stepRunRefusal,
} from '@rollout/backstage-plugin-rollout-common';
import { useState } from 'react';
import {
  OpenItemGroup,
  OpenItemsList,
  gateWarnings,
  openItemGroups,
} from './OpenItemsList';
import { useFocusOnOpen } from './NoteDialog';
import {
  statusLabel,
  useRolloutFormat,
  useRolloutTranslation,
} from '../../translation';

type Target = (typeof rolloutTransitions)[RolloutStatus][number];

/** One move the tab offers from the rollout's current status. */
type StatusAction = {
  to: Target;
  /** Names the button and the dialog: `start` for a draft's `in_progress`. */
  name: Target | 'start';
  /** Leaving the planned path needs a reason the history can show. */
  reasonRequired: boolean;
  /** Forward moves are the prominent buttons. */
  forward: boolean;
};

/** The button of each target; from a draft, `in_progress` starts instead. */
const actions: Record<Target, Omit<StatusAction, 'to' | 'name'>> = {
  in_progress: { reasonRequired: false, forward: true },
  completed: { reasonRequired: false, forward: true },
  rolled_back: { reasonRequired: true, forward: false },
  blocked: { reasonRequired: true, forward: false },
};

function actionOf(from: RolloutStatus, to: Target): StatusAction {
  return {
    to,
    name: from === 'draft' && to === 'in_progress' ? 'start' : to,
    ...actions[to],
  };
}

/** The rollback steps a rollback would run now, when the rules allow. */
function rollbackToRun(
  rollout: Pick<Rollout, 'status' | 'checklist' | 'previousVersion'>,
  rules: RunbookRules,
) {
  const steps = rollout.checklist.steps.filter(
    step => step.kind === 'rollback',
  );
  const runnable = steps.filter(
    step =>
      isRunnableStep(step) &&
      step.status !== 'succeeded' &&
      step.status !== 'running' &&
      !stepRunRefusal(rollout, step, rules),
  );
  return runnable.length ? runnable : undefined;
}

function StatusDialog(props: {
  action: StatusAction;
  rollout: Pick<
    Rollout,
    'status' | 'version' | 'checklist' | 'previousVersion'
  >;
  rules: RunbookRules;
  /** What is open: a warning before starting, a refusal before completing. */
  open: OpenItemGroup[];
  onClose: () => void;
  onConfirm: (reason: string) => void;
  /** Runs the rollback steps instead of recording the status. */
  onRunRollback?: () => void;
}) {
  const { action, rollout, rules, open, onClose, onConfirm, onRunRollback } =
    props;
  const refused = action.to === 'completed' && open.length > 0;
  const { inputRef, dialogProps } = useFocusOnOpen();
  const [reason, setReason] = useState('');
  const { t } = useRolloutTranslation();
  // What confirming a move does beyond changing the status word.
  let consequence: string | undefined;
  if (action.to === 'completed' || action.to === 'rolled_back') {
    consequence = t(`view.statusActions.consequence.${action.to}`);
  }
  const label = t(`view.statusActions.action.${action.name}`);
  const statusChange = {
    from: statusLabel(t, rollout.status),
    to: statusLabel(t, action.to),
  };
  const rollback =
    action.to === 'rolled_back' && onRunRollback
      ? rollbackToRun(rollout, rules)
      : undefined;
  return (
    <Dialog
      {...dialogProps}
      open
      onClose={onClose}
      aria-labelledby="rollout-status-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="rollout-status-title">
        {refused
          ? t('view.statusActions.cannotComplete', {
              version: rollout.version,
            })
          : t(`view.statusActions.confirmTitle.${action.name}`, {
              version: rollout.version,
            })}
      </DialogTitle>
      <DialogContent>
        {open.length > 0 && (
          <Box mb={2} data-testid="rollout-status-open">
            <Typography variant="body2" gutterBottom>
              {refused && t('view.statusActions.completingWaits')}
              {!refused &&
                (rollout.status === 'draft'
                  ? t('view.statusActions.openBeforeStart')
                  : t('view.statusActions.openBeforeResume'))}
            </Typography>
            <OpenItemsList groups={open} onJump={onClose} />
          </Box>
        )}
        {rollback && (
          <Box mb={2} data-testid="rollback-run">
            <Typography variant="body2" gutterBottom>
              {t(
                rollback.length > 1
                  ? 'view.statusActions.rollbackRunsSeveral'
                  : 'view.statusActions.rollbackRunsOne',
                {
                  steps: (
                    <>
                      {rollback.map((step, index) => (
                        <span key={step.id}>
                          {index > 0 && ', '}
                          {step.number} (
                          <code>
                            {stepCommand(step, rollout.previousVersion)}
                          </code>
                          )
                        </span>
                      ))}
                    </>
                  ),
                  previousVersion: rollout.previousVersion ?? '',
                },
              )}
            </Typography>
            <Button
              color="primary"
              variant="contained"
              onClick={() => onRunRollback?.()}
            >
              {t('view.statusActions.runRollback')}
            </Button>
          </Box>
        )}
        {!refused && (
          <Typography variant="body2" gutterBottom>
            {rollback
              ? t('view.statusActions.statusGoesInstead', statusChange)
              : t('view.statusActions.statusGoes', statusChange)}
          </Typography>
        )}
        {consequence && !refused && (
          <Typography variant="body2" gutterBottom>
            {consequence}
          </Typography>
        )}
        {!refused && (
          <TextField
            id="rollout-status-reason"
            inputRef={rollback ? undefined : inputRef}
            label={t('view.statusActions.reason')}
            value={reason}
            onChange={e => setReason(e.target.value)}
            helperText={
              action.reasonRequired
                ? t('view.noteDialog.required')
                : t('view.noteDialog.optional')
            }
            inputProps={{ 'aria-required': action.reasonRequired }}
            multiline
            fullWidth
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>
          {refused ? t('common.close') : t('common.cancel')}
        </Button>
        {!refused && (
          <Button
            color="primary"
            variant={rollback ? 'outlined' : 'contained'}
            disabled={action.reasonRequired && !reason.trim()}
            onClick={() => onConfirm(reason.trim())}
          >
            {rollback ? t('view.statusActions.recordRolledBack') : label}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

/**
 * A button for each status the rollout may move to from its current one,
 * each asking for confirmation (and, to roll back or block, a reason) before
 * calling `onSetStatus`. Renders nothing for a completed or rolled back
 * rollout.
 */
export function RolloutStatusActions(props: {
  rollout: Pick<
    Rollout,
    'status' | 'version' | 'checklist' | 'previousVersion'
  >;
  onSetStatus: (status: RolloutStatus, reason?: string) => void;
  /** The runbook's order rules; starting may wait for the pre-flight checks. */
  rules?: RunbookRules;
  /** Runs the rollback steps; "Roll back" offers it when they may run. */
  onRunRollback?: () => void;
  /** The gates as last read, so Start and Resume say what would block. */
  gates?: RolloutGates;
}) {
  const { rollout, onSetStatus, onRunRollback, gates } = props;
  const rules = props.rules ?? defaultRunbookRules;
  const [confirming, setConfirming] = useState<StatusAction>();
  const { t } = useRolloutTranslation();
  const format = useRolloutFormat();
  const offered = rolloutTransitions[rollout.status].map(to =>
    actionOf(rollout.status, to),
  );
  if (!offered.length) {
    return null;
  }
  // The checks a draft waits for, when the rules make starting wait.
  const notYet =
    rollout.status === 'draft' &&
    startBlockers(rollout.checklist, rules).length > 0
      ? rollout.checklist.preflightChecks.filter(check => !check.checked)
      : [];
  // Before going on: what is open and what the gates say. Before
  // completing: everything completion waits for.
  const openFor = (to: Target): OpenItemGroup[] => {
    if (to === 'in_progress') {
      return [
        ...openItemGroups(
          rollout.checklist,
          { only: ['checks', 'signOffs'] },
          t,
        ),
        ...gateWarnings(gates, t, format),
      ];
    }
    return to === 'completed'
      ? openItemGroups(
          rollout.checklist,
          { communication: rules.requireCommunication },
          t,
        )
      : [];
  };
  return (
    <Box>
      <Box
        display="flex"
        gridGap={8}
        flexWrap="wrap"
        role="group"
        aria-label={t('view.statusActions.groupLabel')}
      >
        {offered.map(action => {
          const waiting = action.to === 'in_progress' && notYet.length > 0;
          return (
            <Button
              key={action.to}
              size="small"
              color="primary"
              variant={action.forward ? 'contained' : 'outlined'}
              disabled={waiting}
              aria-describedby={waiting ? 'rollout-start-blockers' : undefined}
              onClick={() => setConfirming(action)}
            >
              {t(`view.statusActions.action.${action.name}`)}
            </Button>
          );
        })}
      </Box>
      {notYet.length > 0 && (
        <Typography
          variant="caption"
          display="block"
          color="textSecondary"
          id="rollout-start-blockers"
          data-testid="start-blockers"
        >
          {t('view.statusActions.startBlockers', {
            count: notYet.length,
            checks: notYet.map(check => check.text).join('; '),
          })}
        </Typography>
      )}
      {confirming && (
        <StatusDialog
          action={confirming}
          rollout={rollout}
          rules={rules}
          open={openFor(confirming.to)}
          onClose={() => setConfirming(undefined)}
          onConfirm={reason => {
            onSetStatus(confirming.to, reason || undefined);
            setConfirming(undefined);
          }}
          onRunRollback={
            onRunRollback &&
            (() => {
              onRunRollback();
              setConfirming(undefined);
            })
          }
        />
      )}
    </Box>
  );
}
