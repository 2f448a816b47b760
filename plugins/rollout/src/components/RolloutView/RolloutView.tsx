import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode, useEffect, useRef, useState } from 'react';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { useLocation } from 'react-router-dom';
import {
  CommunicationItem,
  Rollout,
  RolloutStatus,
  Step,
  finalRolloutRefusal,
  rolloutStepRunPermission,
  rolloutUpdatePermission,
} from '@rollout/backstage-plugin-rollout-common';
import { rolloutApiRef } from '../../api';
import { useRollout, useSignOffActor } from '../../hooks/useRollout';
import { useRolloutGates } from '../../hooks/useRolloutGates';
import { useRunbookRules } from '../../hooks/useRunbookRules';
import { blockCause } from './blockCause';
import { CommunicationSection } from './CommunicationSection';
import { jumpTo } from './JumpLink';
import { HistorySection } from './HistorySection';
import {
  MigrationGuideSection,
  hasMigrationGuide,
} from './MigrationGuideSection';
import { MonitoringSection } from './MonitoringSection';
import { PreflightSection } from './PreflightSection';
import { RolloutHeader } from './RolloutHeader';
import { RunbookSection } from './RunbookSection';
import { Section } from './Section';
import { SignOffSection } from './SignOffSection';
import { Markdown } from './Markdown';
import { SendAnnouncementDialog } from './SendAnnouncementDialog';
import {
  statusLabel,
  useRolloutFormat,
  useRolloutTranslation,
} from '../../translation';

const useStyles = makeStyles(theme => ({
  // The theme's focus on an outlined or text button is a faint tint; a
  // keyboard user needs to see where the focus is.
  root: {
    '& .MuiButtonBase-root.Mui-focusVisible, & a:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: 2,
    },
  },
}));

/**
 * One whole rollout, its sections in the order of the checklist.
 */
