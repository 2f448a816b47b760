import { InfoCard } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableContainer from '@material-ui/core/TableContainer';
import { makeStyles } from '@material-ui/core/styles';
import { SectionProse } from '@rollout/backstage-plugin-rollout-common';
import { ReactNode } from 'react';
import { Markdown } from './Markdown';
import { PersonRef } from './People';
import { useRolloutFormat, useRolloutTranslation } from '../../translation';

/**
 * One section of the checklist as a card, with the prose the document keeps
 * around its items.
 */
export function Section(props: {
  id: string;
  title: string;
  subheader?: string;
  prose?: SectionProse;
  children: ReactNode;
}) {
  const { id, title, subheader, prose, children } = props;
  return (
    <section id={id} aria-label={title}>
      <InfoCard
        title={title}
        subheader={subheader}
        titleTypographyProps={{ component: 'h2' }}
      >
        {prose?.before && <Markdown content={prose.before} />}
        {children}
        {prose?.after && <Markdown content={prose.after} />}
      </InfoCard>
    </section>
  );
}

/**
 * What a person did, for an attribution that names it: "Skipped by …"
 * rather than "by …".
 */
export type AttributionAction = 'skipped' | 'markedDone';

/**
 * Who did something and when, as a short line: "by Anna on 21 Nov 2025,
 * 09:00", or with `action` "Marked done by Anna on …". Without `by`, only
 * the action shows, if any.
 */
export function Attribution(props: {
  by?: string;
  at?: string;
  action?: AttributionAction;
}) {
  const { by, at, action } = props;
  const { t } = useRolloutTranslation();
  const { dateTime } = useRolloutFormat();
  if (!by) {
    return action ? <span>{t(`view.section.${action}`)}</span> : null;
  }
  const person = <PersonRef entityRef={by} />;
  if (!at) {
    return (
      <span>
        {action
          ? t(`view.section.${action}By`, { person })
          : t('view.section.by', { person })}
      </span>
    );
  }
  const date = dateTime(at);
  return (
    <span>
      {action
        ? t(`view.section.${action}ByOn`, { person, date })
        : t('view.section.byOn', { person, date })}
    </span>
  );
}

/*
 * Backstage's theme gives every table cell `word-break: break-word`, which
 * lets a squeezed column shrink to a single letter: headers read "Ste p"
 * and "Stak ehold er". Headers stay on one line, and other text breaks
 * between words only, so a column is never narrower than its longest word;
 * a table that then no longer fits its card scrolls.
 *
 * On a phone a table of five columns leaves each a few characters, so
 * there every row becomes a card: the cells stack, each under its column's
 * name (the cell's `data-label`), and the header row is hidden.
 */
const useTableStyles = makeStyles(theme => ({
  table: {
    '& th': { whiteSpace: 'nowrap' },
    '& td': { wordBreak: 'normal', overflowWrap: 'break-word' },
    [theme.breakpoints.down('xs')]: {
      '& thead': { display: 'none' },
      '& tbody, & tr, & td': { display: 'block', width: '100%' },
      '& tr': {
        borderBottom: `1px solid ${theme.palette.divider}`,
        padding: theme.spacing(1, 0),
      },
      '& td': { border: 'none', padding: theme.spacing(0.5, 0) },
      '& td[data-label]::before': {
        content: 'attr(data-label)',
        display: 'block',
        fontWeight: theme.typography.fontWeightBold,
        fontSize: theme.typography.caption.fontSize,
      },
    },
  },
}));

/**
 * A small table of checklist items whose headers never break mid-word and
 * whose rows become stacked cards on a phone (give each cell a
 * `data-label` with its column's name); every table of the Rollout tab
 * should be one.
 */
export function ChecklistTable(props: { label: string; children: ReactNode }) {
  const classes = useTableStyles();
  return (
    <TableContainer>
      <Table size="small" aria-label={props.label} className={classes.table}>
        {props.children}
      </Table>
    </TableContainer>
  );
}
