import { fileKind } from './file-names.ts';
import { ingestSource, type IngestItem, type IngestSourceOptions } from './ingest-source.ts';
import type { IngestQueue } from './ingest-queue.ts';
import { printable } from './printable.ts';

export interface UploadOptions extends Omit<IngestSourceOptions, 'arrival'> {
  /** Keeps a FIT file sent not to wait and reads it afterwards; without it every file is read first. */
  readonly queue?: IngestQueue | null;
}

/** One file of an upload: its checked name and bytes, or refused unread with the edge's reason. */
export type UploadPart =
  | { readonly name: string; readonly bytes: Uint8Array }
  | { readonly name: string; readonly refused: { readonly code: string; readonly message: string } };

/** One line of an upload's per-file answer (a zip's entries, or the files of a form). */
export type UploadFileResult =
  | { name: string; status: 'imported'; fileId: string; activityId: string }
  | { name: string; status: 'duplicate'; fileId: string; duplicateOf: string; reason: string }
  | { name: string; status: 'failed'; fileId: string | null; error: { code: string; message: string } };

/** Every file's result, and how many of each. */
export interface UploadResults {
  readonly files: UploadFileResult[];
  readonly imported: number;
  readonly duplicates: number;
  readonly failed: number;
}

/**
 * What an upload of one file came to: kept to be read later, one FIT file's outcome (or a zip's
 * that could not be opened at all), every file of a zip, or a zip with no FIT file in it.
 */
export type UploadAnswer =
  | { readonly kind: 'pending'; readonly fileId: string }
  | { readonly kind: 'one'; readonly outcome: IngestItem['outcome'] }
  | ({ readonly kind: 'many' } & UploadResults)
  | { readonly kind: 'empty-archive'; readonly name: string };

/**
 * Ingests one uploaded file (a FIT, a .fit.gz or a zip of them). A FIT file sent with `respondAsync`
 * and a queue is only kept, and answered `pending` unless its outcome is already known.
 */
export async function uploadFile(
  file: { readonly name: string; readonly bytes: Uint8Array },
  opts: UploadOptions & { readonly respondAsync: boolean },
): Promise<UploadAnswer> {
  const { name } = file;
  if (opts.queue && opts.respondAsync && fileKind(name) === 'fit') {
    const accepted = await opts.queue.accept({
      athleteId: opts.athleteId,
      bytes: file.bytes,
      name,
      arrival: 'upload',
      fromArchive: false,
      origin: opts.origin,
    });
    return accepted.status === 'pending'
      ? { kind: 'pending', fileId: accepted.fileId }
      : { kind: 'one', outcome: accepted };
  }
  const items = await ingestUploaded(file, opts);
  const [only] = items;
  if (fileKind(name) !== 'zip') {
    if (!only) throw new Error(`${printable(name)} yielded no file to read`);
    return { kind: 'one', outcome: only.outcome };
  }
  // The zip itself could not be opened: answered as one file that failed.
  if (items.length === 1 && only && only.name === name && only.outcome.status === 'failed')
    return { kind: 'one', outcome: only.outcome };
  if (items.length === 0) return { kind: 'empty-archive', name };
  return { kind: 'many', ...resultsOf(items.map(toFileResult)) };
}

/**
 * Ingests the files of a form one after another; a file refused unread by the edge, or one that
 * fails, costs only itself.
 */
export async function uploadFiles(parts: readonly UploadPart[], opts: UploadOptions): Promise<UploadResults> {
  const files: UploadFileResult[] = [];
  for (const part of parts) {
    if ('refused' in part)
      files.push({ name: part.name, status: 'failed', fileId: null, error: part.refused });
    else files.push(...(await ingestUploaded(part, opts)).map(toFileResult));
  }
  return resultsOf(files);
}

async function ingestUploaded(
  source: { readonly name: string; readonly bytes: Uint8Array },
  opts: UploadOptions,
): Promise<IngestItem[]> {
  const items: IngestItem[] = [];
  for await (const item of ingestSource(source, {
    db: opts.db,
    ingestFile: opts.ingestFile,
    athleteId: opts.athleteId,
    ...(opts.athlete ? { athlete: opts.athlete } : {}),
    arrival: 'upload',
    origin: opts.origin,
    limits: opts.limits,
    now: opts.now,
  }))
    items.push(item);
  return items;
}

function resultsOf(files: UploadFileResult[]): UploadResults {
  const count = (s: UploadFileResult['status']) => files.filter((f) => f.status === s).length;
  return { files, imported: count('imported'), duplicates: count('duplicate'), failed: count('failed') };
}

function toFileResult({ name, outcome: o }: IngestItem): UploadFileResult {
  if (o.status === 'imported') return { name, status: o.status, fileId: o.fileId, activityId: o.activityId };
  if (o.status === 'duplicate')
    return { name, status: o.status, fileId: o.fileId, duplicateOf: o.duplicateOf, reason: o.reason };
  return { name, status: o.status, fileId: o.fileId, error: o.error };
}
