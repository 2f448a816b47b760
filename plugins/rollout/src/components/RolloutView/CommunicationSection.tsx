import Checkbox from '@material-ui/core/Checkbox';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import {
  Checklist,
  CommunicationItem,
} from '@rollout/backstage-plugin-rollout-common';
import { DeniedTooltip } from './DeniedTooltip';
import { Attribution, Section } from './Section';
import { Markdown } from './Markdown';

/**
 * The communication plan: items a permitted user marks done, with who and
 * when; completing the rollout waits for them.
 */
export function CommunicationSection(props: {
  checklist: Checklist;
  canEdit: boolean;
  /** Why the user may not mark items, shown on the disabled boxes. */
  deniedReason?: string;
  onToggle: (item: CommunicationItem, done: boolean) => void;
}) {
  const { checklist, canEdit, deniedReason, onToggle } = props;
  return (
    <Section
      id="rollout-communication"
      title="Communication"
      prose={checklist.prose?.communication}
    >
      <List dense>
        {checklist.communication.map(item => (
          <ListItem key={item.id} data-testid={`comms-${item.id}`}>
            <ListItemIcon>
              <DeniedTooltip reason={canEdit ? undefined : deniedReason}>
                <Checkbox
                  edge="start"
                  checked={item.done}
                  disabled={!canEdit}
                  onChange={(_, done) => onToggle(item, done)}
                  inputProps={{ 'aria-labelledby': `comms-label-${item.id}` }}
                />
              </DeniedTooltip>
            </ListItemIcon>
            <ListItemText
              id={`comms-label-${item.id}`}
              primary={<Markdown content={item.text} />}
              secondary={
                item.done ? (
                  <Attribution by={item.doneBy} at={item.doneAt} />
                ) : undefined
              }
            />
          </ListItem>
        ))}
      </List>
    </Section>
  );
}
