import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import {
  CriterionGate,
  CriterionGateState,
  RollbackCriterion,
  Step,
} from '@rollout/backstage-plugin-rollout-common';
import { GateStateChip } from './GateStateChip';
import { Markdown } from './Markdown';
import { Contradictions } from './Contradictions';
import { InlineText } from './InlineText';
import { rowAnchor } from './JumpLink';
import { Attribution, ChecklistTable } from './Section';
import { formatNumber, formatPercent } from './gateFormat';
import { gateReasonOf } from './gateReason';
import {
  RolloutFormat,
  RolloutTranslationFunction,
  useRolloutFormat,
  useRolloutTranslation,
} from '../../translation';

/** What a person may mark a criterion that has no query. */
export type CriterionMark = Exclude<CriterionGateState, 'unknown'>;

function comparisonText(
  t: RolloutTranslationFunction,
  format: RolloutFormat,
  comparison?: CriterionGate['comparison'],
): string {
  if (!comparison) {
    return '';
  }
  const { operator, threshold, tolerancePercent } = comparison;
  if (threshold !== 'baseline') {
    return `${operator} ${formatNumber(format, threshold)}`;
  }
  const sign = operator.startsWith('<') ? '−' : '+';
  return tolerancePercent
    ? t('monitoring.criteria.comparisonBaselineTolerance', {
        operator,
        change: `${sign}${formatPercent(format, tolerancePercent)}`,
      })
    : t('monitoring.criteria.comparisonBaseline', { operator });
}

function QueryKind(props: { gate?: CriterionGate; query?: string }) {
  const { gate } = props;
  const { t } = useRolloutTranslation();
  const format = useRolloutFormat();
  const query = gate?.query ?? props.query;
  return (
    <>
      <Typography variant="body2">{t('monitoring.criteria.query')}</Typography>
      {query && (
        <Typography variant="caption" display="block">
          <code>{query}</code> {comparisonText(t, format, gate?.comparison)}
        </Typography>
      )}
      {gate && (gate.value !== undefined || gate.baseline !== undefined) && (
        <Typography variant="caption" display="block" color="textSecondary">
          {t('monitoring.criteria.readings', {
            value: formatNumber(format, gate.value),
            baseline: formatNumber(format, gate.baseline),
          })}
        </Typography>
      )}
    </>
  );
}

function ManualKind(props: { markedBy?: string; markedAt?: string }) {
  const { t } = useRolloutTranslation();
  return (
    <>
      <Typography variant="body2">{t('monitoring.criteria.manual')}</Typography>
      <Typography variant="caption" display="block" color="textSecondary">
        {props.markedBy
          ? t('monitoring.criteria.marked', {
              attribution: (
                <Attribution by={props.markedBy} at={props.markedAt} />
              ),
            })
          : t('monitoring.criteria.notMarked')}
      </Typography>
    </>
  );
}

/** A criterion judged from the latest runs of the steps it names. */
function StepsKind(props: { gate: CriterionGate; steps: Step[] }) {
  const { t } = useRolloutTranslation();
  const numbers = (props.gate.stepIds ?? []).flatMap(
    id => props.steps.find(step => step.id === id)?.number ?? [],
  );
  return (
    <>
      <Typography variant="body2">
        {t('monitoring.criteria.fromSteps')}
      </Typography>
      <Typography variant="caption" display="block" color="textSecondary">
        {t('monitoring.criteria.latestRuns', {
          count: numbers.length,
          numbers: numbers.join(', '),
        })}
      </Typography>
    </>
  );
}

/**
 * The rollback criteria with their evaluated state. A criterion with a query
 * is evaluated from Prometheus, one naming runbook commands from those
 * steps' results; any other is marked by a person, which a permitted user
 * can do here.
 */
export function RollbackCriteriaTable(props: {
  criteria: RollbackCriterion[];
  gates?: CriterionGate[];
  /** The runbook, to name the steps a criterion is judged from. */
  steps: Step[];
  canMark: boolean;
  onMark: (criterion: RollbackCriterion, state: CriterionMark) => void;
}) {
  const { criteria, gates, steps, canMark, onMark } = props;
  const { t } = useRolloutTranslation();
  const format = useRolloutFormat();
  const column = {
    criterion: t('monitoring.criteria.column.criterion'),
    kind: t('monitoring.criteria.column.kind'),
    state: t('monitoring.criteria.column.state'),
    mark: t('monitoring.criteria.column.mark'),
  };
  return (
    <ChecklistTable label={t('monitoring.section.rollbackCriteria')}>
      <TableHead>
        <TableRow>
          <TableCell>{column.criterion}</TableCell>
          <TableCell>{column.kind}</TableCell>
          <TableCell>{column.state}</TableCell>
          {canMark && <TableCell>{column.mark}</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {criteria.map(criterion => {
          const gate = gates?.find(g => g.criterionId === criterion.id);
          const kind = gate?.kind ?? (criterion.query ? 'query' : undefined);
          // The rollout holds a person's latest mark, optimistic ones
          // included; the gate report may be older.
          const state =
            kind === 'manual' ? criterion.state ?? gate?.state : gate?.state;
          const reason =
            gate && state === gate.state
              ? gateReasonOf(t, format, gate)
              : undefined;
          return (
            <TableRow
              key={criterion.id}
              id={rowAnchor('criterion', criterion.id)}
              data-testid={`criterion-${criterion.id}`}
            >
              <TableCell data-label={column.criterion}>
                <Markdown content={criterion.text} />
              </TableCell>
              <TableCell data-label={column.kind}>
                {kind === 'manual' && (
                  <ManualKind
                    markedBy={criterion.markedBy ?? gate?.markedBy}
                    markedAt={criterion.markedAt ?? gate?.markedAt}
                  />
                )}
                {kind === 'query' && (
                  <QueryKind gate={gate} query={criterion.query} />
                )}
                {kind === 'steps' && gate && (
                  <StepsKind gate={gate} steps={steps} />
                )}
                {!kind && '—'}
              </TableCell>
              <TableCell data-label={column.state}>
                {state ? <GateStateChip state={state} /> : '—'}
                {reason && (
                  <Typography variant="caption" display="block">
                    <InlineText text={reason} />
                  </Typography>
                )}
                <Contradictions gate={gate} />
              </TableCell>
              {canMark && (
                <TableCell data-label={column.mark}>
                  {kind === 'manual' && (
                    <Box display="flex" gridGap={8} flexWrap="wrap">
                      <Button
                        size="small"
                        variant="outlined"
                        disabled={state === 'ok'}
                        onClick={() => onMark(criterion, 'ok')}
                      >
                        {t('monitoring.criteria.markOk')}
                      </Button>
                      <Button
                        size="small"
                        variant="outlined"
                        color="secondary"
                        disabled={state === 'triggered'}
                        onClick={() => onMark(criterion, 'triggered')}
                      >
                        {t('monitoring.criteria.markTriggered')}
                      </Button>
                    </Box>
                  )}
                </TableCell>
              )}
            </TableRow>
          );
        })}
      </TableBody>
    </ChecklistTable>
  );
}
