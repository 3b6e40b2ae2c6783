import type { Source } from '@runcue/store';

/** One line of `source list`: what the source is, whose it is and how its last sync went. */
export function describeSource(s: Source, athleteName: string): string {
  if (s.kind === 'folder') return `${s.path}  ${athleteName}`;
  if (s.kind === 'watch') return `any connected Garmin watch  ${athleteName}`;
  const synced = s.lastSyncedAt === null ? 'not synced yet' : `last synced ${s.lastSyncedAt.toISOString()}`;
  const error = s.lastError === null ? '' : `; last error ${s.lastError.code}: ${s.lastError.message}`;
  return `intervals.icu ${s.path}  ${athleteName}  (${synced}${error})`;
}
