import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  RolloutEvent,
  UpdateRolloutResponse,
  rolloutConflictReasonOf,
} from '@rollout/backstage-plugin-rollout-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { rolloutApiRef } from '../../api';
import { useRolloutTranslation } from '../../translation';
import { ChecklistPreview, useParsedChecklist } from './ChecklistPreview';

/** What someone else changed between reading the checklist and saving it. */
type Conflict = { since: number; events: RolloutEvent[] };

/** The backend's reason for refusing a call, not just its status line. */
function messageOf(e: unknown): string {
  return ResponseError.is(e) ? e.cause.message : (e as Error).message;
}

function isStale(e: unknown): boolean {
  return (
    e instanceof ResponseError &&
    rolloutConflictReasonOf(e.body.error) === 'staleRevision'
  );
}

function ChangesMeanwhile(props: { conflict: Conflict }) {
  const { since, events } = props.conflict;
  const { t } = useRolloutTranslation();
  return (
    <Alert
      severity="warning"
      role="alert"
      aria-label={t('actions.editDialog.conflict.label')}
    >
      <AlertTitle>
        {t('actions.editDialog.conflict.title', { revision: String(since) })}
      </AlertTitle>
      {events.length ? (
        <ul>
          {events.map(event => (
            <li key={event.id}>
              {/* The history's message, as the backend wrote it. */}
              {t('actions.editDialog.conflict.event', {
                message: event.message,
                actor: event.actor,
                revision: String(event.revision),
              })}
            </li>
          ))}
        </ul>
      ) : (
        <Typography variant="body2" paragraph>
          {t('actions.editDialog.conflict.noChanges', {
            revision: String(since),
          })}
        </Typography>
      )}
      <Typography variant="body2">
        {t('actions.editDialog.conflict.explanation')}
      </Typography>
    </Alert>
  );
}

function Editor(props: {
  rolloutId: string;
  read: { revision: number; markdown: string };
  onClose: () => void;
  onSaved: (response: UpdateRolloutResponse) => void;
}) {
  const { rolloutId, read, onClose, onSaved } = props;
  const api = useApi(rolloutApiRef);
  const { t } = useRolloutTranslation();
  const [text, setText] = useState(read.markdown);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const [conflict, setConflict] = useState<Conflict>();
  const parsed = useParsedChecklist(text);

  const save = async (revision: () => Promise<number>) => {
    setSaving(true);
    setError(undefined);
    let expectedRevision: number | undefined;
    try {
      expectedRevision = await revision();
      const response = await api.updateRolloutMarkdown(rolloutId, {
        expectedRevision,
        markdown: text,
      });
      setSaving(false);
      onSaved(response);
    } catch (e) {
      try {
        if (expectedRevision !== undefined && isStale(e)) {
          const since = expectedRevision;
          const events = await api.getRolloutEvents(rolloutId);
          setConflict({
            since,
            events: events.filter(event => event.revision > since),
          });
        } else {
          setError(messageOf(e));
        }
      } catch (historyError) {
        setError(messageOf(historyError));
      }
      setSaving(false);
    }
  };

  return (
    <>
      <DialogContent dividers>
        <Grid container spacing={2}>
          <Grid item xs={12} md={6}>
            <TextField
              id="rollout-checklist-markdown"
              label={t('actions.editDialog.markdownLabel')}
              value={text}
              onChange={e => setText(e.target.value)}
              variant="outlined"
              multiline
              minRows={20}
              maxRows={40}
              fullWidth
              inputProps={{
                spellCheck: false,
                style: { fontFamily: 'monospace', fontSize: '0.85rem' },
              }}
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <ChecklistPreview parsed={parsed} />
          </Grid>
          {(conflict || error) && (
            <Grid item xs={12}>
              {conflict && <ChangesMeanwhile conflict={conflict} />}
              {error && (
                <Alert severity="error" role="alert">
                  {error}
                </Alert>
              )}
            </Grid>
          )}
        </Grid>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        {conflict ? (
          <Button
            color="primary"
            variant="contained"
            disabled={saving || Boolean(parsed.error)}
            onClick={() =>
              save(async () => (await api.getRollout(rolloutId)).revision)
            }
          >
            {t('actions.editDialog.reapply')}
          </Button>
        ) : (
          <Button
            color="primary"
            variant="contained"
            disabled={saving || Boolean(parsed.error) || text === read.markdown}
            onClick={() => save(async () => read.revision)}
          >
            {t('common.save')}
          </Button>
        )}
      </DialogActions>
    </>
  );
}

/**
 * Edits a rollout's checklist as markdown, with a live preview of what the
 * text parses to. Saving names the revision the markdown was read at; when
 * someone changed the rollout meanwhile the dialog stays open, lists their
 * changes and offers to reapply the edit over the latest revision.
 */
export function EditChecklistDialog(props: {
  rolloutId: string;
  version: string;
  onClose: () => void;
  /** Called with what the backend answered once the edit is saved. */
  onSaved: (response: UpdateRolloutResponse) => void;
}) {
  const { rolloutId, version, onClose, onSaved } = props;
  const api = useApi(rolloutApiRef);
  const { t } = useRolloutTranslation();
  const read = useAsync(async () => {
    // The revision is read before the text: should the rollout change in
    // between, the save names a revision older than the text and is refused
    // as stale rather than applied over a change the editor never showed.
    const { revision } = await api.getRollout(rolloutId);
    const markdown = await api.getRolloutMarkdown(rolloutId);
    return { revision, markdown };
  }, [api, rolloutId]);

  return (
    <Dialog
      open
      // A stray click beside the dialog should not throw an edit away.
      onClose={(_event, reason) => reason !== 'backdropClick' && onClose()}
      fullWidth
      maxWidth="xl"
      aria-labelledby="rollout-edit-title"
    >
      <DialogTitle id="rollout-edit-title">
        {t('actions.editDialog.title', { version })}
      </DialogTitle>
      {read.value ? (
        <Editor
          rolloutId={rolloutId}
          read={read.value}
          onClose={onClose}
          onSaved={onSaved}
        />
      ) : (
        <>
          <DialogContent>
            {read.error ? (
              <Alert severity="error" role="alert">
                {t('actions.editDialog.readError', {
                  message: messageOf(read.error),
                })}
              </Alert>
            ) : (
              <Progress />
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
          </DialogActions>
        </>
      )}
    </Dialog>
  );
}