export function RolloutView(props: {
  rolloutId: string;
  entity: Entity;
  /** Rendered beside the header, such as a version picker. */
  actions?: ReactNode;
  /** Told when the rollout's status is read or changes. */
  onStatus?: (status: RolloutStatus) => void;
}) {
  const { rolloutId, entity, actions, onStatus } = props;
  const classes = useStyles();
  const { t } = useRolloutTranslation();
  const format = useRolloutFormat();
  const api = useApi(rolloutApiRef);
  const alertApi = useApi(alertApiRef);
  const actor = useSignOffActor();
  const { rollout, events, error, change, perform } = useRollout(rolloutId);
  const [sending, setSending] = useState<CommunicationItem>();
  // A link into the tab, such as an announcement's to the migration guide,
  // lands on its section once the rollout has rendered.
  const { hash } = useLocation();
  const loaded = !!rollout;
  useEffect(() => {
    if (!loaded || hash.length < 2) {
      return undefined;
    }
    const timer = setTimeout(() => jumpTo(decodeURIComponent(hash.slice(1))));
    return () => clearTimeout(timer);
  }, [loaded, hash]);
  const { allowed: canUpdate } = usePermission({
    permission: rolloutUpdatePermission,
    resourceRef: rolloutId,
  });
  const { allowed: canRun } = usePermission({
    permission: rolloutStepRunPermission,
    resourceRef: rolloutId,
  });
  const rules = useRunbookRules();
  const entityRef = stringifyEntityRef(entity);
  const gates = useRolloutGates(rolloutId, rollout?.revision);
  const shownStatus = rollout?.status;
  const told = useRef(onStatus);
  told.current = onStatus;
  useEffect(() => {
    if (shownStatus) {
      told.current?.(shownStatus);
    }
  }, [shownStatus]);

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  if (!rollout) {
    return <Progress />;
  }
  const { checklist } = rollout;
  const finalReason = finalRolloutRefusal(rollout)
    ? t('view.rollout.final', {
        version: rollout.version,
        status: statusLabel(t, rollout.status),
      })
    : undefined;
  // A final rollout is read-only for everyone, whatever their permissions.
  const mayUpdate = canUpdate && !finalReason;
  const mayRun = canRun && !finalReason;
  /** Starts the steps' tasks, showing them running until the tab reloads. */
  const runSteps = (steps: Step[], outOfOrderReason?: string) =>
    change(
      current =>
        steps.reduce(
          (next, step) =>
            withItem(next, 'steps', step.id, { status: 'running' }),
          current,
        ),
      async () => {
        for (const step of steps) {
          await api.runStep(
            rolloutId,
            step.id,
            outOfOrderReason ? { outOfOrderReason } : undefined,
          );
        }
        return api.getRollout(rolloutId);
      },
    );

  return (
    <Grid
      container
      spacing={3}
      direction="column"
      wrap="nowrap"
      className={classes.root}
    >
      {actions && <Grid item>{actions}</Grid>}
      <Grid item>
        <RolloutHeader
          rollout={rollout}
          entity={entity}
          blockCause={blockCause(rollout, events, t, format)}
          finalReason={finalReason}
          gates={gates.gates}
          onSetStatus={
            mayUpdate
              ? (status, reason) =>
                  change(
                    current => ({ ...current, status }),
                    current =>
                      api.setRolloutStatus(current.id, {
                        expectedRevision: current.revision,
                        status,
                        ...(reason ? { reason } : {}),
                      }),
                  )
              : undefined
          }
          statusDeniedReason={t('view.denied.changeStatus', { entityRef })}
          rules={rules}
          onRunRollback={
            mayRun
              ? () =>
                  runSteps(
                    rollout.checklist.steps.filter(
                      step =>
                        step.kind === 'rollback' &&
                        step.status !== 'succeeded' &&
                        step.status !== 'running',
                    ),
                  )
              : undefined
          }
        />
      </Grid>
      <Grid item>
        <RunbookSection
          rollout={rollout}
          rules={rules}
          actions={{
            rolloutId,
            canRun: mayRun,
            final: Boolean(finalReason),
            deniedReason:
              finalReason ?? t('view.denied.runSteps', { entityRef }),
            onRun: (step, outOfOrderReason) =>
              runSteps([step], outOfOrderReason),
            onSkip: (step, reason) =>
              change(
                current =>
                  withItem(current, 'steps', step.id, {
                    status: 'skipped',
                    summary: reason,
                  }),
                current =>
                  api.skipStep(current.id, step.id, {
                    expectedRevision: current.revision,
                    reason,
                  }),
              ),
            onReopen: step =>
              change(
                current =>
                  withItem(current, 'steps', step.id, {
                    status: 'pending',
                    summary: undefined,
                  }),
                current =>
                  api.reopenStep(current.id, step.id, {
                    expectedRevision: current.revision,
                  }),
              ),
            onConfirm: (step, input) =>
              change(
                current =>
                  withItem(current, 'steps', step.id, {
                    status: 'succeeded',
                    summary: input.note || t('view.runbook.markedDone'),
                  }),
                current =>
                  api.confirmStep(current.id, step.id, {
                    expectedRevision: current.revision,
                    ...input,
                  }),
              ),
          }}
        />
      </Grid>
      {hasMigrationGuide(checklist) && (
        <Grid item>
          <MigrationGuideSection checklist={checklist} />
        </Grid>
      )}
      <Grid item>
        <PreflightSection
          checklist={checklist}
          canEdit={mayUpdate}
          deniedReason={
            finalReason ?? t('view.denied.tickChecks', { entityRef })
          }
          onToggle={(check, checked) =>
            change(
              current =>
                withItem(current, 'preflightChecks', check.id, { checked }),
              current =>
                api.setPreflightCheck(current.id, check.id, {
                  expectedRevision: current.revision,
                  checked,
                }),
            )
          }
        />
      </Grid>
      <Grid item>
        <SignOffSection
          checklist={checklist}
          actor={actor}
          finalReason={finalReason}
          onDecide={(signOff, decision, note) =>
            change(
              current =>
                withItem(current, 'signOffs', signOff.id, { decision, note }),
              current =>
                api.decideSignOff(current.id, signOff.id, {
                  expectedRevision: current.revision,
                  decision,
                  ...(note ? { note } : {}),
                }),
            )
          }
          onRequest={
            mayUpdate
              ? () =>
                  perform(async () => {
                    const { requested } = await api.requestSignOffs(rolloutId);
                    const signers = new Set(requested.flatMap(r => r.signers));
                    alertApi.post({
                      message: t('view.rollout.signOffsRequested', {
                        signers: t('view.rollout.signerCount', {
                          count: signers.size,
                        }),
                        signOffs: t('view.rollout.signOffCount', {
                          count: requested.length,
                        }),
                      }),
                      severity: 'success',
                      display: 'transient',
                    });
                  })
              : undefined
          }
        />
      </Grid>
      <Grid item>
        <MonitoringSection
          rollout={rollout}
          gates={gates}
          canMark={mayUpdate}
          onMarkCriterion={(criterion, state) =>
            change(
              current =>
                withItem(current, 'rollbackCriteria', criterion.id, { state }),
              current =>
                api.markCriterion(current.id, criterion.id, {
                  expectedRevision: current.revision,
                  state,
                }),
            )
          }
        />
      </Grid>
      <Grid item>
        <CommunicationSection
          checklist={checklist}
          canEdit={mayUpdate}
          deniedReason={
            finalReason ?? t('view.denied.communication', { entityRef })
          }
          onSend={setSending}
          onToggle={(item, done) =>
            change(
              current => withItem(current, 'communication', item.id, { done }),
              current =>
                api.setCommunicationItem(current.id, item.id, {
                  expectedRevision: current.revision,
                  done,
                }),
            )
          }
        />
      </Grid>
      {checklist.extraSections?.map(extra => (
        <Grid item key={extra.heading}>
          <Section id={`rollout-extra-${extra.heading}`} title={extra.heading}>
            <Markdown content={extra.body} />
          </Section>
        </Grid>
      ))}
      <Grid item>
        <HistorySection events={events} checklist={checklist} />
      </Grid>
      {sending && (
        <SendAnnouncementDialog
          rollout={rollout}
          item={sending}
          onClose={() => setSending(undefined)}
          onSent={answer => {
            setSending(undefined);
            alertApi.post({
              message: t('view.rollout.announcementSent', {
                count: answer.recipients.length,
                // Channels are names (web, email), listed as the backend
                // reports them.
                channels: answer.channels.map(c => c.channel).join(', '),
              }),
              severity: 'success',
              display: 'transient',
            });
            perform(async () => undefined);
          }}
        />
      )}
    </Grid>
  );
}

type ItemSection =
  | 'steps'
  | 'preflightChecks'
  | 'signOffs'
  | 'rollbackCriteria'
  | 'communication';

/** The rollout as it will be once one item of a section has changed. */
function withItem<K extends ItemSection>(
  rollout: Rollout,
  section: K,
  id: string,
  patch: Partial<Rollout['checklist'][K][number]>,
): Rollout {
  const items = rollout.checklist[section] as Array<{ id: string }>;
  return {
    ...rollout,
    checklist: {
      ...rollout.checklist,
      [section]: items.map(item =>
        item.id === id ? { ...item, ...patch } : item,
      ),
    },
  };
}
