export { parseChecklist } from './parseChecklist';
export { printChecklist } from './printChecklist';
export { ChecklistParseError } from './ChecklistParseError';
export { checklistMarkdownLimits } from './limits';
