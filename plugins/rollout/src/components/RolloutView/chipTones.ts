import {
  amber,
  blue,
  blueGrey,
  green,
  grey,
  red,
} from '@material-ui/core/colors';
import { makeStyles } from '@material-ui/core/styles';

/** How a state reads at a glance, as the colour of its chip. */
export type ChipTone = 'good' | 'warn' | 'bad' | 'busy' | 'muted' | 'unknown';

const white = '#ffffff';

/**
 * Chip colours that keep small chip text at WCAG AA contrast (4.5:1) in the
 * light and the dark theme alike: the themes' `main` shades behind white text
 * do not (error.main is 3.7:1, info.main 3.1:1).
 */
export const useChipToneStyles = makeStyles({
  good: { backgroundColor: green[800], color: white },
  warn: { backgroundColor: amber[600], color: 'rgba(0, 0, 0, 0.87)' },
  bad: { backgroundColor: red[700], color: white },
  busy: { backgroundColor: blue[700], color: white },
  muted: { backgroundColor: blueGrey[700], color: white },
  unknown: { backgroundColor: grey[700], color: white },
});
