import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import {
  Checklist,
  RolloutGates,
  openItems,
} from '@rollout/backstage-plugin-rollout-common';
import { InlineText } from './InlineText';
import { JumpLink, rowAnchor } from './JumpLink';
import { gateReasonOf } from './gateReason';
import {
  RolloutFormat,
  RolloutTranslationFunction,
  rolloutFormat,
  statusLabel,
} from '../../translation';

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
  },
  t: RolloutTranslationFunction,
): OpenItemGroup[] {
  const open = openItems(checklist);
  const wanted = (kind: 'checks' | 'signOffs' | 'steps' | 'communication') =>
    !options.only || options.only.includes(kind);
  const groups: OpenItemGroup[] = [];
  if (wanted('checks') && open.preflightChecks.length) {
    groups.push({
      title: t('monitoring.openItems.checks', {
        count: open.preflightChecks.length,
      }),
      items: open.preflightChecks.map(check => ({
        key: `check-${check.id}`,
        text: check.text,
        anchor: rowAnchor('check', check.id),
      })),
    });
  }
  if (wanted('signOffs') && open.signOffs.length) {
    groups.push({
      title: t('monitoring.openItems.signOffs', {
        count: open.signOffs.length,
      }),
      items: open.signOffs.map(row => {
        const values = {
          role: row.role,
          decision: statusLabel(t, row.decision),
        };
        return {
          key: `signoff-${row.id}`,
          text: row.signers.length
            ? t('monitoring.openItems.signOff', values)
            : t('monitoring.openItems.signOffWithoutSigners', values),
          anchor: rowAnchor('signoff', row.id),
        };
      }),
    });
  }
  if (wanted('steps') && open.steps.length) {
    groups.push({
      title: t('monitoring.openItems.steps', { count: open.steps.length }),
      items: open.steps.map(step => ({
        key: `step-${step.id}`,
        text: t('monitoring.openItems.step', {
          number: String(step.number),
          status: statusLabel(t, step.status),
          title: step.title,
        }),
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
      title: t('monitoring.openItems.communication', {
        count: open.communication.length,
      }),
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
 * `format` writes the numbers of a metric's reason (English without it).
 */
export function gateWarnings(
  gates: RolloutGates | undefined,
  t: RolloutTranslationFunction,
  format: RolloutFormat = rolloutFormat('en'),
): OpenItemGroup[] {
  if (!gates) {
    return [];
  }
  const items: OpenItem[] = [
    ...gates.alerts
      .filter(alert => alert.state === 'firing')
      .map(alert => ({
        key: `alert-${alert.alertId}`,
        text: t('monitoring.openItems.alertFiring', { name: alert.name }),
        anchor: 'rollout-monitoring',
      })),
    ...gates.metrics
      .filter(metric => metric.state === 'breached')
      .map(metric => {
        const reason = gateReasonOf(t, format, metric);
        return {
          key: `metric-${metric.metricId}`,
          text: reason
            ? t('monitoring.openItems.metricBreachedBecause', {
                name: metric.name,
                reason,
              })
            : t('monitoring.openItems.metricBreached', { name: metric.name }),
          anchor: 'rollout-monitoring',
        };
      }),
    ...gates.criteria
      .filter(criterion => criterion.state === 'triggered')
      .map(criterion => ({
        key: `criterion-${criterion.criterionId}`,
        text: t('monitoring.openItems.criterionTriggered', {
          text: criterion.text,
        }),
        anchor: rowAnchor('criterion', criterion.criterionId),
      })),
  ];
  return items.length
    ? [
        {
          title: t('monitoring.openItems.gates', { count: items.length }),
          items,
        },
      ]
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
