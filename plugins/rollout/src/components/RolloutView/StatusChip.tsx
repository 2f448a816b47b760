import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  good: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  bad: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  busy: {
    backgroundColor: theme.palette.info.main,
    color: theme.palette.info.contrastText,
  },
  idle: {},
}));

const tone: Record<string, 'good' | 'bad' | 'busy' | 'idle'> = {
  completed: 'good',
  succeeded: 'good',
  approved: 'good',
  rolled_back: 'bad',
  blocked: 'bad',
  failed: 'bad',
  rejected: 'bad',
  in_progress: 'busy',
  running: 'busy',
};

/** A status word as a coloured chip: `in_progress` reads "in progress". */
export function StatusChip(props: { status: string; label?: string }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={props.label ?? props.status.replace(/_/g, ' ')}
      className={classes[tone[props.status] ?? 'idle']}
      data-testid={`status-${props.status}`}
    />
  );
}
