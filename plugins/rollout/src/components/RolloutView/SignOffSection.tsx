import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { Alert } from '@material-ui/lab';
import {
  Checklist,
  SignOff,
  SignOffActor,
  maySignOff,
  signOffsToRequest,
} from '@rollout/backstage-plugin-rollout-common';
import { useState } from 'react';
import { Attribution, ChecklistTable, Section } from './Section';
import { PeopleList } from './People';
import { StatusChip } from './StatusChip';
import { Markdown } from './Markdown';
import { NoteDialog } from './NoteDialog';
import { DeniedTooltip } from './DeniedTooltip';
import { rowAnchor } from './JumpLink';

type Decision = 'approved' | 'rejected';

/**
 * The sign-off table. Signers get Approve and Reject; everyone else is told
 * they are not a signer of that row. With `onRequest` (for those who may
 * update the rollout) a button asks the signers of the pending rows; it is
 * disabled while no row is pending with signers to ask.
 */
export function SignOffSection(props: {
  checklist: Checklist;
  actor?: SignOffActor;
  onDecide: (signOff: SignOff, decision: Decision, note: string) => void;
  onRequest?: () => void;
  /** Why nobody decides any more, once the rollout is final. */
  finalReason?: string;
}) {
  const { checklist, actor, onDecide, onRequest, finalReason } = props;
  const unsignable = checklist.signOffs.filter(row => !row.signers.length);
  const toAsk = signOffsToRequest(checklist.signOffs).length;
  const [deciding, setDeciding] = useState<{
    signOff: SignOff;
    decision: Decision;
  }>();
  return (
    <Section
      id="rollout-signoff"
      title="Stakeholder sign-off"
      prose={checklist.prose?.signOffs}
    >
      {onRequest && (
        <Box display="flex" justifyContent="flex-end" mb={1}>
          <Button
            size="small"
            variant="outlined"
            color="primary"
            disabled={toAsk === 0}
            title={
              toAsk === 0
                ? 'No pending sign-off has signers to ask'
                : `Notify the signers of ${toAsk} pending sign-off(s)`
            }
            onClick={onRequest}
          >
            Request sign-off
          </Button>
        </Box>
      )}
      {unsignable.length > 0 && (
        <Box mb={1}>
          <Alert severity="warning" data-testid="signoff-unsignable">
            Nobody can sign {unsignable.map(row => row.role).join(', ')}: the
            row has no signers, and completing the rollout needs every sign-off
            approved. Add signers with Edit, or map the role to a group in
            app-config (<code>rollout.signOffs.signersByRole</code>).
          </Alert>
        </Box>
      )}
      <ChecklistTable label="Sign-offs">
        <TableHead>
          <TableRow>
            <TableCell>Stakeholder</TableCell>
            <TableCell>Responsibility</TableCell>
            <TableCell>Signers</TableCell>
            <TableCell>Status</TableCell>
            <TableCell>Notes</TableCell>
            <TableCell>Decision</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {checklist.signOffs.map(signOff => (
            <TableRow
              key={signOff.id}
              id={rowAnchor('signoff', signOff.id)}
              data-testid={`signoff-${signOff.id}`}
            >
              <TableCell data-label="Stakeholder">{signOff.role}</TableCell>
              <TableCell data-label="Responsibility">
                <Markdown content={signOff.responsibility} />
              </TableCell>
              <TableCell data-label="Signers">
                {signOff.signers.length ? (
                  <PeopleList refs={signOff.signers} />
                ) : (
                  <Typography variant="caption">Nobody yet</Typography>
                )}
              </TableCell>
              <TableCell data-label="Status">
                <StatusChip status={signOff.decision} />
                <Typography variant="caption" display="block">
                  <Attribution by={signOff.decidedBy} at={signOff.decidedAt} />
                </Typography>
              </TableCell>
              <TableCell data-label="Notes">{signOff.note}</TableCell>
              <TableCell data-label="Decision">
                {actor && maySignOff(signOff, actor) ? (
                  <Box display="flex" gridGap={8} flexWrap="wrap">
                    <DeniedTooltip reason={finalReason}>
                      <Button
                        size="small"
                        variant="outlined"
                        color="primary"
                        disabled={
                          Boolean(finalReason) ||
                          signOff.decision === 'approved'
                        }
                        onClick={() =>
                          setDeciding({ signOff, decision: 'approved' })
                        }
                      >
                        Approve
                      </Button>
                    </DeniedTooltip>
                    <DeniedTooltip reason={finalReason}>
                      <Button
                        size="small"
                        variant="outlined"
                        disabled={
                          Boolean(finalReason) ||
                          signOff.decision === 'rejected'
                        }
                        onClick={() =>
                          setDeciding({ signOff, decision: 'rejected' })
                        }
                      >
                        Reject
                      </Button>
                    </DeniedTooltip>
                  </Box>
                ) : (
                  <Typography variant="caption" color="textSecondary">
                    Not a signer
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </ChecklistTable>
      {deciding && (
        <NoteDialog
          id="signoff-dialog"
          title={`${
            deciding.decision === 'approved' ? 'Approve' : 'Reject'
          } as ${deciding.signOff.role}`}
          explanation={
            deciding.decision === 'rejected'
              ? `${deciding.signOff.responsibility} A rejection blocks the rollout, and its owners are told why.`
              : deciding.signOff.responsibility
          }
          label={deciding.decision === 'rejected' ? 'Why (required)' : 'Note'}
          required={deciding.decision === 'rejected'}
          action={deciding.decision === 'approved' ? 'Approve' : 'Reject'}
          onClose={() => setDeciding(undefined)}
          onConfirm={note => {
            onDecide(deciding.signOff, deciding.decision, note);
            setDeciding(undefined);
          }}
        />
      )}
    </Section>
  );
}
