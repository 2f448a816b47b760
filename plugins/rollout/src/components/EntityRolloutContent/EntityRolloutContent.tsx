import {
  CodeSnippet,
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { Entity } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { useSignal } from '@backstage/plugin-signals-react';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ChecklistWarning,
  Rollout,
  RolloutEditSummary,
  rolloutSignalChannel,
} from '@rollout/backstage-plugin-rollout-common';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Alert } from '@material-ui/lab';
import { rolloutEntityRef } from '../../conditions';
import { useEntityRollouts } from '../../hooks/useRollout';
import { statusLabel, useRolloutTranslation } from '../../translation';
import { EditSummaryBanner } from '../RolloutActions/EditSummaryBanner';
import { RolloutActions } from '../RolloutActions/RolloutActions';
import { RolloutView } from '../RolloutView/RolloutView';

// The picker's label sits on the page background, where the theme's
// secondary text colour falls just short of 4.5:1.
const useStyles = makeStyles(theme => ({
  label: { color: theme.palette.text.primary },
}));

function NoRollout(props: {
  entity: Entity;
  onCreated: (rollout: Rollout, warnings?: ChecklistWarning[]) => void;
}) {
  const { entity, onCreated } = props;
  const { t } = useRolloutTranslation();
  const entityRef = rolloutEntityRef(entity);
  const example = `curl -X POST \\
  -H "Authorization: Bearer $TOKEN" \\
  -H "Content-Type: text/markdown" \\
  --data-binary @rollout-checklist.md \\
  "$BACKSTAGE/api/rollout/rollouts?entityRef=${entityRef}&version=v1.0.0"`;
  return (
    <EmptyState
      missing="content"
      title={t('actions.content.noRolloutTitle')}
      description={
        <>
          <Typography paragraph>
            {t('actions.content.noRolloutDescription')}
          </Typography>
          <CodeSnippet language="bash" text={example} />
        </>
      }
      action={<RolloutActions entity={entity} onCreated={onCreated} />}
    />
  );
}

type Listed = Pick<Rollout, 'id' | 'version' | 'status'>;

/** How often the list is re-read when signals are not available. */
const LIST_POLL_MS = 15000;

/**
 * Re-reads the list of versions when the shown rollout changes, so that
 * the picker's statuses stay current: on each of the rollout's signals or,
 * without signals, every little while.
 */
function ListRefresh(props: { rolloutId: string; onChange: () => void }) {
  const { rolloutId, onChange } = props;
  const latest = useRef(onChange);
  latest.current = onChange;
  const { lastSignal, isSignalsAvailable } = useSignal(
    rolloutSignalChannel(rolloutId),
  );
  const seen = useRef(lastSignal);
  useEffect(() => {
    if (lastSignal && lastSignal !== seen.current) {
      seen.current = lastSignal;
      latest.current();
    }
  }, [lastSignal]);
  useEffect(() => {
    if (isSignalsAvailable) {
      return undefined;
    }
    const timer = setInterval(() => latest.current(), LIST_POLL_MS);
    return () => clearInterval(timer);
  }, [isSignalsAvailable]);
  return null;
}

/**
 * The Rollout tab of an entity: its newest rollout, with the earlier ones a
 * version away, and a toolbar to edit the checklist, download it and create
 * the next version.
 * @public
 */
