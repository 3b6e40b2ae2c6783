import type { Scheduler } from './scheduler.ts';

export interface SerialLoopOptions<T> {
  /** One run of the task; `signal` aborts when the loop stops. */
  readonly run: (signal: AbortSignal) => Promise<T>;
  readonly scheduler: Scheduler;
  /** The pause after a run of the loop, asked for after each run. */
  readonly pauseMs: () => number;
  /** Told the result of each run of the loop (not of those asked for with `runNow`). */
  readonly onRun?: (result: T) => void;
  /** A run of the loop that failed (unless the loop was stopping): the loop goes on. */
  readonly onError: (err: unknown) => void;
}

export interface SerialLoop<T> {
  /** Runs the task now (also while the loop sleeps), after the run in progress if there is one. */
  readonly runNow: () => Promise<T>;
  /** Starts the loop in the background: a run at once, then one after every pause. */
  readonly start: () => void;
  /** Stops the loop and waits for the run in progress; safe to call more than once. */
  readonly stop: () => Promise<void>;
}

/**
 * The loop of a background task that polls something (the intervals.icu accounts, the mounts
 * where a watch appears): one run at a time, a run asked for while one is in progress waits for
 * it, nothing a run throws ends the loop, and the pauses go through the injected scheduler so
 * tests release them instead of sleeping.
 */
export function createSerialLoop<T>(opts: SerialLoopOptions<T>): SerialLoop<T> {
  const stopping = new AbortController();
  let loop: Promise<void> | null = null;
  let last: Promise<unknown> = Promise.resolve();

  const runNow = (): Promise<T> => {
    const next = last.catch(() => undefined).then(() => opts.run(stopping.signal));
    last = next;
    return next;
  };

  return {
    runNow,
    start: () => {
      loop ??= (async () => {
        while (!stopping.signal.aborted) {
          try {
            const result = await runNow();
            opts.onRun?.(result);
          } catch (err) {
            if (stopping.signal.aborted) break;
            opts.onError(err);
          }
          await opts.scheduler.sleep(opts.pauseMs(), stopping.signal);
        }
      })();
    },
    stop: async () => {
      stopping.abort(new Error('runcue is stopping'));
      await loop;
      await last.catch(() => undefined);
    },
  };
}
