import Checkbox from '@material-ui/core/Checkbox';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import {
  Checklist,
  PreflightCheck,
} from '@rollout/backstage-plugin-rollout-common';
import { DeniedTooltip } from './DeniedTooltip';
import { Attribution, Section } from './Section';
import { Markdown } from './Markdown';

/** Pre-flight checks a permitted user can tick, with who and when. */
export function PreflightSection(props: {
  checklist: Checklist;
  canEdit: boolean;
  /** Why the user may not tick checks, shown on the disabled boxes. */
  deniedReason?: string;
  onToggle: (check: PreflightCheck, checked: boolean) => void;
}) {
  const { checklist, canEdit, deniedReason, onToggle } = props;
  return (
    <Section
      id="rollout-preflight"
      title="Pre-flight validation"
      prose={checklist.prose?.preflightChecks}
    >
      <List dense>
        {checklist.preflightChecks.map(check => (
          <ListItem key={check.id} data-testid={`check-${check.id}`}>
            <ListItemIcon>
              <DeniedTooltip reason={canEdit ? undefined : deniedReason}>
                <Checkbox
                  edge="start"
                  checked={check.checked}
                  disabled={!canEdit}
                  onChange={(_, checked) => onToggle(check, checked)}
                  inputProps={{ 'aria-labelledby': `check-label-${check.id}` }}
                />
              </DeniedTooltip>
            </ListItemIcon>
            <ListItemText
              id={`check-label-${check.id}`}
              primary={<Markdown content={check.text} />}
              secondary={
                check.checked ? (
                  <Attribution by={check.checkedBy} at={check.checkedAt} />
                ) : undefined
              }
            />
          </ListItem>
        ))}
      </List>
    </Section>
  );
}
