/**
 * Import benchmark: N distinct generated 45–90-minute runs (the SDK's Encoder, `realisticRun`),
 * zipped like a Garmin Connect export (the FIT files deflated in a part zip stored in the export
 * zip), imported by `bin/runcue import` as a runner runs it: its own process, on PostgreSQL (a
 * fresh database, dropped afterwards) and on the embedded PGlite (a fresh home). For each backend
 * and N it prints runs/s, the process's CPU ms per run and peak RSS (GNU time), the bytes stored
 * per run against the FIT size, and the peak RSS of the largest N against the smallest.
 *
 * CPU by stage (decode, analysis, storage codecs) is measured in this process on the same files,
 * each stage alone; "database and the rest" is the import's CPU per run less those stages.
 *
 *   npx tsx scripts/bench-import.ts [--runs 100,400] [--backends postgres,pglite]
 *                                   [--url postgres://postgres@127.0.0.1:5432/postgres]
 *
 * Generated runs are cached in $TMPDIR/runcue-bench-runs (generating one takes about 0.5 s).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyseRun } from '@runcue/analysis';
import { decodeFit } from '@runcue/fit';
import { encodeRawFile, encodeSamplesRow } from '@runcue/store';
import { writeZip } from './fixtures/write-zip.ts';
import { freshDatabase, queryStored } from './bench-database.ts';
import { cachedRun, cacheDir } from './cached-runs.ts';
import { timedImport } from './timed-import.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flag = (key: string): string | undefined => {
  const k = args.indexOf(key);
  return k >= 0 ? args[k + 1] : undefined;
};
const counts = (flag('--runs') ?? '100,400').split(',').map(Number);
const backends = (flag('--backends') ?? 'postgres,pglite').split(',');
const adminUrl = flag('--url') ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const maxRuns = Math.max(...counts);

process.stderr.write(`preparing ${maxRuns} runs in ${cacheDir} …\n`);
const runs = Array.from({ length: maxRuns }, (_, i) => cachedRun(i + 1));

/** Garmin's layout: parts of at most 1000 files under DI_CONNECT/DI-Connect-Uploaded-Files. */
function exportZip(n: number): Uint8Array {
  const parts = [];
  for (let from = 0, p = 1; from < n; from += 1000, p++) {
    const entries = runs
      .slice(from, Math.min(n, from + 1000))
      .map((data, i) => ({ name: `bench@example.org_${100_000 + from + i}.fit`, data }));
    parts.push({
      name: `DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_${from}-_Part${p}.zip`,
      data: writeZip(entries),
      store: true,
    });
  }
  return writeZip([
    { name: 'DI_CONNECT/DI-Connect-Fitness/bench_0_summarizedActivities.json', data: Buffer.from('[]') },
    ...parts,
  ]);
}

// --- CPU by stage, in this process, on the same files -------------------------------------------
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
const sample = runs.slice(0, Math.min(100, maxRuns));
// JIT warm-up of every stage, as the workers do at start (`warm-up.ts`).
for (const bytes of sample.slice(0, 5)) {
  const activity = decodeFit(bytes);
  analyseRun(activity);
  encodeSamplesRow(activity.samples);
  encodeRawFile(bytes);
}
let t = cpuMs();
const activities = sample.map((b) => decodeFit(b));
const decodeMs = (cpuMs() - t) / sample.length;
t = cpuMs();
for (const a of activities) analyseRun(a);
const analyseMs = (cpuMs() - t) / sample.length;
t = cpuMs();
activities.forEach((a, i) => {
  encodeSamplesRow(a.samples);
  encodeRawFile(sample[i] ?? new Uint8Array());
});
const codecMs = (cpuMs() - t) / sample.length;
const fitMean = sample.reduce((s, b) => s + b.byteLength, 0) / sample.length;
process.stderr.write(
  `mean FIT size ${(fitMean / 1024).toFixed(0)} KB; stages per run: decode ${decodeMs.toFixed(1)} ms, ` +
    `analysis ${analyseMs.toFixed(1)} ms, storage codecs ${codecMs.toFixed(1)} ms\n`,
);

interface Result {
  backend: string;
  runs: number;
  stored: number;
  seconds: number;
  cpuMsPerRun: number;
  peakRssMb: number;
  bytesPerRun: { raw: number; samples: number; rows: number; total: number; fit: number };
  tableBytesPerRun: number;
}

const runcue = path.join(repo, 'bin/runcue');

function cli(env: NodeJS.ProcessEnv, argv: string[]): void {
  execFileSync(process.execPath, [runcue, ...argv], { env, stdio: ['ignore', 'ignore', 'inherit'] });
}

