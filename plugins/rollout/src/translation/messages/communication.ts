/** The communication messages; see `../ref.ts`. */
export const communicationMessages = {
  placeholder: 'Communication',
} as const;
