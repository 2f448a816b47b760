import Box from '@material-ui/core/Box';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  Checklist,
  ChecklistSignerName,
  ChecklistWarning,
  readChecklist,
} from '@rollout/backstage-plugin-rollout-common';
import { useEffect, useMemo, useState } from 'react';
import {
  RolloutTranslationFunction,
  useRolloutTranslation,
} from '../../translation';
import { Markdown } from '../RolloutView/Markdown';

const useStyles = makeStyles(theme => ({
  // Markdown cells render paragraphs; in a compact preview they read as lines.
  compact: {
    '& p': { margin: 0 },
    '& pre': { margin: 0, whiteSpace: 'pre-wrap' },
  },
  heading: { marginTop: theme.spacing(2) },
}));

/**
 * A checklist read from markdown, with what the reader guessed and the
 * signers named for the catalog to look up; or why the markdown is not one.
 */
export type ParsedChecklist =
  | {
      checklist: Checklist;
      warnings: ChecklistWarning[];
      signerNames: ChecklistSignerName[];
      error?: undefined;
    }
  | { checklist?: undefined; error: string };

/**
 * The checklist `markdown` holds, read the way the backend reads it, or
 * the parser's message (which names the line) when it holds none.
 */
export function parseChecklistText(markdown: string): ParsedChecklist {
  try {
    return readChecklist(markdown);
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/**
 * `markdown` read as a checklist once the user has stopped typing for
 * `delayMs`: parsing a long document at every key press would lag the
 * editor.
 */
export function useParsedChecklist(
  markdown: string,
  delayMs = 300,
): ParsedChecklist & {
  /** The text that was read: `markdown` once typing has settled. */
  settled: string;
} {
  const [settled, setSettled] = useState(markdown);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(markdown), delayMs);
    return () => clearTimeout(timer);
  }, [markdown, delayMs]);
  return useMemo(
    () => ({ ...parseChecklistText(settled), settled }),
    [settled],
  );
}

/**
 * The title the backend gives a rollout of `checklist` (and the document's
 * level-1 heading): data, as the tab shows it, not a message to translate.
 */
function rolloutTitleOf(checklist: Checklist): string {
  return checklist.stage
    ? `Stage ${checklist.stage} · ${checklist.title}`
    : checklist.title;
}

/**
 * A compact preview of a checklist being edited: its title, steps,
 * pre-flight checks and sign-off rows, and how many items the other
 * sections hold; or the parser's message when the text is not a checklist.
 */
