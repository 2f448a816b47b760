import Chip from '@material-ui/core/Chip';
import { ChipTone, useChipToneStyles } from './chipTones';

// Other statuses (draft, pending, skipped, …) keep the theme's plain chip.
const tone: Partial<Record<string, ChipTone>> = {
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
  const classes = useChipToneStyles();
  const chipTone = tone[props.status];
  return (
    <Chip
      size="small"
      label={props.label ?? props.status.replace(/_/g, ' ')}
      className={chipTone && classes[chipTone]}
      data-testid={`status-${props.status}`}
    />
  );
}
