/*
 * Reads a rollout checklist from markdown. The document is parsed with remark
 * (CommonMark + GFM) and item text is sliced from the original source by node
 * offsets, so code spans, links and escapes come back exactly as written and
 * printChecklist can write them out again unchanged.
 */
import type {
  Heading,
  List,
  ListItem,
  Nodes,
  RootContent,
  Table,
  TableCell,
  TableRow,
} from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { normalizeChecklist } from '../ids';
import { ChecklistInput } from '../requests';
import {
  Checklist,
  ChecklistSection,
  SectionProse,
  SignOffDecision,
  StepStatus,
  stepStatusSchema,
} from '../schema';
import { ChecklistParseError } from './ChecklistParseError';
import { checkDraft, DraftLines } from './checkDraft';
import { checkMarkdownLimits } from './limits';
import {
  ChecklistLanguage,
  ChecklistSectionKind,
  checklistColumns,
  checklistSections,
  rollbackStepPattern,
  sectionOfHeading,
  signOffDecisionWords,
} from './vocabulary';

type SectionKind = ChecklistSectionKind;

/** The English name of each section, for messages. */
const sectionNames = Object.fromEntries(
  checklistSections.map(([kind, names]) => [kind, names.printed.en]),
) as Record<SectionKind, string>;

type Section = {
  kind: SectionKind | undefined;
  /** The language of the heading's words, when they named the section. */
  language?: ChecklistLanguage;
  heading: Heading;
  /** The heading as written, for extra sections and messages. */
  headingText: string;
  blocks: RootContent[];
};

type StepInput = ChecklistInput['steps'][number];

type Draft = ChecklistInput & {
  prose: Partial<Record<ChecklistSection, SectionProse>>;
  /** Where each value was read, for errors the schema finds later. */
  lines: DraftLines;
  warnings: ChecklistWarning[];
  signerNames: ChecklistSignerName[];
};

/**
 * Something the reader guessed or dropped to read a document, with its line.
 * @public
 */
export type ChecklistWarning = { line: number; message: string };

/**
 * A signer a sign-off row names by something other than an entity ref
 * (`@maria`, `maria`, `maria@example.com`), to be looked up in the catalog.
 * Until it is, the row does not count it as a signer.
 * @public
 */
export type ChecklistSignerName = {
  /** The index of the row in `signOffs`. */
  signOff: number;
  role: string;
  line: number;
  name: string;
};

/**
 * What `readChecklist` read from a document.
 * @public
 */
export type ChecklistReading = {
  checklist: Checklist;
  /** What was guessed or dropped, by line; empty for a document in shape. */
  warnings: ChecklistWarning[];
  /** Signers named by handle, name or email rather than entity ref. */
  signerNames: ChecklistSignerName[];
};

const entityRefPattern = /^[a-z0-9_-]+:[a-z0-9_.-]+\/[a-z0-9_.-]+$/i;

function lower(value: string): string {
  return value.toLocaleLowerCase('ru-RU');
}

