/** The monitoring messages; see `../ref.ts`. */
export const monitoringMessages = {
  placeholder: 'Monitoring',
} as const;
