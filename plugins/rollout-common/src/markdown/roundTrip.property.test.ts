import fc from 'fast-check';
import { normalizeChecklist } from '../ids';
import { ChecklistInput } from '../requests';
import { signOffDecisionSchema, stepStatusSchema } from '../schema';
import { parseChecklist } from './parseChecklist';
import { printChecklist } from './printChecklist';

/*
 * parseChecklist(printChecklist(c)) gives c back for generated checklists.
 *
 * Text is item and cell markdown as written, so the generator mixes words
 * with the characters markdown gives meaning to. Where the format cannot
 * hold a value, the generator leaves it out, as noted beside each limit.
 */

const characters = fc.constantFrom(
  ...'abcxyzABC019',
  ...'éß漢字🚀', // multi-byte and astral characters
  ...'|`*_[]()<>&!#~\\:.,;"\'/-+=$%{}',
);

/** Markdown that means something at the start of a line or in a cell. */
const fragment = fc.constantFrom(
  '[ ]',
  '[x]',
  '-',
  '1.',
  '#',
  '>',
  '```',
  '---',
  '<div>',
  '&amp;',
  '\\*',
  '**a**',
  '`a`',
  '[a](b)',
  '[a]: b',
  '![i](j)',
  '|',
  '~~s~~',
  '<http://x.y>',
  'www.x.y',
);

/** A word of letters and markup characters, or a piece of markdown. */
const word = fc.oneof(
  fc
    .array(characters, { minLength: 1, maxLength: 8 })
    .map(chars => chars.join('')),
  fragment,
);

/**
 * One line of inline markdown. Items, cells and prose are trimmed when
 * read, as markdown does not tell leading or trailing spaces from layout;
 * so the generated text has none. Words are separated by one space or
 * several, which are kept.
 */
const inlineText = fc
  .array(fc.tuple(word, fc.constantFrom(' ', '  ')), {
    minLength: 1,
    maxLength: 6,
  })
  .map(parts =>
    parts
      .map(([text, space]) => text + space)
      .join('')
      .trim(),
  )
  // A backslash before a pipe in a table cell escapes the printer's own
  // `\|`; the cell format has no escape for a backslash itself.
  .filter(text => !text.includes('\\|') && !text.endsWith('\\'));

/** Text that starts with a letter: not a code span, not a block marker. */
const plainText = fc
  .tuple(fc.constantFrom('Run', 'Check', 'note', 'Élan', '漢字'), inlineText)
  .map(([head, rest]) => `${head} ${rest}`);

/** A code span's content, such as a command or a metric name. */
const codeText = fc
  .array(fc.constantFrom(...'abz09 _-./|*[]<>&é漢`'.split('')), {
    minLength: 1,
    maxLength: 20,
  })
  .map(chars => chars.join(''))
  // Code spans turn line endings into spaces and strip one space from
  // each end of content that has both; names are taken as single-line,
  // unpadded text.
  .filter(text => text.trim() === text && text !== '');

const entityRef = fc
  .tuple(
    fc.constantFrom('user', 'group'),
    fc.constantFrom('default', 'team.a'),
    fc.stringMatching(/^[a-z0-9_.-]{1,12}$/),
  )
  .map(([kind, namespace, name]) => `${kind}:${namespace}/${name}`);

const step = fc
  .record({
    number: fc.integer({ min: 0, max: 100_000 }),
    command: fc.option(codeText, { nil: undefined }),
    text: plainText,
    rollback: fc.boolean(),
    notes: fc.option(inlineText, { nil: '' }),
    status: fc.constantFrom(...stepStatusSchema.options),
  })
  .map(({ number, command, text, rollback, notes, status }) => {
    // A step's command is the cell when the cell is one code span, and the
    // step is a rollback step when the cell starts with "Rollback": both
    // are read from the cell, so they are written into it here.
    const title =
      command !== undefined
        ? `\`${command.replace(/`/g, "'")}\``
        : `${rollback ? 'Rollback: ' : ''}${text}`;
    return {
      number,
      title,
      ...(command !== undefined ? { command: command.replace(/`/g, "'") } : {}),
      notes,
      kind: /^rollback/i.test(title)
        ? ('rollback' as const)
        : ('runbook' as const),
      status,
    };
  });

/**
 * List item text: any inline markdown, markers included, or a lead-in line
 * with a block under it (a fence, a nested list, another paragraph line).
 */
const itemText = fc.oneof(
  plainText,
  inlineText,
  fc
    .tuple(
      plainText,
      fc.oneof(
        codeText.map(code => `\`\`\`sh\n${code}\n  indented ${code}\n\`\`\``),
        fc
          .array(plainText, { minLength: 1, maxLength: 3 })
          .map(items => items.map(item => `- ${item}`).join('\n')),
        plainText,
      ),
    )
    .map(([lead, block]) => `${lead}\n${block}`),
);

