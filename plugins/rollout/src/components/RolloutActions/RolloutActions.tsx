import { Entity } from '@backstage/catalog-model';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import AddIcon from '@material-ui/icons/Add';
import EditIcon from '@material-ui/icons/Edit';
import PublishIcon from '@material-ui/icons/Publish';
import {
  ChecklistWarning,
  Rollout,
  UpdateRolloutResponse,
  rolloutCreatePermission,
  rolloutUpdatePermission,
} from '@rollout/backstage-plugin-rollout-common';
import { ReactElement, ReactNode, useState } from 'react';
import { rolloutEntityRef } from '../../conditions';
import { useRolloutTranslation } from '../../translation';
import { DownloadMarkdownButton } from './DownloadMarkdownButton';
import { EditChecklistDialog } from './EditChecklistDialog';
import { ImportChecklistDialog } from './ImportChecklistDialog';
import { NewVersionDialog } from './NewVersionDialog';

/**
 * Says why a toolbar button is disabled. A disabled button gets no pointer
 * events, so the tooltip hangs on a span around it. The sections' own
 * `DeniedTooltip` is not reused so that its test id keeps naming the
 * sections' controls only.
 */
function WhyDisabled(props: { reason?: string; children: ReactElement }) {
  const { reason, children } = props;
  return reason ? (
    <Tooltip title={reason}>
      <span data-testid="rollout-action-denied">{children}</span>
    </Tooltip>
  ) : (
    children
  );
}

/**
 * A toolbar button that opens a dialog, enabled only for those the
 * permission allows, and saying why to the others.
 */
function DialogButton(props: {
  label: string;
  icon: ReactElement;
  permission: Parameters<typeof usePermission>[0];
  deniedReason: string;
  dialog: (close: () => void) => ReactElement;
}) {
  const { label, icon, permission, deniedReason, dialog } = props;
  const { loading, allowed } = usePermission(permission);
  const [open, setOpen] = useState(false);
  return (
    <>
      <WhyDisabled reason={!loading && !allowed ? deniedReason : undefined}>
        <Button
          variant="outlined"
          size="small"
          startIcon={icon}
          disabled={!allowed}
          onClick={() => setOpen(true)}
        >
          {label}
        </Button>
      </WhyDisabled>
      {open && dialog(() => setOpen(false))}
    </>
  );
}

function EditButton(props: {
  rollout: Pick<Rollout, 'id' | 'version'>;
  entityRef: string;
  onEdited: (response: UpdateRolloutResponse) => void;
}) {
  const { rollout, entityRef, onEdited } = props;
  const { t } = useRolloutTranslation();
  return (
    <DialogButton
      label={t('actions.menu.edit')}
      icon={<EditIcon />}
      permission={{
        permission: rolloutUpdatePermission,
        resourceRef: rollout.id,
      }}
      deniedReason={t('actions.menu.editDenied', { entityRef })}
      dialog={close => (
        <EditChecklistDialog
          rolloutId={rollout.id}
          version={rollout.version}
          onClose={close}
          onSaved={response => {
            close();
            onEdited(response);
          }}
        />
      )}
    />
  );
}

function NewVersionButton(props: {
  rollout?: Pick<Rollout, 'id' | 'version'>;
  entityRef: string;
  onCreated: (rollout: Rollout) => void;
}) {
  const { rollout, entityRef, onCreated } = props;
  const { t } = useRolloutTranslation();
  return (
    <DialogButton
      label={t('actions.menu.newVersion')}
      icon={<AddIcon />}
      permission={{ permission: rolloutCreatePermission }}
      deniedReason={t('actions.menu.newVersionDenied', { entityRef })}
      dialog={close => (
        <NewVersionDialog
          entityRef={entityRef}
          current={rollout}
          onClose={close}
          onCreated={created => {
            close();
            onCreated(created);
          }}
        />
      )}
    />
  );
}

function ImportButton(props: {
  currentVersion?: string;
  entityRef: string;
  onCreated: (rollout: Rollout, warnings: ChecklistWarning[]) => void;
}) {
  const { currentVersion, entityRef, onCreated } = props;
  const { t } = useRolloutTranslation();
  return (
    <DialogButton
      label={t('actions.menu.import')}
      icon={<PublishIcon />}
      permission={{ permission: rolloutCreatePermission }}
      deniedReason={t('actions.menu.importDenied', { entityRef })}
      dialog={close => (
        <ImportChecklistDialog
          entityRef={entityRef}
          currentVersion={currentVersion}
          onClose={close}
          onCreated={({ warnings, ...created }) => {
            close();
            onCreated(created, warnings);
          }}
        />
      )}
    />
  );
}

/**
 * The Rollout tab's toolbar: the version picker, then Edit (the checklist
 * as markdown), Download markdown, New version and Import (a checklist
 * written elsewhere). Without a rollout, New version (from an uploaded
 * file) and Import are offered.
 */
export function RolloutActions(props: {
  entity: Entity;
  /** The rollout the tab shows, if the entity has one. */
  rollout?: Pick<Rollout, 'id' | 'version'>;
  /** The version picker, first in the toolbar. */
  picker?: ReactNode;
  /** Called with what the backend answered once an edit is saved. */
  onEdited?: (response: UpdateRolloutResponse) => void;
  /**
   * Called with a version once the backend has created it, and what its
   * import warned of.
   */
  onCreated: (rollout: Rollout, warnings?: ChecklistWarning[]) => void;
}) {
  const { entity, rollout, picker, onEdited, onCreated } = props;
  const entityRef = rolloutEntityRef(entity);
  const { t } = useRolloutTranslation();
  return (
    <Box
      role="toolbar"
      aria-label={t('actions.menu.toolbarLabel')}
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      gridGap={8}
    >
      {picker}
      {rollout && (
        <>
          <EditButton
            rollout={rollout}
            entityRef={entityRef}
            onEdited={response => onEdited?.(response)}
          />
          <DownloadMarkdownButton
            rolloutId={rollout.id}
            entityName={entity.metadata.name}
            version={rollout.version}
          />
        </>
      )}
      <NewVersionButton
        rollout={rollout}
        entityRef={entityRef}
        onCreated={created => onCreated(created)}
      />
      <ImportButton
        currentVersion={rollout?.version}
        entityRef={entityRef}
        onCreated={onCreated}
      />
    </Box>
  );
}
