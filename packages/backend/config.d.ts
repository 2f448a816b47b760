export interface Config {
  rollout?: {
    /** Settings of this app's example rollout permission policy. */
    permissions?: {
      /**
       * Group entity refs, such as `group:default/release-admins`, whose
       * members may do everything with rollouts: edit, run steps and decide
       * any sign-off they are a signer of.
       */
      admins?: string[];
    };
  };
}
