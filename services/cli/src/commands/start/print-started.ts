import type { WatchedFolder } from '@runcue/ingest';
import { listSources, type Db } from '@runcue/store';
import type { CliContext } from '../../cli-context.ts';

/** The lines `runcue start` prints once it runs: the database, the API, and where runs come from. */
export async function printStarted(
  ctx: CliContext,
  db: Db,
  running: { where: string; url: string | null; folders: readonly WatchedFolder[] },
): Promise<void> {
  const { where, url, folders } = running;
  ctx.stdout(`runcue is running (database: ${where})\n`);
  if (url)
    ctx.stdout(
      `API: ${url}/api/v1  (upload: POST ${url}/api/v1/uploads with a token from 'runcue athlete token')\n`,
    );
  for (const f of folders) ctx.stdout(`watching ${f.path}${f.poll ? ' (polling)' : ''}\n`);
  const remote = await listSources(db);
  if (remote.some((src) => src.kind === 'watch'))
    ctx.stdout('looking for a connected Garmin watch (MTP or USB storage) every few seconds\n');
  for (const src of remote.filter((x) => x.kind === 'intervals'))
    ctx.stdout(
      `syncing intervals.icu ${src.path} every ${Math.max(1, Math.round(ctx.config.intervalsPollSeconds / 60))} min\n`,
    );
}
