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
import { useRolloutFormat, useRolloutTranslation } from '../../translation';

type Decision = 'approved' | 'rejected';

/** The app-config key that maps a role to its signers. */
const signersByRoleSetting = 'rollout.signOffs.signersByRole';

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
  const { t } = useRolloutTranslation();
  const format = useRolloutFormat();
  const column = {
    stakeholder: t('view.signOff.column.stakeholder'),
    responsibility: t('view.signOff.column.responsibility'),
    signers: t('view.signOff.column.signers'),
    status: t('view.signOff.column.status'),
    notes: t('view.signOff.column.notes'),
    decision: t('view.signOff.column.decision'),
  };
  return (
    <Section
      id="rollout-signoff"
      title={t('view.signOff.title')}
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
                ? t('view.signOff.nothingToRequest')
                : t('view.signOff.requestTooltip', { count: toAsk })
            }
            onClick={onRequest}
          >
            {t('view.signOff.request')}
          </Button>
        </Box>
      )}
      {unsignable.length > 0 && (
        <Box mb={1}>
          <Alert severity="warning" data-testid="signoff-unsignable">
            {t('view.signOff.unsignable', {
              roles: format.list(unsignable.map(row => row.role)),
              setting: <code>{signersByRoleSetting}</code>,
            })}
          </Alert>
        </Box>
      )}
      <ChecklistTable label={t('view.signOff.tableLabel')}>
        <TableHead>
          <TableRow>
            <TableCell>{column.stakeholder}</TableCell>
            <TableCell>{column.responsibility}</TableCell>
            <TableCell>{column.signers}</TableCell>
            <TableCell>{column.status}</TableCell>
            <TableCell>{column.notes}</TableCell>
            <TableCell>{column.decision}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {checklist.signOffs.map(signOff => (
            <TableRow
              key={signOff.id}
              id={rowAnchor('signoff', signOff.id)}
              data-testid={`signoff-${signOff.id}`}
            >
              <TableCell data-label={column.stakeholder}>
                {signOff.role}
              </TableCell>
              <TableCell data-label={column.responsibility}>
                <Markdown content={signOff.responsibility} />
              </TableCell>
              <TableCell data-label={column.signers}>
                {signOff.signers.length ? (
                  <PeopleList refs={signOff.signers} />
                ) : (
                  <Typography variant="caption">
                    {t('view.signOff.nobodyYet')}
                  </Typography>
                )}
              </TableCell>
              <TableCell data-label={column.status}>
                <StatusChip status={signOff.decision} />
                <Typography variant="caption" display="block">
                  <Attribution by={signOff.decidedBy} at={signOff.decidedAt} />
                </Typography>
              </TableCell>
              <TableCell data-label={column.notes}>{signOff.note}</TableCell>
              <TableCell data-label={column.decision}>
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
                        {t('view.signOff.approve')}
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
                        {t('view.signOff.reject')}
                      </Button>
                    </DeniedTooltip>
                  </Box>
                ) : (
                  <Typography variant="caption" color="textSecondary">
                    {t('view.signOff.notASigner')}
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
          title={
            deciding.decision === 'approved'
              ? t('view.signOff.approveTitle', { role: deciding.signOff.role })
              : t('view.signOff.rejectTitle', { role: deciding.signOff.role })
          }
          explanation={
            deciding.decision === 'rejected'
              ? t('view.signOff.rejectExplanation', {
                  responsibility: deciding.signOff.responsibility,
                })
              : deciding.signOff.responsibility
          }
          label={
            deciding.decision === 'rejected'
              ? t('view.signOff.whyRequired')
              : t('view.signOff.note')
          }
          required={deciding.decision === 'rejected'}
          action={
            deciding.decision === 'approved'
              ? t('view.signOff.approve')
              : t('view.signOff.reject')
          }
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