export function EntityRolloutContent() {
  const classes = useStyles();
  const { t } = useRolloutTranslation();
  const { entity } = useEntity();
  const entityRef = rolloutEntityRef(entity);
  const { value, error, retry } = useEntityRollouts(entityRef);
  // The shown version lives in the URL (`?version=v0.3.0`), so a link can
  // point at it and Back returns to the one before.
  const [searchParams, setSearchParams] = useSearchParams();
  const version = searchParams.get('version') ?? undefined;
  const showVersion = (next: string | undefined) => {
    const params = new URLSearchParams(searchParams);
    if (next) {
      params.set('version', next);
    } else {
      params.delete('version');
    }
    setSearchParams(params);
  };
  // A version just created, until the re-read list holds it.
  const [created, setCreated] = useState<Listed>();
  // Bumped to load the shown rollout afresh after an edit.
  const [generation, setGeneration] = useState(0);
  const [edited, setEdited] = useState<{
    rolloutId: string;
    edit: RolloutEditSummary;
    warnings?: ChecklistWarning[];
  }>();
  // What the import of a version warned of, until dismissed.
  const [imported, setImported] = useState<{
    rolloutId: string;
    warnings: ChecklistWarning[];
  }>();
  // A re-read that fails keeps the list the tab already shows.
  const lastList = useRef<Listed[]>();
  if (value) {
    lastList.current = value;
  }
  const rollouts = value ?? lastList.current;

  const onCreated = (rollout: Rollout, warnings?: ChecklistWarning[]) => {
    setCreated(rollout);
    showVersion(rollout.version);
    setEdited(undefined);
    setImported(
      warnings?.length ? { rolloutId: rollout.id, warnings } : undefined,
    );
    retry();
  };

  if (!rollouts) {
    return error ? <ResponseErrorPanel error={error} /> : <Progress />;
  }
  const listed =
    created && !rollouts.some(rollout => rollout.id === created.id)
      ? [created, ...rollouts]
      : rollouts;
  if (!listed.length) {
    return <NoRollout entity={entity} onCreated={onCreated} />;
  }
  const asked = version
    ? listed.find(rollout => rollout.version === version)
    : undefined;
  const shown = asked ?? listed[0];
  const picker = (
    <FormControl variant="outlined" size="small" style={{ minWidth: 200 }}>
      <InputLabel id="rollout-version-label" className={classes.label}>
        {t('actions.content.versionLabel')}
      </InputLabel>
      <Select
        labelId="rollout-version-label"
        label={t('actions.content.versionLabel')}
        value={shown.id}
        onChange={e => {
          const next = listed.find(rollout => rollout.id === e.target.value);
          showVersion(next?.version);
          setEdited(undefined);
        }}
      >
        {listed.map(rollout => (
          <MenuItem key={rollout.id} value={rollout.id}>
            {t('actions.content.pickerOption', {
              version: rollout.version,
              status: statusLabel(t, rollout.status),
            })}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
  return (
    <Grid container spacing={3} direction="column" wrap="nowrap">
      <Grid item>
        <ListRefresh rolloutId={shown.id} onChange={retry} />
        <RolloutActions
          entity={entity}
          rollout={shown}
          picker={picker}
          onEdited={({ id, edit, warnings }) => {
            setEdited({ rolloutId: id, edit, warnings });
            setGeneration(current => current + 1);
            retry();
          }}
          onCreated={onCreated}
        />
        {version && !asked && (
          <Box mt={2}>
            <Alert severity="warning" data-testid="rollout-version-missing">
              {t('actions.content.versionMissing', {
                entityRef,
                version,
                newest: shown.version,
              })}
            </Alert>
          </Box>
        )}
        {imported?.rolloutId === shown.id && (
          <Box mt={2}>
            <Alert
              role="status"
              severity="warning"
              data-testid="rollout-import-warnings"
              onClose={() => setImported(undefined)}
              closeText={t('common.close')}
            >
              {t('actions.content.importWarnings', {
                version: shown.version,
                count: imported.warnings.length,
              })}
              <ul>
                {imported.warnings.map(warning => (
                  <li key={`${warning.line}-${warning.message}`}>
                    {t('actions.content.importWarningLine', {
                      line: String(warning.line),
                      message: warning.message,
                    })}
                  </li>
                ))}
              </ul>
            </Alert>
          </Box>
        )}
        {edited?.rolloutId === shown.id && (
          <Box mt={2}>
            <EditSummaryBanner
              edit={edited.edit}
              warnings={edited.warnings}
              onClose={() => setEdited(undefined)}
            />
          </Box>
        )}
      </Grid>
      <Grid item>
        <RolloutView
          key={`${shown.id}#${generation}`}
          rolloutId={shown.id}
          entity={entity}
          onStatus={status => {
            // The picker says each version's status; keep it in step when
            // the shown rollout moves.
            if (status !== shown.status) {
              retry();
            }
          }}
        />
      </Grid>
    </Grid>
  );
}
