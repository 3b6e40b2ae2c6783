import path from 'node:path';
import { getAthlete, type Athlete, type Db } from '@runcue/store';
import type { ArchiveLimits } from './archive-error.ts';
import { importFile } from './import-file.ts';
import type { IngestItem } from './ingest-source.ts';
import type { IngestFile } from './ingest-types.ts';
import { walkFolder } from './walk-folder.ts';
import type { FoundFile } from './walk-folder.ts';

export interface ImportOptions {
  readonly db: Db;
  readonly ingestFile: IngestFile;
  readonly athleteId: string;
  /**
   * The athlete behind `athleteId` when the caller has just read it; otherwise it is read once,
   * as the import starts. Its settings (analysis thresholds, email switches) as they were then
   * apply to every file of the import.
   */
  readonly athlete?: Athlete;
  readonly limits: ArchiveLimits;
  readonly now: () => Date;
  /** Called once the files to read are known. */
  readonly onStart?: (files: readonly FoundFile[]) => void;
  /** Called for every FIT file's outcome (a zip gives several). */
  readonly onItem?: (item: IngestItem, file: FoundFile) => void;
  /** Called after each file on disk, read or skipped. */
  readonly onFileDone?: (file: FoundFile, skipped: boolean) => void;
}

export interface ImportSummary {
  imported: number;
  duplicates: number;
  failed: number;
  /** Files on disk skipped because they were already recorded from the same path and size. */
  skipped: number;
}

/**
 * Imports folders, zips (Garmin Connect exports) and single files for one athlete, one file at a
 * time, one transaction per FIT file (`importFile`), so a re-run after a crash or a kill only
 * reads what is left. Files out of a zip are history and never emailed; a loose file is a run
 * the runner picked, so it may be emailed if recent. A file that fails never stops the ones after it.
 */
export async function importPaths(paths: readonly string[], opts: ImportOptions): Promise<ImportSummary> {
  const files: FoundFile[] = [];
  for (const p of paths) files.push(...(await walkFolder(path.resolve(p))));
  opts.onStart?.(files);
  // Read once for the whole import rather than once a file; if it is gone, each file says so.
  const athlete =
    opts.athlete?.id === opts.athleteId ? opts.athlete : await getAthlete(opts.db, opts.athleteId);
  const summary: ImportSummary = { imported: 0, duplicates: 0, failed: 0, skipped: 0 };
  for (const file of files) {
    const read = await importFile(file, {
      db: opts.db,
      ingestFile: opts.ingestFile,
      athleteId: opts.athleteId,
      ...(athlete ? { athlete } : {}),
      arrival: 'cli',
      limits: opts.limits,
      now: opts.now,
      onItem: (item) => {
        if (item.outcome.status === 'imported') summary.imported += 1;
        else if (item.outcome.status === 'duplicate') summary.duplicates += 1;
        else summary.failed += 1;
        opts.onItem?.(item, file);
      },
    });
    if (read === 'skipped') summary.skipped += 1;
    opts.onFileDone?.(file, read === 'skipped');
  }
  return summary;
}
