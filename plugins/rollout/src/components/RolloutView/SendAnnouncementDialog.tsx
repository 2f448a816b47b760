import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormLabel from '@material-ui/core/FormLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  AnnouncementChannel,
  CommunicationItem,
  Rollout,
  SendAnnouncementResponse,
} from '@rollout/backstage-plugin-rollout-common';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { rolloutApiRef } from '../../api';
import { Markdown } from './Markdown';
import { PeopleList } from './People';
import { useFocusOnOpen } from './NoteDialog';

const channelNames: Record<AnnouncementChannel, string> = {
  web: 'the Notifications page',
  email: 'email',
  slack: 'Slack',
};

const useStyles = makeStyles(theme => ({
  preview: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1, 2),
    marginTop: theme.spacing(1),
    overflowWrap: 'anywhere',
  },
  section: { marginTop: theme.spacing(2) },
}));

/**
 * "Sent on … to 3 people", of an item's last send; without the date when
 * the item says it already (`doneAt`), as it does when the send ticked it.
 */
export function sentText(
  sent: NonNullable<CommunicationItem['sent']>,
  doneAt?: string,
) {
  const when =
    sent.at === doneAt ? '' : ` on ${new Date(sent.at).toLocaleString()}`;
  return `Sent${when} to ${sent.recipients} ${
    sent.recipients === 1 ? 'person' : 'people'
  }`;
}

/**
 * Sends a communication item as an announcement: the app's template
 * composes it from the rollout, the sender edits the subject and the
 * message (markdown, previewed as it will read), picks the audience (the
 * rollout's stakeholders, the app's audiences, more people or groups), and
 * sends. An item sent before needs a second tick, saying when it went. A
 * refusal or a failed channel shows here, and the dialog stays open.
 */
export function SendAnnouncementDialog(props: {
  rollout: Rollout;
  item: CommunicationItem;
  onClose: () => void;
  onSent: (answer: SendAnnouncementResponse) => void;
}) {
  const { rollout, item, onClose, onSent } = props;
  const api = useApi(rolloutApiRef);
  const classes = useStyles();
  const { inputRef, dialogProps } = useFocusOnOpen();
  const draft = useAsync(
    () => api.getAnnouncement(rollout.id, item.id),
    [api, rollout.id, item.id],
  );
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [stakeholders, setStakeholders] = useState(true);
  const [audiences, setAudiences] = useState<string[]>([]);
  const [more, setMore] = useState('');
  const [again, setAgain] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (draft.value) {
      setSubject(draft.value.subject);
      setBody(draft.value.body);
    }
  }, [draft.value]);

  const lastSent = draft.value?.lastSent;
  const entityRefs = more
    .split(/[\s,]+/)
    .map(ref => ref.trim())
    .filter(Boolean);
  const canSend =
    !!draft.value &&
    !sending &&
    subject.trim().length > 0 &&
    body.trim().length > 0 &&
    (stakeholders || audiences.length > 0 || entityRefs.length > 0) &&
    (!lastSent || again);

  let sendLabel = lastSent ? 'Send again' : 'Send';
  if (sending) {
    sendLabel = 'Sending…';
  }

  const send = async () => {
    setSending(true);
    setError(undefined);
    try {
      onSent(
        await api.sendAnnouncement(rollout.id, item.id, {
          expectedRevision: rollout.revision,
          subject,
          body,
          stakeholders,
          audiences,
          entityRefs,
          ...(lastSent ? { resend: true } : {}),
        }),
      );
    } catch (e) {
      // A ResponseError's own message is only the status line; the
      // backend's reason is its cause.
      setError(ResponseError.is(e) ? e.cause.message : (e as Error).message);
      setSending(false);
    }
  };

  return (
    <Dialog
      {...dialogProps}
      open
      onClose={onClose}
      aria-labelledby="send-announcement-title"
      fullWidth
      maxWidth="md"
    >
      <DialogTitle id="send-announcement-title">Send announcement</DialogTitle>
      <DialogContent>
        <Typography variant="body2" component="div" gutterBottom>
          <Markdown content={item.text} />
        </Typography>
        {draft.loading && <Progress />}
        {draft.error && (
          <Alert severity="error">
            {ResponseError.is(draft.error)
              ? draft.error.cause.message
              : draft.error.message}
          </Alert>
        )}
        {draft.value && (
          <>
            {lastSent && (
              <Alert severity="warning" className={classes.section}>
                {sentText(lastSent)}, by {lastSent.by}. Sending it again
                notifies everyone again.
                <FormControlLabel
                  control={
                    <Checkbox
                      checked={again}
                      onChange={(_, checked) => setAgain(checked)}
                    />
                  }
                  label="Send it again"
                />
              </Alert>
            )}
            <TextField
              id="send-announcement-subject"
              label="Subject"
              value={subject}
              onChange={e => setSubject(e.target.value)}
              inputRef={inputRef}
              required
              fullWidth
              margin="normal"
            />
            <TextField
              id="send-announcement-body"
              label="Message"
              helperText="Markdown; the preview below shows how it reads"
              value={body}
              onChange={e => setBody(e.target.value)}
              required
              fullWidth
              multiline
              minRows={6}
              margin="normal"
            />
            <Box className={classes.section}>
              <Typography variant="subtitle2" component="h3">
                Preview
              </Typography>
              <Box
                className={classes.preview}
                data-testid="announcement-preview"
              >
                <Typography variant="subtitle1" component="p">
                  <strong>{subject}</strong>
                </Typography>
                <Markdown content={body} />
              </Box>
            </Box>
            <FormControl component="fieldset" className={classes.section}>
              <FormLabel component="legend">Send to</FormLabel>
              <FormGroup>
                <FormControlLabel
                  control={
                    <Checkbox
                      checked={stakeholders}
                      onChange={(_, checked) => setStakeholders(checked)}
                    />
                  }
                  label={
                    <span>
                      The rollout's stakeholders (signers and owners):{' '}
                      <PeopleList refs={draft.value.stakeholders} />
                    </span>
                  }
                />
                {draft.value.audiences.map(audience => (
                  <FormControlLabel
                    key={audience.name}
                    control={
                      <Checkbox
                        checked={audiences.includes(audience.name)}
                        onChange={(_, checked) =>
                          setAudiences(current =>
                            checked
                              ? [...current, audience.name]
                              : current.filter(name => name !== audience.name),
                          )
                        }
                      />
                    }
                    label={
                      <span>
                        {audience.title}:{' '}
                        <PeopleList refs={audience.entityRefs} />
                      </span>
                    }
                  />
                ))}
              </FormGroup>
              <TextField
                id="send-announcement-more"
                label="More people or groups"
                helperText="Entity refs, separated by commas, such as user:default/maria or group:default/support; a group is its members"
                value={more}
                onChange={e => setMore(e.target.value)}
                fullWidth
                margin="normal"
              />
            </FormControl>
            <Typography variant="body2" className={classes.section}>
              Each person gets it once, on{' '}
              {draft.value.channels
                .map(channel => channelNames[channel])
                .join(' and by ')}
              . Sending ticks the item and records who sent what to whom in the
              history.
            </Typography>
            {error && (
              <Alert
                severity="error"
                className={classes.section}
                data-testid="send-announcement-error"
              >
                {error}
              </Alert>
            )}
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!canSend}
          onClick={send}
        >
          {sendLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
