import type { Units } from '@runcue/analysis';
import {
  resolveAthlete,
  StoreError,
  updateAthlete,
  type Athlete,
  type AthleteSettings,
  type Db,
} from '@runcue/store';

/** One setting to set, or to drop back to its default (`null`). */
export interface SettingChange {
  name: keyof AthleteSettings;
  value: number | boolean | null;
}

/** What may change about a runner; what is left out stays as it is. */
export interface AthleteChanges {
  name?: string;
  email?: string;
  timeZone?: string;
  cadenceThresholdSpm?: number;
  units?: Units;
  weeklyReviewDay?: number;
  weeklyReviewTime?: string;
  /** Send an email after each run (the `postRunEmail` setting). */
  runEmails?: boolean;
  /** Send the weekly review (the `weeklyReviewEmail` setting). */
  weeklyReview?: boolean;
  /** Threshold overrides, checked by the store against the settings schema. */
  settings?: readonly SettingChange[];
}

/** Changes the runner `ref` names (id, email or name) and returns them as now stored. */
export async function changeAthlete(db: Db, ref: string, changes: AthleteChanges): Promise<Athlete> {
  const found = await resolveAthlete(db, ref);
  const { runEmails, weeklyReview, settings: overrides, ...fields } = changes;
  const settings = changedSettings(found.settings, [
    ...(runEmails === undefined ? [] : [{ name: 'postRunEmail' as const, value: runEmails }]),
    ...(weeklyReview === undefined ? [] : [{ name: 'weeklyReviewEmail' as const, value: weeklyReview }]),
    ...(overrides ?? []),
  ]);
  const a = await updateAthlete(db, found.id, {
    ...definedOnly(fields),
    ...(settings === null ? {} : { settings }),
  });
  if (a === null) throw new StoreError('ATHLETE_NOT_FOUND', `athlete ${found.id} is gone`);
  return a;
}

/** The settings with the changes applied, or null when there are none. */
function changedSettings(
  current: AthleteSettings,
  changes: readonly SettingChange[],
): AthleteSettings | null {
  if (changes.length === 0) return null;
  const next: Record<string, unknown> = { ...current };
  for (const { name, value } of changes) {
    if (value === null) delete next[name];
    else next[name] = value;
  }
  return next; // checked by the store against athleteSettingsSchema
}

/** The fields that are given: an absent field is left as it is, not cleared. */
function definedOnly<T extends object>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: Exclude<T[K], undefined>;
  };
}
