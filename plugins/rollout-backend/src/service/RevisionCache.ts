/**
 * What was made from a rollout at one revision, such as its parsed or
 * printed checklist, for the rollouts read most recently: an entry stands
 * until the rollout's revision moves on, since every change of a rollout
 * makes a new revision.
 */
export class RevisionCache<T> {
  /** By rollout id, least recently read first. */
  private readonly entries = new Map<string, { revision: number; value: T }>();

  constructor(private readonly size: number) {}

  /** The value kept for the rollout at this revision, if any. */
  get(id: string, revision: number): T | undefined {
    const entry = this.entries.get(id);
    if (entry?.revision !== revision) {
      return undefined;
    }
    // Delete and set again: the map's order is the order of last reads.
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry.value;
  }

  /** Keeps a value of the rollout at this revision, forgetting the oldest. */
  set(id: string, revision: number, value: T): void {
    this.entries.delete(id);
    this.entries.set(id, { revision, value });
    if (this.entries.size > this.size) {
      this.entries.delete(this.entries.keys().next().value!);
    }
  }
}
