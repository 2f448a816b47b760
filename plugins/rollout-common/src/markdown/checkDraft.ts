/*
 * Turns what the checklist schema says about a parsed document into a
 * ChecklistParseError that names the field as the document shows it and the
 * line it is on, so that a too-long cell is a 400 for the client to fix,
 * not a ZodError.
 */
import type { ZodIssue } from 'zod';
import { ChecklistInput, checklistInputSchema } from '../requests';
import { ChecklistParseError } from './ChecklistParseError';

/**
 * Lines of the document by path into the draft, such as `title`,
 * `steps.3` or `prose.runbook.before`: where each value was read.
 */
export type DraftLines = Record<string, number>;

const itemNames: Record<string, string> = {
  steps: 'step',
  rollbackCriteria: 'rollback criterion',
  migrationGuide: 'migration item',
  preflightChecks: 'pre-flight check',
  signOffs: 'sign-off',
  metrics: 'metric',
  alerts: 'alert',
  communication: 'communication item',
  extraSections: 'section',
};

/** Fields by the column or part of the item they are read from. */
const fieldNames: Record<string, string> = {
  'steps.number': '"Step"',
  'steps.title': '"Command / Action"',
  'steps.command': 'command',
  'steps.notes': '"Notes"',
  'signOffs.role': '"Stakeholder"',
  'signOffs.responsibility': '"Responsibility"',
  'signOffs.note': '"Notes"',
  'signOffs.signers': '"Signers"',
  'extraSections.heading': 'heading',
  'extraSections.body': 'text',
};

/** Sections by the key of their items in the draft. */
const listNames: Record<string, string> = {
  steps: 'runbook steps',
  rollbackCriteria: 'rollback criteria',
  migrationGuide: 'migration items',
  preflightChecks: 'pre-flight checks',
  signOffs: 'sign-offs',
  metrics: 'metrics',
  alerts: 'alerts',
  communication: 'communication items',
  extraSections: "sections besides the checklist's",
};

const proseNames: Record<string, string> = {
  runbook: 'runbook table',
  rollbackCriteria: 'rollback criteria',
  migrationGuide: 'migration guide',
  preflightChecks: 'pre-flight checks',
  signOffs: 'sign-off table',
  metrics: 'metrics',
  alerts: 'alerts',
  communication: 'communication items',
};

function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** What the path points at, as a reader of the document would say it. */
function fieldName(path: ReadonlyArray<string | number>): string {
  const [first, second, third] = path;
  if (first === 'title' || first === 'stage') {
    return `the ${first}`;
  }
  if (first === 'preamble') {
    return 'the text before the first section';
  }
  if (first === 'prose' && typeof second === 'string') {
    const where = third === 'after' ? 'after' : 'before';
    return `the text ${where} the ${proseNames[second] ?? second}`;
  }
  const item = itemNames[String(first)];
  if (item === undefined || typeof second !== 'number') {
    return `"${path.join('.')}"`;
  }
  if (third === undefined || third === 'text') {
    return `the ${item}`;
  }
  return `the ${item}'s ${fieldNames[`${String(first)}.${third}`] ?? third}`;
}

function valueAt(draft: unknown, path: ReadonlyArray<string | number>) {
  return path.reduce<unknown>(
    (value, key) =>
      value !== null && typeof value === 'object'
        ? (value as Record<string | number, unknown>)[key]
        : undefined,
    draft,
  );
}

function explain(draft: ChecklistInput, issue: ZodIssue): string {
  const field = fieldName(issue.path);
  const value = valueAt(draft, issue.path);
  if (issue.code === 'too_big' && typeof value === 'string') {
    return `${field} is ${count(value.length)} characters; at most ${count(
      Number(issue.maximum),
    )}`;
  }
  if (issue.code === 'too_big' && Array.isArray(value)) {
    const list = issue.path.length === 1 && listNames[String(issue.path[0])];
    return `${
      list
        ? `there are ${count(value.length)} ${list}`
        : `${field} has ${count(value.length)} entries`
    }; at most ${count(Number(issue.maximum))}`;
  }
  if (issue.code === 'too_small' && value === '') {
    return `${field} is empty`;
  }
  return `${field}: ${issue.message}`;
}

/**
 * The line of the issue's value, or of the nearest enclosing value that has
 * one; for a list that is too long, the line of its first item too many.
 */
function lineOf(lines: DraftLines, issue: ZodIssue) {
  const path =
    issue.code === 'too_big' && issue.type === 'array'
      ? [...issue.path, Number(issue.maximum)]
      : issue.path;
  for (let length = path.length; length > 0; length--) {
    const line = lines[path.slice(0, length).join('.')];
    if (line !== undefined) {
      return line;
    }
  }
  return 1;
}

/**
 * Checks a parsed checklist against `checklistInputSchema`.
 *
 * @throws ChecklistParseError for the first problem, naming the field and
 * the limit, at the line of the item.
 */
export function checkDraft(draft: ChecklistInput, lines: DraftLines): void {
  const result = checklistInputSchema.safeParse(draft);
  if (!result.success) {
    const [issue] = result.error.issues;
    throw new ChecklistParseError(lineOf(lines, issue), explain(draft, issue));
  }
}
