import Alert from '@material-ui/lab/Alert';
import {
  ChecklistWarning,
  RolloutEditSummary,
} from '@rollout/backstage-plugin-rollout-common';
import {
  RolloutFormat,
  RolloutTranslationFunction,
  isKeyOf,
  rolloutMessages,
  useRolloutFormat,
  useRolloutTranslation,
} from '../../translation';

/** A part of a rollout in the user's language; one it does not know, as named. */
function partName(t: RolloutTranslationFunction, part: string): string {
  return isKeyOf(rolloutMessages.actions.editSummary.parts, part)
    ? t(`actions.editSummary.parts.${part}`)
    : part;
}

/**
 * What a saved edit did, as sentences in the user's language: the parts it
 * changed and whose approvals it reset.
 */
export function describeEdit(
  t: RolloutTranslationFunction,
  format: RolloutFormat,
  edit: RolloutEditSummary,
): string {
  const changed = edit.changed.length
    ? t('actions.editSummary.changed', {
        parts: format.list(edit.changed.map(part => partName(t, part))),
      })
    : t('actions.editSummary.changedNothing');
  const reset = edit.resetRoles.length
    ? t('actions.editSummary.reset', { roles: format.list(edit.resetRoles) })
    : t('actions.editSummary.resetNone');
  return `${changed} ${reset}`;
}

/**
 * Tells the user, once an edit of the checklist is saved, what it changed
 * and whose approvals it reset, until they dismiss it.
 */
export function EditSummaryBanner(props: {
  edit: RolloutEditSummary;
  /** What reading the saved markdown guessed or left out, by line. */
  warnings?: ChecklistWarning[];
  onClose: () => void;
}) {
  const { edit, warnings = [], onClose } = props;
  const { t } = useRolloutTranslation();
  const format = useRolloutFormat();
  return (
    <Alert
      role="status"
      severity={
        edit.resetRoles.length || warnings.length ? 'warning' : 'success'
      }
      onClose={onClose}
      closeText={t('common.close')}
    >
      {describeEdit(t, format, edit)}
      {warnings.length > 0 && (
        <ul aria-label={t('actions.editSummary.warningsLabel')}>
          {warnings.map(warning => (
            <li key={`${warning.line}-${warning.message}`}>
              {t('actions.editSummary.warningLine', {
                line: String(warning.line),
                message: warning.message,
              })}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
