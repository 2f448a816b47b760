import { MarkdownContent } from '@backstage/core-components';

/**
 * Checklist markdown as the page shows it: CommonMark, which renders raw
 * HTML as text. The GFM dialect would pass HTML through a sanitizer that
 * still lets images, and the requests they make, into the page.
 */
export function Markdown(props: { content: string }) {
  return <MarkdownContent content={props.content} dialect="common-mark" />;
}
