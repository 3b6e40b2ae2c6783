import { constants, type Stats } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import type { Source } from '@runcue/store';
import type { Check } from './check.ts';

/**
 * Checks that a watched folder exists and can be read. A missing folder is only a warning: it is
 * often a watch that is not plugged in, and `runcue start` picks it up when it appears. A path
 * that is a file, or a folder runcue may not read, is a failure.
 */
export async function checkSource(source: Source, athleteName: string): Promise<Check> {
  const name = `folder ${source.path}`;
  let s: Stats;
  try {
    s = await stat(source.path);
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'EACCES') {
      return {
        status: 'fail',
        name,
        message: 'runcue may not look into it',
        hint: 'give the user running runcue read access',
      };
    }
    return {
      status: 'warn',
      name,
      message: `does not exist right now (${athleteName}'s runs are picked up once it appears)`,
      hint: 'plug the watch in or mount the folder; if it moved, add the new path with runcue source add',
    };
  }
  if (!s.isDirectory()) {
    return {
      status: 'fail',
      name,
      message: 'is a file, not a folder',
      hint: 'add the folder that holds the FIT files instead',
    };
  }
  try {
    await access(source.path, constants.R_OK | constants.X_OK);
  } catch {
    return {
      status: 'fail',
      name,
      message: 'exists but runcue may not read it',
      hint: 'give the user running runcue read access',
    };
  }
  return { status: 'ok', name, message: `readable, watched for ${athleteName}` };
}
