import {
  CodeSnippet,
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { rolloutEntityRef } from '../../conditions';
import { useEntityRollouts } from '../../hooks/useRollout';
import { RolloutView } from '../RolloutView/RolloutView';

function NoRollout(props: { entityRef: string }) {
  const example = `curl -X POST \\
  -H "Authorization: Bearer $TOKEN" \\
  -H "Content-Type: text/markdown" \\
  --data-binary @rollout-checklist.md \\
  "$BACKSTAGE/api/rollout/rollouts?entityRef=${props.entityRef}&version=v1.0.0"`;
  return (
    <EmptyState
      missing="content"
      title="No rollout for this entity yet"
      description={
        <>
          <Typography paragraph>
            A rollout keeps a release checklist (runbook, pre-flight checks,
            sign-offs, monitoring, communication) against this entity. Create
            one by running the “Start a rollout” software template, by posting a
            checklist object to the rollout API, or by importing a markdown
            checklist:
          </Typography>
          <CodeSnippet language="bash" text={example} />
        </>
      }
    />
  );
}

/**
 * The Rollout tab of an entity: its newest rollout, with the earlier ones a
 * version away.
 * @public
 */
export function EntityRolloutContent() {
  const { entity } = useEntity();
  const entityRef = rolloutEntityRef(entity);
  const { value: rollouts, loading, error } = useEntityRollouts(entityRef);
  const [selected, setSelected] = useState<string>();

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (loading || !rollouts) {
    return <Progress />;
  }
  if (!rollouts.length) {
    return <NoRollout entityRef={entityRef} />;
  }
  const rolloutId = selected ?? rollouts[0].id;
  const picker = (
    <FormControl variant="outlined" size="small" style={{ minWidth: 200 }}>
      <InputLabel id="rollout-version-label">Version</InputLabel>
      <Select
        labelId="rollout-version-label"
        label="Version"
        value={rolloutId}
        onChange={e => setSelected(e.target.value as string)}
      >
        {rollouts.map(rollout => (
          <MenuItem key={rollout.id} value={rollout.id}>
            {rollout.version} ({rollout.status.replace(/_/g, ' ')})
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
  return (
    <RolloutView
      key={rolloutId}
      rolloutId={rolloutId}
      entity={entity}
      actions={picker}
    />
  );
}
