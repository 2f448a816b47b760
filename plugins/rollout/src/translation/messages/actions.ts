/** The actions messages; see `../ref.ts`. */
export const actionsMessages = {
  placeholder: 'Actions',
} as const;
