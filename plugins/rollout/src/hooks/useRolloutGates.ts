import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import {
  RolloutGates,
  rolloutSignalChannel,
} from '@rollout/backstage-plugin-rollout-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { rolloutApiRef } from '../api';

/** How often the gates are read again while they are shown. */
export const GATES_POLL_INTERVAL_MS = 15_000;

/**
 * The gates of a rollout as {@link useRolloutGates} holds them: the last good
 * report, whether the latest read failed, whether one is under way.
 */
export type RolloutGatesState = {
  gates?: RolloutGates;
  error?: Error;
  loading: boolean;
  reload: () => Promise<void>;
};

/**
 * The gates of a rollout, read again whenever its `revision` changes, when
 * the backend signals that only the gates changed, and every
 * {@link GATES_POLL_INTERVAL_MS} while mounted, since Prometheus and
 * Alertmanager move without the rollout changing. The last good report is
 * kept while reloading and when a reload fails, so the panel does not flicker
 * or empty; `error` says the latest read failed.
 */
export function useRolloutGates(
  rolloutId: string,
  revision?: number,
): RolloutGatesState {
  const api = useApi(rolloutApiRef);
  const [gates, setGates] = useState<RolloutGates>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(true);
  // Only the latest read may set the state: an older one answering late
  // would put back a report that is already out of date.
  const latest = useRef(0);

  const reload = useCallback(async () => {
    latest.current += 1;
    const request = latest.current;
    setLoading(true);
    try {
      const next = await api.getGates(rolloutId);
      if (request === latest.current) {
        setGates(next);
        setError(undefined);
      }
    } catch (e) {
      if (request === latest.current) {
        setError(e as Error);
      }
    } finally {
      if (request === latest.current) {
        setLoading(false);
      }
    }
  }, [api, rolloutId]);

  useEffect(() => {
    setGates(undefined);
    setError(undefined);
  }, [rolloutId]);

  useEffect(() => {
    reload();
  }, [reload, revision]);

  // A signal with a revision reloads the rollout, and so the gates through
  // `revision`; one without says only the gates changed.
  const { lastSignal } = useSignal<{ revision?: number }>(
    rolloutSignalChannel(rolloutId),
  );
  useEffect(() => {
    if (lastSignal && lastSignal.revision === undefined) {
      reload();
    }
  }, [lastSignal, reload]);

  useEffect(() => {
    const timer = setInterval(reload, GATES_POLL_INTERVAL_MS);
    return () => {
      clearInterval(timer);
      // Answers that arrive after unmounting have nowhere to go.
      latest.current += 1;
    };
  }, [reload]);

  return { gates, error, loading, reload };
}
