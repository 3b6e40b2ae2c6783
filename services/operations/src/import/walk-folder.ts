import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileKind, isIgnoredName } from './file-names.ts';

/** A file runcue would read, found on disk. */
export interface FoundFile {
  readonly path: string;
  readonly sizeBytes: number;
  readonly mtimeMs: number;
}

/**
 * Lists the readable files (`.fit`, `.fit.gz`, `.zip`) under `root`, recursively and in a stable
 * order, skipping hidden and sync-temp files and folders. `root` may also be a single file.
 * Symbolic links are not followed, so a link cannot lead the walk outside the folder.
 */
export async function walkFolder(root: string): Promise<FoundFile[]> {
  const info = await stat(root);
  if (info.isFile())
    return fileKind(root) === null ? [] : [{ path: root, sizeBytes: info.size, mtimeMs: info.mtimeMs }];
  const found: FoundFile[] = [];
  const pending = [root];
  while (pending.length > 0) {
    const dir = pending.shift();
    if (dir === undefined) break;
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      if (isIgnoredName(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile() && fileKind(entry.name) !== null) {
        const s = await stat(full);
        found.push({ path: full, sizeBytes: s.size, mtimeMs: s.mtimeMs });
      }
    }
  }
  return found;
}
