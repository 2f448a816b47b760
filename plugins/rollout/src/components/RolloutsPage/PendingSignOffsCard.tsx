import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  EntityDisplayName,
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { useCallback, useEffect, useState } from 'react';
import { RolloutPage } from '@rollout/backstage-plugin-rollout-common';
import { rolloutApiRef } from '../../api';
import { useRolloutTranslation } from '../../translation';
import { YourSignOffs } from './YourSignOffs';
import { WrappingListItemText } from '../ListText/WrappingListItemText';

/**
 * The signed-in user's pending sign-offs across all rollouts, each with
 * Approve and Reject: for the home page or the user's own entity page.
 */
export function PendingSignOffsCard() {
  const api = useApi(rolloutApiRef);
  const { t } = useRolloutTranslation();
  const entityRoute = useRouteRef(entityRouteRef);
  const [page, setPage] = useState<RolloutPage>();
  const [error, setError] = useState<Error>();

  const load = useCallback(async () => {
    try {
      setPage(
        await api.listRollouts({
          pendingSignoffBy: 'me',
          sort: 'lastActivity',
          limit: 20,
        }),
      );
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    }
  }, [api]);
  useEffect(() => {
    load();
  }, [load]);

  return (
    <InfoCard title={t('board.pendingCard.title')}>
      {error && <ResponseErrorPanel error={error} />}
      {!error && !page && <Progress />}
      {page && page.items.length === 0 && (
        <Typography variant="body2">{t('board.pendingCard.empty')}</Typography>
      )}
      {page && page.items.length > 0 && (
        <List dense aria-label={t('board.pendingCard.listLabel')}>
          {page.items.map(rollout => (
            <ListItem key={rollout.id} divider>
              <WrappingListItemText
                primary={
                  <Link
                    to={`${entityRoute(
                      entityRouteParams(rollout.entityRef),
                    )}/rollout`}
                  >
                    <EntityDisplayName
                      entityRef={rollout.entityRef}
                      hideIcon
                      disableTooltip
                    />{' '}
                    {rollout.version}
                  </Link>
                }
                secondary={<YourSignOffs rollout={rollout} onDecided={load} />}
                secondaryTypographyProps={{ component: 'div' }}
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
