import Chip from '@material-ui/core/Chip';
import { ChipTone, useChipToneStyles } from './chipTones';
import { statusLabel, useRolloutTranslation } from '../../translation';

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

/**
 * A status word as a coloured chip, in the user's language: `in_progress`
 * reads "in progress".
 */
export function StatusChip(props: { status: string; label?: string }) {
  const classes = useChipToneStyles();
  const { t } = useRolloutTranslation();
  const chipTone = tone[props.status];
  return (
    <Chip
      size="small"
      label={props.label ?? statusLabel(t, props.status)}
      className={chipTone && classes[chipTone]}
      data-testid={`status-${props.status}`}
    />
  );
}
