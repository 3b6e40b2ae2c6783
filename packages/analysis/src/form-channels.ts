import type { FormDecay } from './run-analysis.ts';

/** The running-form channels compared late against early, and what "worse" means for each. */
export type FormChannel = FormDecay['channels'][number];

/** Direction in which each channel gets worse with fatigue (+1 up, −1 down, 0 = away from 50%), and its noise floor. */
export const channelSpecs: ReadonlyArray<{ name: FormChannel; worse: 1 | -1 | 0; floor: number }> = [
  { name: 'cadence', worse: -1, floor: 1 },
  { name: 'stanceTime', worse: 1, floor: 2 },
  { name: 'verticalOscillation', worse: 1, floor: 2 },
  { name: 'verticalRatio', worse: 1, floor: 0.2 },
  // Step length is reported but never counted: at matched speed it is the mirror of cadence.
  { name: 'stepLength', worse: 0, floor: 5 },
  { name: 'stanceTimeBalance', worse: 0, floor: 0.2 },
];

export interface ChannelStats {
  readonly delta: number;
  readonly refMedian: number;
  readonly noise: number;
  readonly worse: boolean;
}
