import Alert from '@material-ui/lab/Alert';
import {
  ChecklistWarning,
  RolloutEditSummary,
} from '@rollout/backstage-plugin-rollout-common';

/** The parts of a rollout an edit may change, as the banner names them. */
const partNames: Record<string, string> = {
  title: 'the title',
  stage: 'the stage',
  preamble: 'the introduction',
  steps: 'the runbook steps',
  rollbackCriteria: 'the rollback criteria',
  migrationGuide: 'the migration guide',
  preflightChecks: 'the pre-flight checks',
  signOffs: 'the sign-offs',
  metrics: 'the metrics',
  alerts: 'the alerts',
  communication: 'the communication plan',
  prose: 'the text around the sections',
  extraSections: 'the extra sections',
  previousVersion: 'the previous version',
  releaseNotesUrl: 'the release notes link',
};

/**
 * What a saved edit did, as a sentence: the parts it changed and whose
 * approvals it reset.
 */
export function describeEdit(edit: RolloutEditSummary): string {
  const changed = edit.changed.length
    ? `The edit changed ${edit.changed
        .map(part => partNames[part] ?? part)
        .join(', ')}.`
    : 'The edit changed nothing.';
  const reset = edit.resetRoles.length
    ? `The edit reset the approvals of ${edit.resetRoles.join(
        ', ',
      )}: they are pending again.`
    : 'No approval was reset.';
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
  return (
    <Alert
      role="status"
      severity={
        edit.resetRoles.length || warnings.length ? 'warning' : 'success'
      }
      onClose={onClose}
    >
      {describeEdit(edit)}
      {warnings.length > 0 && (
        <ul aria-label="What reading the markdown guessed">
          {warnings.map(warning => (
            <li key={`${warning.line}-${warning.message}`}>
              Line {warning.line}: {warning.message}
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
