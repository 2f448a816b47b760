import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { TestApiProvider } from '@backstage/test-utils';
import { act, renderHook, waitFor } from '@testing-library/react';
import { RolloutGates } from '@rollout/backstage-plugin-rollout-common';
import { ReactNode } from 'react';
import { RolloutApi, rolloutApiRef } from '../api';
import { demoGates } from '../__testUtils__/demoGates';
import { seedMarkdown } from '../__testUtils__/seedMarkdown';
import { seedRollout } from '../__testUtils__/seedRollout';
import { GATES_POLL_INTERVAL_MS, useRolloutGates } from './useRolloutGates';

const seed = seedRollout(seedMarkdown);

function report(evaluatedAt: string): RolloutGates {
  return { ...demoGates(seed), evaluatedAt };
}

const first = report('2025-11-21T10:00:00.000Z');
const second = report('2025-11-21T10:00:15.000Z');

/** A signal API the test sends messages through. */
function fakeSignals() {
  type Message = Parameters<Parameters<SignalApi['subscribe']>[1]>[0];
  const subscribers = new Map<string, (message: Message) => void>();
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      // The hook names the shape it expects; the test sends that shape.
      subscribers.set(channel, message =>
        onMessage(message as Parameters<typeof onMessage>[0]),
      );
      return { unsubscribe: () => subscribers.delete(channel) };
    },
  };
  const send = (channel: string, message: Message) =>
    act(() => subscribers.get(channel)?.(message));
  return { api, send };
}

function renderGates(
  getGates: jest.Mock<Promise<RolloutGates>, [string]>,
  signals: SignalApi = fakeSignals().api,
) {
  const api: Pick<RolloutApi, 'getGates'> = { getGates };
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider
      apis={[
        [rolloutApiRef, api],
        [signalApiRef, signals],
      ]}
    >
      {children}
    </TestApiProvider>
  );
  return renderHook(
    ({ revision }: { revision: number }) => useRolloutGates(seed.id, revision),
    { wrapper, initialProps: { revision: 1 } },
  );
}

describe('useRolloutGates', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('reads the gates of the rollout', async () => {
    const getGates = jest.fn(async (_id: string) => first);
    const { result } = renderGates(getGates);

    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.gates).toEqual(first));
    expect(result.current.loading).toBe(false);
    expect(result.current.error).toBeUndefined();
    expect(getGates).toHaveBeenCalledWith(seed.id);
  });

  it('reads them again every 15 seconds until unmounted', async () => {
    jest.useFakeTimers();
    const getGates = jest
      .fn(async (_id: string) => second)
      .mockResolvedValueOnce(first);
    const { result, unmount } = renderGates(getGates);
    await waitFor(() => expect(result.current.gates).toEqual(first));
    expect(getGates).toHaveBeenCalledTimes(1);

    await act(async () => {
      jest.advanceTimersByTime(GATES_POLL_INTERVAL_MS);
    });
    expect(getGates).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(result.current.gates).toEqual(second));
    await act(async () => {
      jest.advanceTimersByTime(GATES_POLL_INTERVAL_MS);
    });
    expect(getGates).toHaveBeenCalledTimes(3);

    unmount();
    jest.advanceTimersByTime(3 * GATES_POLL_INTERVAL_MS);
    expect(getGates).toHaveBeenCalledTimes(3);
  });

  it('reads them again when the revision changes, keeping the last report meanwhile', async () => {
    let answer: (gates: RolloutGates) => void = () => {};
    const getGates = jest
      .fn(
        (_id: string) =>
          new Promise<RolloutGates>(resolve => {
            answer = resolve;
          }),
      )
      .mockResolvedValueOnce(first);
    const { result, rerender } = renderGates(getGates);
    await waitFor(() => expect(result.current.gates).toEqual(first));

    rerender({ revision: 2 });

    expect(getGates).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(result.current.loading).toBe(true));
    expect(result.current.gates).toEqual(first);
    await act(async () => answer(second));
    expect(result.current.gates).toEqual(second);
    expect(result.current.loading).toBe(false);
  });

  it('reads them again when the backend signals that only the gates changed', async () => {
    const signals = fakeSignals();
    const getGates = jest
      .fn(async (_id: string) => second)
      .mockResolvedValueOnce(first);
    const { result } = renderGates(getGates, signals.api);
    await waitFor(() => expect(result.current.gates).toEqual(first));

    // With a revision, the rollout reloads, and the gates with its revision.
    await signals.send(`rollout:${seed.id}`, {
      rolloutId: seed.id,
      revision: 2,
    });
    expect(getGates).toHaveBeenCalledTimes(1);

    await signals.send(`rollout:${seed.id}`, { rolloutId: seed.id });
    expect(getGates).toHaveBeenCalledTimes(2);
    await waitFor(() => expect(result.current.gates).toEqual(second));
  });

  it('keeps the last good report when a read fails, and says it failed', async () => {
    const getGates = jest
      .fn(async (_id: string): Promise<RolloutGates> => {
        throw new Error('Prometheus timed out');
      })
      .mockResolvedValueOnce(first);
    const { result } = renderGates(getGates);
    await waitFor(() => expect(result.current.gates).toEqual(first));

    await act(() => result.current.reload());

    expect(result.current.error?.message).toBe('Prometheus timed out');
    expect(result.current.gates).toEqual(first);
    expect(result.current.loading).toBe(false);
  });

  it('ignores an answer that comes after a newer one', async () => {
    const answers: Array<(gates: RolloutGates) => void> = [];
    const getGates = jest.fn(
      (_id: string) =>
        new Promise<RolloutGates>(resolve => {
          answers.push(resolve);
        }),
    );
    const { result, rerender } = renderGates(getGates);
    rerender({ revision: 2 });
    expect(answers).toHaveLength(2);

    await act(async () => answers[1](second));
    await act(async () => answers[0](first));

    expect(result.current.gates).toEqual(second);
  });
});
