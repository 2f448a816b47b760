import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Props whose value people see or hear. */
const visibleProps = new Set([
  'label',
  'title',
  'placeholder',
  'aria-label',
  'aria-description',
  'helperText',
  'alt',
  'primary',
  'secondary',
  'tooltip',
  'emptyContent',
  'subheader',
  'subtitle',
  'description',
  'heading',
  'message',
  'text',
]);

const letter = /\p{L}/u;

/** A string written into the code where a translated message belongs. */
export type VisibleString = { file: string; line: number; text: string };

function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    return node.text;
  }
  if (ts.isTemplateExpression(node)) {
    return [
      node.head.text,
      ...node.templateSpans.map(span => span.literal.text),
    ].join(' ');
  }
  if (ts.isParenthesizedExpression(node)) {
    return literalText(node.expression);
  }
  if (ts.isConditionalExpression(node)) {
    return [literalText(node.whenTrue), literalText(node.whenFalse)]
      .filter(Boolean)
      .join(' ');
  }
  if (ts.isBinaryExpression(node)) {
    // `'a' + b`, `x ?? 'a'`, `x || 'a'` show their strings; `c && 'a'`
    // shows the right side; a comparison (`lang === 'ru'`) shows nothing.
    switch (node.operatorToken.kind) {
      case ts.SyntaxKind.PlusToken:
      case ts.SyntaxKind.BarBarToken:
      case ts.SyntaxKind.QuestionQuestionToken:
        return [literalText(node.left), literalText(node.right)]
          .filter(Boolean)
          .join(' ');
      case ts.SyntaxKind.AmpersandAmpersandToken:
        return literalText(node.right);
      default:
        return undefined;
    }
  }
  return undefined;
}

function propertyName(name: ts.Node): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name)) {
    return name.text;
  }
  return undefined;
}

/**
 * The visible strings of one TSX source that bypass the translation ref:
 * JSX text with a letter in it, `{'text'}` children, and string or template
 * literals with a letter given to a visible prop (`label`, `title`,
 * `aria-label`, …), in JSX or in an object literal.
 */
export function visibleStringsOf(
  file: string,
  source: string,
): VisibleString[] {
  const sourceFile = ts.createSourceFile(
    file,
    source,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const found: VisibleString[] = [];
  const report = (node: ts.Node, text: string) => {
    if (letter.test(text)) {
      found.push({
        file,
        line:
          sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1,
        text: text.trim(),
      });
    }
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      report(node, node.text);
    } else if (
      ts.isJsxExpression(node) &&
      node.expression &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
    ) {
      const text = literalText(node.expression);
      if (text !== undefined) {
        report(node, text);
      }
    } else if (ts.isJsxAttribute(node) && node.initializer) {
      const name = propertyName(node.name);
      if (name && visibleProps.has(name)) {
        const value = ts.isJsxExpression(node.initializer)
          ? node.initializer.expression &&
            literalText(node.initializer.expression)
          : literalText(node.initializer);
        if (value !== undefined) {
          report(node, value);
        }
      }
    } else if (ts.isPropertyAssignment(node)) {
      const name = propertyName(node.name);
      if (name && visibleProps.has(name)) {
        const value = literalText(node.initializer);
        if (value !== undefined) {
          report(node, value);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** The components of the plugin: every `.tsx` under `dir` but tests. */
export function componentSources(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(
      name =>
        name.endsWith('.tsx') &&
        !/\.test\.tsx$/.test(name) &&
        !name.split(path.sep).includes('__testUtils__'),
    )
    .map(name => path.join(dir, name));
}
