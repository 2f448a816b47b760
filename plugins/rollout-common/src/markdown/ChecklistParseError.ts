/**
 * Thrown when markdown cannot be read as a rollout checklist. The message
 * starts with the line, as in `Line 3: ...`, so it can be shown as is.
 *
 * @public
 */
export class ChecklistParseError extends Error {
  /** The 1-based line of the document the problem was found on. */
  readonly line: number;

  /**
   * @param line - the 1-based line of the problem.
   * @param message - what is wrong, without the line.
   * @param options - `atEnd` when the problem is something missing, so the
   * line is the last one of the document.
   */
  constructor(line: number, message: string, options?: { atEnd?: boolean }) {
    super(
      `Line ${line}${options?.atEnd ? ' (end of document)' : ''}: ${message}`,
    );
    this.name = 'ChecklistParseError';
    this.line = line;
  }
}
