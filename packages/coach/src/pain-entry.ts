/** The pain log entry is defined upstream in analysis (trends use it too); coach re-exports it. */
export type { PainEntry, PainLocation, PainRedFlag } from '@runcue/analysis';
export { PAIN_RED_FLAGS } from '@runcue/analysis';