const SIZE_SQL = `SELECT
  (SELECT coalesce(sum(pg_column_size(bytes)), 0) FROM files)::float8 AS raw,
  (SELECT coalesce(sum(pg_column_size(channels)), 0) FROM samples)::float8 AS samples,
  (SELECT coalesce(sum(pg_column_size(f.*)) - sum(pg_column_size(f.bytes)), 0) FROM files f)::float8
    + (SELECT coalesce(sum(pg_column_size(s.*)) - sum(pg_column_size(s.channels)), 0) FROM samples s)::float8
    + (SELECT coalesce(sum(pg_column_size(a.*)), 0) FROM activities a)::float8
    + (SELECT coalesce(sum(pg_column_size(x.*)), 0) FROM analyses x)::float8 AS rows,
  (SELECT sum(size_bytes) FROM files)::float8 AS fit,
  (SELECT count(*) FROM activities)::int AS stored,
  (SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.relkind = 'r' AND n.nspname = current_schema()
       AND c.relname IN ('files', 'samples', 'activities', 'analyses'))::float8 AS tables`;

interface Sizes {
  raw: number;
  samples: number;
  rows: number;
  fit: number;
  stored: number;
  tables: number;
}

function onlyRow(rows: Sizes[]): Sizes {
  const [row] = rows;
  if (!row) throw new Error('the size query returned no row');
  return row;
}

async function importOnce(backend: string, n: number, zipPath: string): Promise<Result> {
  const home = await mkdtemp(path.join(tmpdir(), 'runcue-bench-import-'));
  const env: NodeJS.ProcessEnv = { ...process.env, RUNCUE_HOME: home, INIT_CWD: repo };
  const database =
    backend === 'postgres' ? await freshDatabase(adminUrl, `runcue_bench_${process.pid}_${n}`) : null;
  try {
    if (database) env.RUNCUE_DATABASE_URL = database.url;
    cli(env, ['athlete', 'add', '--name', 'Bench', '--email', 'bench@example.org']);
    const timeFile = path.join(home, 'time.txt');
    const { seconds, cpuSeconds, peakRssMb } = timedImport(
      runcue,
      env,
      'bench@example.org',
      zipPath,
      timeFile,
    );
    const sizes = onlyRow(await queryStored<Sizes>(database?.url, home, SIZE_SQL));
    const per = (x: number) => x / sizes.stored;
    return {
      backend,
      runs: n,
      stored: sizes.stored,
      seconds,
      cpuMsPerRun: (cpuSeconds * 1000) / n,
      peakRssMb,
      bytesPerRun: {
        raw: per(sizes.raw),
        samples: per(sizes.samples),
        rows: per(sizes.rows),
        total: per(sizes.raw + sizes.samples + sizes.rows),
        fit: per(sizes.fit),
      },
      tableBytesPerRun: per(sizes.tables),
    };
  } finally {
    await database?.drop().catch(() => undefined);
    await rm(home, { recursive: true, force: true });
  }
}

const work = await mkdtemp(path.join(tmpdir(), 'runcue-bench-export-'));
const results: Result[] = [];
try {
  for (const n of counts) {
    const zipPath = path.join(work, `export-${n}.zip`);
    await writeFile(zipPath, exportZip(n));
    for (const backend of backends) {
      process.stderr.write(`importing ${n} runs on ${backend} …\n`);
      const r = await importOnce(backend, n, zipPath);
      results.push(r);
      const b = r.bytesPerRun;
      const kb = (x: number) => `${(x / 1024).toFixed(1)} KB`;
      console.log(
        `${backend.padEnd(8)} ${String(n).padStart(4)} runs: ${(r.stored / r.seconds).toFixed(1)} runs/s ` +
          `(${r.stored} stored in ${r.seconds.toFixed(1)} s), CPU ${r.cpuMsPerRun.toFixed(0)} ms/run ` +
          `(decode ${decodeMs.toFixed(1)}, analysis ${analyseMs.toFixed(1)}, codecs ${codecMs.toFixed(1)}, ` +
          `database and the rest ${(r.cpuMsPerRun - decodeMs - analyseMs - codecMs).toFixed(1)}), ` +
          `peak RSS ${r.peakRssMb.toFixed(0)} MB; stored per run ${kb(b.total)} = ${(b.total / b.fit).toFixed(2)}x ` +
          `its FIT (${kb(b.fit)}): raw ${kb(b.raw)}, samples ${kb(b.samples)}, rows ${kb(b.rows)}; ` +
          `tables with indexes ${kb(r.tableBytesPerRun)}/run`,
      );
    }
  }
} finally {
  await rm(work, { recursive: true, force: true });
}

const lo = Math.min(...counts);
const hi = Math.max(...counts);
if (lo !== hi) {
  for (const backend of backends) {
    const a = results.find((r) => r.backend === backend && r.runs === lo);
    const b = results.find((r) => r.backend === backend && r.runs === hi);
    if (a && b)
      console.log(
        `${backend}: peak RSS at ${hi} runs is ${(b.peakRssMb / a.peakRssMb).toFixed(2)}x that at ${lo} runs`,
      );
  }
}
const pgCpu = results.filter((r) => r.backend === 'postgres');
const pgliteCpu = results.filter((r) => r.backend === 'pglite');
for (const p of pgliteCpu) {
  const q = pgCpu.find((r) => r.runs === p.runs);
  if (q)
    console.log(
      `PGlite/PostgreSQL CPU per run at ${p.runs} runs: ${(p.cpuMsPerRun / q.cpuMsPerRun).toFixed(2)}x`,
    );
}
