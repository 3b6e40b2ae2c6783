import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The shared FIT corpus, resolved from the repository root (never copied into the repo). */
const corpusDir = fileURLToPath(new URL('../../../shared/fit-corpus/', import.meta.url));

/** The MANIFEST.tsv columns the corpus tests use. */
type ManifestColumn = 'path' | 'sha256' | 'file_type' | 'sport' | 'records' | 'sessions' | 'notes';
export type ManifestRow = Readonly<Record<ManifestColumn, string>>;

/** Reads MANIFEST.tsv; throws (so the suite fails, not skips) when the corpus is missing. */
export function readManifest(): ManifestRow[] {
  const file = `${corpusDir}MANIFEST.tsv`;
  if (!existsSync(file))
    throw new Error(
      `The FIT corpus is missing: expected ${file}. The corpus tests need ../shared/fit-corpus next to the repository.`,
    );
  const [head = '', ...lines] = readFileSync(file, 'utf8').trimEnd().split('\n');
  const names = head.split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(names.map((n, i) => [n, cells[i] ?? ''])) as Record<
      string,
      string
    > as ManifestRow;
  });
}

/** The bytes of one corpus file. */
export function readCorpusFile(path: string): Uint8Array {
  return new Uint8Array(readFileSync(`${corpusDir}${path}`));
}
