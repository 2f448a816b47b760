import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  RolloutSummary,
  rolloutConflictReasonOf,
} from '@rollout/backstage-plugin-rollout-common';
import { useState } from 'react';
import { rolloutApiRef } from '../../api';

type PendingRow = { id: string; role: string };

function RejectDialog(props: {
  role: string;
  rollout: RolloutSummary;
  onClose: () => void;
  onConfirm: (note: string) => void;
}) {
  const { role, rollout, onClose, onConfirm } = props;
  const [note, setNote] = useState('');
  return (
    <Dialog
      open
      onClose={onClose}
      aria-labelledby="reject-dialog-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="reject-dialog-title">Reject as {role}</DialogTitle>
      <DialogContent>
        <DialogContentText>
          {rollout.entityRef} {rollout.version}: a rejection blocks the rollout,
          and its owners are told why.
        </DialogContentText>
        <TextField
          id="reject-dialog-note"
          label="Why (required)"
          value={note}
          onChange={e => setNote(e.target.value)}
          multiline
          minRows={3}
          variant="outlined"
          fullWidth
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!note.trim()}
          onClick={() => onConfirm(note.trim())}
        >
          Reject
        </Button>
      </DialogActions>
    </Dialog>
  );
}

/**
 * Approve and Reject for each pending sign-off row of a listed rollout that
 * the user signs, decided with the revision the list showed; a rejection
 * asks why. The decision shows at once and is taken back if the backend
 * refuses it; a stale revision says so; `onDecided` reloads either way.
 */
export function YourSignOffs(props: {
  rollout: RolloutSummary;
  onDecided: () => void;
}) {
  const { rollout, onDecided } = props;
  const api = useApi(rolloutApiRef);
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState<PendingRow>();
  // Decisions shown before the backend answers, as the tab shows them; a
  // refused one is taken back.
  const [shown, setShown] = useState<
    Record<string, 'approved' | 'rejected' | undefined>
  >({});

  const decide = async (
    signOff: PendingRow,
    decision: 'approved' | 'rejected',
    note?: string,
  ) => {
    setBusy(true);
    setShown(current => ({ ...current, [signOff.id]: decision }));
    try {
      await api.decideSignOff(rollout.id, signOff.id, {
        expectedRevision: rollout.revision,
        decision,
        ...(note ? { note } : {}),
      });
      alertApi.post({
        message: `${signOff.role} of ${rollout.entityRef} ${rollout.version}: ${decision}`,
        severity: 'success',
        display: 'transient',
      });
    } catch (e) {
      setShown(current => ({ ...current, [signOff.id]: undefined }));
      const stale =
        e instanceof ResponseError &&
        rolloutConflictReasonOf(e.body.error) === 'staleRevision';
      alertApi.post({
        message: stale
          ? `Someone else changed ${rollout.entityRef} ${rollout.version} meanwhile; it has been reloaded. Check it and decide again.`
          : (ResponseError.is(e) ? e.cause : (e as Error)).message,
        severity: stale ? 'warning' : 'error',
      });
    } finally {
      setBusy(false);
      onDecided();
    }
  };

  return (
    <>
      {(rollout.awaitingYou ?? []).map(signOff =>
        shown[signOff.id] ? (
          <Typography
            key={signOff.id}
            variant="body2"
            role="status"
            style={{ marginTop: 4 }}
          >
            {signOff.role}: {shown[signOff.id]}
          </Typography>
        ) : (
          <Box
            key={signOff.id}
            mt={0.5}
            display="flex"
            flexWrap="wrap"
            gridGap={4}
            alignItems="center"
            role="group"
            aria-label={`Your sign-off as ${signOff.role}`}
          >
            <Typography variant="body2" component="span" noWrap>
              Yours as {signOff.role}:
            </Typography>
            <Button
              size="small"
              variant="outlined"
              color="primary"
              disabled={busy}
              onClick={() => decide(signOff, 'approved')}
            >
              Approve
            </Button>
            <Button
              size="small"
              variant="outlined"
              disabled={busy}
              onClick={() => setRejecting(signOff)}
            >
              Reject
            </Button>
          </Box>
        ),
      )}
      {rejecting && (
        <RejectDialog
          role={rejecting.role}
          rollout={rollout}
          onClose={() => setRejecting(undefined)}
          onConfirm={note => {
            setRejecting(undefined);
            decide(rejecting, 'rejected', note);
          }}
        />
      )}
    </>
  );
}
