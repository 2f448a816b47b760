import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Button from '@material-ui/core/Button';
import GetAppIcon from '@material-ui/icons/GetApp';
import { useState } from 'react';
import { rolloutApiRef } from '../../api';
import { useRolloutTranslation } from '../../translation';

/**
 * Downloads a rollout's checklist as the markdown document the backend
 * prints, named `<entity-name>-<version>-checklist.md`.
 */
export function DownloadMarkdownButton(props: {
  rolloutId: string;
  /** The entity's name, the first part of the file name. */
  entityName: string;
  version: string;
}) {
  const { rolloutId, entityName, version } = props;
  const api = useApi(rolloutApiRef);
  const alertApi = useApi(alertApiRef);
  const { t } = useRolloutTranslation();
  const [busy, setBusy] = useState(false);

  const download = async () => {
    setBusy(true);
    try {
      const markdown = await api.getRolloutMarkdown(rolloutId);
      const link = document.createElement('a');
      link.href = URL.createObjectURL(
        new Blob([markdown], { type: 'text/markdown;charset=utf-8' }),
      );
      link.download = `${entityName}-${version}-checklist.md`;
      link.click();
      URL.revokeObjectURL(link.href);
    } catch (e) {
      alertApi.post({
        message: t('actions.download.failed', {
          message: ResponseError.is(e) ? e.cause.message : (e as Error).message,
        }),
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      variant="outlined"
      size="small"
      startIcon={<GetAppIcon />}
      disabled={busy}
      onClick={download}
    >
      {t('actions.download.button')}
    </Button>
  );
}
