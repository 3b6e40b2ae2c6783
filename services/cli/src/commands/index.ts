import { registerAthlete } from './athlete.ts';
import { registerDoctor } from './doctor.ts';
import { registerFiles } from './files.ts';
import { registerImport } from './import.ts';
import { registerOutbox } from './outbox.ts';
import { registerPain } from './pain.ts';
import { registerReanalyse } from './reanalyse.ts';
import type { RegisterCommand } from './register.ts';
import { registerReport } from './report.ts';
import { registerShoe } from './shoe.ts';
import { registerSource } from './source.ts';
import { registerStart } from './start.ts';
import { registerTrends } from './trends.ts';
import { registerWorkout } from './workout.ts';

/** Every `runcue` sub-command, in the order `runcue --help` lists them. */
export const commands: readonly RegisterCommand[] = [
  registerStart,
  registerImport,
  registerReanalyse,
  registerReport,
  registerAthlete,
  registerSource,
  registerFiles,
  registerPain,
  registerShoe,
  registerTrends,
  registerWorkout,
  registerOutbox,
  registerDoctor,
];
