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
import { useRolloutFormat, useRolloutTranslation } from '../../translation';

/**
 * The rollout's history, newest first, as the backend returns it. Each
 * event reads as a sentence in the user's language built from its data,
 * naming the checklist's items as the checklist has them now.
 */
export function HistorySection(props: {
  events: RolloutEvent[];
  checklist: Checklist;
}) {
  const { events, checklist } = props;
  const { t } = useRolloutTranslation();
  const format = useRolloutFormat();
  return (
    <Section id="rollout-history" title={t('history.section.title')}>
      <List dense aria-label={t('history.section.listLabel')}>
        {events.map(event => (
          <ListItem key={event.id} divider>
            <WrappingListItemText
              primary={
                <InlineText text={describeEvent(event, checklist, t, format)} />
              }
              secondary={
                <>
                  <PersonRef entityRef={event.actor} /> ·{' '}
                  {format.dateTime(event.createdAt)} ·{' '}
                  {t('history.section.revision', {
                    revision: String(event.revision),
                  })}
                </>
              }
            />
          </ListItem>
        ))}
      </List>
    </Section>
  );
}
