import { move, transferableSymbol, valueSymbol, workerData } from 'piscina';
import { warmUpCodecs } from '../import/codec-warm-up.ts';
import { warmUpImport } from '../import/warm-up.ts';
import { computeFile, type ComputeOptions, type ComputedFile } from './compute-file.ts';

/** What the pool tells each worker as it starts (`createIngestPool`). */
export interface IngestWorkerData {
  /** The worker's TypeScript module, when it is started from the sources (`load-ts-worker.mjs`). */
  readonly module?: string;
  /** Compile the decoder, the analysis and the storage codecs before taking the first file. */
  readonly warmUp: boolean;
}

// Compile the decoder and the analysis, then the storage codecs on inputs as varied as real files
// (`codec-warm-up.ts`), as the worker starts, before it takes its first file.
if ((workerData as IngestWorkerData | undefined)?.warmUp !== false) {
  warmUpImport();
  warmUpCodecs();
}

/** One file for a worker of the ingest pool (`worker-pool.ts`). */
export interface ComputeTask {
  readonly bytes: Uint8Array;
  readonly options: ComputeOptions;
  /** Set to 1 (and notified) as the worker takes the task, so the caller's clock starts then. */
  readonly started: Int32Array;
}

/**
 * The worker thread's handler: decodes and analyses one file. What its transaction writes comes
 * back by transfer, not copied on the caller's thread: each stored form is copied here into a
 * buffer of its own size (a view is cloned with its whole buffer, and a small Buffer shares its
 * buffer with others), then moved. The samples of 48 hours at 10 Hz take tens of MB even encoded.
 */
export default function computeTask(task: ComputeTask): ComputedFile | ReturnType<typeof move> {
  Atomics.store(task.started, 0, 1);
  Atomics.notify(task.started, 0);
  const result = computeFile(task.bytes, task.options);
  const moved: ArrayBuffer[] = [];
  const own = (bytes: Uint8Array): Uint8Array => {
    const copy = bytes.slice();
    moved.push(copy.buffer);
    return copy;
  };
  const raw = result.raw && { ...result.raw, stored: own(result.raw.stored) };
  const value: ComputedFile = result.ok
    ? { ...result, raw, samples: { ...result.samples, bytes: own(result.samples.bytes) } }
    : { ...result, raw };
  return move({ [transferableSymbol]: moved, [valueSymbol]: value });
}

/** Does nothing: run to start a worker (see `worker-pool.ts`). */
export function startWorker(): null {
  return null;
}
