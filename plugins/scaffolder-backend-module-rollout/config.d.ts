export interface Config {
  /** Configuration of the rollout plugin. */
  rollout?: {
    /** What the `rollout:command:run` scaffolder action may run. */
    commands?: {
      /**
       * Patterns of the commands `rollout:command:run` may run, matched
       * against the whole command line: its arguments joined by single
       * spaces. `*` matches any run of characters, everything else matches
       * itself: `make review-test`, `poetry *`. Nothing runs when the list is
       * empty or missing.
       */
      allow?: string[];
    };
  };
}
