import { Header, Page } from '@backstage/core-components';
import { RolloutsBoard } from './RolloutsBoard';
import { useRolloutTranslation } from '../../translation';

/**
 * The Rollouts page of classic apps: the board under a page header.
 */
export function RolloutsPage() {
  const { t } = useRolloutTranslation();
  return (
    <Page themeId="tool">
      <Header
        title={t('common.pageTitle')}
        subtitle={t('board.page.subtitle')}
      />
      <RolloutsBoard />
    </Page>
  );
}
