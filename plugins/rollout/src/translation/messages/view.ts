/** The view messages; see `../ref.ts`. */
export const viewMessages = {
  placeholder: 'View',
} as const;
