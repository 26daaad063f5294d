/**
 * Timers shared by the adapters: a sleep that a signal cuts short, and the adapter's own timeout
 * around any client promise (a client that hangs must not hang the host).
 * @internal
 */

/** Resolves after `ms` (at once when ≤ 0), or as soon as `signal` aborts. Never rejects. @internal */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((resolvePromise) => {
    const done = (): void => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolvePromise();
    };
    const timer = setTimeout(done, ms);
    timer.unref?.();
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Races `promise` against a timer: rejects with `onTimeout()` after `ms`. The timer never keeps the
 * process alive and is cleared as soon as the promise settles.
 * @internal
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  return new Promise<T>((resolvePromise, rejectPromise) => {
    const timer = setTimeout(() => rejectPromise(onTimeout()), ms);
    timer.unref?.();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolvePromise(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        rejectPromise(error);
      },
    );
  });
}
