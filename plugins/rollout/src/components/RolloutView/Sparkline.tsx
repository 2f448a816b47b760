import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { Line, LineChart, ReferenceLine, YAxis } from 'recharts';
import { useRolloutTranslation } from '../../translation';

/**
 * A metric's recent values as a line, with its baseline dashed across. The
 * chart has a fixed size: a responsive one would need ResizeObserver.
 */
export function Sparkline(props: {
  /** Points `[unix seconds, value]`, oldest first. */
  series: Array<[number, number]>;
  baseline?: number;
  color: string;
  /** What the line shows, read out in place of the picture. */
  label: string;
}) {
  const { series, baseline, color, label } = props;
  const theme = useTheme();
  const { t } = useRolloutTranslation();
  if (series.length < 2) {
    return (
      <Typography variant="caption" color="textSecondary" component="p">
        {t('monitoring.metric.notEnoughPoints')}
      </Typography>
    );
  }
  const data = series.map(([time, value]) => ({ time, value }));
  return (
    <div role="img" aria-label={label}>
      <LineChart
        width={220}
        height={48}
        data={data}
        margin={{ top: 4, right: 4, bottom: 4, left: 4 }}
      >
        <YAxis hide domain={['auto', 'auto']} />
        {baseline !== undefined && (
          <ReferenceLine
            y={baseline}
            stroke={theme.palette.text.secondary}
            strokeDasharray="3 3"
            ifOverflow="extendDomain"
          />
        )}
        <Line
          type="monotone"
          dataKey="value"
          stroke={color}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </div>
  );
}
