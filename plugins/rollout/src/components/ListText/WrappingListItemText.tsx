import ListItemText, {
  ListItemTextProps,
} from '@material-ui/core/ListItemText';
import { makeStyles } from '@material-ui/core/styles';
import { ElementType } from 'react';

const useStyles = makeStyles({
  root: { whiteSpace: 'normal', overflow: 'visible', overflowWrap: 'anywhere' },
});

/**
 * A list item's text that wraps. Backstage's theme keeps a ListItemText on
 * one line and cuts off the rest (`white-space: nowrap; overflow: hidden`),
 * which suits the sidebar; a checklist item, a history entry or a role on a
 * phone is longer than one line, and must be read whole.
 */
export function WrappingListItemText<
  P extends ElementType = 'span',
  S extends ElementType = 'p',
>(props: ListItemTextProps<P, S>) {
  const classes = useStyles();
  const { className, ...rest } = props;
  return (
    <ListItemText
      {...rest}
      className={[classes.root, className].filter(Boolean).join(' ')}
    />
  );
}
