import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The shared FIT corpus, read in place (never copied into the repository). */
export const corpusDir = path.resolve(import.meta.dirname, '../../../../shared/fit-corpus');

export function corpusPath(relative: string): string {
  return path.join(corpusDir, relative);
}

export function corpusBytes(relative: string): Uint8Array {
  return new Uint8Array(readFileSync(corpusPath(relative)));
}
