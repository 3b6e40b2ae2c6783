import type { Scheduler } from '../src/scheduler.ts';

/** A scheduler whose waits end at once, recording each requested delay. */
export function instantScheduler(): Scheduler & { readonly delays: number[] } {
  const delays: number[] = [];
  return {
    delays,
    sleep(ms) {
      delays.push(ms);
      return Promise.resolve();
    },
  };
}

export interface PendingSleep {
  readonly ms: number;
  release(): void;
}

/**
 * A scheduler whose waits end when the test releases them: `nextSleep()` resolves when the code
 * under test starts waiting, so a test moves time forward on events, never on the wall clock.
 */
export function manualScheduler(): Scheduler & { nextSleep(): Promise<PendingSleep> } {
  const pending: PendingSleep[] = [];
  const waiters: Array<(s: PendingSleep) => void> = [];
  return {
    sleep(ms, signal) {
      return new Promise<void>((resolve) => {
        const sleep: PendingSleep = { ms, release: resolve };
        signal?.addEventListener('abort', () => resolve(), { once: true });
        const waiter = waiters.shift();
        if (waiter) waiter(sleep);
        else pending.push(sleep);
      });
    },
    nextSleep() {
      const ready = pending.shift();
      return ready ? Promise.resolve(ready) : new Promise((resolve) => waiters.push(resolve));
    },
  };
}
