/**
 * Load and responsiveness check of `runcue start` (the built `bin/runcue`, its own process, on
 * loopback only). Bounded: a fixed number of requests, each with a time limit, then it stops.
 *
 *   npx tsx scripts/load.ts [--db pglite|postgres|both] [--clients 200] [--athletes 4]
 *   npx tsx scripts/load.ts --mode healthz [--db pglite|postgres|both]
 *   npx tsx scripts/load.ts --mode healthz --only huge   (only hostile files named *huge*)
 *   (either with --profile <dir>: a CPU profile of the server; --node-flags "<flags>" for its process)
 *
 * `upload` (default): `--clients` concurrent clients each upload one running file of the shared
 * corpus (read in place) for one of `--athletes` runners, all at once; prints errors, uploads
 * lost (answered as stored but not listed) and doubled (one run listed twice), latency p50/p99,
 * the server's resident memory idle after start and idle after the load (once its worker
 * threads have ended), and the CPU the burst cost: the server process, its main thread, each of its
 * threads (the main thread, V8's helper threads that compile optimised code and help the garbage
 * collector, then the ingest workers), the PostgreSQL backends serving it, and this script.
 *
 * `healthz`: uploads hostile files one after another (a .fit.gz of a million one-byte records,
 * zips of such entries, a 50,001-entry zip, 10,000 tiny runs in one zip, a 41.6 MB activity of
 * 3.2 million records) while `/healthz` and an authenticated read are polled; prints, per file,
 * how it was answered and the pollers' p50/p99/max latency.
 *
 * PostgreSQL: a fresh database on `--url` (default postgres://postgres@127.0.0.1:5432/postgres),
 * dropped afterwards. PGlite: a fresh home in the temporary folder, removed afterwards.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { readFile, readdir, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import { freshDatabase } from './bench-database.ts';
import { buildCli } from './build-cli.ts';
import { corpusDir } from './fixtures/corpus.ts';
import { longRunFit, oneByteRecordsFit } from './fixtures/hostile-files.ts';
import { writeZip } from './fixtures/write-zip.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
const bin = path.join(repo, 'bin/runcue');
const args = process.argv.slice(2);
const flag = (key: string): string | undefined => {
  const k = args.indexOf(key);
  return k >= 0 ? args[k + 1] : undefined;
};
const mode = flag('--mode') ?? 'upload';
const dbs = (flag('--db') ?? 'both') === 'both' ? ['postgres', 'pglite'] : [flag('--db') ?? 'pglite'];
const clients = Math.max(1, Number(flag('--clients') ?? 200));
const athletes = Math.max(1, Number(flag('--athletes') ?? 4));
const adminUrl = flag('--url') ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** `--profile <dir>`: write a CPU profile of the server process there (node --cpu-prof). */
const profileDir = flag('--profile');
/** `--node-flags "<flags>"`: Node or V8 flags for the server process (e.g. `--single-threaded-gc`), to try one. */
const nodeFlags = (flag('--node-flags') ?? '').split(' ').filter((f) => f !== '');
/** `--quick`: no 40 s wait for the idle memory after the load (the figure then says little). */
const quick = args.includes('--quick');
/** `--async`: uploads ask `Prefer: respond-async` (answered once kept); the script then waits until every file is read. */
const asyncMode = args.includes('--async');
/** `--only <name>`: in `healthz` mode, only the hostile files whose name contains it (e.g. huge.fit). */
const only = flag('--only');
/** Every request gives up after this long: the script always ends. */
const REQUEST_LIMIT_MS = 300_000;

const run = promisify(execFile);

interface Server {
  readonly url: string;
  readonly child: ChildProcess;
  readonly tokens: readonly string[];
  /** CPU time each PostgreSQL backend serving the server has used, in seconds, by pid; null with PGlite. */
  databaseCpuSeconds(): Promise<Map<number, number> | null>;
  stop(): Promise<void>;
}

