import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import {
  RollbackCriterion,
  Rollout,
} from '@rollout/backstage-plugin-rollout-common';
import { ReactNode } from 'react';
import { RolloutGatesState } from '../../hooks/useRolloutGates';
import { AlertsTable } from './AlertsTable';
import { GatesSummary } from './GatesSummary';
import { MetricCard } from './MetricCard';
import { Markdown } from './Markdown';
import { CriterionMark, RollbackCriteriaTable } from './RollbackCriteriaTable';
import { Section } from './Section';
import { useRolloutTranslation } from '../../translation';

function Heading(props: { children: ReactNode }) {
  return (
    <Typography
      variant="h6"
      component="h3"
      style={{ marginTop: 16, marginBottom: 8 }}
    >
      {props.children}
    </Typography>
  );
}

/**
 * The rollout's gates: each watched metric against its baseline, the alerts
 * as Alertmanager has them, and the rollback criteria, which a permitted
 * user marks where no query decides them. Everything the checklist names
 * stays listed while the gates load or when they cannot be read.
 */
export function MonitoringSection(props: {
  rollout: Rollout;
  /** The rollout's gates, as the tab reads them for every section. */
  gates: RolloutGatesState;
  canMark: boolean;
  onMarkCriterion: (criterion: RollbackCriterion, state: CriterionMark) => void;
}) {
  const { rollout, canMark, onMarkCriterion } = props;
  const { checklist } = rollout;
  const { gates, error, loading } = props.gates;
  const { t } = useRolloutTranslation();

  return (
    <Section
      id="rollout-monitoring"
      title={t('monitoring.section.title')}
      prose={checklist.prose?.metrics}
    >
      <GatesSummary
        status={rollout.status}
        gates={gates}
        error={error}
        loading={loading}
      />
      <Heading>{t('monitoring.section.metrics')}</Heading>
      <Grid container spacing={2}>
        {checklist.metrics.map(metric => (
          <Grid item xs={12} sm={6} lg={3} key={metric.id}>
            <MetricCard
              metric={metric}
              gate={gates?.metrics.find(g => g.metricId === metric.id)}
            />
          </Grid>
        ))}
      </Grid>
      <Heading>{t('monitoring.section.alerts')}</Heading>
      {checklist.prose?.alerts?.before && (
        <Markdown content={checklist.prose.alerts.before} />
      )}
      <AlertsTable alerts={checklist.alerts} gates={gates?.alerts} />
      <Heading>{t('monitoring.section.rollbackCriteria')}</Heading>
      <RollbackCriteriaTable
        criteria={checklist.rollbackCriteria}
        gates={gates?.criteria}
        steps={checklist.steps}
        canMark={canMark}
        onMark={onMarkCriterion}
      />
    </Section>
  );
}
