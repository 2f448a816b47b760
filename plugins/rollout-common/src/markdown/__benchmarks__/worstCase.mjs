// How long parseChecklist takes on the most hostile documents that
// checklistMarkdownLimits lets through. Each pattern is grown to the largest
// size the limits check accepts (or, for the ones meant to be refused, to
// the size a hostile client sent), put in a minimal checklist, and parsed
// three times; the table shows the median. A benchmark, not a test: it
// asserts nothing, as timings depend on the machine.
//
//   node plugins/rollout-common/src/markdown/__benchmarks__/worstCase.mjs [name part]
//
// The TypeScript sources are bundled with esbuild, which @backstage/cli
// brings (through esbuild-loader), so the script needs no build.
/* eslint-disable no-console -- a command-line script that prints a table */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const markdownDir = path.resolve(here, '..');
const require = createRequire(import.meta.url);
// Not a dependency of the package: the benchmark is neither built nor
// shipped, and @backstage/cli, a devDependency, installs esbuild.
// eslint-disable-next-line @backstage/no-undeclared-imports
const esbuild = require('esbuild');

const bundle = path.join(
  fs.mkdtempSync(path.join(os.tmpdir(), 'checklist-bench-')),
  'markdown.mjs',
);
await esbuild.build({
  stdin: {
    contents: [
      "export { parseChecklist } from './parseChecklist';",
      "export { checkMarkdownLimits, checklistMarkdownLimits } from './limits';",
    ].join('\n'),
    resolveDir: markdownDir,
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  platform: 'node',
  outfile: bundle,
  logLevel: 'error',
});
const { parseChecklist, checkMarkdownLimits, checklistMarkdownLimits } =
  await import(pathToFileURL(bundle).href);
const limits = checklistMarkdownLimits;

const seed = fs.readFileSync(
  path.join(markdownDir, '__fixtures__', 'stage-01_03-rollout-checklist.md'),
  'utf8',
);

/** A minimal checklist with the pattern between the title and the runbook. */
const checklist = body =>
  `# Stage 01 · Bench\n\n${body}\n\n## 1. Operator Runbook\n\n| Step | Command / Action | Notes |\n| - | - | - |\n| 1 | \`make\` | |\n`;

/** `n` units, a blank line after every `perParagraph` of them. */
const paragraphs =
  (unit, perParagraph, separator = '\n\n') =>
  n =>
    Array.from({ length: Math.ceil(n / perParagraph) }, (_, index) =>
      unit.repeat(Math.min(perParagraph, n - index * perParagraph)),
    ).join(separator);

const repeat = unit => n => unit.repeat(n);

const nestedList = depth =>
  Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- a`).join('\n');

const delimitersPer = (unit, chars) =>
  Math.floor(limits.maxDelimitersPerParagraph / chars);

/**
 * Patterns by name: a function of a count giving the document, and
 * `fixed` for the sizes a hostile client sent (not grown to the limits).
 */
const patterns = [
  ['seed, repeated', n => seed.repeat(n)],
  ['blockquotes 16 deep, per line', repeat(`${'>'.repeat(16)} a\n`)],
  ['blockquotes 16 deep, spaced', repeat(`${'> '.repeat(16)}a\n`)],
  ['"- " 16 per line', repeat(`${'- '.repeat(16)}a\n`)],
  ['"> - " 8 per line', repeat(`${'> - '.repeat(8)}a\n`)],
  ['list nested 16 by indent', paragraphs(`${nestedList(16)}\n`, 1, '\n')],
  [
    'indented lists in unclosed fence',
    n => `<div>\n\`\`\`\n</div>\n\n${nestedList(n)}`,
  ],
  ['list items "- a"', repeat('- a\n')],
  ['task items "- [ ] a"', repeat('- [ ] a\n')],
  ['ordered items "1. a"', repeat('1. a\n')],
  ['paragraphs "a"', repeat('a\n\n')],
  ['lines "a"', repeat('a\n')],
  ['ATX headings', repeat('### a\n')],
  ['setext headings', repeat('a\n=\n')],
  [
    'setext after a big block',
    n => `${'a'.repeat(30_000)}\n\n${'a\n-\n'.repeat(n)}`,
  ],
  ['thematic breaks', repeat('***\n\n')],
  ['fence openers', repeat('```\n')],
  ['long line', repeat('a')],
  ['long line of spaces', n => `a${' '.repeat(n)}b`],
  ['[', paragraphs('[', limits.maxDelimitersPerParagraph)],
  [']', paragraphs(']', limits.maxDelimitersPerParagraph)],
  ['*', paragraphs('*', limits.maxDelimitersPerParagraph)],
  ['_', paragraphs('_', limits.maxDelimitersPerParagraph)],
  ['~', paragraphs('~', limits.maxDelimitersPerParagraph)],
  ['*a_ (one paragraph)', repeat('*a_')],
  ['*a_ (paragraphs at limit)', paragraphs('*a_', delimitersPer('*a_', 2))],
  ['_a*', paragraphs('_a*', delimitersPer('_a*', 2))],
  ['a*b', paragraphs('a*b ', delimitersPer('a*b ', 1))],
  ['*_', paragraphs('*_', delimitersPer('*_', 2))],
  ['**a', paragraphs('**a', delimitersPer('**a', 2))],
  ['~~a', paragraphs('~~a', delimitersPer('~~a', 2))],
  ['~a', paragraphs('~a ', delimitersPer('~a ', 1))],
  ['emphasis nested', n => `${'*a '.repeat(n)}${'a* '.repeat(n)}`],
  ['links nested', n => `${'['.repeat(n)}a${'](b)'.repeat(n)}`],
  ['images nested', n => `${'!['.repeat(n)}a${'](b)'.repeat(n)}`],
  ['[a](', paragraphs('[a](', delimitersPer('[a](', 2))],
  ['[a](b "', paragraphs('[a](b "', delimitersPer('[a](b "', 2))],
  ['[x][y]', paragraphs('[x][y] ', delimitersPer('[x][y] ', 4))],
  ['](', paragraphs('](', delimitersPer('](', 1))],
  ['[^a] footnote calls', paragraphs('[^a]', delimitersPer('[^a]', 2))],
  ['link reference definitions', repeat('[a]: b\n')],
  [
    'definitions and references',
    n =>
      `${Array.from({ length: n }, (_, i) => `[r${i}]: u\n`).join(
        '',
      )}\n${'[r0] '.repeat(n)}`,
  ],
  ['footnote definitions', repeat('[^a]: b\n')],
  ['backticks', paragraphs('`', 10_000)],
  [
    'backtick runs of rising length',
    n => Array.from({ length: n }, (_, i) => `${'`'.repeat(i + 1)}a`).join(''),
  ],
  ['code spans', repeat('`a` ')],
  ['<', repeat('<')],
  ['<a', repeat('<a')],
  ['<a href="x">', repeat('<a href="x">')],
  ['HTML blocks', repeat('<div>\n')],
  ['HTML comments', repeat('<!--')],
  ['&amp;', repeat('&amp;')],
  ['&#123;', repeat('&#123;')],
  ['backslashes', repeat('\\')],
  ['autolink literals www.', repeat('www.a.com ')],
  ['autolink literals http://', repeat('http://a.b ')],
  ['email literals', repeat('a@b.c ')],
  ['| only', paragraphs('|', limits.maxPipesPerLine, '\n')],
  [
    'table, 64 columns',
    n =>
      `${'|a'.repeat(63)}|\n${'|-'.repeat(63)}|\n${`${'|a'.repeat(
        63,
      )}|\n`.repeat(n)}`,
  ],
  ['table, 2 columns', n => `|a|b|\n|-|-|\n${'|x|y|\n'.repeat(n)}`],
  [
    'table rows with extra cells',
    n => `|a|b|\n|-|-|\n${`${'|x'.repeat(63)}|\n`.repeat(n)}`,
  ],
];

