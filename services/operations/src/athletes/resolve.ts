import {
  getActivity,
  listActivities,
  listAthletes,
  resolveAthlete,
  StoreError,
  type ActivityRecord,
  type Athlete,
  type Db,
} from '@runcue/store';
import { OperationError } from '../error-codes.ts';

/**
 * The athlete a request is for: the one named (id, email or name), or the only one there is.
 * With several athletes and none named it asks for one (ATHLETE_REQUIRED) rather than guessing;
 * with none it says how to add one (ATHLETE_NOT_FOUND).
 */
export async function athleteFor(db: Db, ref: string | undefined): Promise<Athlete> {
  if (ref !== undefined) return resolveAthlete(db, ref);
  const all = await listAthletes(db);
  const only = all[0];
  if (all.length === 1 && only) return only;
  if (all.length === 0)
    throw new StoreError(
      'ATHLETE_NOT_FOUND',
      "there is no athlete yet: add one with 'runcue athlete add --name ... --email ...'",
    );
  throw new OperationError(
    'ATHLETE_REQUIRED',
    `${all.length} athletes share this runcue: say whose with --athlete <id, email or name>`,
  );
}

/**
 * The run a request refers to: 'latest' (the athlete's newest activity) or an activity id. Any
 * other athlete's run answers RUN_NOT_FOUND exactly as a run that does not exist.
 */
export async function runFor(db: Db, athlete: Athlete, ref: string): Promise<ActivityRecord> {
  if (ref === 'latest') {
    const latest = (await listActivities(db, athlete.id, { limit: 1 }))[0];
    if (!latest)
      throw new OperationError(
        'RUN_NOT_FOUND',
        `${athlete.name} has no runs yet, so 'latest' has nothing to point at`,
      );
    return latest;
  }
  const a = await getActivity(db, ref);
  if (!a || a.athleteId !== athlete.id)
    throw new OperationError('RUN_NOT_FOUND', `${athlete.name} has no run ${ref}`);
  return a;
}
