import { Header, Page } from '@backstage/core-components';
import { RolloutsBoard } from './RolloutsBoard';

/**
 * The Rollouts page of classic apps: the board under a page header.
 */
export function RolloutsPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Rollouts"
        subtitle="Every rollout, who has signed and who is pending"
      />
      <RolloutsBoard />
    </Page>
  );
}
