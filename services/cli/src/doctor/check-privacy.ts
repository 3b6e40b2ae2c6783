import path from 'node:path';
import { findLooseEntries, shellQuote } from '../private-home.ts';
import type { Check } from './check.ts';

/**
 * Whether others on this machine can read runcue's home: the embedded database, saved emails and
 * raw files hold GPS tracks and pain notes. Warns with the `chmod` that fixes it; a home that does
 * not exist yet is fine (runcue creates it for its own user only).
 */
export async function checkPrivacy(home: string): Promise<Check> {
  const loose = await findLooseEntries(home);
  if (loose.length === 0)
    return { status: 'ok', name: 'privacy', message: `${home} and what runcue keeps in it are yours only` };
  const first = loose[0];
  const parts = new Set(loose.map((e) => describePart(home, e.path)));
  const more = loose.length >= 1000 ? 'at least 1000' : String(loose.length);
  return {
    status: 'warn',
    name: 'privacy',
    message: `others on this machine can read or enter ${[...parts].join(', ')} (${more} ${loose.length === 1 ? 'entry' : 'entries'}, e.g. ${first?.path ?? home} is ${(first?.mode ?? 0).toString(8).padStart(4, '0')})`,
    hint: `run 'chmod -R go-rwx ${shellQuote(home)}'`,
  };
}

function describePart(home: string, p: string): string {
  if (p === home) return 'the home folder';
  const top = path.relative(home, p).split(path.sep)[0];
  if (top === 'db') return 'the database';
  if (top === 'outbox') return 'the saved emails (outbox)';
  return top ?? p;
}
