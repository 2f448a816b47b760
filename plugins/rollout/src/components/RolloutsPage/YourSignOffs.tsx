import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import {
  RolloutSummary,
  rolloutConflictReasonOf,
} from '@rollout/backstage-plugin-rollout-common';
import { useState } from 'react';
import { rolloutApiRef } from '../../api';
import { NoteDialog } from '../RolloutView/NoteDialog';

type PendingRow = { id: string; role: string };

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
        <NoteDialog
          id="reject-dialog"
          title={`Reject as ${rejecting.role}`}
          explanation={`${rollout.entityRef} ${rollout.version}: a rejection blocks the rollout, and its owners are told why.`}
          label="Why (required)"
          required
          action="Reject"
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