const fixed = [
  ['50,000 nested blockquotes', `${'>'.repeat(50_000)} a`],
  ['20,000 nested blockquotes', `${'>'.repeat(20_000)} a`],
  ['1,000 nested lists', nestedList(1_000)],
  ['256 KiB of [', '['.repeat(256 * 1024)],
  ['256 KiB of *a_', '*a_'.repeat((256 * 1024) / 3)],
  ['NUL', 'a\u0000b'],
];

function accepted(markdown) {
  try {
    checkMarkdownLimits(markdown);
    return true;
  } catch {
    return false;
  }
}

/** The largest count the limits accept, or 0. */
function largest(make) {
  if (!accepted(checklist(make(1)))) {
    return 0;
  }
  let low = 1;
  let high = 2;
  while (high < 1e7 && accepted(checklist(make(high)))) {
    low = high;
    high *= 2;
  }
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (accepted(checklist(make(middle)))) {
      low = middle;
    } else {
      high = middle;
    }
  }
  return low;
}

function time(markdown) {
  const runs = [];
  let outcome = 'parsed';
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    try {
      parseChecklist(markdown);
    } catch (error) {
      outcome =
        error.name === 'ChecklistParseError'
          ? `refused: ${error.message}`
          : `${error.name}: ${error.message}`;
    }
    runs.push(performance.now() - start);
  }
  runs.sort((a, b) => a - b);
  return { ms: runs[1], outcome };
}

const only = process.argv[2];
const rows = [];
// Warm the parser up, so the first pattern does not pay for compilation.
for (let run = 0; run < 20; run++) {
  parseChecklist(seed);
}
for (const [name, make] of patterns) {
  if (only && !name.includes(only)) {
    continue;
  }
  const n = largest(make);
  const markdown = checklist(make(Math.max(n, 1)));
  rows.push({ name, markdown, ...time(markdown) });
}
for (const [name, body] of fixed) {
  if (only && !name.includes(only)) {
    continue;
  }
  const markdown = checklist(body);
  rows.push({ name, markdown, ...time(markdown) });
}

const bytes = markdown => Buffer.byteLength(markdown);
const lines = markdown => markdown.split('\n').length;
const width = Math.max(...rows.map(row => row.name.length));
console.log(
  `${'pattern'.padEnd(width)} ${'bytes'.padStart(7)} ${'lines'.padStart(
    5,
  )} ${'ms'.padStart(6)}  outcome`,
);
for (const row of rows) {
  console.log(
    `${row.name.padEnd(width)} ${String(bytes(row.markdown)).padStart(
      7,
    )} ${String(lines(row.markdown)).padStart(5)} ${row.ms
      .toFixed(1)
      .padStart(6)}  ${row.outcome.slice(0, 90)}`,
  );
}
fs.rmSync(path.dirname(bundle), { recursive: true, force: true });
