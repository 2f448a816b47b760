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
import { statusLabel, useRolloutTranslation } from '../../translation';

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
  const { t } = useRolloutTranslation();
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
        message: t('board.yourSignOffs.decided', {
          role: signOff.role,
          entity: rollout.entityRef,
          version: rollout.version,
          decision: statusLabel(t, decision),
        }),
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
          ? t('board.yourSignOffs.stale', {
              entity: rollout.entityRef,
              version: rollout.version,
            })
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
      {(rollout.awaitingYou ?? []).map(signOff => {
        const decision = shown[signOff.id];
        return decision ? (
          <Typography
            key={signOff.id}
            variant="body2"
            role="status"
            style={{ marginTop: 4 }}
          >
            {t('board.yourSignOffs.shown', {
              role: signOff.role,
              decision: statusLabel(t, decision),
            })}
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
            aria-label={t('board.yourSignOffs.group', { role: signOff.role })}
          >
            <Typography variant="body2" component="span" noWrap>
              {t('board.yourSignOffs.yoursAs', { role: signOff.role })}
            </Typography>
            <Button
              size="small"
              variant="outlined"
              color="primary"
              disabled={busy}
              onClick={() => decide(signOff, 'approved')}
            >
              {t('board.yourSignOffs.approve')}
            </Button>
            <Button
              size="small"
              variant="outlined"
              disabled={busy}
              onClick={() => setRejecting(signOff)}
            >
              {t('board.yourSignOffs.reject')}
            </Button>
          </Box>
        );
      })}
      {rejecting && (
        <NoteDialog
          id="reject-dialog"
          title={t('board.yourSignOffs.rejectTitle', { role: rejecting.role })}
          explanation={t('board.yourSignOffs.rejectExplanation', {
            entity: rollout.entityRef,
            version: rollout.version,
          })}
          label={t('board.yourSignOffs.rejectLabel')}
          required
          action={t('board.yourSignOffs.rejectAction')}
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
