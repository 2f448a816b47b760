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
import { MarkdownFileButton, VersionFields } from './VersionFields';

type Source = 'checklist' | 'file';

/** Why the backend refused to create the rollout, as a sentence to show. */
function refusalOf(e: unknown): string {
  if (!ResponseError.is(e)) {
    return (e as Error).message;
  }
  const message = e.cause.message;
  return rolloutConflictReasonOf(e.body.error) === 'duplicate'
    ? `${message.replace(
        /\.$/,
        '',
      )}. Choose another version, or pick that one in the version picker.`
    : message;
}

/** An uploaded checklist, or an error saying which line is wrong. */
function parseUpload(markdown: string): Checklist {
  try {
    return parseChecklist(markdown);
  } catch (e) {
    throw new Error(`Invalid checklist: ${(e as Error).message}`);
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
  const [version, setVersion] = useState('');
  const [previousVersion, setPreviousVersion] = useState(
    current?.version ?? '',
  );
  const [source, setSource] = useState<Source>(current ? 'checklist' : 'file');
  const [file, setFile] = useState<File>();
  const [creating, setCreating] = useState(false);
  const [error, setError] = useState<string>();

  const ready =
    version.trim() !== '' &&
    (source === 'checklist' ? Boolean(current) : Boolean(file));

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
      if (source === 'file' && file) {
        // A new version starts fresh whatever the file says of a run:
        // parsed here (the backend's own parser and limits), then reset.
        created = await api.createRollout({
          ...request,
          checklist: nextVersionChecklist(parseUpload(await file.text())),
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
      setError(refusalOf(e));
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
      <DialogTitle id="rollout-new-version-title">New version</DialogTitle>
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
            <FormLabel component="legend">Start from</FormLabel>
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
                    ? `This checklist (${current.version}), with its run state, ticks and decisions reset and its signers kept`
                    : 'This checklist'
                }
              />
              <FormControlLabel
                value="file"
                control={<Radio />}
                label="An uploaded markdown file"
              />
            </RadioGroup>
          </FormControl>
        </Box>
        {source === 'file' && (
          <Box mt={1}>
            <MarkdownFileButton
              label="Markdown file"
              fileName={file?.name}
              placeholder="No file chosen"
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
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!ready || creating}
          onClick={create}
        >
          Create
        </Button>
      </DialogActions>
    </Dialog>
  );
}
