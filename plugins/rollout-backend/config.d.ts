export interface Config {
  /** Configuration of the rollout plugin. */
  rollout?: {
    /** How runbook steps run. */
    steps?: {
      /**
       * The scaffolder template a step runs unless the step names its own,
       * such as `template:default/rollout-step`. It gets `rolloutId`,
       * `stepId`, `command` and `entityRef` as values.
       */
      defaultTemplate?: string;
    };
    /** Demo rollouts loaded at start when the database does not have them yet. */
    demo?: {
      /** Whether to load the demo rollouts; off unless set. */
      enabled?: boolean;
      /**
       * A directory of `*.yaml` manifests, each naming a markdown checklist
       * and the entity and version it rolls out; relative to the backend's
       * working directory.
       */
      directory?: string;
    };
  };
}
