import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import Alert from '@material-ui/lab/Alert';
import {
  Checklist,
  Rollout,
  nextVersionChecklist,
  parseChecklist,
  rolloutConflictReasonOf,
} from '@rollout/backstage-plugin-rollout-common';
import { useState } from 'react';
import { rolloutApiRef } from '../../api';
import {
  RolloutTranslationFunction,
  useRolloutTranslation,
} from '../../translation';
import { MarkdownFileButton, VersionFields } from './VersionFields';

type Source = 'checklist' | 'file';

/** Why the backend refused to create the rollout, as a sentence to show. */
function refusalOf(t: RolloutTranslationFunction, e: unknown): string {
  if (!ResponseError.is(e)) {
    return (e as Error).message;
  }
  const message = e.cause.message;
  return rolloutConflictReasonOf(e.body.error) === 'duplicate'
    ? t('actions.newVersion.duplicate', {
        message: message.replace(/\.$/, ''),
      })
    : message;
}

/** An uploaded checklist, or an error saying which line is wrong. */
function parseUpload(
  t: RolloutTranslationFunction,
  markdown: string,
): Checklist {
  try {
    return parseChecklist(markdown);
  } catch (e) {
    throw new Error(
      t('actions.newVersion.invalidChecklist', {
        message: (e as Error).message,
      }),
    );
  }
}

/**
 * Creates the next version of an entity's rollout from the current
 * rollout's checklist or from an uploaded markdown checklist; either way
 * run state, ticks and decisions are reset and signers kept. A refusal (a version that exists,
 * a document that is not a checklist) is shown in the dialog, which stays
 * open.
 */
export function NewVersionDialog(props: {
  /** The entity the rollout is of, as rollouts store it. */
  entityRef: string;
  /** The rollout shown on the tab, if any: the default source and previous version. */
  current?: Pick<Rollout, 'id' | 'version'>;
  onClose: () => void;
  /** Called with the rollout once the backend has created it. */
  onCreated: (rollout: Rollout) => void;
}) {
  const { entityRef, current, onClose, onCreated } = props;
  const api = useApi(rolloutApiRef);
  const { t } = useRolloutTranslation();
  const [version, setVersion] = useState('');
  const [previousVersion, setPreviousVersion] = useState(
    current?.version ?? '',
  );
  const [source, setSource] = useState<Source>(current ? 'checklist' : 'file');
  const [file, setFile] = useState<File>();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string>();

  const fromFile = source === 'file';
  const ready =
    version.trim() !== '' && (fromFile ? Boolean(file) : Boolean(current));

  const create = async () => {
    setCreating(true);
    setError(undefined);
    const request = {
      entityRef,
      version: version.trim(),
      ...(previousVersion.trim()
        ? { previousVersion: previousVersion.trim() }
        : {}),
    };
    try {
      let created: Rollout;
      if (fromFile && file) {
        // A new version starts fresh whatever the file says of a run:
        // parsed here (the backend's own parser and limits), then reset.
        created = await api.createRollout({
          ...request,
          checklist: nextVersionChecklist(parseUpload(t, await file.text())),
        });
      } else {
        const { checklist } = await api.getRollout(current!.id);
        created = await api.createRollout({
          ...request,
          checklist: nextVersionChecklist(checklist),
        });
      }
      setCreating(false);
      onCreated(created);
    } catch (e) {
      setError(refusalOf(t, e));
      setCreating(false);
    }
  };

  return (
    <Dialog
      open
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="rollout-new-version-title"
    >
      <DialogTitle id="rollout-new-version-title">
        {t('actions.newVersion.title')}
      </DialogTitle>
      <DialogContent>
        <VersionFields
          idPrefix="rollout-new"
          version={version}
          onVersion={setVersion}
          previousVersion={previousVersion}
          onPreviousVersion={setPreviousVersion}
        />
        <Box mt={2}>
          <FormControl component="fieldset">
            <FormLabel component="legend">
              {t('actions.newVersion.startFrom')}
            </FormLabel>
            <RadioGroup
              value={source}
              onChange={e => setSource(e.target.value as Source)}
            >
              <FormControlLabel
                value="checklist"
                control={<Radio />}
                disabled={!current}
                label={
                  current
                    ? t('actions.newVersion.thisChecklistOf', {
                        version: current.version,
                      })
                    : t('actions.newVersion.thisChecklist')
                }
              />
              <FormControlLabel
                value="file"
                control={<Radio />}
                label={t('actions.newVersion.uploadedFile')}
              />
            </RadioGroup>
          </FormControl>
        </Box>
        {fromFile && (
          <Box mt={1}>
            <MarkdownFileButton
              label={t('actions.newVersion.fileLabel')}
              fileName={file?.name}
              placeholder={t('actions.newVersion.noFile')}
              onFile={setFile}
            />
          </Box>
        )}
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
          {t('actions.newVersion.create')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
