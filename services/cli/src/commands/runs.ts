import { formatDistance, formatDuration, formatPace, formatStart } from '@runcue/report';
import { listRuns, type RunListing } from '@runcue/operations';
import { openDb } from '../open-db.ts';
import { parseLimit, parseSince } from '../option-parsers.ts';
import { athleteFor } from '@runcue/operations';
import type { RegisterCommand } from './register.ts';

const EMAIL: Record<RunListing['email'], string> = {
  none: 'no email',
  pending: 'email queued',
  sending: 'email sending',
  sent: 'emailed',
  failed: 'email failed',
  withdrawn: 'email off',
};

/** One run as a line: start, distance, moving time, pace, median cadence, email, flags, id. */
export function formatRunLine(r: RunListing, units: 'km' | 'mi'): string {
  const cadence = r.cadenceMedianSpm === null ? '-' : `${Math.round(r.cadenceMedianSpm)} spm`;
  return [
    formatStart(r.startTime, r.localOffsetS).padEnd(24),
    formatDistance(r.distanceM, units).padStart(9),
    formatDuration(r.movingTimeS).padStart(8),
    formatPace(r.paceSPerKm, units).padStart(10),
    cadence.padStart(7),
    EMAIL[r.email].padEnd(13),
    r.activityId,
    r.flags.join(', '),
  ]
    .join('  ')
    .trimEnd();
}

/** `runcue runs [--since …] [--json]`: the runner's stored runs, newest first. */
export const registerRuns: RegisterCommand = (program, ctx) => {
  program
    .command('runs')
    .description('list your runs: date, distance, time, pace, median cadence, email and what stands out')
    .option('--athlete <athlete>', 'id, email or name (default: the only athlete)')
    .option('--since <when>', 'only runs from this date (2026-11-01) or span back (30d, 8w)', parseSince)
    .option('--limit <n>', 'at most this many, newest first', parseLimit, 100)
    .option('--json', 'print one JSON array')
    .action(
      async (opts: { athlete?: string; since?: (now: Date) => Date; limit: number; json?: boolean }) => {
        const { db, close } = await openDb(ctx.config);
        ctx.onClose(close);
        const athlete = await athleteFor(db, opts.athlete);
        const runs = await listRuns(db, athlete, {
          since: opts.since?.(ctx.now()) ?? null,
          limit: opts.limit,
        });
        if (opts.json) {
          ctx.stdout(`${JSON.stringify(runs, null, 2)}\n`);
          return;
        }
        if (runs.length === 0) {
          ctx.stdout(`${athlete.name} has no runs${opts.since ? ' in that time' : ' yet'}\n`);
          return;
        }
        const units = athlete.units;
        for (const r of runs) ctx.stdout(`${formatRunLine(r, units)}\n`);
      },
    );
};
