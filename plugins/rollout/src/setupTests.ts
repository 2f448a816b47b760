import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The tab renders every section of a checklist through lazily loaded
// markdown; on a busy machine running the whole repository's tests that
// takes longer than the defaults allow.
jest.setTimeout(30_000);
configure({ asyncUtilTimeout: 10_000 });

/*
 * msw 3 is written for Node 22.12: it calls Promise.withResolvers and
 * Set.prototype.intersection and .difference. The tests of this repository
 * still run on Node 20, so provide them where the runtime does not.
 */
if (typeof Promise.withResolvers !== 'function') {
  Object.defineProperty(Promise, 'withResolvers', {
    configurable: true,
    writable: true,
    value: function withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

type SetLike = { has(value: unknown): boolean };

const setMethods: Record<
  'intersection' | 'difference',
  (this: Set<unknown>, other: SetLike) => Set<unknown>
> = {
  intersection(other) {
    return new Set([...this].filter(value => other.has(value)));
  },
  difference(other) {
    return new Set([...this].filter(value => !other.has(value)));
  },
};
for (const [name, value] of Object.entries(setMethods)) {
  if (!(name in Set.prototype)) {
    // Only where missing; msw calls them with Sets, which is all these handle.
    // eslint-disable-next-line no-extend-native
    Object.defineProperty(Set.prototype, name, {
      configurable: true,
      writable: true,
      value,
    });
  }
}
