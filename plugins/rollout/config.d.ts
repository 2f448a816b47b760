export interface Config {
  rollout?: {
    /** How runbook steps run; the backend reads the same keys. */
    steps?: {
      /**
       * Whether a step runs only after the runbook steps before it
       * succeeded or were skipped; running one earlier then needs a reason,
       * which the history keeps. Default true.
       * @visibility frontend
       */
      enforceOrder?: boolean;
      /**
       * Whether the deploy steps (those after the last step a pre-flight
       * check names) run only in a started rollout. Default true.
       * @visibility frontend
       */
      deployNeedsStart?: boolean;
    };
    /** What starting a rollout waits for. */
    start?: {
      /**
       * Whether every pre-flight check must be ticked before the rollout
       * starts. Default true.
       * @visibility frontend
       */
      requirePreflight?: boolean;
    };
  };
}
