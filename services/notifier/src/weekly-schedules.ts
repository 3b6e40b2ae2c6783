import { listAthletes, wantsEmail, type Db } from '@runcue/store';
import type { WeeklySchedule } from './weekly-due.ts';

/**
 * Every athlete who gets a weekly review, with their day, time and zone; read fresh on each tick,
 * so a runner who turns the review off (or moves it) is heard without a restart.
 */
export async function weeklySchedules(db: Db): Promise<WeeklySchedule[]> {
  return (await listAthletes(db))
    .filter((a) => wantsEmail(a.settings, 'weekly-review'))
    .map((a) => ({
      athleteId: a.id,
      timeZone: a.timeZone,
      weekday: a.weeklyReviewDay,
      time: a.weeklyReviewTime,
      since: a.createdAt,
    }));
}
