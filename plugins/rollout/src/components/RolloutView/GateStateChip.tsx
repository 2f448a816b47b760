import Chip from '@material-ui/core/Chip';
import { blueGrey, grey } from '@material-ui/core/colors';
import { makeStyles } from '@material-ui/core/styles';
import {
  AlertGateState,
  CriterionGateState,
  MetricGateState,
} from '@rollout/backstage-plugin-rollout-common';

/** Any state a gate can be in: of a metric, an alert or a criterion. */
export type GateState = MetricGateState | AlertGateState | CriterionGateState;

type Tone = 'good' | 'warn' | 'bad' | 'muted' | 'unknown';

const useStyles = makeStyles(theme => ({
  good: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  warn: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  bad: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  muted: {
    backgroundColor: blueGrey[400],
    color: theme.palette.common.white,
  },
  unknown: {
    backgroundColor: grey[500],
    color: theme.palette.common.white,
  },
}));

const tones: Record<GateState, Tone> = {
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
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={props.state}
      className={classes[tones[props.state]]}
      data-testid={`gate-state-${props.state}`}
    />
  );
}
