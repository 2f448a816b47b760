/*
 * Writes a checklist as markdown in the shape of the stage rollout checklists,
 * such that parseChecklist reads the document back to the same checklist.
 */
import type { List, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { Checklist, ChecklistSection, SignOffDecision } from '../schema';
import {
  ChecklistSectionKind,
  checklistColumns,
  checklistSections,
} from './vocabulary';

type ListBlock = {
  ordered: boolean;
  items: Array<{ task?: boolean; text: string }>;
};

/** A document is printed as blocks; lists get their markers at the end. */
type Block = string | ListBlock;

const decisionSymbols: Record<SignOffDecision, string> = {
  pending: '☐',
  approved: '✅',
  rejected: '❌',
};

function cell(text: string): string {
  // A cell is one line; a line break would end the table row.
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function table(headers: string[], rows: string[][]): string {
  const line = (cells: string[]) =>
    `|${cells.map(value => (value === '' ? ' ' : ` ${value} `)).join('|')}|`;
  return [
    line(headers),
    `|${headers.map(header => '-'.repeat(header.length + 2)).join('|')}|`,
    ...rows.map(row => line(row.map(cell))),
  ].join('\n');
}

/**
 * A code span for any content: the fence is longer than any backtick run
 * inside, and padded when the content would otherwise lose or merge with it.
 */
function codeSpan(value: string): string {
  const longest = Math.max(
    0,
    ...(value.match(/`+/g) ?? []).map(run => run.length),
  );
  const fence = '`'.repeat(longest + 1);
  const pad =
    /^`|`$/.test(value) || (/^ .* $/s.test(value) && value.trim() !== '')
      ? ' '
      : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/**
 * An ATX heading. Text that ends in a run of `#` would lose it as the
 * heading's closing sequence, so such text gets a closing sequence of its
 * own to lose instead.
 */
function atxHeading(level: number, text: string): string {
  const closing = /(?:^|[ \t])#+$/.test(text) ? ' #' : '';
  return `${'#'.repeat(level)} ${text}${closing}`;
}

function withDescription(head: string, description: string): string {
  return description ? `${head} — ${description}` : head;
}

/** The markers used by the lists that open and close a run of markdown. */
function edgeListMarkers(markdown: string): {
  first?: string;
  last?: string;
} {
  const blocks = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .parse(markdown).children;
  const markerOf = (block: RootContent | undefined) => {
    if (block?.type !== 'list') {
      return undefined;
    }
    const at = block.position?.start.offset ?? 0;
    const marker = /^(?:\d+)?([-+*.)])/.exec(markdown.slice(at));
    return marker ? kindOf(block, marker[1]) : undefined;
  };
  return {
    first: markerOf(blocks[0]),
    last: markerOf(blocks[blocks.length - 1]),
  };
}

/**
 * Whether a bullet before the item's first line makes a thematic break
 * instead, as `- ---` or `* **` do.
 */
function makesThematicBreak(
  bullet: string,
  { task, text }: ListBlock['items'][number],
): boolean {
  const first = text.split('\n')[0].replace(/[ \t]/g, '');
  return (
    task === undefined &&
    (bullet === '-' || bullet === '*') &&
    first.length >= 2 &&
    [...first].every(char => char === bullet)
  );
}

function kindOf(list: Pick<List, 'ordered'>, marker: string): string {
  return `${list.ordered ? 'ordered' : 'bullet'}${marker}`;
}

/**
 * Joins the blocks. A list written right after another list of the same kind
 * and marker would merge into it, so each list takes a marker its neighbours
 * do not use.
 */
function render(allBlocks: Block[]): string {
  const blocks = allBlocks.filter(block => block !== '');
  const out: string[] = [];
  let previous: string | undefined;
  blocks.forEach((block, index) => {
    if (typeof block === 'string') {
      out.push(block);
      previous = edgeListMarkers(block).last;
      return;
    }
    const next = blocks[index + 1];
    const nextMarker =
      typeof next === 'string' ? edgeListMarkers(next).first : undefined;
    const candidates = (block.ordered ? ['.', ')'] : ['-', '*', '+']).filter(
      candidate =>
        !block.items.some(item => makesThematicBreak(candidate, item)),
    );
    const marker =
      candidates.find(
        candidate =>
          kindOf(block, candidate) !== previous &&
          kindOf(block, candidate) !== nextMarker,
      ) ?? candidates[0];
    out.push(
      block.items
        .map(({ task, text }, position) => {
          const bullet = block.ordered ? `${position + 1}${marker}` : marker;
          const head = `${bullet} ${
            task === undefined ? '' : `[${task ? 'x' : ' '}] `
          }`;
          // Continuation lines line up with the content so that fenced code
          // and nested lists stay inside the item.
          const indent = ' '.repeat(bullet.length + 1);
          return text
            .split('\n')
            .map((line, lineIndex) => {
              if (lineIndex === 0) {
                return head + line;
              }
              return line === '' ? '' : indent + line;
            })
            .join('\n');
        })
        .join('\n'),
    );
    previous = kindOf(block, marker);
  });
  return `${out.join('\n\n')}\n`;
}

/**
 * Writes a checklist as markdown: a `# Stage <stage> · <title>` heading, then
 * the numbered sections of the stage rollout checklists (operator runbook
 * table, rollback trigger criteria, developer migration guide, pre-flight
 * validation, stakeholder sign-off table, monitoring and communication) and
 * any extra sections.
 *
 * @remarks
 * `parseChecklist(printChecklist(checklist))` gives the checklist back for
 * every checklist that `parseChecklist` returns, including step status,
 * checked boxes, decisions, notes and signers. Run details that markdown
 * does not hold, such as who checked a box and when, are not written.
 * Sections other than the runbook are left out when they have nothing in
 * them.
 *
 * @param checklist - the checklist to write.
 * @returns the markdown document, ending in a newline.
 * @public
 */
export function printChecklist(checklist: Checklist): string {
  const prose = checklist.prose ?? {};
  const blocks: Block[] = [];
  const section = (
    heading: string,
    key: ChecklistSection,
    body: Block | undefined,
    { always = false }: { always?: boolean } = {},
  ) => {
    const { before = '', after = '' } = prose[key] ?? {};
    if (!always && !body && !before && !after) {
      return;
    }
    blocks.push(heading, before);
    if (body) {
      blocks.push(body);
    }
    blocks.push(after);
  };
  const list = (
    items: ListBlock['items'],
    ordered = false,
  ): ListBlock | undefined =>
    items.length > 0 ? { ordered, items } : undefined;

  blocks.push(
    atxHeading(
      1,
      checklist.stage
        ? `Stage ${checklist.stage} · ${checklist.title}`
        : checklist.title,
    ),
    checklist.preamble ?? '',
  );

  const language = checklist.language ?? 'en';
  const sectionName = (kind: ChecklistSectionKind) =>
    checklistSections.find(([k]) => k === kind)![1].printed[language];
  const runbookColumns = checklistColumns.runbook;
  const signOffColumns = checklistColumns.signOffs;

  const withStatus = checklist.steps.some(step => step.status !== 'pending');
  section(
    `## 1. ${sectionName('runbook')}`,
    'runbook',
    table(
      [
        runbookColumns.step.printed[language],
        runbookColumns.command.printed[language],
        runbookColumns.notes.printed[language],
        ...(withStatus ? [runbookColumns.status.printed[language]] : []),
      ],
      checklist.steps.map(step => [
        String(step.number),
        step.title,
        step.notes,
        ...(withStatus ? [step.status] : []),
      ]),
    ),
    { always: true },
  );
  section(
    `### ${sectionName('rollbackCriteria')}`,
    'rollbackCriteria',
    list(checklist.rollbackCriteria.map(({ text }) => ({ text }))),
  );
  section(
    `## 2. ${sectionName('migrationGuide')}`,
    'migrationGuide',
    list(
      checklist.migrationGuide.map(({ text }) => ({ text })),
      true,
    ),
  );
  section(
    `## 3. ${sectionName('preflightChecks')}`,
    'preflightChecks',
    list(
      checklist.preflightChecks.map(({ text, checked }) => ({
        task: checked,
        text,
      })),
    ),
  );

  const withSigners = checklist.signOffs.some(
    signOff => signOff.signers.length > 0,
  );
  section(
    `## 4. ${sectionName('signOffs')}`,
    'signOffs',
    checklist.signOffs.length > 0
      ? table(
          [
            signOffColumns.role.printed[language],
            signOffColumns.responsibility.printed[language],
            signOffColumns.status.printed[language],
            signOffColumns.note.printed[language],
            ...(withSigners ? [signOffColumns.signers.printed[language]] : []),
          ],
          checklist.signOffs.map(signOff => [
            signOff.role,
            signOff.responsibility,
            decisionSymbols[signOff.decision],
            signOff.note,
            ...(withSigners ? [signOff.signers.join(', ')] : []),
          ]),
        )
      : undefined,
  );

  const metrics = list(
    checklist.metrics.map(({ name, description }) => ({
      text: withDescription(codeSpan(name), description),
    })),
  );
  const alerts = list(
    checklist.alerts.map(({ name, source, description }) => ({
      text: withDescription(
        source ? `${codeSpan(name)} (${source})` : codeSpan(name),
        description,
      ),
    })),
  );
  const metricsProse = prose.metrics ?? {};
  const alertsProse = prose.alerts ?? {};
  if (
    metrics ||
    alerts ||
    metricsProse.before ||
    metricsProse.after ||
    alertsProse.before ||
    alertsProse.after
  ) {
    blocks.push(
      `## 5. ${sectionName('monitoring')}`,
      metricsProse.before ?? '',
      ...(metrics ? [metrics] : []),
      metricsProse.after ?? '',
      alertsProse.before ?? '',
      ...(alerts ? [alerts] : []),
      alertsProse.after ?? '',
    );
  }

  section(
    `## 6. ${sectionName('communication')}`,
    'communication',
    list(
      checklist.communication.map(({ text, done }) => ({
        // An open item is a plain bullet, as communication lists are written,
        // unless its text starts like a task box: as a bullet, that text
        // would read back as the box.
        ...(done || /^\[[ xX]\]/.test(text) ? { task: done } : {}),
        text,
      })),
    ),
  );

  for (const extra of checklist.extraSections ?? []) {
    blocks.push(atxHeading(2, extra.heading), extra.body);
  }

  return render(blocks);
}
