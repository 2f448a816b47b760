import Tooltip from '@material-ui/core/Tooltip';
import { ReactElement } from 'react';

/**
 * Says why a control is disabled when the caller may not use it. A
 * disabled control gets no pointer events, so the tooltip hangs on a span
 * around it.
 */
export function DeniedTooltip(props: {
  /** Why the caller may not; no tooltip when absent. */
  reason?: string;
  children: ReactElement;
}) {
  const { reason, children } = props;
  if (!reason) {
    return children;
  }
  return (
    <Tooltip title={reason}>
      <span data-testid="permission-denied">{children}</span>
    </Tooltip>
  );
}
