/**
 * Large-export benchmark: builds a Garmin-Connect-like export of about `--gb` GB whose part zips
 * (`UploadedFiles_N-_PartM.zip`, stored in the export zip, their FIT files deflated) are about
 * `--part-mb` MB each, far over the per-file limit, then imports it with `bin/runcue import` in a
 * process of its own and prints the runs in the export, the runs stored and the process's peak RSS
 * and CPU (GNU time). Everything is streamed to disk in $TMPDIR and deleted afterwards.
 *
 * Runs are `realisticRun`s (the SDK's Encoder, cached like bench-import's), each written again
 * moved by whole days (`redateFit`: new bytes, new FIT file_id, a start days from every other),
 * so every run in the export is distinct and none is a duplicate of another.
 *
 *   npx tsx scripts/bench-export.ts [--gb 2] [--part-mb 600] [--backend postgres|pglite]
 *                                   [--url postgres://postgres@127.0.0.1:5432/postgres]
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, writeSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';
import { redateFit } from './fixtures/redate-fit.ts';
import { zipCentralDirectory, zipLocalHeader, type ZipEntryHeader } from './fixtures/write-zip.ts';
import { freshDatabase, queryStored } from './bench-database.ts';
import { cachedRun, cacheDir } from './cached-runs.ts';
import { timedImport } from './timed-import.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flag = (key: string): string | undefined => {
  const k = args.indexOf(key);
  return k >= 0 ? args[k + 1] : undefined;
};
const totalBytes = Number(flag('--gb') ?? 2) * 1024 ** 3;
const partBytes = Number(flag('--part-mb') ?? 600) * 1024 ** 2;
const backend = flag('--backend') ?? 'postgres';
const adminUrl = flag('--url') ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const BASE_RUNS = 200;
const DAY_S = 86_400;

process.stderr.write(`preparing ${BASE_RUNS} base runs in ${cacheDir} …\n`);
const base = Array.from({ length: BASE_RUNS }, (_, i) => cachedRun(i + 1));

/** Run `n`: base run n mod 200 moved by (n div 200 + 1) × 200 days, so no two share a start. */
type Entry = ZipEntryHeader & { offset: number };

function run(n: number): Uint8Array {
  const bytes = base[n % BASE_RUNS] ?? new Uint8Array();
  return redateFit(bytes, Math.floor(n / BASE_RUNS + 1) * 200 * DAY_S);
}

/**
 * Writes the export to `file` as it goes: each part zip is written in place inside the export (a
 * stored entry whose local header is written again with the part's CRC and size once the part is
 * complete), so no part is held in memory or copied. Returns how many runs it holds.
 */
function writeExport(file: string): { runs: number; parts: number; bytes: number } {
  const fd = openSync(file, 'w');
  let at = 0;
  const put = (buf: Uint8Array, position = at): void => {
    writeSync(fd, buf, 0, buf.byteLength, position);
    if (position === at) at += buf.byteLength;
  };
  const outer: Entry[] = [];
  let n = 0;
  try {
    const json = Buffer.from('[]');
    const summary = {
      name: Buffer.from('DI_CONNECT/DI-Connect-Fitness/bench_0_summarizedActivities.json'),
      method: 0,
      crc: crc32(json),
      compressed: json.length,
      size: json.length,
    };
    outer.push({ ...summary, offset: at });
    put(zipLocalHeader(summary));
    put(json);
    while (at < totalBytes - 1024 * 1024) {
      const name = Buffer.from(
        `DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_${n}-_Part${outer.length}.zip`,
      );
      const headerAt = at;
      put(zipLocalHeader({ name, method: 0, crc: 0, compressed: 0, size: 0 }));
      const partStart = at;
      let crc = 0;
      const putPart = (buf: Uint8Array) => {
        crc = crc32(buf, crc);
        put(buf);
      };
      const inner: Entry[] = [];
      const limit = Math.min(partBytes, totalBytes - partStart);
      while (at - partStart < limit - 512 * 1024 && inner.length < 60_000) {
        const fit = run(n);
        const body = deflateRawSync(fit);
        const e = {
          name: Buffer.from(`bench@example.org_${100_000 + n}.fit`),
          method: 8,
          crc: crc32(fit),
          compressed: body.byteLength,
          size: fit.byteLength,
        };
        inner.push({ ...e, offset: at - partStart });
        putPart(zipLocalHeader(e));
        putPart(body);
        n += 1;
      }
      putPart(zipCentralDirectory(inner, at - partStart));
      const size = at - partStart;
      const part = { name, method: 0, crc, compressed: size, size };
      outer.push({ ...part, offset: headerAt });
      put(zipLocalHeader(part), headerAt);
      process.stderr.write(
        `part ${outer.length - 1}: ${(size / 1024 ** 2).toFixed(0)} MB, ${inner.length} runs\n`,
      );
    }
    put(zipCentralDirectory(outer, at));
    return { runs: n, parts: outer.length - 1, bytes: at };
  } finally {
    closeSync(fd);
  }
}

const SIZE_SQL =
  'SELECT (SELECT count(*) FROM activities)::int AS stored, (SELECT count(*) FROM files)::int AS files';

const work = await mkdtemp(path.join(tmpdir(), 'runcue-bench-export-'));
const home = path.join(work, 'home');
const database =
  backend === 'postgres' ? await freshDatabase(adminUrl, `runcue_export_${process.pid}`) : null;
try {
  const zipPath = path.join(work, 'garmin-export.zip');
  const t0 = performance.now();
  const written = writeExport(zipPath);
  process.stderr.write(
    `wrote ${(written.bytes / 1024 ** 3).toFixed(2)} GB, ${written.parts} parts, ${written.runs} runs in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`,
  );
  const env: NodeJS.ProcessEnv = { ...process.env, RUNCUE_HOME: home, INIT_CWD: repo };
  if (database) env.RUNCUE_DATABASE_URL = database.url;
  const runcue = path.join(repo, 'bin/runcue');
  execFileSync(
    process.execPath,
    [runcue, 'athlete', 'add', '--name', 'Bench', '--email', 'bench@example.org'],
    {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const timeFile = path.join(work, 'time.txt');
  const { seconds, cpuSeconds, peakRssMb, stdout } = timedImport(
    runcue,
    env,
    'bench@example.org',
    zipPath,
    timeFile,
  );
  const [counts = { stored: 0, files: 0 }] = await queryStored<{ stored: number; files: number }>(
    database?.url,
    home,
    SIZE_SQL,
  );
  console.log(
    `${backend}: export of ${(written.bytes / 1024 ** 3).toFixed(2)} GB in ${written.parts} parts of up to ` +
      `${(partBytes / 1024 ** 2).toFixed(0)} MB: runs in ${written.runs}, stored ${counts.stored} ` +
      `(${counts.files} file rows) in ${seconds.toFixed(0)} s (${(counts.stored / seconds).toFixed(1)} runs/s), ` +
      `CPU ${((cpuSeconds * 1000) / Math.max(1, written.runs)).toFixed(0)} ms/run, peak RSS ${peakRssMb.toFixed(0)} MB; ` +
      `import said: ${stdout.split('\n')[0] ?? ''}`,
  );
  if (counts.stored !== written.runs) process.exitCode = 1;
} finally {
  await database?.drop().catch(() => undefined);
  await rm(work, { recursive: true, force: true });
}
