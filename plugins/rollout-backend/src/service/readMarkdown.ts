import { InputError } from '@backstage/errors';
import {
  ChecklistReading,
  readChecklist,
} from '@rollout/backstage-plugin-rollout-common';

/**
 * A markdown checklist as sent, read: an InputError for anything that is
 * not a document or that the reader refuses (no runbook, past a limit).
 */
export function readMarkdown(body: unknown): ChecklistReading {
  if (typeof body !== 'string' || !body.trim()) {
    throw new InputError('The request body must be a markdown checklist');
  }
  try {
    return readChecklist(body);
  } catch (error) {
    if ((error as Error).name === 'ChecklistParseError') {
      throw new InputError(`Invalid checklist: ${(error as Error).message}`);
    }
    throw error;
  }
}
