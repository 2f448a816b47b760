import {
  alertApiRef,
  identityApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  Rollout,
  RolloutEvent,
  SignOffActor,
  rolloutConflictReasonOf,
  rolloutSignalChannel,
} from '@rollout/backstage-plugin-rollout-common';
import { useSignal } from '@backstage/plugin-signals-react';
import { useCallback, useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { rolloutApiRef } from '../api';
import { useRolloutTranslation } from '../translation';
import { viewMessages } from '../translation/messages/view';

/**
 * The message shown when a change was based on a stale revision, in
 * English; users read it in their language.
 */
export const STALE_MESSAGE = viewMessages.rollout.staleRevision;

/**
 * The entity's rollouts, newest first.
 */
export function useEntityRollouts(entityRef: string) {
  const api = useApi(rolloutApiRef);
  return useAsyncRetry(
    async () => (await api.listRollouts({ entityRef, limit: 50 })).items,
    [api, entityRef],
  );
}

/** The signed-in user as the sign-off rule sees them. */
export function useSignOffActor(): SignOffActor | undefined {
  const identityApi = useApi(identityApiRef);
  return useAsync(() => identityApi.getBackstageIdentity(), [identityApi])
    .value;
}

/**
 * One rollout with its history, and `change` to mutate it: the change shows
 * at once, is replaced by what the backend answers, and is undone if the
 * backend refuses it, with the backend's reason. A 409 reloads the rollout:
 * if someone else changed it meanwhile the user is told to check and retry,
 * otherwise the 409 was a refusal (such as completing too early) and its
 * reason is shown.
 */
export function useRollout(id: string) {
  const api = useApi(rolloutApiRef);
  const alertApi = useApi(alertApiRef);
  const { t } = useRolloutTranslation();
  const [rollout, setRollout] = useState<Rollout>();
  const [events, setEvents] = useState<RolloutEvent[]>([]);
  const [error, setError] = useState<Error>();
  const [pending, setPending] = useState(false);

  const load = useCallback(async (): Promise<Rollout | undefined> => {
    try {
      const [next, history] = await Promise.all([
        api.getRollout(id),
        api.getRolloutEvents(id),
      ]);
      setRollout(next);
      setEvents(history);
      setError(undefined);
      return next;
    } catch (e) {
      setError(e as Error);
      return undefined;
    }
  }, [api, id]);

  useEffect(() => {
    setRollout(undefined);
    load();
  }, [load]);

  // The backend signals every change on the rollout's channel; without
  // signals, poll while a step runs so its result still shows up.
  const { lastSignal, isSignalsAvailable } = useSignal<{ revision: number }>(
    rolloutSignalChannel(id),
  );
  const revision = rollout?.revision;
  useEffect(() => {
    if (
      lastSignal &&
      revision !== undefined &&
      lastSignal.revision > revision
    ) {
      load();
    }
  }, [lastSignal, revision, load]);
  const running = rollout?.checklist.steps.some(s => s.status === 'running');
  useEffect(() => {
    if (isSignalsAvailable || !running) {
      return undefined;
    }
    const timer = setInterval(load, 3000);
    return () => clearInterval(timer);
  }, [isSignalsAvailable, running, load]);

  // A 409 says in its body whether the revision was stale (reload, and
  // tell the user) or the change was refused (show the backend's reason).
  const reportError = useCallback(
    async (e: unknown) => {
      if (
        e instanceof ResponseError &&
        rolloutConflictReasonOf(e.body.error) === 'staleRevision'
      ) {
        await load();
        alertApi.post({
          message: t('view.rollout.staleRevision'),
          severity: 'warning',
        });
        return;
      }
      // A ResponseError's own message is only the status line; the
      // backend's reason is its cause.
      alertApi.post({
        message: ResponseError.is(e) ? e.cause.message : (e as Error).message,
        severity: 'error',
      });
    },
    [alertApi, load, t],
  );

  const change = useCallback(
    async (
      optimistic: (current: Rollout) => Rollout,
      call: (current: Rollout) => Promise<Rollout>,
    ) => {
      if (!rollout) {
        return;
      }
      setPending(true);
      setRollout(optimistic(rollout));
      try {
        setRollout(await call(rollout));
        setEvents(await api.getRolloutEvents(id));
      } catch (e) {
        setRollout(rollout);
        await reportError(e);
      } finally {
        setPending(false);
      }
    },
    [rollout, api, id, reportError],
  );

  /** Runs a call whose effect the next load shows, such as running a step. */
  const perform = useCallback(
    async (call: () => Promise<unknown>) => {
      setPending(true);
      try {
        await call();
        await load();
      } catch (e) {
        await reportError(e);
      } finally {
        setPending(false);
      }
    },
    [load, reportError],
  );

  return { rollout, events, error, pending, change, perform, reload: load };
}
