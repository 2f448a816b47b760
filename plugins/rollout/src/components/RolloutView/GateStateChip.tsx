import Chip from '@material-ui/core/Chip';
import {
  AlertGateState,
  CriterionGateState,
  MetricGateState,
} from '@rollout/backstage-plugin-rollout-common';
import { ChipTone, useChipToneStyles } from './chipTones';

/** Any state a gate can be in: of a metric, an alert or a criterion. */
export type GateState = MetricGateState | AlertGateState | CriterionGateState;

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
  return (
    <Chip
      size="small"
      label={props.state}
      className={classes[tones[props.state]]}
      data-testid={`gate-state-${props.state}`}
    />
  );
}
