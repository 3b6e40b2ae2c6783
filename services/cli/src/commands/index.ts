import type { RegisterCommand } from './register.ts';

/**
 * One `runcue` sub-command: its name and one-line description (what `runcue --help` lists) and
 * how to load it. Each command's module, and what it imports, is loaded only when that command
 * runs, so `runcue --help` or `runcue athlete list` do not pay for charts, the server or the
 * embedded database they do not use.
 */
export interface CommandEntry {
  readonly name: string;
  readonly description: string;
  readonly load: () => Promise<RegisterCommand>;
}

/** Every `runcue` sub-command, in the order `runcue --help` lists them. */
export const commands: readonly CommandEntry[] = [
  {
    name: 'start',
    description: 'watch the source folders and serve the upload API until stopped',
    load: async () => (await import('./start.ts')).registerStart,
  },
  {
    name: 'import',
    description: 'import folders, Garmin Connect export zips or FIT files for an athlete',
    load: async () => (await import('./import.ts')).registerImport,
  },
  {
    name: 'reanalyse',
    description: 'analyse stored runs again with the current analysis version',
    load: async () => (await import('./reanalyse.ts')).registerReanalyse,
  },
  {
    name: 'report',
    description: 'analyse one FIT file and print the post-run summary',
    load: async () => (await import('./report.ts')).registerReport,
  },
  {
    name: 'athlete',
    description: 'add and list runners, and give them API tokens',
    load: async () => (await import('./athlete/index.ts')).registerAthlete,
  },
  {
    name: 'token',
    description: 'list and revoke upload API tokens',
    load: async () => (await import('./token.ts')).registerToken,
  },
  {
    name: 'source',
    description: 'where runs come from: folders, a connected watch, an intervals.icu account',
    load: async () => (await import('./source/index.ts')).registerSource,
  },
  {
    name: 'runs',
    description: 'list your runs: date, distance, time, pace, median cadence, email and what stands out',
    load: async () => (await import('./runs.ts')).registerRuns,
  },
  {
    name: 'summary',
    description: 'preview or send the post-run email of a stored run',
    load: async () => (await import('./summary.ts')).registerSummary,
  },
  {
    name: 'files',
    description: 'list received files; --failed lists the quarantined ones with their error codes',
    load: async () => (await import('./files.ts')).registerFiles,
  },
  {
    name: 'pain',
    description:
      "log back pain (0-10) and get advice right away; 'cleared' once a professional has cleared you after a red flag; 'return-done' when the walk/run return plan is done",
    load: async () => (await import('./pain/index.ts')).registerPain,
  },
  {
    name: 'shoe',
    description: 'track shoe mileage: new runs count against the default shoe',
    load: async () => (await import('./shoe/index.ts')).registerShoe,
  },
  {
    name: 'trends',
    description: 'print twelve weeks of trends; preview or send the weekly review',
    load: async () => (await import('./trends.ts')).registerTrends,
  },
  {
    name: 'workout',
    description: 'workouts for the watch',
    load: async () => (await import('./workout.ts')).registerWorkout,
  },
  {
    name: 'outbox',
    description: 'list queued and sent messages with their attempts and errors',
    load: async () => (await import('./outbox.ts')).registerOutbox,
  },
  {
    name: 'doctor',
    description: 'check the configuration, database, mail server, athletes and watched folders',
    load: async () => (await import('./doctor.ts')).registerDoctor,
  },
];
