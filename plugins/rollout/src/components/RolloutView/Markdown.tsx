import { MarkdownContent } from '@backstage/core-components';
import { makeStyles } from '@material-ui/core/styles';

// A code block wider than a phone would scroll sideways inside its card,
// out of a keyboard's reach; it wraps instead. The highlighter styles its
// block inline, so only an important rule wins.
const useStyles = makeStyles({
  markdown: {
    '& pre, & pre code': {
      whiteSpace: 'pre-wrap !important',
      overflowWrap: 'anywhere',
    },
  },
});

/**
 * Checklist markdown as the page shows it: CommonMark, which renders raw
 * HTML as text. The GFM dialect would pass HTML through a sanitizer that
 * still lets images, and the requests they make, into the page.
 */
export function Markdown(props: { content: string }) {
  const classes = useStyles();
  return (
    <MarkdownContent
      content={props.content}
      dialect="common-mark"
      className={classes.markdown}
    />
  );
}
