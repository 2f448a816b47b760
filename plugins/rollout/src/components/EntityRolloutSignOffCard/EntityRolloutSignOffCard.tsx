import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { rolloutApiRef } from '../../api';
import { rolloutEntityRef } from '../../conditions';
import { StatusChip } from '../RolloutView/StatusChip';
import { PersonRef } from '../RolloutView/People';
import { WrappingListItemText } from '../ListText/WrappingListItemText';
import { statusLabel, useRolloutTranslation } from '../../translation';

/**
 * Sign-off status of the entity's newest rollout, for the Overview tab,
 * with a link to that rollout on the Rollout tab.
 * @public
 */
export function EntityRolloutSignOffCard() {
  const { entity } = useEntity();
  const entityRoute = useRouteRef(entityRouteRef);
  const api = useApi(rolloutApiRef);
  const { t } = useRolloutTranslation();
  const entityRef = rolloutEntityRef(entity);
  const { value, loading, error } = useAsync(async () => {
    const { items } = await api.listRollouts({ entityRef, limit: 1 });
    return items[0] ? api.getRollout(items[0].id) : undefined;
  }, [api, entityRef]);

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }
  return (
    <InfoCard
      title={t('board.signOffCard.title')}
      subheader={
        value &&
        t('board.signOffCard.subheader', {
          version: value.version,
          status: statusLabel(t, value.status),
        })
      }
      deepLink={{
        title: value
          ? t('board.signOffCard.openVersion', { version: value.version })
          : t('board.signOffCard.openTab'),
        link: `${entityRoute(entityRouteParams(entity))}/rollout${
          value ? `?version=${encodeURIComponent(value.version)}` : ''
        }`,
      }}
      titleTypographyProps={{ component: 'h2' }}
    >
      {loading && <Progress />}
      {!loading && !value && (
        <Typography>{t('board.signOffCard.empty')}</Typography>
      )}
      {value && (
        <List dense aria-label={t('board.signOffCard.listLabel')}>
          {value.checklist.signOffs.map(signOff => (
            <ListItem key={signOff.id}>
              <WrappingListItemText
                primary={signOff.role}
                secondary={
                  signOff.decidedBy && (
                    <PersonRef entityRef={signOff.decidedBy} />
                  )
                }
              />
              <StatusChip status={signOff.decision} />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
