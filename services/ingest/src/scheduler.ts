/**
 * How background loops wait: polls of intervals.icu, retries after a rate limit, scans for a
 * plugged-in watch. Injected so tests drive the waits themselves (a scheduler that records each
 * requested delay and resolves it when the test says so) instead of sleeping in real time.
 */
export interface Scheduler {
  /** Resolves after `ms` milliseconds, or as soon as `signal` aborts (it never rejects). */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The real clock: `setTimeout`, cut short by the signal. */
export const realScheduler: Scheduler = Object.freeze({
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve) => {
      if (signal?.aborted) {
        resolve();
        return;
      }
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', done, { once: true });
    });
  },
});
