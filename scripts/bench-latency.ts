/**
 * Latency benchmark: how long from a run's FIT file landing in a watched folder to its post-run
 * email being accepted by an SMTP server. `runcue start` runs as the user runs it (the built
 * `bin/runcue`, rebuilt first, in its own process, the embedded database in a fresh home, no
 * API); a real SMTP server (`smtp-server`, which like many servers waits 100 ms before its
 * greeting) in this process takes the mail. Each file is a distinct generated 45–90-minute run that
 * started an hour or so ago, so it gets a summary; the next file lands once the mail before it
 * was accepted.
 *
 * Two kinds of file, interleaved: finalised files (the header's data size and the CRC match, so
 * they are read at once) and the same runs unfinalised (data size 0 and no CRC, as a watch
 * leaves a file it is still writing over USB: only the stability wait can tell it is done). The
 * unfinalised ones are the baseline the finalised ones are compared with.
 *
 *   npx tsx scripts/bench-latency.ts [--files 10] [--gap <s>] [--profile <dir>]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { buildCli } from './build-cli.ts';
import { realisticRun } from './fixtures/realistic-run.ts';

const repo = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const flag = (key: string): string | undefined => {
  const k = args.indexOf(key);
  return k >= 0 ? args[k + 1] : undefined;
};
const files = Math.max(1, Number(flag('--files') ?? 10));
/**
 * `--gap <s>`: how long to wait after each accepted mail before the next file lands (default 0,
 * back to back); over 30 s, the ingest pool's idle worker threads have ended, as when a runner
 * copies one run a day.
 */
const gapMs = 1000 * Number(flag('--gap') ?? 0);
/** `--profile <dir>`: write a CPU profile of the runcue process there (node --cpu-prof). */
const profileDir = flag('--profile');

/** The same FIT bytes as a watch leaves them before closing the file: data size 0, no CRC. */
function unfinalised(fit: Uint8Array): Uint8Array {
  const out = fit.slice(0, fit.length - 2);
  out.set([0, 0, 0, 0], 4);
  if (out[0] === 14) out.set([0, 0], 12); // header CRC 0: "not computed"
  return out;
}

let accepted: ((at: number) => void) | null = null;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS', 'AUTH'],
  logger: false,
  onData(stream, _session, callback) {
    stream.on('data', () => undefined);
    stream.on('end', () => {
      const at = Date.now();
      callback(null, 'queued');
      accepted?.(at);
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const address = smtp.server.address();
if (address === null || typeof address === 'string') throw new Error('no SMTP port');

const home = await mkdtemp(path.join(tmpdir(), 'runcue-latency-'));
const inbox = path.join(home, 'inbox');
await buildCli();
const child = spawn(
  process.execPath,
  [
    ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(profileDir)] : []),
    path.join(repo, 'bin/runcue'),
    'start',
    '--no-api',
  ],
  {
    cwd: repo,
    env: {
      ...process.env,
      INIT_CWD: repo,
      RUNCUE_HOME: home,
      RUNCUE_SMTP_URL: `smtp://127.0.0.1:${address.port}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
let log = '';
/** When runcue printed that it stored each file (its `imported   run-N.fit` line), by file name. */
const importedAt = new Map<string, number>();
child.stderr.on('data', (c: Buffer) => (log += c.toString()));
child.stdout.on('data', (c: Buffer) => {
  for (const m of c.toString().matchAll(/imported\s+(run-\d+\.fit)/g))
    if (m[1]) importedAt.set(m[1], Date.now());
});
const startedAt = Date.now();
await new Promise<void>((resolve, reject) => {
  child.stdout.on('data', (c: Buffer) => {
    log += c.toString();
    if (log.includes(`watching ${inbox}`)) resolve();
  });
  child.once('exit', (code) => reject(new Error(`runcue start exited (${code}):\n${log}`)));
});
console.log(`runcue start was watching ${inbox} after ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);

const latencies = { finalised: [] as number[], unfinalised: [] as number[] };
const toStored = { finalised: [] as number[], unfinalised: [] as number[] };
const now = Date.now();
for (let i = 0; i < 2 * files; i++) {
  const kind = i % 2 === 0 ? 'finalised' : 'unfinalised';
  // Distinct runs, each well inside the summary window and minutes apart, so none is a duplicate.
  const fit = realisticRun(1000 + i, { start: new Date(now - 3 * 3_600_000 + i * 600_000) });
  const bytes = kind === 'finalised' ? fit : unfinalised(fit);
  if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
  const mail = new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no mail for file ${i} within 60 s:\n${log}`)), 60_000);
    accepted = (at) => {
      clearTimeout(timer);
      resolve(at);
    };
  });
  const landed = Date.now();
  await writeFile(path.join(inbox, `run-${i}.fit`), bytes);
  latencies[kind].push((await mail) - landed);
  toStored[kind].push((importedAt.get(`run-${i}.fit`) ?? Number.NaN) - landed);
}

child.kill('SIGINT');
await new Promise((resolve) => child.once('exit', resolve));
await new Promise<void>((resolve) => smtp.close(() => resolve()));
await rm(home, { recursive: true, force: true });

const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? Number.NaN;
};
const line = (name: string, xs: readonly number[]): string =>
  `${name.padEnd(12)} median ${quantile(xs, 0.5).toFixed(0).padStart(5)} ms   p90 ${quantile(xs, 0.9)
    .toFixed(0)
    .padStart(5)} ms   min ${Math.min(...xs)} ms   max ${Math.max(...xs)} ms   (${xs.join(', ')})`;
console.log(`\nfile landing → message accepted by SMTP, ${files} files of each kind, embedded database:`);
console.log(line('finalised', latencies.finalised));
console.log(line('unfinalised', latencies.unfinalised));
console.log('of which landing → stored (the import line printed):');
console.log(line('finalised', toStored.finalised));
console.log(line('unfinalised', toStored.unfinalised));
console.log(
  `finalised / unfinalised (baseline: the stability wait) median: ${(
    quantile(latencies.finalised, 0.5) / quantile(latencies.unfinalised, 0.5)
  ).toFixed(2)}×`,
);
