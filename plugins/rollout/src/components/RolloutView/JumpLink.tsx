import Link from '@material-ui/core/Link';
import { ReactNode } from 'react';

/** The kinds of checklist rows a link on the tab can point at. */
export type RowKind = 'step' | 'check' | 'signoff' | 'criterion' | 'comms';

/** The DOM id of a checklist row, which links on the tab jump to. */
export function rowAnchor(kind: RowKind, id: string): string {
  return `rollout-${kind}-${id}`;
}

/**
 * Scrolls to the element with this id and moves the keyboard focus there,
 * so the next Tab continues from it rather than from where the link was.
 */
export function jumpTo(id: string) {
  const target = document.getElementById(id);
  if (!target) {
    return;
  }
  if (!target.hasAttribute('tabindex')) {
    target.setAttribute('tabindex', '-1');
  }
  target.scrollIntoView?.({ block: 'center' });
  target.focus({ preventScroll: true });
}

/** How long a dialog takes to close, after which the focus may move. */
const DIALOG_EXIT_MS = 300;

/**
 * A link to a place on the tab. Inside a dialog, `onJump` closes it first;
 * the jump then waits for the dialog to give the focus back.
 */
export function JumpLink(props: {
  to: string;
  children: ReactNode;
  onJump?: () => void;
}) {
  const { to, children, onJump } = props;
  return (
    <Link
      href={`#${to}`}
      underline="always"
      onClick={event => {
        event.preventDefault();
        if (onJump) {
          onJump();
          setTimeout(() => jumpTo(to), DIALOG_EXIT_MS);
        } else {
          jumpTo(to);
        }
      }}
    >
      {children}
    </Link>
  );
}
