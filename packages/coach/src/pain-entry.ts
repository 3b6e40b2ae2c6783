/** The pain log entry is defined upstream in analysis (trends use it too); coach re-exports it. */
export type {
  PainEntry,
  PainLocation,
  PainRedFlag,
  PainMilestone,
  PainMilestoneKind,
} from '@runcue/analysis';
export { PAIN_RED_FLAGS, PAIN_LOCATIONS, PAIN_RED_FLAG_WORDS, PAIN_MILESTONE_KINDS } from '@runcue/analysis';