/** Header cells reduced to words, so `**Command / Action**` matches too. */
function headerWords(header: string): string[] {
  return lower(header)
    .replace(/[^\p{L}\p{N}#№]+/gu, ' ')
    .trim()
    .split(' ');
}

/** Numbering before a heading's words, such as `1.` or `2.1)`. */
const numbering = /^\d+(?:\.\d+)*[.)]?\s*/;

/**
 * The section a heading names, by its words in English or Russian (see
 * `checklistSections`). Sections are level-2 headings; rollback criteria
 * may also be a level-3 heading under the runbook.
 */
function classifySection(
  heading: Heading,
  text: string,
): { kind: SectionKind; language: ChecklistLanguage } | undefined {
  if (heading.depth > 3) {
    return undefined;
  }
  const found = sectionOfHeading(text.replace(numbering, ''));
  if (!found || (heading.depth > 2 && found.kind !== 'rollbackCriteria')) {
    return undefined;
  }
  return found;
}

class Source {
  readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  startOf(node: Nodes): number {
    return node.position?.start.offset ?? 0;
  }

  endOf(node: Nodes): number {
    return node.position?.end.offset ?? 0;
  }

  lineOf(node: Nodes): number {
    return node.position?.start.line ?? 1;
  }

  /** The markdown of a run of sibling nodes, from the first to the last. */
  range(nodes: ReadonlyArray<Nodes>): string {
    if (nodes.length === 0) {
      return '';
    }
    return this.text
      .slice(this.startOf(nodes[0]), this.endOf(nodes[nodes.length - 1]))
      .trim();
  }

  /**
   * The inline content of a heading or table cell as written. The node's own
   * range would include the `#` marks or the cell's pipes, so it is used
   * only when the children have no positions: remark-gfm's literal autolinks
   * (`www.x.y` after a `[`, say) replace the text around them with nodes
   * that have none.
   */
  inline(node: Heading | TableCell): string {
    const markdown = node.children.every(child => child.position)
      ? this.range(node.children)
      : this.inlineFromNode(node);
    return markdown.replace(/\s*\n\s*/g, ' ');
  }

  private inlineFromNode(node: Heading | TableCell): string {
    const raw = this.text.slice(this.startOf(node), this.endOf(node));
    if (node.type === 'tableCell') {
      return raw
        .replace(/^\|/, '')
        .replace(/(?<!\\)\|$/, '')
        .trim();
    }
    const lines = raw.split('\n');
    if (lines.length > 1) {
      // A setext heading: its text, then the underline.
      return lines.slice(0, -1).join('\n').trim();
    }
    return raw
      .replace(/^ {0,3}#{1,6}(?=[ \t]|$)/, '')
      .replace(/(?:[ \t]#+)?[ \t]*$/, '')
      .trim();
  }

  cell(node: TableCell | undefined): string {
    return node ? this.inline(node).replace(/\\\|/g, '|') : '';
  }

  /**
   * The column at which a list item's content starts, from its marker line,
   * following the CommonMark rule: marker width plus 1–4 spaces, or plus 1
   * when more spaces follow (indented code) or the line ends.
   */
  contentIndent(item: ListItem): number {
    const offset = this.startOf(item);
    const lineStart = this.text.lastIndexOf('\n', offset - 1) + 1;
    const lineEnd = this.text.indexOf('\n', offset);
    const line = this.text.slice(
      lineStart,
      lineEnd === -1 ? undefined : lineEnd,
    );
    const match = /^( {0,3})([-+*]|\d{1,9}[.)])([ \t]*)(.?)/.exec(line);
    if (!match) {
      return 2;
    }
    const marker = match[1].length + match[2].length;
    // Tabs advance to the next multiple of 4 columns, as in CommonMark.
    let column = marker;
    for (const char of match[3]) {
      column = char === '\t' ? column + 4 - (column % 4) : column + 1;
    }
    const spaces = column - marker;
    if (match[4] === '' || spaces > 4) {
      return marker + 1;
    }
    return column;
  }

  /**
   * A list item's markdown with the list indentation removed from its
   * continuation lines, so nested lists and fenced code read as if top-level.
   * Task-list markers are dropped unless `keepTaskMarker` asks otherwise.
   */
  item(item: ListItem, options?: { keepTaskMarker?: boolean }): string {
    return this.itemFrom(item, undefined, options);
  }

  /**
   * The offset of a column of the line starting at `lineStart`: a tab
   * advances to the next multiple of 4 columns, as in CommonMark, so
   * columns and characters differ after one.
   */
  private offsetOfColumn(lineStart: number, column: number): number {
    let at = lineStart;
    let reached = 0;
    while (reached < column && at < this.text.length) {
      const char = this.text[at];
      if (char === '\n') {
        break;
      }
      reached = char === '\t' ? reached + 4 - (reached % 4) : reached + 1;
      at += 1;
    }
    return at;
  }

  /** Like `item`, but from an offset inside the item's first line. */
  itemFrom(
    item: ListItem,
    from: number | undefined,
    options?: { keepTaskMarker?: boolean },
  ): string {
    if (item.children.length === 0) {
      return '';
    }
    const indent = this.contentIndent(item);
    let start = from ?? this.startOf(item.children[0]);
    const task = from === undefined && item.checked !== null;
    if (task) {
      // remark moves the paragraph past the `[ ]` only in some cases, so
      // find the marker from the item's content column instead.
      const lineStart = this.text.lastIndexOf('\n', this.startOf(item) - 1) + 1;
      start = Math.min(start, this.offsetOfColumn(lineStart, indent));
    }
    let raw = this.text.slice(
      start,
      this.endOf(item.children[item.children.length - 1]),
    );
    if (task && !options?.keepTaskMarker) {
      raw = raw.replace(/^\[[ xX]\][ \t]*/, '');
    }
    return dedent(raw, indent).trim();
  }
}

/** Removes up to `columns` of leading whitespace from all but the first line. */
function dedent(text: string, columns: number): string {
  return text
    .split('\n')
    .map((line, index) => {
      if (index === 0) {
        return line;
      }
      let column = 0;
      let cut = 0;
      while (cut < line.length && column < columns) {
        if (line[cut] === ' ') {
          column += 1;
        } else if (line[cut] === '\t') {
          const next = column + 4 - (column % 4);
          if (next > columns) {
            // A tab that reaches past the indent leaves the rest as spaces.
            return ' '.repeat(next - columns) + line.slice(cut + 1);
          }
          column = next;
        } else {
          break;
        }
        cut += 1;
      }
      return line.slice(cut);
    })
    .join('\n');
}

function setProse(
  draft: Draft,
  source: Source,
  section: ChecklistSection,
  where: keyof SectionProse,
  blocks: RootContent[],
) {
  const markdown = source.range(blocks);
  if (markdown) {
    draft.prose[section] = { ...draft.prose[section], [where]: markdown };
    draft.lines[`prose.${section}.${where}`] = source.lineOf(blocks[0]);
  }
}

/** Notes the line each item of a section was read from. */
function noteLines(
  draft: Draft,
  key: keyof ChecklistInput,
  items: ReadonlyArray<{ line: number }>,
) {
  items.forEach(({ line }, index) => {
    draft.lines[`${key}.${index}`] = line;
  });
}

/** Splits a section's blocks around its one structural block. */
function setProseAround(
  draft: Draft,
  source: Source,
  section: ChecklistSection,
  blocks: RootContent[],
  index: number,
) {
  if (index < 0) {
    setProse(draft, source, section, 'before', blocks);
    return;
  }
  setProse(draft, source, section, 'before', blocks.slice(0, index));
  setProse(draft, source, section, 'after', blocks.slice(index + 1));
}

type Columns<K extends string> = Partial<Record<K, number>>;

/**
 * Finds columns by header. Each header goes to the first role it matches and
 * each role takes the first header matching it; other columns are ignored.
 */
function findColumns<K extends string>(
  source: Source,
  header: TableRow,
  roles: ReadonlyArray<[K, (words: string[]) => boolean]>,
): Columns<K> {
  const columns: Columns<K> = {};
  header.children.forEach((cell, index) => {
    const words = headerWords(source.cell(cell));
    const role = roles.find(([, matches]) => matches(words));
    if (role && columns[role[0]] === undefined) {
      columns[role[0]] = index;
    }
  });
  return columns;
}

/** Warns of each column of a table that no role took: it is not kept. */
function warnDroppedColumns(
  draft: Draft,
  source: Source,
  header: TableRow,
  columns: Columns<string>,
  table: string,
) {
  const taken = new Set(Object.values(columns));
  header.children.forEach((cell, index) => {
    const name = source.cell(cell);
    if (!taken.has(index) && name !== '') {
      draft.warnings.push({
        line: source.lineOf(header),
        message: `the column "${name}" of the ${table} is not kept`,
      });
    }
  });
}

const anyOf =
  (...names: string[]) =>
  (words: string[]) =>
    words.some(word => names.includes(word));

function cellAt(row: TableRow, index: number | undefined) {
  return index === undefined ? undefined : row.children[index];
}

function parseRunbook(
  draft: Draft,
  source: Source,
  section: Section,
  name: string,
) {
  const index = section.blocks.findIndex(
    block => block.type === 'table' || (block.type === 'list' && block.ordered),
  );
  const block = section.blocks[index];
  if (!block) {
    throw new ChecklistParseError(
      source.lineOf(section.heading),
      `the "${name}" section has neither a table with "Step" and "Command / Action" columns nor a numbered list of steps`,
    );
  }
  draft.steps =
    block.type === 'table'
      ? runbookTableSteps(draft, source, block)
      : runbookListSteps(draft, source, block as List);
  setProseAround(draft, source, 'runbook', section.blocks, index);
}

const runbookColumns = checklistColumns.runbook;

/** A Step column: its first word only, so "Next steps" is not one. */
const isStepHeader = (words: string[]) =>
  runbookColumns.step.words.includes(words[0]);

function runbookTableSteps(
  draft: Draft,
  source: Source,
  table: Table,
): StepInput[] {
  const [header, ...rows] = table.children;
  const columns = findColumns(source, header, [
    ['status', anyOf(...runbookColumns.status.words)],
    ['command', anyOf(...runbookColumns.command.words)],
    ['notes', anyOf(...runbookColumns.notes.words)],
    ['step', isStepHeader],
  ]);
  if (columns.step === undefined || columns.command === undefined) {
    const missing = columns.step === undefined ? 'Step' : 'Command / Action';
    throw new ChecklistParseError(
      source.lineOf(table),
      `the runbook table has no "${missing}" column`,
    );
  }
  if (rows.length === 0) {
    throw new ChecklistParseError(
      source.lineOf(table),
      'the runbook table has no steps',
    );
  }
  warnDroppedColumns(draft, source, header, columns, 'runbook table');
  return rows.map((row, position): StepInput => {
    const line = source.lineOf(row);
    draft.lines[`steps.${position}`] = line;
    const stepText = source.cell(cellAt(row, columns.step));
    const numberMatch = /^[#№]?\s*(\d+)\.?$/.exec(stepText);
    if (stepText !== '' && !numberMatch) {
      throw new ChecklistParseError(
        line,
        `the step "${stepText}" is not a number`,
      );
    }
    const commandCell = cellAt(row, columns.command);
    const title = source.cell(commandCell);
    if (title === '') {
      throw new ChecklistParseError(line, 'the step has no "Command / Action"');
    }
    const statusText = lower(source.cell(cellAt(row, columns.status)));
    const status = statusText === '' ? 'pending' : statusText;
    if (!stepStatusSchema.options.includes(status as StepStatus)) {
      throw new ChecklistParseError(
        line,
        `unknown step status "${statusText}" (expected one of ${stepStatusSchema.options.join(
          ', ',
        )})`,
      );
    }
    const only = commandCell?.children.length === 1 && commandCell.children[0];
    return {
      number: numberMatch ? Number(numberMatch[1]) : position + 1,
      title,
      ...(only && only.type === 'inlineCode' ? { command: only.value } : {}),
      notes: source.cell(cellAt(row, columns.notes)),
      kind: rollbackStepPattern.test(title) ? 'rollback' : 'runbook',
      status: status as StepStatus,
    };
  });
}

/**
 * Steps written as a numbered list: `` 1. `make build` — builds the image. ``
 * The action is the item's first code span, or its words up to a dash or
 * colon; the rest is the step's notes. The printer writes them back as the
 * canonical table.
 */
function runbookListSteps(
  draft: Draft,
  source: Source,
  list: List,
): StepInput[] {
  const first = list.start ?? 1;
  return list.children.map((item, position): StepInput => {
    const line = source.lineOf(item);
    draft.lines[`steps.${position}`] = line;
    const paragraph = item.children[0];
    const code =
      paragraph?.type === 'paragraph' &&
      paragraph.children[0]?.type === 'inlineCode'
        ? paragraph.children[0]
        : undefined;
    let title: string;
    let rest: string;
    if (code) {
      title = source.range([code]);
      rest = source.itemFrom(item, source.endOf(code));
    } else {
      // The action is the words before a dash, unless the command comes
      // after it: "Rollback — `kubectl rollout undo`" is one action.
      const text = source.item(item);
      const split = /\s+[—–-]\s+/.exec(text);
      const after = split ? text.slice(split.index) : '';
      const whole = !split || after.includes('`');
      title = whole ? text : text.slice(0, split.index);
      rest = whole ? '' : after;
    }
    if (title.trim() === '') {
      throw new ChecklistParseError(line, 'the step is empty');
    }
    const notes = rest.replace(/^\s*(?:[—–:]|-(?=\s|$))\s*/, '').trim();
    return {
      number: first + position,
      title: title.trim().replace(/\s*\n\s*/g, ' '),
      ...(code && code.type === 'inlineCode' ? { command: code.value } : {}),
      notes: notes.replace(/\s*\n\s*/g, ' '),
      kind: rollbackStepPattern.test(title) ? 'rollback' : 'runbook',
      status: 'pending',
    };
  });
}

function signOffDecision(text: string): SignOffDecision | undefined {
  // Emoji often carry a variation selector (`✔️`) that adds nothing.
  const key = lower(text.replace(/\uFE0F/g, '')).trim();
  if (key in signOffDecisionWords) {
    return signOffDecisionWords[key];
  }
  // Accept a symbol with its word, like `✅ Approved`, when both agree.
  const decisions = new Set(
    key.split(/\s+/).map(word => signOffDecisionWords[word]),
  );
  const [only] = decisions;
  return decisions.size === 1 ? only : undefined;
}

function parseSignOffs(draft: Draft, source: Source, section: Section) {
  let index = section.blocks.findIndex(block => block.type === 'table');
  const table = section.blocks[index] as Table | undefined;
  const [header, ...rows] = table?.children ?? [];
  // A table without rows (a template) has nothing to sign; keeping it as
  // prose lets it print back as written.
  if (!table || rows.length === 0) {
    index = -1;
  } else {
    const names = checklistColumns.signOffs;
    const columns = findColumns(source, header, [
      ['signers', anyOf(...names.signers.words)],
      ['status', anyOf(...names.status.words)],
      ['note', anyOf(...names.note.words)],
      ['responsibility', anyOf(...names.responsibility.words)],
      ['role', anyOf(...names.role.words)],
    ]);
    if (columns.role === undefined) {
      // The first column no other role took names who signs.
      const taken = new Set(Object.values(columns));
      const first = header.children.findIndex((_, i) => !taken.has(i));
      if (first < 0) {
        throw new ChecklistParseError(
          source.lineOf(table),
          'the sign-off table has no "Stakeholder" column',
        );
      }
      columns.role = first;
      draft.warnings.push({
        line: source.lineOf(table),
        message: `the sign-off table has no "Stakeholder" column; its column "${source.cell(
          header.children[first],
        )}" is read as the stakeholders`,
      });
    }
    warnDroppedColumns(draft, source, header, columns, 'sign-off table');
    draft.signOffs = rows.map((row, position) => {
      const line = source.lineOf(row);
      draft.lines[`signOffs.${position}`] = line;
      const role = source.cell(cellAt(row, columns.role));
      if (role === '') {
        throw new ChecklistParseError(line, 'the sign-off has no stakeholder');
      }
      const statusText = source.cell(cellAt(row, columns.status));
      let decision = signOffDecision(statusText);
      if (!decision) {
        draft.warnings.push({
          line,
          message: `unknown sign-off status "${statusText}" for "${role}", read as pending (use ☐, ✅ or ❌, or pending, approved or rejected)`,
        });
        decision = 'pending';
      }
      const named = source
        .cell(cellAt(row, columns.signers))
        .split(/[,;]|\s+(?:and|и)\s+/)
        .map(signer => signer.trim().replace(/^`+\s*|\s*`+$/g, ''))
        .filter(Boolean);
      // Entity refs are signers; anything else is a name for the catalog.
      const signers = named.filter(signer => entityRefPattern.test(signer));
      for (const name of named.filter(signer => !signers.includes(signer))) {
        draft.signerNames.push({ signOff: position, role, line, name });
      }
      return {
        role,
        responsibility: source.cell(cellAt(row, columns.responsibility)),
        signers,
        decision,
        note: source.cell(cellAt(row, columns.note)),
      };
    });
  }
  setProseAround(draft, source, 'signOffs', section.blocks, index);
}

function itemTexts(
  source: Source,
  list: List,
  options?: { keepTaskMarker?: boolean },
): Array<{ text: string; checked: boolean; line: number }> {
  return list.children.map(item => {
    const text = source.item(item, options);
    const line = source.lineOf(item);
    if (text === '') {
      throw new ChecklistParseError(line, 'the item is empty');
    }
    return { text, checked: item.checked === true, line };
  });
}

type CodeItem = {
  line: number;
  name: string;
  source?: string;
  description: string;
  /** A metric has no source, so its description keeps any parentheses. */
  metricDescription: string;
};

/**
 * Reads `` `name` (Source) — description `` items. Undefined when an item
 * does not start with a code span, as such a list is prose, not metrics.
 */
function codeItems(source: Source, list: List): CodeItem[] | undefined {
  const items: CodeItem[] = [];
  for (const item of list.children) {
    const paragraph = item.children[0];
    const code = paragraph?.type === 'paragraph' && paragraph.children[0];
    if (!code || code.type !== 'inlineCode') {
      return undefined;
    }
    const rest = source.itemFrom(item, source.endOf(code));
    const origin = /^\(([^()\n]+)\)/.exec(rest);
    const withoutSeparator = (text: string) =>
      text.replace(/^(?:[—–:]|-(?=\s|$))\s*/, '');
    items.push({
      line: source.lineOf(item),
      name: code.value,
      ...(origin ? { source: origin[1].trim() } : {}),
      description: withoutSeparator(
        origin ? rest.slice(origin[0].length).trim() : rest,
      ),
      metricDescription: withoutSeparator(rest),
    });
  }
  return items;
}

function parseMonitoring(draft: Draft, source: Source, section: Section) {
  const { blocks } = section;
  const parsed = blocks.map(block =>
    block.type === 'list' ? codeItems(source, block) : undefined,
  );
  const isAlerts = (index: number) => {
    const items = parsed[index];
    if (!items) {
      return false;
    }
    const previous = blocks[index - 1];
    return (
      (previous?.type === 'paragraph' &&
        /alert/i.test(source.range([previous]))) ||
      items.some(item => lower(item.source ?? '') === 'alertmanager')
    );
  };
  // The printer writes metrics before alerts, so a metrics list is only
  // recognised ahead of the alerts; one after them stays prose.
  const first = parsed.findIndex(items => items !== undefined);
  let metrics = -1;
  let alerts = -1;
  if (first >= 0 && isAlerts(first)) {
    alerts = first;
  } else if (first >= 0) {
    metrics = first;
    alerts = blocks.findIndex((_, index) => index > first && isAlerts(index));
  }
  const metricItems = parsed[metrics] ?? [];
  const alertItems = parsed[alerts] ?? [];
  draft.metrics = metricItems.map(item => ({
    name: item.name,
    description: item.metricDescription,
  }));
  draft.alerts = alertItems.map(
    ({ metricDescription, line, ...alert }) => alert,
  );
  noteLines(draft, 'metrics', metricItems);
  noteLines(draft, 'alerts', alertItems);
  if (metrics >= 0) {
    setProse(draft, source, 'metrics', 'before', blocks.slice(0, metrics));
    const end = alerts >= 0 ? alerts : blocks.length;
    setProse(
      draft,
      source,
      alerts >= 0 ? 'alerts' : 'metrics',
      alerts >= 0 ? 'before' : 'after',
      blocks.slice(metrics + 1, end),
    );
  } else if (alerts < 0) {
    setProse(draft, source, 'metrics', 'before', blocks);
  } else {
    setProse(draft, source, 'alerts', 'before', blocks.slice(0, alerts));
  }
  if (alerts >= 0) {
    setProse(draft, source, 'alerts', 'after', blocks.slice(alerts + 1));
  }
}

function parseSection(draft: Draft, source: Source, section: Section) {
  const { blocks } = section;
  const listIndex = blocks.findIndex(block => block.type === 'list');
  const list = blocks[listIndex] as List | undefined;
  switch (section.kind) {
    case 'runbook':
      parseRunbook(
        draft,
        source,
        section,
        section.headingText.replace(numbering, ''),
      );
      return;
    case 'signOffs':
      parseSignOffs(draft, source, section);
      return;
    case 'monitoring':
      parseMonitoring(draft, source, section);
      return;
    case 'rollbackCriteria':
    case 'migrationGuide': {
      const items = list
        ? itemTexts(source, list, { keepTaskMarker: true })
        : [];
      draft[section.kind] = items.map(({ text }) => ({ text }));
      noteLines(draft, section.kind, items);
      break;
    }
    case 'preflightChecks': {
      const items = list ? itemTexts(source, list) : [];
      draft.preflightChecks = items.map(({ text, checked }) => ({
        text,
        checked,
      }));
      noteLines(draft, 'preflightChecks', items);
      break;
    }
    case 'communication': {
      const items = list ? itemTexts(source, list) : [];
      draft.communication = items.map(({ text, checked }) => ({
        text,
        done: checked,
      }));
      noteLines(draft, 'communication', items);
      break;
    }
    default:
      draft.lines[`extraSections.${draft.extraSections?.length ?? 0}`] =
        source.lineOf(section.heading);
      draft.extraSections = [
        ...(draft.extraSections ?? []),
        { heading: section.headingText, body: source.range(blocks) },
      ];
      return;
  }
  setProseAround(draft, source, section.kind, blocks, listIndex);
}

/**
 * The section an unnamed section's content shows it to be, if that section
 * has no heading of its own: a task list is the pre-flight checks, a table
 * whose status cells are all sign-off marks (☐ ✅ ❌ …) is the sign-off, a
 * table with step and command columns is the runbook.
 */
function sectionByContent(
  source: Source,
  blocks: RootContent[],
): SectionKind | undefined {
  for (const block of blocks) {
    if (
      block.type === 'list' &&
      block.children.length > 0 &&
      block.children.every(item => item.checked !== null)
    ) {
      return 'preflightChecks';
    }
    if (block.type === 'table' && block.children.length > 1) {
      const [header, ...rows] = block.children;
      const headers = header.children.map(cell =>
        headerWords(source.cell(cell)),
      );
      const isRunbook =
        headers.some(isStepHeader) &&
        headers.some(anyOf(...runbookColumns.command.words));
      if (isRunbook) {
        return 'runbook';
      }
      const marks = headers.some((_, column) =>
        rows.every(row => {
          const text = source.cell(cellAt(row, column));
          return /[☐☑✅✔✓☒❌✗✘✖]/u.test(text) && !!signOffDecision(text);
        }),
      );
      if (marks) {
        return 'signOffs';
      }
    }
  }
  return undefined;
}

/**
 * Reads a rollout checklist from markdown, leniently: sections are found by
 * the words of their headings in English or Russian (`checklistSections`)
 * or, where a heading names none, by their content; a runbook may be a table
 * or a numbered list; signers may be named by handle, name or email. What
 * the reader had to guess or drop comes back as `warnings`, with the line.
 *
 * @remarks
 * Item text is kept as the markdown written. Prose around the items and
 * unknown sections are kept too, so that `printChecklist` writes a document
 * that reads back to the same checklist. A checklist whose section headings
 * are in Russian remembers it (`language: 'ru'`) and prints back with
 * Russian headings.
 *
 * @param markdown - the checklist document.
 * @throws ChecklistParseError naming the line when the document is not a
 * checklist: no title, no runbook, a required column missing, a step that is
 * not a number or an unknown step status; when it is over one of
 * `checklistMarkdownLimits` (checked before it is parsed); or when a value is
 * not one the checklist schema allows, such as a title over 500 characters.
 * @public
 */
export function readChecklist(markdown: string): ChecklistReading {
  // Offsets index into the text that was parsed, so normalise before parsing.
  const text = markdown.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  checkMarkdownLimits(text);
  const source = new Source(text);
  const root = unified().use(remarkParse).use(remarkGfm).parse(text);
  const [first, ...rest] = root.children;
  const titleText =
    first?.type === 'heading' && first.depth === 1 ? source.inline(first) : '';
  if (!first || titleText === '') {
    throw new ChecklistParseError(
      first ? source.lineOf(first) : 1,
      'expected a level-1 heading with the checklist title',
    );
  }

  const preamble: RootContent[] = [];
  const sections: Section[] = [];
  for (const block of rest) {
    const named =
      block.type === 'heading'
        ? classifySection(block, source.inline(block))
        : undefined;
    if (
      block.type === 'heading' &&
      (block.depth <= 2 || named?.kind === 'rollbackCriteria')
    ) {
      const kind = named?.kind;
      const existing = kind && sections.find(section => section.kind === kind);
      if (existing) {
        throw new ChecklistParseError(
          source.lineOf(block),
          `a second "${
            sectionNames[kind]
          }" section; the first is on line ${source.lineOf(existing.heading)}`,
        );
      }
      sections.push({
        kind,
        ...(named ? { language: named.language } : {}),
        heading: block,
        headingText: source.inline(block),
        blocks: [],
      });
    } else if (sections.length > 0) {
      sections[sections.length - 1].blocks.push(block);
    } else {
      preamble.push(block);
    }
  }

  const warnings: ChecklistWarning[] = [];
  // A section whose heading names none is read by its content, unless a
  // named section of that kind exists.
  for (const section of sections) {
    if (section.kind || section.heading.depth !== 2) {
      continue;
    }
    const kind = sectionByContent(source, section.blocks);
    if (kind && !sections.some(other => other.kind === kind)) {
      section.kind = kind;
      warnings.push({
        line: source.lineOf(section.heading),
        message: `the section "${
          section.headingText
        }" is read as the ${sectionNames[
          kind
        ].toLowerCase()} from its content; its heading names no section`,
      });
    }
  }

  const runbook = sections.find(section => section.kind === 'runbook');
  if (!runbook) {
    throw new ChecklistParseError(
      text.trimEnd().split('\n').length,
      `missing the "${sectionNames.runbook}" section (a heading such as "Runbook", "Steps" or "Операционный ранбук", or a table with "Step" and "Command / Action" columns)`,
      { atEnd: true },
    );
  }

  // Russian when most section headings are.
  const languages = sections.flatMap(section =>
    section.language ? [section.language] : [],
  );
  const russian =
    languages.filter(language => language === 'ru').length * 2 >
    languages.length;

  const stageMatch = /^stage\s+(\S+?)\s*(?:[·—–:]|\s-)\s*(\S.*)$/i.exec(
    titleText,
  );
  const draft: Draft = {
    title: stageMatch ? stageMatch[2] : titleText,
    ...(stageMatch ? { stage: stageMatch[1] } : {}),
    ...(russian ? { language: 'ru' as const } : {}),
    ...(preamble.length > 0 ? { preamble: source.range(preamble) } : {}),
    steps: [],
    rollbackCriteria: [],
    migrationGuide: [],
    preflightChecks: [],
    signOffs: [],
    metrics: [],
    alerts: [],
    communication: [],
    prose: {},
    lines: {
      title: source.lineOf(first),
      stage: source.lineOf(first),
      ...(preamble.length > 0 ? { preamble: source.lineOf(preamble[0]) } : {}),
    },
    warnings,
    signerNames: [],
  };
  for (const section of sections) {
    parseSection(draft, source, section);
  }
  const { prose, lines, warnings: found, signerNames, ...fields } = draft;
  const checklist =
    Object.keys(prose).length > 0 ? { ...fields, prose } : fields;
  checkDraft(checklist, lines);
  return {
    checklist: normalizeChecklist(checklist),
    warnings: [...found].sort((a, b) => a.line - b.line),
    signerNames,
  };
}

/**
 * Reads a rollout checklist from markdown, as `readChecklist` does, and
 * returns the checklist alone: what was guessed or dropped is not reported.
 *
 * @param markdown - the checklist document.
 * @returns the checklist, with ids assigned by `normalizeChecklist`.
 * @throws ChecklistParseError as `readChecklist` does.
 * @public
 */
export function parseChecklist(markdown: string): Checklist {
  return readChecklist(markdown).checklist;
}
