import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import {
  Checklist,
  RolloutEvent,
} from '@rollout/backstage-plugin-rollout-common';
import { PersonRef } from './People';
import { Section } from './Section';
import { describeEvent } from './eventText';
import { InlineText } from './InlineText';
import { WrappingListItemText } from '../ListText/WrappingListItemText';

/**
 * The rollout's history, newest first, as the backend returns it. Each
 * event reads as a sentence built from its data, naming the checklist's
 * items as the checklist has them now.
 */
export function HistorySection(props: {
  events: RolloutEvent[];
  checklist: Checklist;
}) {
  const { events, checklist } = props;
  return (
    <Section id="rollout-history" title="History">
      <List dense aria-label="Rollout history">
        {events.map(event => (
          <ListItem key={event.id} divider>
            <WrappingListItemText
              primary={<InlineText text={describeEvent(event, checklist)} />}
              secondary={
                <>
                  <PersonRef entityRef={event.actor} /> ·{' '}
                  {new Date(event.createdAt).toLocaleString()} · revision{' '}
                  {event.revision}
                </>
              }
            />
          </ListItem>
        ))}
      </List>
    </Section>
  );
}
