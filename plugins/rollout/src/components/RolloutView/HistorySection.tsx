import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { RolloutEvent } from '@rollout/backstage-plugin-rollout-common';
import { Section } from './Section';

/** The rollout's history, newest first, as the backend returns it. */
export function HistorySection(props: { events: RolloutEvent[] }) {
  return (
    <Section id="rollout-history" title="History">
      <List dense aria-label="Rollout history">
        {props.events.map(event => (
          <ListItem key={event.id} divider>
            <ListItemText
              primary={event.message}
              secondary={`${event.actor} · ${new Date(
                event.createdAt,
              ).toLocaleString()} · revision ${event.revision}`}
            />
          </ListItem>
        ))}
      </List>
    </Section>
  );
}
