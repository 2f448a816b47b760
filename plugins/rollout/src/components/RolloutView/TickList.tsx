import Box from '@material-ui/core/Box';
import Checkbox from '@material-ui/core/Checkbox';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import { DeniedTooltip } from './DeniedTooltip';
import { RowKind, rowAnchor } from './JumpLink';
import { Attribution } from './Section';
import { Markdown } from './Markdown';
import { ReactNode } from 'react';
import { WrappingListItemText } from '../ListText/WrappingListItemText';

/** One item of a tick list: its words and who ticked it when. */
export type TickItem = {
  id: string;
  text: string;
  ticked: boolean;
  by?: string;
  at?: string;
  /** More to say under the attribution, such as when it was sent. */
  detail?: string;
};

/**
 * Checklist items a permitted user ticks and unticks, each saying who
 * ticked it and when. The words are the box's label, so a click on them
 * ticks it too; links in the words still lead where they point.
 */
export function TickList(props: {
  /** The kind of row, for ids and test ids: `check` or `comms`. */
  kind: Extract<RowKind, 'check' | 'comms'>;
  items: TickItem[];
  canEdit: boolean;
  /** Why the user may not tick, shown on the disabled boxes. */
  deniedReason?: string;
  onToggle: (id: string, ticked: boolean) => void;
  /** What else a row offers, after its words, such as a Send button. */
  action?: (item: TickItem) => ReactNode;
}) {
  const { kind, items, canEdit, deniedReason, onToggle, action } = props;
  return (
    <List dense>
      {items.map(item => (
        <ListItem
          key={item.id}
          id={rowAnchor(kind, item.id)}
          data-testid={`${kind}-${item.id}`}
        >
          <ListItemIcon>
            <DeniedTooltip reason={canEdit ? undefined : deniedReason}>
              <Checkbox
                edge="start"
                id={`${kind}-box-${item.id}`}
                checked={item.ticked}
                disabled={!canEdit}
                onChange={(_, ticked) => onToggle(item.id, ticked)}
                inputProps={{
                  'aria-labelledby': `${kind}-label-${item.id}`,
                }}
              />
            </DeniedTooltip>
          </ListItemIcon>
          <WrappingListItemText
            id={`${kind}-label-${item.id}`}
            primary={<Markdown content={item.text} />}
            primaryTypographyProps={
              {
                component: 'label',
                htmlFor: `${kind}-box-${item.id}`,
                style: { cursor: canEdit ? 'pointer' : undefined },
              } as object
            }
            secondary={
              item.ticked || item.detail ? (
                <>
                  {item.ticked && <Attribution by={item.by} at={item.at} />}
                  {item.ticked && item.detail && ' · '}
                  {item.detail}
                </>
              ) : undefined
            }
          />
          {action && <Box flexShrink={0}>{action(item)}</Box>}
        </ListItem>
      ))}
    </List>
  );
}
