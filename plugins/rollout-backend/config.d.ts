import { HumanDuration } from '@backstage/types';

export interface Config {
  /** Configuration of the rollout plugin. */
  rollout?: {
    /** How runbook steps run. */
    steps?: {
      /**
       * The scaffolder template a step runs unless the step names its own,
       * such as `template:default/rollout-step`. It gets `rolloutId`,
       * `stepId`, `command` and `entityRef` as values, and `rolloutUrl`
       * (the entity's Rollout tab showing the rollout's version, from
       * `app.baseUrl`) for a way back.
       */
      defaultTemplate?: string;
      /**
       * The scaffolder template a rollback step runs unless the step names
       * its own, such as `template:default/rollout-rollback`; the default
       * template when not set. It gets `rolloutId`, `stepId`, `command` (the
       * step's command with `<prev-tag>`, `{{ previousVersion }}` and the
       * like filled in), `entityRef`, `version`, `previousVersion` and
       * `rolloutUrl`.
       * The runbook's order rules (`rollout.steps.enforceOrder`,
       * `rollout.steps.deployNeedsStart`, `rollout.start.requirePreflight`,
       * `rollout.completion.requireCommunication`) are declared by the
       * frontend plugin, which shows them on the tab.
       */
      rollbackTemplate?: string;
      /**
       * How often the reconciler settles steps whose scaffolder task ended
       * without reporting; default 30 seconds. It runs on one replica at a
       * time.
       */
      reconcileFrequency?: HumanDuration | string;
    };
    /** The owners of released entities, which the `IS_ENTITY_OWNER` rule reads. */
    owners?: {
      /**
       * How often the owner of every released entity is read again from the
       * catalog, so a change of owner there changes who may edit; default 5
       * minutes.
       */
      refreshFrequency?: HumanDuration | string;
    };
    /** Where the gates read metrics: a Prometheus HTTP API. */
    prometheus?: {
      /** Such as `http://prometheus:9090`; without it metrics are unknown. */
      baseUrl?: string;
      /**
       * Headers sent with every query, such as `Authorization`. Every value
       * is a secret: redacted from logs and never sent to the frontend.
       * @deepVisibility secret
       */
      headers?: { [name: string]: string };
      /** How long one query may take; default 5 seconds. */
      timeout?: HumanDuration | string;
      /**
       * The range of the `rate()` in queries derived from metric names, a
       * PromQL duration such as `5m` (the default).
       */
      rateWindow?: string;
      /**
       * PromQL per metric name, beating the checklist's own query, such as
       * `review_pass_failures_total: sum(rate(review_pass_failures_total{env="prod"}[5m]))`.
       */
      queries?: { [metricName: string]: string };
    };
    /** Where the gates read alert states: an Alertmanager with API v2. */
    alertmanager?: {
      /** Such as `http://alertmanager:9093`; without it alerts are unknown. */
      baseUrl?: string;
      /**
       * Headers sent with every request, such as `Authorization`. Every
       * value is a secret: redacted from logs and never sent to the frontend.
       * @deepVisibility secret
       */
      headers?: { [name: string]: string };
      /** How long one request may take; default 5 seconds. */
      timeout?: HumanDuration | string;
    };
    /** How gates are evaluated. */
    gates?: {
      /**
       * The window before a rollout started whose median is the baseline;
       * default 30 minutes.
       */
      baselineWindow?: HumanDuration | string;
      /** How far back a metric's sparkline goes; default 1 hour. */
      seriesWindow?: HumanDuration | string;
      /**
       * How far, in percent of the baseline, a metric may move, and a
       * baseline criterion may pass its baseline before it triggers; default
       * 10. A within-baseline metric warns beyond it and is breached beyond
       * twice it; a no-increase or no-dip metric warns beyond half of it and
       * is breached beyond it.
       */
      tolerancePercent?: number;
      /** How often rollouts in progress are evaluated; default 30 seconds. */
      frequency?: HumanDuration | string;
    };
    /**
     * Announcements: a communication item sent from the tab, or by
     * `rollout:comms:send`, through Backstage's notifications (the
     * Notifications page, and email or Slack where the notifications
     * backend has those processors configured).
     */
    communication?: {
      /**
       * The subject, with the fields of `template`; default
       * `Release {{ version }} of {{ entityName }}`.
       */
      subject?: string;
      /**
       * The message, in markdown, that the sender edits before sending. The
       * fields, each as `{{ field }}`: `entityRef`, `entityName`, `title`,
       * `version`, `previousVersion`, `status` (in words, such as
       * `in progress`), `item` (the communication item's text),
       * `rolloutUrl` (the entity's Rollout tab at this version, from
       * `app.baseUrl`), `migrationGuideUrl` (its migration guide, when the
       * checklist has one) and `releaseNotesUrl`. A line with a field that
       * has no value is left out; a field that does not exist stops the
       * backend at startup. The default names the entity, the version, the
       * previous version and the status, then the item, then the three
       * links.
       */
      template?: string;
      /**
       * More people every sender may add with one tick, by name: each with
       * a title to show and its users and groups (entity refs; a group is
       * its direct members). The rollout's stakeholders (sign-off signers
       * and the entity's owner) are always offered.
       */
      audiences?: {
        [name: string]: {
          title?: string;
          entityRefs: string[];
        };
      };
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
