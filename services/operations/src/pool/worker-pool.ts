import { availableParallelism } from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Piscina } from 'piscina';
import { encodeRawFileDeflated } from '@runcue/store';
import type { IngestError } from '../import/ingest-types.ts';
import type { ComputedFile, ComputeOptions } from './compute-file.ts';
import { defaultIngestBudget, type IngestBudget } from './ingest-budget.ts';
import type { ComputeTask, IngestWorkerData } from './ingest-worker.ts';
import { workerEntry } from './worker-entry.ts';

export interface IngestPoolOptions {
  /** Worker threads; by default one per core. */
  readonly threads?: number;
  /** What one file may cost; unset fields keep `defaultIngestBudget`. */
  readonly budget?: Partial<IngestBudget>;
  /**
   * Keep one worker started (and its decoder compiled) while the pool is open, so that a file
   * arriving after a quiet spell is read at once, not after a worker has started and compiled
   * the decoder (0.4–1.9 s of a file's latency on 2 busy cores). It costs about 15 MB while
   * idle. Default false: workers start with the first file and end after 30 s idle.
   */
  readonly keepWarm?: boolean;
  /**
   * Run a synthetic file through each worker as it starts (default true), so that a server's
   * first file does not pay for compiling the decoder. A batch import gains nothing from it: its
   * first files compile the same code, and the synthetic run costs a worker 0.2-0.3 s before it
   * takes one.
   */
  readonly warmUp?: boolean;
}

/**
 * Worker threads that decode and analyse FIT files off the event loop, so a server keeps
 * answering while a hostile or huge file is read. Files wait in one queue, first come first
 * served; each gets `budget.maxMs` from the moment a worker takes it and `budget.maxHeapMb` of
 * heap; past either, its worker is ended (and replaced) and the file refused with a BudgetError
 * code. Any number of callers may share one pool.
 */
export interface IngestPool {
  readonly threads: number;
  readonly budget: IngestBudget;
  /**
   * Decodes and analyses one file in a worker (`computeFile`). Never rejects for the file's sake:
   * a refusal comes back as `{ ok: false, error }`. Rejects only once the pool is closed.
   */
  compute(bytes: Uint8Array, options: Omit<ComputeOptions, 'budget'>): Promise<ComputedFile>;
  /** Waits for files in flight, then ends the workers; safe to call more than once. */
  close(): Promise<void>;
}

/**
 * Starts the pool: workers start as files come (up to `threads`) and end after 30 s idle, all but
 * one with `keepWarm`.
 */
export function createIngestPool(options: IngestPoolOptions = {}): IngestPool {
  const budget: IngestBudget = Object.freeze({ ...defaultIngestBudget, ...options.budget });
  const threads = Math.max(1, options.threads ?? availableParallelism());
  const piscina = new Piscina<ComputeTask, ComputedFile>({
    ...workerEntry<IngestWorkerData>(import.meta.url, 'ingest-worker', { warmUp: options.warmUp ?? true }),
    // Without keepWarm no worker stays when idle: one starts with the first file.
    minThreads: options.keepWarm === true ? 1 : 0,
    maxThreads: threads,
    idleTimeout: 30_000,
    // V8 sizes a worker's young generation for a large heap (tens of MB, held once grown); a
    // file's objects are small (its samples are typed arrays, outside the heap), and 12 MB took
    // 20-30 MB off the peak of a 400-run import for the same CPU (scripts/bench-import.ts).
    resourceLimits: { maxOldGenerationSizeMb: budget.maxHeapMb, maxYoungGenerationSizeMb: 12 },
  });
  let closing: Promise<void> | null = null;

  const compute: IngestPool['compute'] = async (bytes, { maxBytes, analysisOptions, sha256 }) => {
    if (closing) throw new Error('the ingest pool is closed');
    const started = new Int32Array(new SharedArrayBuffer(4));
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let done = false;
    const wait = waitAsync(started, 0, 0);
    const onStart = () => {
      if (!done) timer = setTimeout(() => abort.abort(), budget.maxMs);
    };
    if (wait.async) void wait.value.then(onStart);
    else onStart();
    const task: ComputeTask = {
      bytes: await shared(bytes),
      options: {
        maxBytes,
        analysisOptions,
        ...(sha256 === undefined ? {} : { sha256 }),
        budget: { maxRecords: budget.maxRecords, maxSamples: budget.maxSamples },
      },
      started,
    };
    try {
      return await piscina.run(task, { signal: abort.signal });
    } catch (error) {
      // Piscina replaces a worker it ended (a file over its time budget) only up to minThreads,
      // so files queued behind that file would wait for ever: a no-op task starts a worker, which
      // takes them first.
      if (piscina.queueSize > 0 && piscina.threads.length === 0)
        void (piscina as Piscina).run(null, { name: 'startWorker' }).catch(() => undefined);
      // The worker that was reading it has ended: the bytes are kept in their plain deflated form.
      const raw = bytes.byteLength > maxBytes ? null : await encodeRawFileDeflated(bytes);
      return { ok: false, error: refusal(error, budget), raw };
    } finally {
      done = true;
      clearTimeout(timer);
      // Releases the waiter when the task ended before a worker took it.
      Atomics.notify(started, 0);
    }
  };

  return {
    threads,
    budget,
    compute,
    close: () => (closing ??= piscina.close()),
  };
}

/** Files from this size on reach a worker through shared memory rather than as a copy. */
const SHARED_FROM_BYTES = 1024 * 1024;

/**
 * The bytes in a SharedArrayBuffer, which a worker reads in place: a file of tens of MB posted to
 * a worker as is would be copied whole on the event loop. Copied here a MiB per turn of the event
 * loop when they are not shared already (an upload's raw body is read into shared memory).
 */
async function shared(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes.byteLength < SHARED_FROM_BYTES || bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.byteLength));
  for (let at = 0; at < bytes.byteLength; at += SHARED_FROM_BYTES) {
    if (at > 0) await nextTurn();
    copy.set(bytes.subarray(at, at + SHARED_FROM_BYTES), at);
  }
  return copy;
}

/** `Atomics.waitAsync` (in Node since 16; typed only from the ES2024 lib, newer than ours). */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(
      this: void,
      array: Int32Array,
      index: number,
      value: number,
    ): { async: false; value: string } | { async: true; value: Promise<string> };
  }
).waitAsync;

function refusal(error: unknown, budget: IngestBudget): IngestError {
  const e = error as { name?: unknown; code?: unknown; message?: unknown };
  if (e.name === 'AbortError')
    return {
      code: 'BUDGET_TOO_SLOW',
      message: `Reading the file took more than ${budget.maxMs / 1000} s, more than one activity may; it was stopped.`,
    };
  if (e.code === 'ERR_WORKER_OUT_OF_MEMORY')
    return {
      code: 'BUDGET_TOO_MUCH_MEMORY',
      message: `Reading the file needed more than ${budget.maxHeapMb} MB of memory, more than one activity may; it was stopped.`,
    };
  const detail = typeof e.message === 'string' ? e.message : String(error);
  return {
    code: 'INTERNAL',
    message: `runcue failed while reading this file (${detail}); it is kept and will be read again when it arrives again.`,
  };
}
