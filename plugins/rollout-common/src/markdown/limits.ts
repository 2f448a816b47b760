/*
 * What a checklist document may hold before the markdown parser sees it.
 *
 * remark (micromark) has no limits of its own: container nesting recurses,
 * closing containers copies the document's events so far, and several
 * inline constructs are quadratic (emphasis and link resolution walk back
 * over the paragraph). So parseChecklist first reads the document once,
 * line by line, and refuses what the parser would choke on. The numbers
 * come from `__benchmarks__/worstCase.mjs`: with them no document the scan
 * lets through took more than about 200 ms to parse on the 2-core CI
 * machine, while the Stage 01_03 seed (3.4 KB, 73 lines, about 200 markup
 * characters) has room to grow more than tenfold in every dimension.
 */
import { ChecklistParseError } from './ChecklistParseError';

/**
 * The limits `parseChecklist` checks before parsing a checklist document.
 *
 * @remarks
 * A document over any of them is refused with a `ChecklistParseError`
 * naming the limit and the line, before the markdown parser runs, so that
 * a hostile document can neither exhaust the stack nor hold the event loop.
 * Markup characters are counted wherever they stand, code included: the
 * scan does not parse, and where it cannot be sure what the parser will
 * see it must count more, never less.
 *
 * @public
 */
export const checklistMarkdownLimits = {
  /**
   * The document's size in UTF-8 bytes. Even ordinary checklist markdown
   * parses at only about 200 KB/s on a CI machine, so 48 KiB (14 times the
   * seed) rather than the few hundred KiB a request body could carry.
   */
  maxBytes: 48 * 1024,
  /**
   * Lines, blank ones included. Each line that closes a list item or block
   * quote costs time in proportion to the document before it, so lines of
   * one short item each are the slowest document of a given size.
   */
  maxLines: 1_500,
  /**
   * Containers open on one line: block quotes (`>`), list items (`-`, `*`,
   * `+`, `1.`, `1)`; `- - - x` is three) and indentation, one level for
   * every two columns (a nested list item starts at least two columns in
   * from its parent's content). In fenced code a level takes four columns,
   * so that indented YAML is not mistaken for nesting, yet a fence the scan
   * only believes open cannot hide more than twice this depth. The parser
   * recurses per level: 20,000 levels overflow the stack.
   */
  maxNesting: 16,
  /**
   * Nesting summed over all lines: each level of each line is a container
   * the parser continues or closes on that line, so this bounds the work
   * of many deep lines, such as a 16-deep list repeated.
   */
  maxTotalNesting: 1_500,
  /**
   * Characters that open or close inline markup (`*`, `_`, `~`, `[`, `]`,
   * `` ` ``, `<`, `&`, `\`, `|`, `@`) in the whole document. Each one is a
   * construct the parser tries at some 30 µs.
   */
  maxMarkupCharacters: 3_000,
  /**
   * Emphasis and link delimiters (`*`, `_`, `~`, `[`, `]`) in one paragraph,
   * taken as the lines between blank lines and headings. Matching them is
   * quadratic within a paragraph: 500 nested images take 200 ms.
   */
  maxDelimitersPerParagraph: 600,
  /**
   * Pipes on one line, so table cells in a row. Every cell of every row is
   * tokenized against the table's delimiter row; no checklist table needs
   * more than a handful of columns.
   */
  maxPipesPerLine: 64,
} as const;

const markupCharacters = new Set([
  '*',
  '_',
  '~',
  '[',
  ']',
  '`',
  '<',
  '&',
  '\\',
  '|',
  '@',
]);
const delimiterCharacters = new Set(['*', '_', '~', '[', ']']);

function count(value: number): string {
  return value.toLocaleString('en-US');
}

/** UTF-8 bytes of one UTF-16 code unit; a surrogate pair is 2 + 2. */
function utf8Bytes(code: number): number {
  if (code < 0x80) {
    return 1;
  }
  if (code < 0x800 || (code >= 0xd800 && code <= 0xdfff)) {
    return 2;
  }
  return 3;
}

/**
 * The containers a line opens or continues, as an upper bound: its block
 * quote and list markers, plus one level for every `columnsPerLevel`
 * columns of indentation among them. The one space after a marker belongs
 * to the marker, so `- - - x` is three.
 */
function nestingOf(line: string, columnsPerLevel: number): number {
  let markers = 0;
  let indent = 0;
  let column = 0;
  let at = 0;
  for (;;) {
    const from = column;
    while (line[at] === ' ' || line[at] === '\t') {
      column = line[at] === '\t' ? column + 4 - (column % 4) : column + 1;
      at += 1;
    }
    indent += Math.max(0, column - from - (markers > 0 ? 1 : 0));
    const marker =
      line[at] === '>'
        ? '>'
        : /^(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$)/.exec(
            line.slice(at, at + 11),
          )?.[0];
    if (marker === undefined) {
      break;
    }
    markers += 1;
    at += marker.length;
    column += marker.length;
  }
  return markers + Math.floor(indent / columnsPerLevel);
}

