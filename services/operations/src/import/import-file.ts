import path from 'node:path';
import { isKnownFile } from '@runcue/store';
import { fileKind } from './file-names.ts';
import { ingestSource, type IngestItem, type IngestSourceOptions } from './ingest-source.ts';

export interface ImportFileOptions extends Omit<IngestSourceOptions, 'origin'> {
  /**
   * Skip the file unread when one from the same path with the same size is already recorded
   * (default true). A watcher told that a file changed in place reads it again regardless.
   */
  readonly skipKnown?: boolean;
  /** Called for every FIT file's outcome, as it is stored (a zip gives several). */
  readonly onItem?: (item: IngestItem) => void;
}

/**
 * Imports one file found on disk (a `.fit`, `.fit.gz` or zip) for an athlete, the way every path
 * that reads files from disk does: a file already recorded from the same path with the same size
 * is skipped without reading it, so a restarted watcher or a re-run import only reads what is new;
 * a zip is always read again (its runs are recognised by their bytes). Returns whether it was read.
 */
export async function importFile(
  file: { readonly path: string; readonly sizeBytes: number },
  opts: ImportFileOptions,
): Promise<'read' | 'skipped'> {
  const known =
    (opts.skipKnown ?? true) &&
    fileKind(file.path) !== 'zip' &&
    (await isKnownFile(opts.db, opts.athleteId, file.path, file.sizeBytes));
  if (known) return 'skipped';
  const items = ingestSource(
    { name: path.basename(file.path), path: file.path },
    { ...opts, origin: file.path },
  );
  for await (const item of items) opts.onItem?.(item);
  return 'read';
}
