import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
import { warmUpImport } from '../import/warm-up.ts';
import { computeFile, type ComputeOptions, type ComputedFile } from './compute-file.ts';

/** What the pool tells each worker as it starts (`createIngestPool`). */
export interface IngestWorkerData {
  /** The worker's TypeScript module, when it is started from the sources (`load-ts-worker.mjs`). */
  readonly module?: string;
  /** Compile the decoder, the analysis and the storage codecs before taking the first file. */
  readonly warmUp: boolean;
}

// Compile the decoder, the analysis and the storage codecs as the worker starts, before it takes
// its first file.
if ((workerData as IngestWorkerData | undefined)?.warmUp !== false) warmUpImport();

/** One file for a worker of the ingest pool (`worker-pool.ts`). */
export interface ComputeTask {
  readonly bytes: Uint8Array;
  readonly options: ComputeOptions;
  /** Set to 1 (and notified) as the worker takes the task, so the caller's clock starts then. */
  readonly started: Int32Array;
}

/**
 * The worker thread's handler: decodes and analyses one file. The activity's sample arrays are
 * handed back by transfer, not copied (48 hours at 10 Hz is 15 channels of 1.7 M numbers).
 */
export default function computeTask(task: ComputeTask): ComputedFile | ReturnType<typeof move> {
  Atomics.store(task.started, 0, 1);
  Atomics.notify(task.started, 0);
  const result = computeFile(task.bytes, task.options);
  if (!result.ok) return result;
  const buffers = new Set<ArrayBuffer>();
  for (const value of Object.values(result.activity.samples))
    if (value instanceof Float64Array && value.buffer instanceof ArrayBuffer) buffers.add(value.buffer);
  return move({ [transferableSymbol]: [...buffers], [valueSymbol]: result });
}

/** Does nothing: run to start a worker (see `worker-pool.ts`). */
export function startWorker(): null {
  return null;
}
