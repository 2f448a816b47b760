import fs from 'fs';
import path from 'path';
import { ChecklistParseError } from './ChecklistParseError';
import { checklistMarkdownLimits as limits } from './limits';
import { normalizeChecklist } from '../ids';
import { parseChecklist } from './parseChecklist';
import { printChecklist } from './printChecklist';

const seed = fs.readFileSync(
  path.join(__dirname, '__fixtures__', 'stage-01_03-rollout-checklist.md'),
  'utf8',
);

/** A minimal checklist with `body` between the title and the runbook. */
function checklist(body: string, { step = '`make`' } = {}): string {
  return [
    '# Stage 01 · Limits',
    '',
    body,
    '',
    '## 1. Operator Runbook',
    '',
    '| Step | Command / Action | Notes |',
    '| - | - | - |',
    `| 1 | ${step} | |`,
    '',
  ].join('\n');
}

function parseError(markdown: string): ChecklistParseError {
  try {
    parseChecklist(markdown);
  } catch (error) {
    expect(error).toBeInstanceOf(ChecklistParseError);
    return error as ChecklistParseError;
  }
  throw new Error('expected parseChecklist to fail');
}

const nestedList = (depth: number) =>
  Array.from({ length: depth }, (_, i) => `${'  '.repeat(i)}- a`).join('\n');

describe('parseChecklist with values over the schema limits', () => {
  it('names a title of 501 characters and its line', () => {
    const error = parseError(
      checklist('').replace('Stage 01 · Limits', 'x'.repeat(501)),
    );
    expect(error.message).toBe(
      'Line 1: the title is 501 characters; at most 500',
    );
  });

  it('names a runbook cell of 10,001 characters and its row', () => {
    const error = parseError(checklist('', { step: 'x'.repeat(10_001) }));
    expect(error.message).toBe(
      `Line 9: the step's "Command / Action" is 10,001 characters; at most 10,000`,
    );
  });

  it('names the column of a step, sign-off or metric and its line', () => {
    const markdown = [
      checklist('', { step: '`make` | '.concat('n'.repeat(10_001)) }),
    ].join('\n');
    expect(parseError(markdown).message).toBe(
      `Line 9: the step's "Notes" is 10,001 characters; at most 10,000`,
    );
    const metric = `${checklist(
      '',
    )}\n## 5. Monitoring\n\n- \`m\` — ok\n- \`${'m'.repeat(
      201,
    )}\` — too long\n`;
    expect(parseError(metric).message).toBe(
      "Line 14: the metric's name is 201 characters; at most 200",
    );
  });

  it('names prose that is too long and where it starts', () => {
    const error = parseError(checklist('p'.repeat(10_001)));
    expect(error.message).toBe(
      'Line 3: the text before the first section is 10,001 characters; at most 10,000',
    );
  });

  it('names a list with too many items at the first one too many', () => {
    const sections = Array.from({ length: 501 }, (_, i) => `## Note ${i}`);
    const error = parseError(`${checklist('')}${sections.join('\n')}\n`);
    expect(error.message).toBe(
      "Line 510: there are 501 sections besides the checklist's; at most 500",
    );
  });
});

