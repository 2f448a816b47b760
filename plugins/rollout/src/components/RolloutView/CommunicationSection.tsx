import Button from '@material-ui/core/Button';
import {
  Checklist,
  CommunicationItem,
} from '@rollout/backstage-plugin-rollout-common';
import { DeniedTooltip } from './DeniedTooltip';
import { sentText } from './SendAnnouncementDialog';
import { Section } from './Section';
import { TickList } from './TickList';
import { useRolloutFormat, useRolloutTranslation } from '../../translation';

/**
 * The communication plan: items a permitted user sends as announcements
 * (Send…) or marks done by hand, with who and when; completing the rollout
 * waits for them.
 */
export function CommunicationSection(props: {
  checklist: Checklist;
  canEdit: boolean;
  /** Why the user may not mark or send items, shown on the disabled controls. */
  deniedReason?: string;
  onToggle: (item: CommunicationItem, done: boolean) => void;
  onSend: (item: CommunicationItem) => void;
}) {
  const { checklist, canEdit, deniedReason, onToggle, onSend } = props;
  const { t } = useRolloutTranslation();
  const format = useRolloutFormat();
  const items = checklist.communication;
  const itemOf = (id: string) => items.find(item => item.id === id)!;
  return (
    <Section
      id="rollout-communication"
      title={t('communication.section.title')}
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
          detail: item.sent
            ? sentText(t, format, item.sent, item.doneAt)
            : undefined,
        }))}
        canEdit={canEdit}
        deniedReason={deniedReason}
        onToggle={(id, done) => onToggle(itemOf(id), done)}
        action={row => (
          <DeniedTooltip reason={canEdit ? undefined : deniedReason}>
            <Button
              size="small"
              variant="outlined"
              disabled={!canEdit}
              onClick={() => onSend(itemOf(row.id))}
              aria-label={t('communication.section.sendAriaLabel', {
                item: row.text,
              })}
              data-testid={`comms-send-${row.id}`}
            >
              {t('communication.section.send')}
            </Button>
          </DeniedTooltip>
        )}
      />
    </Section>
  );
}
