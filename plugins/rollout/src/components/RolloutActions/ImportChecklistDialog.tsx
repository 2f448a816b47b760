import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import { CreateRolloutResponse } from '@rollout/backstage-plugin-rollout-common';
import { useState } from 'react';
import { rolloutApiRef } from '../../api';
import { useRolloutTranslation } from '../../translation';
import { ChecklistPreview, useParsedChecklist } from './ChecklistPreview';
import { MarkdownFileButton, VersionFields } from './VersionFields';

/**
 * Imports a checklist written elsewhere, in whatever shape the team wrote
 * it (headings in English or Russian, a runbook table or numbered list,
 * signers by handle or email), as a new version. The preview shows, before
 * anything is stored, what each section reads as, what the reader had to
 * guess and which signers the catalog will be asked for; the backend reads
 * the same document again and answers its own warnings.
 */
export function ImportChecklistDialog(props: {
  /** The entity the rollout is of, as rollouts store it. */
  entityRef: string;
  /** The version shown on the tab, if any: the default previous version. */
  currentVersion?: string;
  onClose: () => void;
  /** Called with the created rollout and the backend's warnings. */
  onCreated: (created: CreateRolloutResponse) => void;
}) {
  const { entityRef, currentVersion, onClose, onCreated } = props;
  const api = useApi(rolloutApiRef);
  const { t } = useRolloutTranslation();
  const [version, setVersion] = useState('');
  const [previousVersion, setPreviousVersion] = useState(currentVersion ?? '');
  const [markdown, setMarkdown] = useState('');
  const [fileName, setFileName] = useState<string>();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string>();
  const parsed = useParsedChecklist(markdown);

  // The preview reads the text once typing settles; Import waits for it.
  const read = parsed.settled.trim() !== '' && parsed.settled === markdown;
  const ready = version.trim() !== '' && read && !parsed.error;

  const create = async () => {
    setCreating(true);
    setError(undefined);
    try {
      const created = await api.importRollout({
        entityRef,
        version: version.trim(),
        ...(previousVersion.trim()
          ? { previousVersion: previousVersion.trim() }
          : {}),
        markdown,
      });
      setCreating(false);
      onCreated(created);
    } catch (e) {
      setError(ResponseError.is(e) ? e.cause.message : (e as Error).message);
      setCreating(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="lg"
      aria-labelledby="rollout-import-title"
    >
      <DialogTitle id="rollout-import-title">
        {t('actions.importDialog.title')}
      </DialogTitle>
      <DialogContent>
        <Grid container spacing={2}>
          <Grid item xs={12} md={6}>
            <VersionFields
              idPrefix="rollout-import"
              version={version}
              onVersion={setVersion}
              previousVersion={previousVersion}
              onPreviousVersion={setPreviousVersion}
            />
            <Box mt={1} mb={1}>
              <MarkdownFileButton
                label={t('actions.importDialog.fileLabel')}
                fileName={fileName}
                placeholder={t('actions.importDialog.filePlaceholder')}
                onFile={async file => {
                  setFileName(file.name);
                  setMarkdown(await file.text());
                }}
              />
            </Box>
            <TextField
              id="rollout-import-markdown"
              label={t('actions.importDialog.markdownLabel')}
              value={markdown}
              onChange={e => setMarkdown(e.target.value)}
              helperText={t('actions.importDialog.markdownHelp')}
              multiline
              minRows={16}
              maxRows={28}
              fullWidth
              variant="outlined"
              inputProps={{
                spellCheck: false,
                style: { fontFamily: 'monospace' },
              }}
            />
          </Grid>
          <Grid item xs={12} md={6}>
            {parsed.settled.trim() ? (
              <ChecklistPreview parsed={parsed} />
            ) : (
              <Alert severity="info" role="note">
                {t('actions.importDialog.previewNote')}
              </Alert>
            )}
          </Grid>
        </Grid>
        {error && (
          <Box mt={2}>
            <Alert severity="error" role="alert">
              {error}
            </Alert>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!ready || creating}
          onClick={create}
        >
          {t('actions.importDialog.import')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
