/** The history messages; see `../ref.ts`. */
export const historyMessages = {
  placeholder: 'History',
} as const;