async function startServer(db: string): Promise<Server> {
  const home = await mkdtemp(path.join(tmpdir(), `runcue-load-${db}-`));
  const databaseName = `runcue_load_${process.pid}`;
  const database = db === 'postgres' ? await freshDatabase(adminUrl, databaseName) : null;
  const databaseUrl = database?.url;
  const dropDatabase = (): Promise<void> => database?.drop() ?? Promise.resolve();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    RUNCUE_HOME: home,
    RUNCUE_HOST: '127.0.0.1',
    ...(databaseUrl ? { RUNCUE_DATABASE_URL: databaseUrl } : {}),
  };
  delete env.RUNCUE_SMTP_URL;
  const tokens: string[] = [];
  for (let a = 0; a < athletes; a++) {
    await run(bin, ['athlete', 'add', '--name', `runner${a}`, '--email', `runner${a}@example.org`], { env });
    const { stdout } = await run(bin, ['athlete', 'token', `runner${a}`], { env });
    const token = /\b(rc_[A-Za-z0-9_-]+|[A-Za-z0-9_-]{32,})\b/.exec(stdout)?.[1];
    if (!token) throw new Error(`no token in: ${stdout}`);
    tokens.push(token);
  }
  const profile = [
    ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(profileDir)] : []),
    ...nodeFlags,
  ];
  const child = spawn(process.execPath, [...profile, bin, 'start', '--port', '0'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`runcue start did not start: ${out} ${log}`)), 120_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /API: (http:\/\/[^/\s]+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`runcue start exited (${code}): ${out} ${log}`)));
  });
  child.stdout?.on('data', () => undefined);
  return {
    url,
    child,
    tokens,
    databaseCpuSeconds: () => (database ? backendsCpuSeconds(databaseName) : Promise.resolve(null)),
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGINT');
      await exited;
      await dropDatabase();
      await rm(home, { recursive: true, force: true });
    },
  };
}

/** Resident memory of a process in MB, from /proc. */
async function rssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

/** CPU time (user + system, every thread) a process has used, in seconds; or one thread's (`task/<tid>`). */
async function cpuSeconds(pid: number | string): Promise<number> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU time of a process's main thread (its event loop, and with PGlite the database), in seconds. */
async function mainThreadCpuSeconds(pid: number): Promise<number> {
  const stat = await readFile(`/proc/${pid}/task/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** CPU time each thread of a process has used, in seconds, by thread id. */
async function threadsCpuSeconds(pid: number): Promise<Map<number, number>> {
  const used = new Map<number, number>();
  for (const tid of await readdir(`/proc/${pid}/task`).catch(() => [])) {
    used.set(Number(tid), await cpuSeconds(`${pid}/task/${tid}`).catch(() => 0));
  }
  return used;
}

/**
 * The CPU each thread used between two readings, in thread-id order (the main thread first, then
 * V8's helper threads, which start with the process, then the libuv pool and worker threads as
 * they start), leaving out threads that used less than 50 ms.
 */
function threadsUsed(before: Map<number, number>, after: Map<number, number>): string {
  return [...after]
    .sort(([a], [b]) => a - b)
    .map(([tid, s]) => s - (before.get(tid) ?? 0))
    .filter((s) => s >= 0.05)
    .map((s) => s.toFixed(2))
    .join(' ');
}

/**
 * CPU time each backend connected to database `name` has used, in seconds, by pid, read from /proc
 * (the server runs on this machine). A backend that ended is no longer there: read it while the
 * server holds its connections.
 */
async function backendsCpuSeconds(name: string): Promise<Map<number, number>> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = $1',
      [name],
    );
    const used = new Map<number, number>();
    for (const { pid } of rows) used.set(pid, await cpuSeconds(pid).catch(() => 0));
    return used;
  } finally {
    await admin.end();
  }
}

/** Waits until the process's resident memory holds still (its worker threads ended, GC done). */
async function idleRssMb(pid: number, settleMs: number): Promise<number> {
  await new Promise((r) => setTimeout(r, settleMs));
  return rssMb(pid);
}

function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** The machine's 1-minute load average, to read each figure beside. */
const loadAverage = () => (loadavg()[0] ?? NaN).toFixed(1);

const ms = (v: number) => (Number.isFinite(v) ? `${Math.round(v)} ms` : '-');

async function corpusRunningFiles(): Promise<Array<{ name: string; bytes: Uint8Array }>> {
  const manifest = await readFile(path.join(corpusDir, 'MANIFEST.tsv'), 'utf8');
  const [header = '', ...rows] = manifest.trim().split('\n');
  const cols = header.split('\t');
  const at = (row: string[], col: string) => row[cols.indexOf(col)] ?? '';
  const files = [];
  for (const line of rows) {
    const row = line.split('\t');
    if (at(row, 'sport') !== 'running' || at(row, 'decode_status') !== 'ok') continue;
    const rel = at(row, 'path');
    files.push({
      name: path.basename(rel),
      bytes: new Uint8Array(await readFile(path.join(corpusDir, rel))),
    });
  }
  return files;
}

async function upload(
  server: Server,
  token: string,
  file: { name: string; bytes: Uint8Array },
): Promise<{ status: number; body: Record<string, unknown>; ms: number }> {
  const started = performance.now();
  const res = await fetch(`${server.url}/api/v1/uploads?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/octet-stream',
      ...(asyncMode ? { prefer: 'respond-async' } : {}),
    },
    body: file.bytes,
    signal: AbortSignal.timeout(REQUEST_LIMIT_MS),
  });
  const body = (await res.json()) as Record<string, unknown>;
  return { status: res.status, body, ms: performance.now() - started };
}

