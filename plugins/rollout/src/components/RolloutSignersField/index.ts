export {
  RolloutSignersField,
  signersOf,
  signersSummary,
} from './RolloutSignersField';
export type { RolloutSignersFieldProps } from './RolloutSignersField';
