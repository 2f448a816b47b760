import Chip from '@material-ui/core/Chip';
import { ChipTone, useChipToneStyles } from './chipTones';
import {
  GateState,
  gateStateLabel,
  useRolloutTranslation,
} from '../../translation';

export type { GateState } from '../../translation';

const tones: Record<GateState, ChipTone> = {
  ok: 'good',
  inactive: 'good',
  warning: 'warn',
  breached: 'bad',
  firing: 'bad',
  triggered: 'bad',
  silenced: 'muted',
  unknown: 'unknown',
};

/** The state of a gate as a chip whose colour says how it stands. */
export function GateStateChip(props: { state: GateState }) {
  const classes = useChipToneStyles();
  const { t } = useRolloutTranslation();
  return (
    <Chip
      size="small"
      label={gateStateLabel(t, props.state)}
      className={classes[tones[props.state]]}
      data-testid={`gate-state-${props.state}`}
    />
  );
}
