/**
 * Ingest benchmark: the same running files of the shared corpus go through createIngestFile into
 * PGlite (in memory) and into PostgreSQL (a fresh database, dropped afterwards), one transaction
 * per file as in production. Prints files/s, ms per file, the PostgreSQL/PGlite ratio, and what
 * one activity costs in storage (the samples row against the FIT file it came from).
 *
 *   npx tsx scripts/bench-ingest.ts [--files 40] [--url postgres://postgres@127.0.0.1:5432/postgres]
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { analyseRun } from '@runcue/analysis';
import { DEFAULT_MAX_BYTES, decodeFit } from '@runcue/fit';
import { createIngestFile } from '@runcue/operations';
import { createAthlete, fromPg, fromPglite, migrate, type Db } from '@runcue/store';
import { freshDatabase } from './bench-database.ts';

interface CorpusFile {
  name: string;
  bytes: Uint8Array;
}

interface BackendResult {
  backend: string;
  ms: number;
  outcomes: Record<string, number>;
  activities: number;
  samplesBytes: number;
  fitBytes: number;
}

const corpusDir = fileURLToPath(new URL('../../shared/fit-corpus/', import.meta.url));

/** The first `count` running files (by manifest order) that decode as activities. */
function runningFiles(count: number): CorpusFile[] {
  const [head = '', ...rows] = readFileSync(`${corpusDir}MANIFEST.tsv`, 'utf8').trimEnd().split('\n');
  const cols = head.split('\t');
  const [pathCol, sportCol] = [cols.indexOf('path'), cols.indexOf('sport')];
  const out: CorpusFile[] = [];
  for (const cells of rows.map((r) => r.split('\t'))) {
    if (out.length >= count) break;
    const name = cells[pathCol] ?? '';
    if (cells[sportCol] !== 'running') continue;
    const bytes = new Uint8Array(readFileSync(`${corpusDir}${name}`));
    try {
      // Also warms the decoder and the analysis up, so neither backend pays for the JIT.
      analyseRun(decodeFit(bytes));
      out.push({ name, bytes });
    } catch {
      // Files the decoder refuses measure the error path, not ingest; leave them out.
    }
  }
  return out;
}

async function ingestAll(backend: string, db: Db, files: readonly CorpusFile[]): Promise<BackendResult> {
  await migrate(db);
  const start = new Date('2026-01-05T06:00:00Z');
  const athlete = await createAthlete(db, { name: 'Bench', email: 'bench@example.org' }, start);
  const ingest = createIngestFile({ db, clock: () => start, maxBytes: DEFAULT_MAX_BYTES });
  const outcomes: Record<string, number> = {};
  const t0 = performance.now();
  for (const file of files) {
    const outcome = await ingest({
      athleteId: athlete.id,
      bytes: file.bytes,
      name: file.name,
      arrival: 'cli',
      fromArchive: false,
      origin: null,
    });
    const key = outcome.status === 'duplicate' ? `duplicate (${outcome.reason})` : outcome.status;
    outcomes[key] = (outcomes[key] ?? 0) + 1;
  }
  const ms = performance.now() - t0;
  const { rows } = await db.query<{ activities: string; samples: string; fit: string }>(
    `SELECT count(*)::text AS activities, coalesce(sum(octet_length(s.channels)), 0)::text AS samples,
            coalesce(sum(f.size_bytes), 0)::text AS fit
       FROM samples s JOIN activities a ON a.id = s.activity_id JOIN files f ON f.id = a.file_id`,
  );
  const row = rows[0];
  return {
    backend,
    ms,
    outcomes,
    activities: Number(row?.activities ?? 0),
    samplesBytes: Number(row?.samples ?? 0),
    fitBytes: Number(row?.fit ?? 0),
  };
}

async function onPglite(files: readonly CorpusFile[]): Promise<BackendResult> {
  const pglite = await PGlite.create();
  try {
    return await ingestAll('PGlite (memory)', fromPglite(pglite), files);
  } finally {
    await pglite.close();
  }
}

async function onPostgres(files: readonly CorpusFile[], adminUrl: string): Promise<BackendResult> {
  const database = await freshDatabase(adminUrl, `runcue_bench_${process.pid}_${Date.now().toString(36)}`);
  const pool = new pg.Pool({ connectionString: database.url, max: 4 });
  try {
    return await ingestAll('PostgreSQL', fromPg(pool), files);
  } finally {
    await pool.end();
    await database.drop();
  }
}

const args = process.argv.slice(2);
const flag = (key: string): string | undefined => {
  const k = args.indexOf(key);
  return k >= 0 ? args[k + 1] : undefined;
};
const files = runningFiles(Math.max(1, Number(flag('--files') ?? 40)));
const adminUrl = flag('--url') ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const fitMb = files.reduce((s, f) => s + f.bytes.byteLength, 0) / 1024 / 1024;
console.log(
  `${files.length} running files from the corpus, ${fitMb.toFixed(1)} MB; one transaction per file\n`,
);

const results = [await onPglite(files), await onPostgres(files, adminUrl)];
const kb = (n: number): string => (n / 1024).toFixed(1);
for (const r of results) {
  const outcomes = Object.entries(r.outcomes)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ');
  console.log(
    `${r.backend}: ${(r.ms / 1000).toFixed(2)} s, ${((files.length * 1000) / r.ms).toFixed(1)} files/s, ${(r.ms / files.length).toFixed(1)} ms/file (${outcomes})`,
  );
  console.log(
    `  stored per activity: samples row ${kb(r.samplesBytes / r.activities)} KiB vs FIT ${kb(r.fitBytes / r.activities)} KiB (kept too, in files.bytes)` +
      ` → samples/FIT ${(r.samplesBytes / r.fitBytes).toFixed(2)} (over ${r.activities} activities)`,
  );
}
const [lite, postgres] = results;
if (lite && postgres)
  console.log(
    `\nPostgreSQL / PGlite time: ${(postgres.ms / lite.ms).toFixed(2)}× (baseline PGlite; above 1 means PostgreSQL is slower)`,
  );
