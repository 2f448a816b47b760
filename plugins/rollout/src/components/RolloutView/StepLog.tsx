import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { Step } from '@rollout/backstage-plugin-rollout-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { rolloutApiRef } from '../../api';
import { useRolloutTranslation } from '../../translation';

/**
 * What the step's command printed, read again as the step changes: its
 * exit code and last line, with the whole output a click away. Scaffolder
 * chatter and stack traces are left out by the backend.
 */
export function StepLog(props: { rolloutId: string; step: Step }) {
  const { rolloutId, step } = props;
  const api = useApi(rolloutApiRef);
  const [open, setOpen] = useState(false);
  const { t } = useRolloutTranslation();
  const { value } = useAsync(
    () => api.getStepLog(rolloutId, step.id),
    [api, rolloutId, step.id, step.status, step.updatedAt],
  );
  if (!value || (!value.lines.length && value.exitCode === undefined)) {
    return null;
  }
  const { lines, exitCode } = value;
  const last = [...lines].reverse().find(line => line.trim());
  const logId = `step-${step.id}-output`;
  return (
    <Box mt={0.5} data-testid={`step-${step.id}-log`}>
      <Typography variant="caption" display="block">
        {exitCode !== undefined && (
          <strong>
            {t('view.stepLog.exitCode', { code: String(exitCode) })}
          </strong>
        )}
        {exitCode !== undefined && last && ' · '}
        {last && <code>{last}</code>}
      </Typography>
      {lines.length > 0 && (
        <Button
          size="small"
          aria-expanded={open}
          aria-controls={logId}
          aria-label={
            open
              ? t('view.stepLog.hideOutputLabel', {
                  number: String(step.number),
                })
              : t('view.stepLog.showOutputLabel', {
                  number: String(step.number),
                })
          }
          onClick={() => setOpen(!open)}
        >
          {open
            ? t('view.stepLog.hideOutput')
            : t('view.stepLog.showOutput', { count: lines.length })}
        </Button>
      )}
      {open && (
        <Box
          component="pre"
          id={logId}
          tabIndex={0}
          aria-label={t('view.stepLog.outputLabel', {
            number: String(step.number),
          })}
          fontSize="0.75rem"
          whiteSpace="pre-wrap"
          maxHeight={240}
          overflow="auto"
          margin={0}
          p={1}
          bgcolor="action.hover"
        >
          {lines.join('\n')}
        </Box>
      )}
    </Box>
  );
}
