import type { Units } from '@runcue/analysis';
import type { CoachProfile } from '@runcue/coach';
import { coachThresholdsOf, type Athlete } from '@runcue/store';

/** The athlete's coaching profile from their stored settings. */
export function profileOf(athlete: Athlete): CoachProfile {
  return {
    thresholdSpm: athlete.cadenceThresholdSpm,
    units: athlete.units,
    ...coachThresholdsOf(athlete.settings),
  };
}

/** How a report names the athlete and which units and threshold it uses. */
export function reportAthleteOf(athlete: Athlete): { name: string; units: Units; thresholdSpm: number } {
  return {
    name: athlete.name,
    units: athlete.units,
    thresholdSpm: athlete.cadenceThresholdSpm,
  };
}
