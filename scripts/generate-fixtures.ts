/**
 * Writes the ground-truth FIT fixtures to test/fixtures/ and the README's demo run to
 * examples/sample-run.fit. Run from the repository root: `npx tsx scripts/generate-fixtures.ts`.
 * Every generator is seeded and dated, so running this twice gives the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { groundTruthFixtures, sampleRun } from './fixtures/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const write = (path: string, bytes: Uint8Array): void => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, bytes);
  console.log(`${path.slice(root.length + 1)}  ${bytes.length} bytes`);
};
for (const { file, build } of groundTruthFixtures) write(join(root, 'test', 'fixtures', file), build());
write(join(root, 'examples', 'sample-run.fit'), sampleRun());