describe('parseChecklist limits on the markdown', () => {
  it('refuses 50,000 nested block quotes without parsing them', () => {
    const error = parseError(checklist('>'.repeat(50_000)));
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/over 49,152 bytes|nested/);
  });

  it('refuses 20,000 nested block quotes instead of overflowing the stack', () => {
    expect(parseError(checklist(`${'>'.repeat(20_000)} a`)).message).toBe(
      'Line 3: the line is nested 20,000 deep in block quotes, lists or indentation; at most 16',
    );
  });

  it('reads block quotes and lists nested just under the limit', () => {
    expect(
      parseChecklist(checklist(`${'>'.repeat(limits.maxNesting)} a`)).preamble,
    ).toBe(`${'>'.repeat(limits.maxNesting)} a`);
    expect(
      parseChecklist(checklist(`${'- '.repeat(limits.maxNesting)}a`)).preamble,
    ).toBe(`${'- '.repeat(limits.maxNesting)}a`);
    expect(
      parseChecklist(checklist(nestedList(limits.maxNesting))).preamble,
    ).toBe(nestedList(limits.maxNesting));
  });

  it('refuses lists nested one level too deep, by markers or indentation', () => {
    expect(parseError(checklist(`${'- '.repeat(17)}a`)).message).toBe(
      'Line 3: the line is nested 17 deep in block quotes, lists or indentation; at most 16',
    );
    expect(parseError(checklist(`${'> - '.repeat(9)}a`)).line).toBe(3);
    expect(parseError(checklist(nestedList(17))).line).toBe(3 + 16);
  });

  it('does not take indented YAML in fenced code for nesting', () => {
    const yaml = Array.from(
      { length: 24 },
      (_, i) => `${'  '.repeat(i)}level${i}:`,
    ).join('\n');
    const markdown = checklist(`\`\`\`yaml\n${yaml}\n\`\`\``);
    expect(parseChecklist(markdown).preamble).toContain('level23:');
    // The same indentation outside a fence could be that deep a list.
    expect(parseError(checklist(yaml)).message).toMatch(/nested 17 deep/);
  });

  it('refuses deep nesting repeated over many lines', () => {
    const lists = Array(12).fill(nestedList(16)).join('\n\n');
    expect(parseError(checklist(lists)).message).toMatch(
      /more than 1,500 levels in all/,
    );
  });

  it('refuses a NUL character with its line', () => {
    expect(parseError(checklist('one\ntwo\u0000')).message).toBe(
      'Line 4: the line holds a NUL character (U+0000)',
    );
  });

  it('reads a document just under the size limit and refuses one byte more', () => {
    const header = checklist('');
    const section = (n: number) =>
      `\n## Notes ${n}\n\n${'word '.repeat(1_900)}\n`;
    const pad = '\n## Pad\n\n';
    let markdown = header;
    for (
      let n = 1;
      markdown.length + section(n).length + pad.length <= limits.maxBytes;
      n++
    ) {
      markdown += section(n);
    }
    markdown += pad;
    markdown += 'x'.repeat(limits.maxBytes - Buffer.byteLength(markdown));
    expect(Buffer.byteLength(markdown)).toBe(limits.maxBytes);
    expect(parseChecklist(markdown).extraSections?.length).toBeGreaterThan(3);
    expect(parseError(`${markdown}y`).message).toMatch(
      /the document is over 49,152 bytes \(48 KiB\)$/,
    );
    // Bytes, not characters: é takes two.
    expect(parseError(`${markdown.slice(0, -1)}é`).message).toMatch(/bytes/);
  });

  it('refuses too many lines', () => {
    expect(parseError(checklist('a\n'.repeat(limits.maxLines))).message).toBe(
      `Line 1501: the document has more than 1,500 lines`,
    );
  });

  it('refuses too much markup, in a paragraph or in all', () => {
    const paragraph = '*a_'.repeat(limits.maxDelimitersPerParagraph / 2);
    expect(parseChecklist(checklist(paragraph)).preamble).toBe(paragraph);
    expect(parseError(checklist(`${paragraph}\n*`)).message).toBe(
      'Line 3: the paragraph has more than 600 emphasis or link characters (* _ ~ [ ])',
    );
    // A blank line or a heading ends a paragraph.
    expect(
      parseChecklist(checklist(`${paragraph}\n### h\n${paragraph}`)).preamble,
    ).toContain('### h');
    expect(
      parseError(checklist(Array(6).fill(paragraph).join('\n\n'))).message,
    ).toMatch(/^Line 13: the document has more than 3,000 markup characters/);
  });

  it('refuses a table row of more than 64 cells', () => {
    const row = (cells: number) => `${'| a '.repeat(cells)}|`;
    expect(parseChecklist(checklist(row(63))).preamble).toBe(row(63));
    expect(parseError(checklist(row(64))).message).toBe(
      'Line 3: the line has 65 pipes (table cells); at most 64',
    );
  });

  it('leaves room for checklists ten times the seed', () => {
    const { prose, ...parsed } = parseChecklist(seed);
    const tenfold = <T extends { id: string }>(items: T[]) =>
      Array.from({ length: 10 }, () =>
        items.map(({ id, ...item }) => item),
      ).flat();
    const big = normalizeChecklist({
      ...parsed,
      prose,
      steps: tenfold(parsed.steps),
      rollbackCriteria: tenfold(parsed.rollbackCriteria),
      migrationGuide: tenfold(parsed.migrationGuide),
      preflightChecks: tenfold(parsed.preflightChecks),
      signOffs: tenfold(parsed.signOffs),
      metrics: tenfold(parsed.metrics),
      alerts: tenfold(parsed.alerts),
      communication: tenfold(parsed.communication),
    });
    const markdown = printChecklist(big);
    expect(Buffer.byteLength(markdown)).toBeGreaterThan(25_000);
    expect(parseChecklist(markdown)).toEqual(big);
  });
});