/** Asks for a pending upload's outcome until it has been read: its final status and body. */
async function settled(
  server: Server,
  token: string,
  fileId: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  for (;;) {
    const res = await fetch(`${server.url}/api/v1/uploads/${fileId}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(REQUEST_LIMIT_MS),
    });
    const body = (await res.json()) as Record<string, unknown>;
    if (body.status === 'imported') return { status: 201, body };
    if (body.status === 'duplicate') return { status: 200, body };
    if (body.status !== 'pending') return { status: 422, body };
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function listActivityIds(server: Server, token: string): Promise<string[]> {
  const res = await fetch(`${server.url}/api/v1/activities?limit=1000`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(REQUEST_LIMIT_MS),
  });
  const body = (await res.json()) as { activities: Array<{ id: string }> };
  return body.activities.map((a) => a.id);
}

async function uploadLoad(db: string): Promise<void> {
  const files = await corpusRunningFiles();
  const server = await startServer(db);
  try {
    // Let start-up work (warm-up, re-analysis) finish before measuring idle memory.
    const idleBefore = await idleRssMb(server.child.pid ?? 0, 5000);
    const plan = Array.from({ length: clients }, (_, i) => ({
      athlete: i % athletes,
      file: files[Math.floor(i / athletes) % files.length] ?? files[0],
    }));
    const databaseBefore = await server.databaseCpuSeconds();
    const started = performance.now();
    const cpuBefore = await cpuSeconds(server.child.pid ?? 0);
    const mainBefore = await mainThreadCpuSeconds(server.child.pid ?? 0);
    const threadsBefore = await threadsCpuSeconds(server.child.pid ?? 0);
    const clientBefore = process.cpuUsage();
    const results = await Promise.all(
      plan.map(async ({ athlete, file }) => {
        try {
          if (!file) throw new Error('no corpus files');
          return { athlete, file, ...(await upload(server, server.tokens[athlete] ?? '', file)) };
        } catch (error) {
          const body: Record<string, unknown> = { error: String(error) };
          return { athlete, file, status: 0, body, ms: NaN };
        }
      }),
    );
    const answeredS = (performance.now() - started) / 1000;
    const latencies = results.map((r) => r.ms).filter(Number.isFinite);
    if (asyncMode) {
      // Accepted files: wait until each is read, and judge it by what it became.
      const byFile = new Map<string, Promise<{ status: number; body: Record<string, unknown> }>>();
      for (const r of results) {
        const id = r.body.fileId;
        if (r.status !== 202 || typeof id !== 'string') continue;
        if (!byFile.has(id)) byFile.set(id, settled(server, server.tokens[r.athlete] ?? '', id));
        const final = await byFile.get(id);
        if (final) Object.assign(r, final);
      }
    }
    const wallS = (performance.now() - started) / 1000;
    const cpuS = (await cpuSeconds(server.child.pid ?? 0)) - cpuBefore;
    const mainS = (await mainThreadCpuSeconds(server.child.pid ?? 0)) - mainBefore;
    const threads = threadsUsed(threadsBefore, await threadsCpuSeconds(server.child.pid ?? 0));
    const client = process.cpuUsage(clientBefore);
    const clientS = (client.user + client.system) / 1e6;
    const databaseAfter = await server.databaseCpuSeconds();
    // Per backend: one that connected during the load counts from zero.
    const databaseS =
      databaseAfter === null
        ? null
        : [...databaseAfter].reduce((sum, [pid, s]) => sum + s - (databaseBefore?.get(pid) ?? 0), 0);
    const errors = results.filter((r) => r.status !== 200 && r.status !== 201);
    let lost = 0;
    let doubled = 0;
    for (let a = 0; a < athletes; a++) {
      const listed = await listActivityIds(server, server.tokens[a] ?? '');
      const mine = results.filter((r) => r.athlete === a);
      const referenced = new Set(
        mine
          .map((r) => r.body.activityId ?? r.body.duplicateOf)
          .filter((id): id is string => typeof id === 'string'),
      );
      lost += [...referenced].filter((id) => !listed.includes(id)).length;
      // Each distinct file is one run: a second 201 for the same bytes (a file row other than the
      // first), or more runs listed than distinct runs referenced, is a run stored twice.
      const created = new Map<string, Set<unknown>>();
      for (const r of mine.filter((x) => x.status === 201))
        created.set(r.file?.name ?? '', (created.get(r.file?.name ?? '') ?? new Set()).add(r.body.fileId));
      doubled += [...created.values()].reduce((s, ids) => s + ids.size - 1, 0);
      doubled += Math.max(0, listed.length - referenced.size);
    }
    const idleAfter = await idleRssMb(server.child.pid ?? 0, quick ? 0 : 40_000);
    process.stdout.write(
      `${db.padEnd(8)} ${asyncMode ? 'async ' : ''}${clients} clients, ${athletes} runners, ${files.length} corpus files: ` +
        `errors ${errors.length}, lost ${lost}, doubled ${doubled}, ` +
        `p50 ${ms(percentile(latencies, 50))}, p99 ${ms(percentile(latencies, 99))}, ` +
        `max ${ms(Math.max(...latencies))}, all answered in ${answeredS.toFixed(1)} s, all read in ${wallS.toFixed(1)} s ` +
        `(server CPU ${cpuS.toFixed(1)} s, ${Math.round((cpuS * 1000) / clients)} ms an upload, ` +
        `main thread ${mainS.toFixed(1)} s; by thread ${threads}; ` +
        (databaseS === null ? '' : `database ${databaseS.toFixed(2)} s, `) +
        `this script ${clientS.toFixed(1)} s); ` +
        `idle RSS ${idleBefore} MB after start, ${idleAfter} MB after the load; load average ${loadAverage()}\n`,
    );
    for (const e of errors.slice(0, 5))
      process.stdout.write(`  error: ${e.status} ${e.file?.name ?? ''} ${JSON.stringify(e.body)}\n`);
  } finally {
    await server.stop();
  }
}

function hostileFiles(): Array<{ label: string; name: string; bytes: Uint8Array }> {
  const oneByte = oneByteRecordsFit(990_000);
  const megabyte = oneByteRecordsFit(1024 * 1024 - 100);
  return [
    {
      label: '.fit.gz of 990,000 one-byte records',
      name: 'dense.fit.gz',
      bytes: gzipSync(oneByte, { level: 9 }),
    },
    { label: 'zip of that file', name: 'dense.zip', bytes: writeZip([{ name: 'dense.fit', data: oneByte }]) },
    {
      label: 'zip of ten such entries',
      name: 'ten.zip',
      bytes: writeZip(Array.from({ length: 10 }, (_, i) => ({ name: `d${i}.fit`, data: oneByte }))),
    },
    {
      label: 'zip of 200 entries of 1 MB',
      name: 'many-mb.zip',
      bytes: writeZip(Array.from({ length: 200 }, (_, i) => ({ name: `m${i}.fit`, data: megabyte }))),
    },
    {
      label: 'zip of 10,000 tiny runs',
      name: 'tiny.zip',
      bytes: writeZip(
        Array.from({ length: 10_000 }, (_, i) => ({
          name: `t${i}.fit`,
          data: longRunFit(5, { serial: 10_000 + i }),
        })),
      ),
    },
    {
      label: 'zip of 50,001 entries',
      name: 'entries.zip',
      bytes: writeZip(
        Array.from({ length: 50_001 }, (_, i) => ({ name: `e${i}.fit`, data: new Uint8Array(1) })),
      ),
    },
    { label: 'activity of 3.2 M records (41.6 MB)', name: 'huge.fit', bytes: longRunFit(3_200_000) },
  ];
}

async function healthzLoad(db: string): Promise<void> {
  const server = await startServer(db);
  const token = server.tokens[0] ?? '';
  try {
    // One stored run, so the authenticated read has something to read.
    const [first] = await corpusRunningFiles();
    if (first) await upload(server, token, first);
    for (const file of hostileFiles().filter((f) => only === undefined || f.name.includes(only))) {
      const health: number[] = [];
      const reads: number[] = [];
      let busy = true;
      const poll = async (url: string, into: number[], headers: Record<string, string>, everyMs: number) => {
        while (busy) {
          const t0 = performance.now();
          try {
            const res = await fetch(url, { headers, signal: AbortSignal.timeout(REQUEST_LIMIT_MS) });
            await res.arrayBuffer();
            into.push(performance.now() - t0);
          } catch {
            into.push(Infinity);
          }
          await new Promise((r) => setTimeout(r, everyMs));
        }
      };
      const pollers = [
        poll(`${server.url}/healthz`, health, {}, 20),
        poll(`${server.url}/api/v1/activities?limit=1`, reads, { authorization: `Bearer ${token}` }, 50),
      ];
      let answer: string;
      const t0 = performance.now();
      try {
        const res = await upload(server, token, file);
        const error = (res.body.error as { code?: string } | undefined)?.code;
        const counts =
          'files' in res.body
            ? ` imported ${String(res.body.imported)}, failed ${String(res.body.failed)}`
            : '';
        answer = `${res.status}${error ? ` ${error}` : ''}${counts}`;
      } catch (error) {
        answer = `no answer (${String(error)})`;
      }
      const took = performance.now() - t0;
      busy = false;
      await Promise.all(pollers);
      process.stdout.write(
        `${db.padEnd(8)} ${file.label.padEnd(38)} ${(file.bytes.byteLength / 1024).toFixed(0).padStart(6)} KB ` +
          `→ ${answer} in ${(took / 1000).toFixed(1)} s; /healthz p50 ${ms(percentile(health, 50))} ` +
          `p99 ${ms(percentile(health, 99))} max ${ms(Math.max(...health))} (${health.length}); ` +
          `read p99 ${ms(percentile(reads, 99))} max ${ms(Math.max(...reads))}; load average ${loadAverage()}\n`,
      );
    }
    process.stdout.write(
      `${db.padEnd(8)} RSS after the hostile files: ${await rssMb(server.child.pid ?? 0)} MB\n`,
    );
  } finally {
    await server.stop();
  }
}

await buildCli();
for (const db of dbs) {
  if (mode === 'healthz') await healthzLoad(db);
  else await uploadLoad(db);
}
