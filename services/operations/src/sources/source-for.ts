import { listSources, type Db, type Source } from '@runcue/store';
import { OperationError } from '../error-codes.ts';

/**
 * The source `ref` names: its id, a watched folder (`folder`, the ref as an absolute path),
 * 'watch', or an intervals.icu athlete id; only `athleteId`'s when given. SOURCE_NOT_FOUND, or
 * SOURCE_AMBIGUOUS when several runners have one like it.
 */
export async function sourceFor(
  db: Db,
  ref: string,
  folder: string,
  athleteId: string | undefined,
): Promise<Source> {
  const matches = (await listSources(db, athleteId)).filter(
    (s) =>
      s.id === ref ||
      (s.kind === 'folder' && s.path === folder) ||
      (s.kind === 'watch' && ref === 'watch') ||
      (s.kind === 'intervals' && s.path === ref),
  );
  const [only] = matches;
  if (only === undefined)
    throw new OperationError('SOURCE_NOT_FOUND', `no source is ${ref} ('runcue source list' shows them)`);
  if (matches.length > 1)
    throw new OperationError(
      'SOURCE_AMBIGUOUS',
      `${matches.length} runners have ${ref}: say whose with --athlete`,
    );
  return only;
}
