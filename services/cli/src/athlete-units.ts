import type { Athlete } from '@runcue/store';

/** The distance unit a runner reads: 'mi' or 'km' (the stored preference, whichever word it uses). */
export function unitsOf(athlete: Pick<Athlete, 'units'>): 'km' | 'mi' {
  const units: string = athlete.units;
  return units === 'mi' || units === 'imperial' ? 'mi' : 'km';
}
