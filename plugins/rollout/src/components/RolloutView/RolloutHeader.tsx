import { Entity } from '@backstage/catalog-model';
import { InfoCard, Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import {
  Rollout,
  RolloutStatus,
  RunbookRules,
  checklistCounts,
} from '@rollout/backstage-plugin-rollout-common';
import { releaseNotesUrl } from '../../conditions';
import { RolloutStatusActions } from './RolloutStatusActions';
import { StatusChip } from './StatusChip';
import { Markdown } from './Markdown';

/**
 * Title, versions, status, progress and the links of a rollout, with the
 * status changes it allows when `onSetStatus` is given.
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
}) {
  const {
    rollout,
    entity,
    onSetStatus,
    statusDeniedReason,
    rules,
    onRunRollback,
  } = props;
  const { steps, checks, signOffs } = checklistCounts(rollout.checklist);
  const notes = releaseNotesUrl(rollout, entity);
  const percent = steps.total ? (100 * steps.done) / steps.total : 0;
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
            />
          </Box>
        )}
        {!onSetStatus && statusDeniedReason && (
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
      <Box mt={2} mb={1}>
        <Typography variant="body2" id="rollout-progress-label">
          Runbook: {steps.done} of {steps.total} steps done · Pre-flight:{' '}
          {checks.done} of {checks.total} checked · Sign-off:{' '}
          {signOffs.approved} of {signOffs.total} approved
        </Typography>
        <LinearProgress
          variant="determinate"
          value={percent}
          aria-labelledby="rollout-progress-label"
        />
      </Box>
      <Box display="flex" gridGap={24}>
        {notes ? (
          <Link to={notes}>Release notes</Link>
        ) : (
          <Typography variant="body2" color="textSecondary">
            No release notes link: set the rollout's releaseNotesUrl or the
            entity's source location
          </Typography>
        )}
        <Link to="#rollout-migration-guide">Migration guide</Link>
      </Box>
      {rollout.checklist.preamble && (
        <Markdown content={rollout.checklist.preamble} />
      )}
    </InfoCard>
  );
}
