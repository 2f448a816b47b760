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
  RolloutStatus,
  rolloutTransitions,
} from '@rollout/backstage-plugin-rollout-common';
import { useState } from 'react';

/** A status as the chips show it: `in_progress` reads "in progress". */
const words = (status: RolloutStatus) => status.replace(/_/g, ' ');

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
    'Completing needs every pre-flight check ticked, every sign-off approved and every runbook step succeeded or skipped with a reason. It is final: the status cannot change afterwards.',
  rolled_back:
    'This records the status only: run the rollback steps of the runbook as well. It is final: the status cannot change afterwards.',
};

function StatusDialog(props: {
  action: StatusAction;
  rollout: Pick<Rollout, 'status' | 'version'>;
  onClose: () => void;
  onConfirm: (reason: string) => void;
}) {
  const { action, rollout, onClose, onConfirm } = props;
  const [reason, setReason] = useState('');
  const consequence = consequences[action.to];
  return (
    <Dialog open onClose={onClose} aria-labelledby="rollout-status-title">
      <DialogTitle id="rollout-status-title">
        {action.label} {rollout.version}?
      </DialogTitle>
      <DialogContent>
        <Typography variant="body2" gutterBottom>
          The status goes from {words(rollout.status)} to {words(action.to)}.
        </Typography>
        {consequence && (
          <Typography variant="body2" gutterBottom>
            {consequence}
          </Typography>
        )}
        <TextField
          id="rollout-status-reason"
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
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={action.reasonRequired && !reason.trim()}
          onClick={() => onConfirm(reason.trim())}
        >
          {action.label}
        </Button>
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
  rollout: Pick<Rollout, 'status' | 'version'>;
  onSetStatus: (status: RolloutStatus, reason?: string) => void;
}) {
  const { rollout, onSetStatus } = props;
  const [confirming, setConfirming] = useState<StatusAction>();
  const offered = rolloutTransitions[rollout.status].map(to =>
    actionOf(rollout.status, to),
  );
  if (!offered.length) {
    return null;
  }
  return (
    <Box
      display="flex"
      gridGap={8}
      flexWrap="wrap"
      role="group"
      aria-label="Status changes"
    >
      {offered.map(action => (
        <Button
          key={action.to}
          size="small"
          color="primary"
          variant={action.forward ? 'contained' : 'outlined'}
          onClick={() => setConfirming(action)}
        >
          {action.label}
        </Button>
      ))}
      {confirming && (
        <StatusDialog
          action={confirming}
          rollout={rollout}
          onClose={() => setConfirming(undefined)}
          onConfirm={reason => {
            onSetStatus(confirming.to, reason || undefined);
            setConfirming(undefined);
          }}
        />
      )}
    </Box>
  );
}
