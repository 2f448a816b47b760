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
import {
  RolloutFormat,
  RolloutTranslationFunction,
  rolloutMessages,
  useRolloutFormat,
  useRolloutTranslation,
} from '../../translation';

/** How an announcement reaches people by a channel: "by email". */
function channelText(
  t: RolloutTranslationFunction,
  channel: AnnouncementChannel,
): string {
  return Object.prototype.hasOwnProperty.call(
    rolloutMessages.communication.announcement.channel,
    channel,
  )
    ? t(`communication.announcement.channel.${channel}`)
    : channel;
}

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
 * "Sent on … to 3 people", of an item's last send, in the user's language;
 * without the date when the item says it already (`doneAt`), as it does
 * when the send ticked it.
 */
export function sentText(
  t: RolloutTranslationFunction,
  format: RolloutFormat,
  sent: NonNullable<CommunicationItem['sent']>,
  doneAt?: string,
): string {
  const count = sent.recipients;
  return sent.at === doneAt
    ? t('communication.sent.to', { count })
    : t('communication.sent.onTo', { count, date: format.dateTime(sent.at) });
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
  const { t } = useRolloutTranslation();
  const format = useRolloutFormat();
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

  let sendLabel: string = lastSent
    ? t('communication.announcement.sendAgain')
    : t('communication.announcement.send');
  if (sending) {
    sendLabel = t('communication.announcement.sending');
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
      <DialogTitle id="send-announcement-title">
        {t('communication.announcement.title')}
      </DialogTitle>
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
                {t('communication.announcement.resendWarning', {
                  count: lastSent.recipients,
                  date: format.dateTime(lastSent.at),
                  by: lastSent.by,
                })}
                <FormControlLabel
                  control={
                    <Checkbox
                      checked={again}
                      onChange={(_, checked) => setAgain(checked)}
                    />
                  }
                  label={t('communication.announcement.sendAgainConfirm')}
                />
              </Alert>
            )}
            <TextField
              id="send-announcement-subject"
              label={t('communication.announcement.subject')}
              value={subject}
              onChange={e => setSubject(e.target.value)}
              inputRef={inputRef}
              required
              fullWidth
              margin="normal"
            />
            <TextField
              id="send-announcement-body"
              label={t('communication.announcement.message')}
              helperText={t('communication.announcement.messageHelp')}
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
                {t('communication.announcement.preview')}
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
              <FormLabel component="legend">
                {t('communication.announcement.sendTo')}
              </FormLabel>
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
                      {t('communication.announcement.stakeholders', {
                        people: <PeopleList refs={draft.value.stakeholders} />,
                      })}
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
                label={t('communication.announcement.more')}
                helperText={t('communication.announcement.moreHelp')}
                value={more}
                onChange={e => setMore(e.target.value)}
                fullWidth
                margin="normal"
              />
            </FormControl>
            <Typography variant="body2" className={classes.section}>
              {t('communication.announcement.channels', {
                channels: format.list(
                  draft.value.channels.map(channel => channelText(t, channel)),
                ),
              })}
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
        <Button onClick={onClose}>{t('common.cancel')}</Button>
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
