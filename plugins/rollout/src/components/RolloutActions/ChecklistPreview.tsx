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

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * A compact preview of a checklist being edited: its title, steps,
 * pre-flight checks and sign-off rows, and how many items the other
 * sections hold; or the parser's message when the text is not a checklist.
 */
export function ChecklistPreview(props: { parsed: ParsedChecklist }) {
  const classes = useStyles();
  const { parsed } = props;
  const { checklist, error } = parsed;
  if (!checklist) {
    return (
      <Box component="section" aria-label="Preview">
        <Alert severity="error" role="alert">
          {error}
        </Alert>
      </Box>
    );
  }
  return (
    <Box component="section" aria-label="Preview" className={classes.compact}>
      <Typography variant="h6" component="h3">
        {checklist.stage
          ? `Stage ${checklist.stage} · ${checklist.title}`
          : checklist.title}
      </Typography>
      {checklist.language === 'ru' && (
        <Typography variant="body2" color="textSecondary">
          Headings in Russian: the checklist prints back in Russian.
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
        Steps
      </Typography>
      <Table size="small" aria-label="Steps preview">
        <TableHead>
          <TableRow>
            <TableCell>Step</TableCell>
            <TableCell>Command / Action</TableCell>
            <TableCell>Notes</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {checklist.steps.map(step => (
            <TableRow key={step.id}>
              <TableCell>
                {step.number}
                {step.kind === 'rollback' ? ' (rollback)' : ''}
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
        Pre-flight checks
      </Typography>
      {checklist.preflightChecks.length ? (
        <ul aria-label="Pre-flight checks preview">
          {checklist.preflightChecks.map(check => (
            <li key={check.id}>
              <Markdown content={check.text} />
            </li>
          ))}
        </ul>
      ) : (
        <Typography variant="body2">None</Typography>
      )}

      <Typography
        variant="subtitle2"
        component="h4"
        className={classes.heading}
      >
        Sign-off
      </Typography>
      <Table size="small" aria-label="Sign-off preview">
        <TableHead>
          <TableRow>
            <TableCell>Role</TableCell>
            <TableCell>Signers</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {checklist.signOffs.map((row, index) => {
            const signers = [
              ...row.signers,
              ...(parsed.signerNames ?? [])
                .filter(named => named.signOff === index)
                .map(named => `${named.name} (to look up)`),
            ];
            return (
              <TableRow key={row.id}>
                <TableCell>{row.role}</TableCell>
                <TableCell>
                  {signers.length ? signers.join(', ') : 'No signers'}
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
        {otherSectionCounts(checklist)}
      </Typography>
    </Box>
  );
}

/** How many items the sections the preview does not list hold. */
function otherSectionCounts(checklist: Checklist): string {
  return [
    plural(
      checklist.rollbackCriteria.length,
      'rollback criterion',
      'rollback criteria',
    ),
    plural(
      checklist.migrationGuide.length,
      'migration guide item',
      'migration guide items',
    ),
    plural(checklist.metrics.length, 'metric', 'metrics'),
    plural(checklist.alerts.length, 'alert', 'alerts'),
    plural(
      checklist.communication.length,
      'communication item',
      'communication items',
    ),
  ].join(' · ');
}

/**
 * Every section of a checklist with how many items it holds, in one line,
 * such as "3 steps (1 rollback) · 2 pre-flight checks · …".
 */
export function sectionCounts(checklist: Checklist): string {
  const rollback = checklist.steps.filter(
    step => step.kind === 'rollback',
  ).length;
  return [
    `${plural(checklist.steps.length, 'step', 'steps')}${
      rollback ? ` (${rollback} rollback)` : ''
    }`,
    plural(
      checklist.preflightChecks.length,
      'pre-flight check',
      'pre-flight checks',
    ),
    plural(checklist.signOffs.length, 'sign-off', 'sign-offs'),
    otherSectionCounts(checklist),
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
  if (!warnings.length && !signerNames.length) {
    return null;
  }
  return (
    <Box mt={1}>
      {warnings.length > 0 && (
        <Alert severity="warning" data-testid="preview-warnings">
          <Typography variant="subtitle2" component="h4">
            Reading it took {plural(warnings.length, 'guess', 'guesses')}
          </Typography>
          <ul aria-label="Warnings">
            {warnings.map(warning => (
              <li key={`${warning.line}-${warning.message}`}>
                Line {warning.line}: {warning.message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      {signerNames.length > 0 && (
        <Alert severity="info" data-testid="preview-signer-names">
          <Typography variant="subtitle2" component="h4">
            Signers to look up in the catalog
          </Typography>
          <ul aria-label="Signers to look up">
            {signerNames.map(({ line, name, role }) => (
              <li key={`${line}-${name}`}>
                Line {line}: {name} ({role}), by user name, email or group name;
                left out if the catalog has none
              </li>
            ))}
          </ul>
        </Alert>
      )}
    </Box>
  );
}
