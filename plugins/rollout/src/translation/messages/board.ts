/** The board messages; see `../ref.ts`. */
export const boardMessages = {
  placeholder: 'Board',
} as const;
