import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import CheckBoxIcon from '@material-ui/icons/CheckBox';
import CheckBoxOutlineBlankIcon from '@material-ui/icons/CheckBoxOutlineBlank';
import { Checklist } from '@rollout/backstage-plugin-rollout-common';
import { Section } from './Section';
import { Markdown } from './Markdown';

/** The communication plan with each item's done state. */
export function CommunicationSection(props: { checklist: Checklist }) {
  const { checklist } = props;
  return (
    <Section
      id="rollout-communication"
      title="Communication"
      prose={checklist.prose?.communication}
    >
      <List dense>
        {checklist.communication.map(item => (
          <ListItem key={item.id}>
            <ListItemIcon>
              {item.done ? (
                <CheckBoxIcon titleAccess="done" />
              ) : (
                <CheckBoxOutlineBlankIcon titleAccess="not done" />
              )}
            </ListItemIcon>
            <ListItemText primary={<Markdown content={item.text} />} />
          </ListItem>
        ))}
      </List>
    </Section>
  );
}
