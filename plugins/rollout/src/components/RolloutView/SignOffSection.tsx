import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
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

type Decision = 'approved' | 'rejected';

function DecisionDialog(props: {
  signOff: SignOff;
  decision: Decision;
  onClose: () => void;
  onConfirm: (note: string) => void;
}) {
  const { signOff, decision, onClose, onConfirm } = props;
  const [note, setNote] = useState('');
  const verb = decision === 'approved' ? 'Approve' : 'Reject';
  return (
    <Dialog open onClose={onClose} aria-labelledby="signoff-dialog-title">
      <DialogTitle id="signoff-dialog-title">
        {verb} as {signOff.role}
      </DialogTitle>
      <DialogContent>
        <Typography variant="body2" gutterBottom>
          {signOff.responsibility}
        </Typography>
        <TextField
          id="signoff-note"
          label={decision === 'rejected' ? 'Why (required)' : 'Note'}
          value={note}
          onChange={e => setNote(e.target.value)}
          multiline
          fullWidth
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={decision === 'rejected' && !note.trim()}
          onClick={() => onConfirm(note.trim())}
        >
          {verb}
        </Button>
      </DialogActions>
    </Dialog>
  );
}

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
}) {
  const { checklist, actor, onDecide, onRequest } = props;
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
            <TableRow key={signOff.id} data-testid={`signoff-${signOff.id}`}>
              <TableCell>{signOff.role}</TableCell>
              <TableCell>
                <Markdown content={signOff.responsibility} />
              </TableCell>
              <TableCell>
                <PeopleList refs={signOff.signers} />
              </TableCell>
              <TableCell>
                <StatusChip status={signOff.decision} />
                <Typography variant="caption" display="block">
                  <Attribution by={signOff.decidedBy} at={signOff.decidedAt} />
                </Typography>
              </TableCell>
              <TableCell>{signOff.note}</TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {actor && maySignOff(signOff, actor) ? (
                  <Box display="flex" gridGap={8}>
                    <Button
                      size="small"
                      variant="outlined"
                      color="primary"
                      disabled={signOff.decision === 'approved'}
                      onClick={() =>
                        setDeciding({ signOff, decision: 'approved' })
                      }
                    >
                      Approve
                    </Button>
                    <Button
                      size="small"
                      variant="outlined"
                      disabled={signOff.decision === 'rejected'}
                      onClick={() =>
                        setDeciding({ signOff, decision: 'rejected' })
                      }
                    >
                      Reject
                    </Button>
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
        <DecisionDialog
          {...deciding}
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
