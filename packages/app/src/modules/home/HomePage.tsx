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

/** One place to start from: what it is for, and the link there. */
function HomeCard(props: {
  title: string;
  text: string;
  link: string;
  linkText: string;
}) {
  return (
    <Grid item xs={12} md={6}>
      <InfoCard title={props.title} titleTypographyProps={{ component: 'h2' }}>
        <Typography paragraph>{props.text}</Typography>
        <Link to={props.link}>{props.linkText}</Link>
      </InfoCard>
    </Grid>
  );
}

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
          <HomeCard
            title="Rollouts"
            text="Every rollout across services on one board: its status, who has signed, who is pending and what blocks it."
            link="/rollouts"
            linkText="Open the Rollouts board"
          />
          <HomeCard
            title="Start a rollout"
            text="Paste a release checklist (runbook, pre-flight checks, sign-offs, monitoring, communication) and the rollout is created against the entity you release."
            link="/create/templates/default/start-rollout"
            linkText="Start a rollout from the template"
          />
          <HomeCard
            title="Your services"
            text="Each released entity has a Rollout tab: run the runbook's steps, tick the checks, watch the gates and roll back."
            link="/catalog"
            linkText="Open the catalog"
          />
        </Grid>
      </Content>
    </Page>
  );
}
