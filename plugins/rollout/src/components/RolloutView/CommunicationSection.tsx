import {
  Checklist,
  CommunicationItem,
} from '@rollout/backstage-plugin-rollout-common';
import { Section } from './Section';
import { TickList } from './TickList';

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
  const items = checklist.communication;
  return (
    <Section
      id="rollout-communication"
      title="Communication"
      prose={checklist.prose?.communication}
    >
      <TickList
        kind="comms"
        items={items.map(item => ({
          id: item.id,
          text: item.text,
          ticked: item.done,
          by: item.doneBy,
          at: item.doneAt,
        }))}
        canEdit={canEdit}
        deniedReason={deniedReason}
        onToggle={(id, done) =>
          onToggle(items.find(item => item.id === id)!, done)
        }
      />
    </Section>
  );
}
