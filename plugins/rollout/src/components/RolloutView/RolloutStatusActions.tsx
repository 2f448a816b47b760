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
import { statusText } from './eventText';
import { useFocusOnOpen } from './NoteDialog';

type Target = (typeof rolloutTransitions)[RolloutStatus][number];

/** One move the tab offers from the rollout's current status. */
type StatusAction = {
  to: Target;
  label: string;
  /** Leaving the planned path needs a reason the history can show. */
  reasonRequired: boolean;
  /** Forward moves are the prominent buttons. */
  forward: boolean;
};

/** The button of each target; from a draft, `in_progress` starts instead. */
const actions: Record<Target, Omit<StatusAction, 'to'>> = {
  in_progress: { label: 'Resume', reasonRequired: false, forward: true },
  completed: { label: 'Complete', reasonRequired: false, forward: true },
  rolled_back: { label: 'Roll back', reasonRequired: true, forward: false },
  blocked: { label: 'Block', reasonRequired: true, forward: false },
};

function actionOf(from: RolloutStatus, to: Target): StatusAction {
  const action = { to, ...actions[to] };
  return from === 'draft' && to === 'in_progress'
    ? { ...action, label: 'Start rollout' }
    : action;
}

/** What confirming a move does beyond changing the status word. */
const consequences: Partial<Record<RolloutStatus, string>> = {
  completed:
    'Completing is final: the rollout becomes read-only, and a change needs a new version.',
  rolled_back:
    'Recording it changes the status only: the rollback steps do not run. It is final: the rollout becomes read-only.',
};

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
  const consequence = consequences[action.to];
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
          ? `${rollout.version} cannot be completed yet`
          : `${action.label} ${rollout.version}?`}
      </DialogTitle>
      <DialogContent>
        {open.length > 0 && (
          <Box mb={2} data-testid="rollout-status-open">
            <Typography variant="body2" gutterBottom>
              {refused
                ? 'Completing waits for these; each link goes to its row:'
                : `${
                    rollout.status === 'draft' ? 'It can start' : 'It can go on'
                  }, but these are still open: completing waits for them, and a rejection or a gate blocks it.`}
            </Typography>
            <OpenItemsList groups={open} onJump={onClose} />
          </Box>
        )}
        {rollback && (
          <Box mb={2} data-testid="rollback-run">
            <Typography variant="body2" gutterBottom>
              Runs rollback step{rollback.length > 1 ? 's' : ''}{' '}
              {rollback.map((step, index) => (
                <span key={step.id}>
                  {index > 0 && ', '}
                  {step.number} (
                  <code>{stepCommand(step, rollout.previousVersion)}</code>)
                </span>
              ))}{' '}
              as scaffolder tasks. The rollout goes back to{' '}
              {rollout.previousVersion} and is rolled back when they succeed.
            </Typography>
            <Button
              color="primary"
              variant="contained"
              onClick={() => onRunRollback?.()}
            >
              Run rollback
            </Button>
          </Box>
        )}
        {!refused && (
          <Typography variant="body2" gutterBottom>
            {rollback ? 'Or record it without running anything: the' : 'The'}{' '}
            status goes from {statusText(rollout.status)} to{' '}
            {statusText(action.to)}.
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
            label="Reason"
            value={reason}
            onChange={e => setReason(e.target.value)}
            helperText={
              action.reasonRequired
                ? "Required; it goes into the rollout's history"
                : "Optional; it goes into the rollout's history"
            }
            inputProps={{ 'aria-required': action.reasonRequired }}
            multiline
            fullWidth
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{refused ? 'Close' : 'Cancel'}</Button>
        {!refused && (
          <Button
            color="primary"
            variant={rollback ? 'outlined' : 'contained'}
            disabled={action.reasonRequired && !reason.trim()}
            onClick={() => onConfirm(reason.trim())}
          >
            {rollback ? 'Record as rolled back' : action.label}
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
  const offered = rolloutTransitions[rollout.status].map(to =>
    actionOf(rollout.status, to),
  );
  if (!offered.length) {
    return null;
  }
  const notYet =
    rollout.status === 'draft' ? startBlockers(rollout.checklist, rules) : [];
  // Before going on: what is open and what the gates say. Before
  // completing: everything completion waits for.
  const openFor = (to: Target): OpenItemGroup[] => {
    if (to === 'in_progress') {
      return [
        ...openItemGroups(rollout.checklist, { only: ['checks', 'signOffs'] }),
        ...gateWarnings(gates),
      ];
    }
    return to === 'completed'
      ? openItemGroups(rollout.checklist, {
          communication: rules.requireCommunication,
        })
      : [];
  };
  return (
    <Box>
      <Box
        display="flex"
        gridGap={8}
        flexWrap="wrap"
        role="group"
        aria-label="Status changes"
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
              {action.label}
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
          Starts once every pre-flight check is ticked: {notYet.join('. ')}
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