const signOff = fc.record({
  role: plainText,
  responsibility: fc.option(inlineText, { nil: '' }),
  signers: fc.array(entityRef, { maxLength: 3 }),
  decision: fc.constantFrom(...signOffDecisionSchema.options),
  note: fc.option(inlineText, { nil: '' }),
});

/**
 * Prose is free markdown, but markdown that opens a block (a fence, an
 * HTML block, a setext underline) may run into the headings after it, as
 * it would in any document; the generator keeps prose to paragraphs.
 */
const prose = fc
  .array(plainText, { minLength: 1, maxLength: 3 })
  .map(lines => lines.join('\n'));

const checklistInput: fc.Arbitrary<ChecklistInput> = fc
  .record({
    // "Stage x · title" is how the stage is written into the heading.
    title: plainText.filter(text => !/^stage\s/i.test(text)),
    stage: fc.option(fc.stringMatching(/^[A-Za-z0-9_]{1,8}$/), {
      nil: undefined,
    }),
    preamble: fc.option(prose, { nil: undefined }),
    steps: fc.array(step, { minLength: 1, maxLength: 5 }),
    rollbackCriteria: fc.array(
      itemText.map(text => ({ text })),
      {
        maxLength: 4,
      },
    ),
    migrationGuide: fc.array(
      itemText.map(text => ({ text })),
      {
        maxLength: 4,
      },
    ),
    preflightChecks: fc.array(
      fc.record({ text: itemText, checked: fc.boolean() }),
      { maxLength: 4 },
    ),
    signOffs: fc.array(signOff, { maxLength: 4 }),
    metrics: fc.array(
      fc.record({
        name: codeText,
        description: fc.option(inlineText, { nil: '' }),
      }),
      { maxLength: 3 },
    ),
    alerts: fc.array(
      fc.record({
        name: codeText,
        source: fc.option(
          plainText.filter(text => !/[()]/.test(text)),
          {
            nil: undefined,
          },
        ),
        description: fc.option(plainText, { nil: '' }),
      }),
      { maxLength: 3 },
    ),
    communication: fc.array(fc.record({ text: itemText, done: fc.boolean() }), {
      maxLength: 4,
    }),
    runbookBefore: fc.option(prose, { nil: undefined }),
    runbookAfter: fc.option(prose, { nil: undefined }),
    communicationBefore: fc.option(prose, { nil: undefined }),
    extraSections: fc.array(fc.record({ heading: plainText, body: prose }), {
      maxLength: 2,
    }),
  })
  .map(
    ({
      stage,
      preamble,
      runbookBefore,
      runbookAfter,
      communicationBefore,
      extraSections,
      alerts,
      ...rest
    }) => ({
      ...rest,
      alerts,
      ...(stage !== undefined ? { stage } : {}),
      ...(preamble !== undefined ? { preamble } : {}),
      ...(extraSections.length > 0 ? { extraSections } : {}),
      prose: {
        ...(runbookBefore || runbookAfter
          ? {
              runbook: {
                ...(runbookBefore ? { before: runbookBefore } : {}),
                ...(runbookAfter ? { after: runbookAfter } : {}),
              },
            }
          : {}),
        // Only a lead-in naming alerts (or an Alertmanager source) tells an
        // alerts list from a metrics list in markdown, as in the seed.
        ...(alerts.length > 0
          ? { alerts: { before: 'Alerts (existing):' } }
          : {}),
        ...(communicationBefore
          ? { communication: { before: communicationBefore } }
          : {}),
      },
    }),
  )
  .map(({ prose: sections, ...rest }) =>
    Object.keys(sections).length > 0 ? { ...rest, prose: sections } : rest,
  );

describe('parseChecklist(printChecklist(checklist))', () => {
  it('gives the checklist back', () => {
    fc.assert(
      fc.property(checklistInput, input => {
        const checklist = normalizeChecklist(input);
        expect(parseChecklist(printChecklist(checklist))).toEqual(checklist);
      }),
      { numRuns: 300 },
    );
  });
});
