export { parseChecklist, readChecklist } from './parseChecklist';
export type {
  ChecklistReading,
  ChecklistSignerName,
  ChecklistWarning,
} from './parseChecklist';
export { printChecklist } from './printChecklist';
export { ChecklistParseError } from './ChecklistParseError';
export { checklistMarkdownLimits } from './limits';
export {
  checklistColumns,
  checklistSections,
  rollbackStepPattern,
  signOffDecisionWords,
} from './vocabulary';
export type {
  ChecklistColumnNames,
  ChecklistLanguage,
  ChecklistSectionKind,
  ChecklistSectionNames,
} from './vocabulary';
