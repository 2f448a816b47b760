import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import {
  Checklist,
  RolloutGates,
  openItems,
} from '@rollout/backstage-plugin-rollout-common';
import { statusText } from './eventText';
import { InlineText } from './InlineText';
import { JumpLink, rowAnchor } from './JumpLink';

/** One open item as a dialog lists it: its words and where it is. */
export type OpenItem = { key: string; text: string; anchor: string };

/** Open items of one kind, under a heading that counts them. */
export type OpenItemGroup = { title: string; items: OpenItem[] };

/**
 * What of the checklist is still open, as groups a dialog lists: the
 * pre-flight checks, sign-offs, runbook steps and (unless `communication`
 * is false) communication items, each linking to its row.
 */
export function openItemGroups(
  checklist: Checklist,
  options: {
    communication?: boolean;
    only?: Array<'checks' | 'signOffs' | 'steps' | 'communication'>;
  } = {},
): OpenItemGroup[] {
  const open = openItems(checklist);
  const wanted = (kind: 'checks' | 'signOffs' | 'steps' | 'communication') =>
    !options.only || options.only.includes(kind);
  const groups: OpenItemGroup[] = [];
  if (wanted('checks') && open.preflightChecks.length) {
    groups.push({
      title: `Pre-flight checks not ticked (${open.preflightChecks.length})`,
      items: open.preflightChecks.map(check => ({
        key: `check-${check.id}`,
        text: check.text,
        anchor: rowAnchor('check', check.id),
      })),
    });
  }
  if (wanted('signOffs') && open.signOffs.length) {
    groups.push({
      title: `Sign-offs not approved (${open.signOffs.length})`,
      items: open.signOffs.map(row => ({
        key: `signoff-${row.id}`,
        text: `${row.role}: ${row.decision}${
          row.signers.length ? '' : ', and nobody can sign it'
        }`,
        anchor: rowAnchor('signoff', row.id),
      })),
    });
  }
  if (wanted('steps') && open.steps.length) {
    groups.push({
      title: `Runbook steps neither succeeded nor skipped (${open.steps.length})`,
      items: open.steps.map(step => ({
        key: `step-${step.id}`,
        text: `Step ${step.number} (${statusText(step.status)}): ${step.title}`,
        anchor: rowAnchor('step', step.id),
      })),
    });
  }
  if (
    wanted('communication') &&
    options.communication !== false &&
    open.communication.length
  ) {
    groups.push({
      title: `Communication items not done (${open.communication.length})`,
      items: open.communication.map(item => ({
        key: `comms-${item.id}`,
        text: item.text,
        anchor: rowAnchor('comms', item.id),
      })),
    });
  }
  return groups;
}

/**
 * What the gates say now that would block a rollout in progress: firing
 * alerts, breached metrics and triggered criteria, each linking to it.
 */
export function gateWarnings(gates: RolloutGates | undefined): OpenItemGroup[] {
  if (!gates) {
    return [];
  }
  const items: OpenItem[] = [
    ...gates.alerts
      .filter(alert => alert.state === 'firing')
      .map(alert => ({
        key: `alert-${alert.alertId}`,
        text: `The alert \`${alert.name}\` is firing`,
        anchor: 'rollout-monitoring',
      })),
    ...gates.metrics
      .filter(metric => metric.state === 'breached')
      .map(metric => ({
        key: `metric-${metric.metricId}`,
        text: `The metric \`${metric.name}\` is breached${
          metric.reason ? `: ${metric.reason}` : ''
        }`,
        anchor: 'rollout-monitoring',
      })),
    ...gates.criteria
      .filter(criterion => criterion.state === 'triggered')
      .map(criterion => ({
        key: `criterion-${criterion.criterionId}`,
        text: `The rollback criterion "${criterion.text}" is triggered`,
        anchor: rowAnchor('criterion', criterion.criterionId),
      })),
  ];
  return items.length
    ? [{ title: `The gates would block the rollout (${items.length})`, items }]
    : [];
}

/**
 * Groups of open items, each a heading and a list of links to the rows;
 * `onJump` closes the dialog the list sits in before the page moves.
 */
export function OpenItemsList(props: {
  groups: OpenItemGroup[];
  onJump?: () => void;
}) {
  const { groups, onJump } = props;
  return (
    <>
      {groups.map(group => (
        <div key={group.title}>
          <Typography variant="subtitle2" component="h3">
            {group.title}
          </Typography>
          <List dense disablePadding aria-label={group.title}>
            {group.items.map(item => (
              <ListItem key={item.key} disableGutters>
                <JumpLink to={item.anchor} onJump={onJump}>
                  <InlineText text={item.text} />
                </JumpLink>
              </ListItem>
            ))}
          </List>
        </div>
      ))}
    </>
  );
}
