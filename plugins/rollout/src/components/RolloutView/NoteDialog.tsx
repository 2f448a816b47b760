import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useRef, useState } from 'react';
import { useRolloutTranslation } from '../../translation';

/**
 * Puts the focus in a dialog's field once the dialog has opened, where a
 * keyboard user starts typing; on its own a dialog focuses itself. Spread
 * `dialogProps` on the Dialog and pass `inputRef` to the field.
 */
export function useFocusOnOpen() {
  const inputRef = useRef<HTMLInputElement | HTMLTextAreaElement>(null);
  return {
    inputRef,
    dialogProps: {
      TransitionProps: { onEntered: () => inputRef.current?.focus() },
    },
  };
}

/**
 * Confirms an action on the tab with a note or reason that goes into the
 * rollout's history. The field has the focus when the dialog opens, so a
 * keyboard user types at once; a required one keeps the action disabled
 * until something is written.
 */
export function NoteDialog(props: {
  /** A prefix for the ids of the title and the field. */
  id: string;
  title: ReactNode;
  explanation?: ReactNode;
  /** The field's label, such as "Reason" or "Note". */
  label: string;
  required: boolean;
  /** The confirming button's words. */
  action: string;
  onClose: () => void;
  onConfirm: (note: string) => void;
  /** Shown between the explanation and the field. */
  children?: ReactNode;
}) {
  const { id, title, explanation, label, required, action } = props;
  const { onClose, onConfirm, children } = props;
  const [note, setNote] = useState('');
  const { inputRef, dialogProps } = useFocusOnOpen();
  const { t } = useRolloutTranslation();
  return (
    <Dialog
      {...dialogProps}
      open
      onClose={onClose}
      aria-labelledby={`${id}-title`}
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id={`${id}-title`}>{title}</DialogTitle>
      <DialogContent>
        {explanation && (
          <Typography variant="body2" gutterBottom>
            {explanation}
          </Typography>
        )}
        {children}
        <TextField
          id={`${id}-note`}
          label={label}
          value={note}
          onChange={e => setNote(e.target.value)}
          helperText={
            required
              ? t('view.noteDialog.required')
              : t('view.noteDialog.optional')
          }
          inputProps={{ 'aria-required': required }}
          inputRef={inputRef}
          multiline
          minRows={2}
          variant="outlined"
          margin="normal"
          fullWidth
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={required && !note.trim()}
          onClick={() => onConfirm(note.trim())}
        >
          {action}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
