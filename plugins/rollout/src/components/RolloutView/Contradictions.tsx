import Typography from '@material-ui/core/Typography';
import { red } from '@material-ui/core/colors';
import { makeStyles } from '@material-ui/core/styles';
import {
  CriterionGate,
  MetricGate,
} from '@rollout/backstage-plugin-rollout-common';
import { InlineText } from './InlineText';
import { contradictionText } from './gateReason';
import { useRolloutTranslation } from '../../translation';

// The theme's error colour is 3.7:1 on white, below WCAG AA for a caption.
const useStyles = makeStyles(theme => ({
  warning: {
    color: theme.palette.type === 'dark' ? red[300] : red[800],
  },
}));

/**
 * Says when a firing alert contradicts a metric or criterion that reads
 * fine, so nobody trusts a green chip while Alertmanager disagrees.
 */
export function Contradictions(props: { gate?: MetricGate | CriterionGate }) {
  const { t } = useRolloutTranslation();
  const classes = useStyles();
  const contradictions = props.gate?.contradictedBy ?? [];
  if (!contradictions.length) {
    return null;
  }
  return (
    <>
      {contradictions.map(contradiction => (
        <Typography
          key={contradiction.alert}
          variant="caption"
          display="block"
          className={classes.warning}
          data-testid="gate-contradiction"
        >
          <InlineText text={`⚠ ${contradictionText(t, contradiction)}`} />
        </Typography>
      ))}
    </>
  );
}
