import Typography from '@material-ui/core/Typography';
import {
  CriterionGate,
  MetricGate,
} from '@rollout/backstage-plugin-rollout-common';
import { InlineText } from './InlineText';
import { contradictionText } from './gateReason';
import { useRolloutTranslation } from '../../translation';

/**
 * Says when a firing alert contradicts a metric or criterion that reads
 * fine, so nobody trusts a green chip while Alertmanager disagrees.
 */
export function Contradictions(props: { gate?: MetricGate | CriterionGate }) {
  const { t } = useRolloutTranslation();
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
          color="error"
          data-testid="gate-contradiction"
        >
          <InlineText text={`⚠ ${contradictionText(t, contradiction)}`} />
        </Typography>
      ))}
    </>
  );
}
