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
    /** Who signs the sign-off rows of new rollouts. */
    signOffs?: {
      /**
       * Signers by role: a role name as the checklist writes it (`QA Lead`,
       * matched case aside and trimmed) → the user or group entity refs who
       * sign its rows, such as `QA Lead: [group:default/qa-leads]`. Applied
       * when a rollout is created (JSON, markdown, the
       * `rollout:checklist:create` action) to each row that names no
       * signers; never to an existing rollout, whose signers change only by
       * an edit. The backend applies it; the tab and the template field
       * `RolloutSigners` show it, so it is declared here, where the app's
       * frontend config schema finds it.
       * @deepVisibility frontend
       */
      signersByRole?: { [role: string]: string[] };
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
    /** What completing a rollout waits for. */
    completion?: {
      /**
       * Whether every communication item must be done before the rollout
       * completes, as every pre-flight check, sign-off and runbook step
       * must; the Complete dialog lists them only then. Default true.
       * @visibility frontend
       */
      requireCommunication?: boolean;
    };
  };
}
