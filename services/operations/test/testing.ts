/** What tests elsewhere share from the use cases' own: a stored run to build on. */
export { seedRun } from './seed-run.ts';