/** The fence of a line that opens or closes fenced code, if it looks so. */
function fenceOf(line: string): string | undefined {
  const match =
    /^[ \t>]*(?:(?:[-+*]|\d{1,9}[.)])[ \t]+)*(`{3,}|~{3,})(.*)$/.exec(line);
  // A backtick fence's info string cannot hold a backtick.
  return match && !(match[1][0] === '`' && match[2].includes('`'))
    ? match[1]
    : undefined;
}

/** A line that ends any paragraph or table before it: blank, or a heading. */
function endsParagraph(line: string): boolean {
  return line.trim() === '' || /^ {0,3}#{1,6}(?:[ \t]|$)/.test(line);
}

/**
 * Refuses a document over `checklistMarkdownLimits`, in one pass over it.
 *
 * @throws ChecklistParseError naming the line and the limit.
 * @internal
 */
export function checkMarkdownLimits(text: string): void {
  const limits = checklistMarkdownLimits;
  const refuse = (line: number, message: string) => {
    throw new ChecklistParseError(line, message);
  };
  let bytes = 0;
  let markup = 0;
  let totalNesting = 0;
  let lineNumber = 0;
  let delimiters = 0;
  let paragraphStart = 1;
  let fence: string | undefined;
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end);
    start = end + 1;
    lineNumber += 1;
    if (lineNumber > limits.maxLines) {
      refuse(
        lineNumber,
        `the document has more than ${count(limits.maxLines)} lines`,
      );
    }

    let pipes = 0;
    let lineDelimiters = 0;
    for (let at = 0; at < line.length; at++) {
      const char = line[at];
      const code = line.charCodeAt(at);
      if (code === 0) {
        refuse(lineNumber, 'the line holds a NUL character (U+0000)');
      }
      bytes += utf8Bytes(code);
      if (markupCharacters.has(char)) {
        markup += 1;
        pipes += char === '|' ? 1 : 0;
        lineDelimiters += delimiterCharacters.has(char) ? 1 : 0;
      }
    }
    bytes += newline === -1 ? 0 : 1;
    if (bytes > limits.maxBytes) {
      refuse(
        lineNumber,
        `the document is over ${count(limits.maxBytes)} bytes (${
          limits.maxBytes / 1024
        } KiB)`,
      );
    }
    if (markup > limits.maxMarkupCharacters) {
      refuse(
        lineNumber,
        `the document has more than ${count(
          limits.maxMarkupCharacters,
        )} markup characters (* _ ~ [ ] \` < & \\ | @)`,
      );
    }
    if (pipes > limits.maxPipesPerLine) {
      refuse(
        lineNumber,
        `the line has ${count(pipes)} pipes (table cells); at most ${count(
          limits.maxPipesPerLine,
        )}`,
      );
    }

    if (endsParagraph(line)) {
      // A heading's own text is a paragraph of one line.
      delimiters = line.trim() === '' ? 0 : lineDelimiters;
      paragraphStart = lineNumber + (line.trim() === '' ? 1 : 0);
    } else {
      delimiters += lineDelimiters;
    }
    if (delimiters > limits.maxDelimitersPerParagraph) {
      refuse(
        paragraphStart,
        `the paragraph has more than ${count(
          limits.maxDelimitersPerParagraph,
        )} emphasis or link characters (* _ ~ [ ])`,
      );
    }

    const nesting = nestingOf(line, fence === undefined ? 2 : 4);
    if (nesting > limits.maxNesting) {
      refuse(
        lineNumber,
        `the line is nested ${count(
          nesting,
        )} deep in block quotes, lists or indentation; at most ${count(
          limits.maxNesting,
        )}`,
      );
    }
    totalNesting += nesting;
    if (totalNesting > limits.maxTotalNesting) {
      refuse(
        lineNumber,
        `the document nests block quotes, lists or indentation more than ${count(
          limits.maxTotalNesting,
        )} levels in all (summed over its lines)`,
      );
    }

    const lineFence = fenceOf(line);
    if (fence === undefined) {
      fence = lineFence;
    } else if (
      lineFence !== undefined &&
      lineFence[0] === fence[0] &&
      lineFence.length >= fence.length &&
      /^[ \t>]*[`~]+[ \t]*$/.test(line)
    ) {
      fence = undefined;
    }
  }
}
