import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useRolloutTranslation } from '../../translation';

/**
 * The version and previous version of a rollout being created, as the New
 * version and Import dialogs ask for them.
 */
export function VersionFields(props: {
  /** Prefixes the fields' ids, unique per dialog. */
  idPrefix: string;
  version: string;
  onVersion: (version: string) => void;
  previousVersion: string;
  onPreviousVersion: (version: string) => void;
}) {
  const { idPrefix, version, onVersion, previousVersion, onPreviousVersion } =
    props;
  const { t } = useRolloutTranslation();
  return (
    <>
      <TextField
        id={`${idPrefix}-version`}
        label={t('actions.versionFields.version')}
        value={version}
        onChange={e => onVersion(e.target.value)}
        helperText={t('actions.versionFields.versionHelp')}
        required
        fullWidth
        margin="dense"
      />
      <TextField
        id={`${idPrefix}-previous-version`}
        label={t('actions.versionFields.previousVersion')}
        value={previousVersion}
        onChange={e => onPreviousVersion(e.target.value)}
        helperText={t('actions.versionFields.previousVersionHelp')}
        fullWidth
        margin="dense"
      />
    </>
  );
}

/**
 * A button that picks a markdown file, with the chosen file's name (or
 * `placeholder`) beside it.
 */
export function MarkdownFileButton(props: {
  /** The file input's accessible name. */
  label: string;
  fileName?: string;
  placeholder: string;
  onFile: (file: File) => void;
}) {
  const { label, fileName, placeholder, onFile } = props;
  const { t } = useRolloutTranslation();
  return (
    <Box display="flex" alignItems="center" gridGap={8}>
      <Button variant="outlined" component="label">
        {t('actions.versionFields.chooseFile')}
        <input
          type="file"
          accept=".md,text/markdown"
          aria-label={label}
          hidden
          onChange={e => {
            const file = e.target.files?.[0];
            if (file) {
              onFile(file);
            }
          }}
        />
      </Button>
      <Typography variant="body2" component="span">
        {fileName ?? placeholder}
      </Typography>
    </Box>
  );
}
