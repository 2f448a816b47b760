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
import { formatNumber } from './gateFormat';

/** What a person may mark a criterion that has no query. */
export type CriterionMark = Exclude<CriterionGateState, 'unknown'>;

function comparisonText(comparison?: CriterionGate['comparison']): string {
  if (!comparison) {
    return '';
  }
  const { operator, threshold, tolerancePercent } = comparison;
  if (threshold !== 'baseline') {
    return `${operator} ${formatNumber(threshold)}`;
  }
  const sign = operator.startsWith('<') ? '−' : '+';
  return tolerancePercent
    ? `${operator} baseline ${sign}${tolerancePercent}%`
    : `${operator} baseline`;
}

function QueryKind(props: { gate?: CriterionGate; query?: string }) {
  const { gate } = props;
  const query = gate?.query ?? props.query;
  return (
    <>
      <Typography variant="body2">Query</Typography>
      {query && (
        <Typography variant="caption" display="block">
          <code>{query}</code> {comparisonText(gate?.comparison)}
        </Typography>
      )}
      {gate && (gate.value !== undefined || gate.baseline !== undefined) && (
        <Typography variant="caption" display="block" color="textSecondary">
          value {formatNumber(gate.value)} · baseline{' '}
          {formatNumber(gate.baseline)}
        </Typography>
      )}
    </>
  );
}

function ManualKind(props: { markedBy?: string; markedAt?: string }) {
  return (
    <>
      <Typography variant="body2">Manual</Typography>
      <Typography variant="caption" display="block" color="textSecondary">
        {props.markedBy ? (
          <>
            marked <Attribution by={props.markedBy} at={props.markedAt} />
          </>
        ) : (
          'not marked yet'
        )}
      </Typography>
    </>
  );
}

/** A criterion judged from the latest runs of the steps it names. */
function StepsKind(props: { gate: CriterionGate; steps: Step[] }) {
  const numbers = (props.gate.stepIds ?? []).flatMap(
    id => props.steps.find(step => step.id === id)?.number ?? [],
  );
  return (
    <>
      <Typography variant="body2">From step results</Typography>
      <Typography variant="caption" display="block" color="textSecondary">
        the latest runs of step{numbers.length > 1 ? 's' : ''}{' '}
        {numbers.join(', ')} since the rollout started
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
  return (
    <ChecklistTable label="Rollback criteria">
      <TableHead>
        <TableRow>
          <TableCell>Criterion</TableCell>
          <TableCell>Kind</TableCell>
          <TableCell>State</TableCell>
          {canMark && <TableCell>Mark</TableCell>}
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
          const reason = state === gate?.state ? gate?.reason : undefined;
          return (
            <TableRow
              key={criterion.id}
              id={rowAnchor('criterion', criterion.id)}
              data-testid={`criterion-${criterion.id}`}
            >
              <TableCell data-label="Criterion">
                <Markdown content={criterion.text} />
              </TableCell>
              <TableCell data-label="Kind">
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
              <TableCell data-label="State">
                {state ? <GateStateChip state={state} /> : '—'}
                {reason && (
                  <Typography variant="caption" display="block">
                    <InlineText text={reason} />
                  </Typography>
                )}
                <Contradictions gate={gate} />
              </TableCell>
              {canMark && (
                <TableCell data-label="Mark">
                  {kind === 'manual' && (
                    <Box display="flex" gridGap={8} flexWrap="wrap">
                      <Button
                        size="small"
                        variant="outlined"
                        disabled={state === 'ok'}
                        onClick={() => onMark(criterion, 'ok')}
                      >
                        Mark ok
                      </Button>
                      <Button
                        size="small"
                        variant="outlined"
                        color="secondary"
                        disabled={state === 'triggered'}
                        onClick={() => onMark(criterion, 'triggered')}
                      >
                        Mark triggered
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
