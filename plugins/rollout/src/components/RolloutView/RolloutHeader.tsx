import { Entity } from '@backstage/catalog-model';
import { InfoCard, Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { Alert, AlertTitle } from '@material-ui/lab';
import {
  Rollout,
  RolloutGates,
  RolloutStatus,
  RunbookRules,
  checklistCounts,
} from '@rollout/backstage-plugin-rollout-common';
import { releaseNotesUrl } from '../../conditions';
import { BlockCause } from './blockCause';
import { InlineText } from './InlineText';
import { JumpLink } from './JumpLink';
import { hasMigrationGuide } from './MigrationGuideSection';
import { RolloutStatusActions } from './RolloutStatusActions';
import { StatusChip } from './StatusChip';
import { Markdown } from './Markdown';
import { useRolloutFormat, useRolloutTranslation } from '../../translation';

/**
 * Title, versions, status, progress and the links of a rollout, with the
 * status changes it allows when `onSetStatus` is given. A blocked rollout
 * says what blocks it, with a link there; a final one says it is read-only.
 */
export function RolloutHeader(props: {
  rollout: Rollout;
  entity: Entity;
  /** Changes the status; leave out for users who may not update the rollout. */
  onSetStatus?: (status: RolloutStatus, reason?: string) => void;
  /** Why the user may not change the status, shown instead of the buttons. */
  statusDeniedReason?: string;
  /** The runbook's order rules, as app-config sets them. */
  rules?: RunbookRules;
  /** Runs the rollback steps; "Roll back" offers it. */
  onRunRollback?: () => void;
  /** What blocks the rollout, while it is blocked. */
  blockCause?: BlockCause;
  /** Why nothing of the rollout changes any more, once it is final. */
  finalReason?: string;
  /** The gates as last read, for the warnings of Start and Resume. */
  gates?: RolloutGates;
}) {
  const { rollout, entity, onSetStatus, statusDeniedReason, rules } = props;
  const { onRunRollback, blockCause, finalReason, gates } = props;
  const { t } = useRolloutTranslation();
  const { number } = useRolloutFormat();
  const { steps, checks, signOffs } = checklistCounts(rollout.checklist);
  const failed = rollout.checklist.steps.filter(
    step => step.kind === 'runbook' && step.status === 'failed',
  ).length;
  const notes = releaseNotesUrl(rollout, entity);
  const percent = steps.total ? (100 * steps.done) / steps.total : 0;
  const runbookProgress = failed
    ? t('view.header.runbookProgressFailed', {
        count: steps.total,
        done: number(steps.done),
        failed: number(failed),
      })
    : t('view.header.runbookProgress', {
        count: steps.total,
        done: number(steps.done),
      });
  const progress = [
    runbookProgress,
    t('view.header.preflightProgress', {
      done: number(checks.done),
      total: number(checks.total),
    }),
    t('view.header.signOffProgress', {
      approved: number(signOffs.approved),
      total: number(signOffs.total),
    }),
  ].join(' · ');
  return (
    <InfoCard>
      <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={16}>
        <Typography variant="h5" component="h2">
          {rollout.title}
        </Typography>
        <StatusChip status={rollout.status} />
        {onSetStatus && (
          <Box ml="auto">
            <RolloutStatusActions
              rollout={rollout}
              onSetStatus={onSetStatus}
              rules={rules}
              onRunRollback={onRunRollback}
              gates={gates}
            />
          </Box>
        )}
        {!onSetStatus && statusDeniedReason && !finalReason && (
          <Box ml="auto">
            <Typography
              variant="body2"
              color="textSecondary"
              data-testid="status-denied"
            >
              {statusDeniedReason}
            </Typography>
          </Box>
        )}
      </Box>
      <Typography variant="subtitle1" data-testid="rollout-versions">
        {rollout.version}
        {rollout.previousVersion && ` ← ${rollout.previousVersion}`}
      </Typography>
      {blockCause && (
        <Box mt={1}>
          <Alert severity="error" data-testid="rollout-block-cause">
            <AlertTitle>{t('view.header.blocked')}</AlertTitle>
            <InlineText text={blockCause.text} />.{' '}
            <JumpLink to={blockCause.anchor}>{blockCause.label}</JumpLink>
          </Alert>
        </Box>
      )}
      {finalReason && (
        <Box mt={1}>
          <Alert severity="info" data-testid="rollout-final">
            {finalReason}
          </Alert>
        </Box>
      )}
      <Box mt={2} mb={1}>
        <Typography variant="body2" id="rollout-progress-label">
          {progress}
        </Typography>
        <LinearProgress
          variant="determinate"
          value={percent}
          aria-labelledby="rollout-progress-label"
        />
      </Box>
      <Box display="flex" gridGap={24} flexWrap="wrap">
        {notes ? (
          <Link to={notes}>{t('view.header.releaseNotes')}</Link>
        ) : (
          <Typography variant="body2" color="textSecondary">
            {t('view.header.noReleaseNotes')}
          </Typography>
        )}
        {hasMigrationGuide(rollout.checklist) && (
          <JumpLink to="rollout-migration-guide">
            {t('view.header.migrationGuide')}
          </JumpLink>
        )}
      </Box>
      {rollout.checklist.preamble && (
        <Markdown content={rollout.checklist.preamble} />
      )}
    </InfoCard>
  );
}