export function ChecklistPreview(props: { parsed: ParsedChecklist }) {
  const classes = useStyles();
  const { t } = useRolloutTranslation();
  const { parsed } = props;
  const { checklist, error } = parsed;
  if (!checklist) {
    return (
      <Box component="section" aria-label={t('actions.preview.label')}>
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      </Box>
    );
  }
  // Which language the headings print back in (not the UI's).
  const inRussian = checklist.language === 'ru';
  return (
    <Box
      component="section"
      aria-label={t('actions.preview.label')}
      className={classes.compact}
    >
      <Typography variant="h6" component="h3">
        {rolloutTitleOf(checklist)}
      </Typography>
      {inRussian && (
        <Typography variant="body2" color="textSecondary">
          {t('actions.preview.russianHeadings')}
        </Typography>
      )}
      <ReadingNotes
        warnings={parsed.warnings ?? []}
        signerNames={parsed.signerNames ?? []}
      />

      <Typography
        variant="subtitle2"
        component="h4"
        className={classes.heading}
      >
        {t('actions.preview.stepsHeading')}
      </Typography>
      <Table size="small" aria-label={t('actions.preview.stepsTableLabel')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('actions.preview.columns.step')}</TableCell>
            <TableCell>{t('actions.preview.columns.command')}</TableCell>
            <TableCell>{t('actions.preview.columns.notes')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {checklist.steps.map(step => (
            <TableRow key={step.id}>
              <TableCell>
                {step.kind === 'rollback'
                  ? t('actions.preview.rollbackStep', {
                      number: String(step.number),
                    })
                  : step.number}
              </TableCell>
              <TableCell>
                <Markdown content={step.title} />
              </TableCell>
              <TableCell>
                <Markdown content={step.notes} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <Typography
        variant="subtitle2"
        component="h4"
        className={classes.heading}
      >
        {t('actions.preview.preflightHeading')}
      </Typography>
      {checklist.preflightChecks.length ? (
        <ul aria-label={t('actions.preview.preflightListLabel')}>
          {checklist.preflightChecks.map(check => (
            <li key={check.id}>
              <Markdown content={check.text} />
            </li>
          ))}
        </ul>
      ) : (
        <Typography variant="body2">{t('actions.preview.none')}</Typography>
      )}

      <Typography
        variant="subtitle2"
        component="h4"
        className={classes.heading}
      >
        {t('actions.preview.signOffHeading')}
      </Typography>
      <Table size="small" aria-label={t('actions.preview.signOffTableLabel')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('actions.preview.columns.role')}</TableCell>
            <TableCell>{t('actions.preview.columns.signers')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {checklist.signOffs.map((row, index) => {
            const signers = [
              ...row.signers,
              ...(parsed.signerNames ?? [])
                .filter(named => named.signOff === index)
                .map(named =>
                  t('actions.preview.signerToLookUp', { name: named.name }),
                ),
            ];
            return (
              <TableRow key={row.id}>
                <TableCell>{row.role}</TableCell>
                <TableCell>
                  {signers.length
                    ? signers.join(', ')
                    : t('actions.preview.noSigners')}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>

      <Typography
        variant="body2"
        className={classes.heading}
        data-testid="preview-counts"
      >
        {otherSectionCounts(t, checklist)}
      </Typography>
    </Box>
  );
}

/** How many items the sections the preview does not list hold. */
function otherSectionCounts(
  t: RolloutTranslationFunction,
  checklist: Checklist,
): string {
  return [
    t('actions.preview.counts.rollbackCriteria', {
      count: checklist.rollbackCriteria.length,
    }),
    t('actions.preview.counts.migrationGuideItems', {
      count: checklist.migrationGuide.length,
    }),
    t('actions.preview.counts.metrics', { count: checklist.metrics.length }),
    t('actions.preview.counts.alerts', { count: checklist.alerts.length }),
    t('actions.preview.counts.communicationItems', {
      count: checklist.communication.length,
    }),
  ].join(' · ');
}

/**
 * Every section of a checklist with how many items it holds, in one line
 * in the user's language, such as "3 steps (1 rollback) · 2 pre-flight
 * checks · …".
 */
export function sectionCounts(
  t: RolloutTranslationFunction,
  checklist: Checklist,
): string {
  const rollback = checklist.steps.filter(
    step => step.kind === 'rollback',
  ).length;
  const count = checklist.steps.length;
  return [
    rollback
      ? t('actions.preview.counts.stepsWithRollback', {
          count,
          rollback: String(rollback),
        })
      : t('common.count.steps', { count }),
    t('common.count.preflightChecks', {
      count: checklist.preflightChecks.length,
    }),
    t('common.count.signOffs', { count: checklist.signOffs.length }),
    otherSectionCounts(t, checklist),
  ].join(' · ');
}

/**
 * What reading the document guessed or dropped, by line, and the signers
 * named by handle, name or email that the backend looks up in the catalog.
 */
export function ReadingNotes(props: {
  warnings: ChecklistWarning[];
  signerNames: ChecklistSignerName[];
}) {
  const { warnings, signerNames } = props;
  const { t } = useRolloutTranslation();
  if (!warnings.length && !signerNames.length) {
    return null;
  }
  return (
    <Box mt={1}>
      {warnings.length > 0 && (
        <Alert severity="warning" data-testid="preview-warnings">
          <Typography variant="subtitle2" component="h4">
            {t('actions.preview.guesses', { count: warnings.length })}
          </Typography>
          <ul aria-label={t('actions.preview.warningsLabel')}>
            {warnings.map(warning => (
              <li key={`${warning.line}-${warning.message}`}>
                {t('actions.preview.warningLine', {
                  line: String(warning.line),
                  message: warning.message,
                })}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {signerNames.length > 0 && (
        <Alert severity="info" data-testid="preview-signer-names">
          <Typography variant="subtitle2" component="h4">
            {t('actions.preview.signerNamesTitle')}
          </Typography>
          <ul aria-label={t('actions.preview.signerNamesLabel')}>
            {signerNames.map(({ line, name, role }) => (
              <li key={`${line}-${name}`}>
                {t('actions.preview.signerNameLine', {
                  line: String(line),
                  name,
                  role,
                })}
              </li>
            ))}
          </ul>
        </Alert>
      )}
    </Box>
  );
}
