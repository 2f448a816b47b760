import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { RolloutPendingSignOffsCard } from '@rollout/backstage-plugin-rollout';

/**
 * The app's first page: what Rollout is for and where each of its users
 * starts — the sign-offs waiting for you, every rollout on one board, a
 * new rollout from a template, and the catalog whose entities carry a
 * Rollout tab.
 */
export function HomePage() {
  return (
    <Page themeId="home">
      <Header
        title="Rollout for Backstage"
        subtitle="Release checklists that run, gate and get signed in Backstage"
      />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12} md={6}>
            <RolloutPendingSignOffsCard />
          </Grid>
          <Grid item xs={12} md={6}>
            <InfoCard
              title="Rollouts"
              titleTypographyProps={{ component: 'h2' }}
            >
              <Typography paragraph>
                Every rollout across services on one board: its status, who has
                signed, who is pending and what blocks it.
              </Typography>
              <Link to="/rollouts">Open the Rollouts board</Link>
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={6}>
            <InfoCard
              title="Start a rollout"
              titleTypographyProps={{ component: 'h2' }}
            >
              <Typography paragraph>
                Paste a release checklist (runbook, pre-flight checks,
                sign-offs, monitoring, communication) and the rollout is created
                against the entity you release.
              </Typography>
              <Link to="/create/templates/default/start-rollout">
                Start a rollout from the template
              </Link>
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={6}>
            <InfoCard
              title="Your services"
              titleTypographyProps={{ component: 'h2' }}
            >
              <Typography paragraph>
                Each released entity has a Rollout tab: run the runbook's steps,
                tick the checks, watch the gates and roll back.
              </Typography>
              <Link to="/catalog">Open the catalog</Link>
            </InfoCard>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
