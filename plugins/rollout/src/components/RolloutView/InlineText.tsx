import { Fragment } from 'react';

/**
 * A sentence that may quote commands between backticks, as the history,
 * banners and dialogs write them: each quoted part shows as code, and no
 * backtick shows. An unpaired backtick stays as written; markdown links and
 * bold read as their words.
 */
export function InlineText(props: { text: string }) {
  // Links and emphasis read as their words: the sentence is not a page.
  const text = props.text
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\*\*([^*]+)\*\*/g, '$1');
  const parts = text.split('`');
  if (parts.length < 3) {
    return <>{text}</>;
  }
  // An even number of parts means one backtick has no partner; the last
  // part then keeps it.
  const paired = parts.length % 2 === 1 ? parts : mergeLast(parts);
  return (
    <>
      {paired.map((part, index) =>
        index % 2 === 1 ? (
          <code key={index}>{part}</code>
        ) : (
          <Fragment key={index}>{part}</Fragment>
        ),
      )}
    </>
  );
}

function mergeLast(parts: string[]): string[] {
  const head = parts.slice(0, -2);
  return [...head, `${parts[parts.length - 2]}\`${parts[parts.length - 1]}`];
}
