import { buildCli } from './build-cli.ts';

/** vitest global set-up: the suites that run `bin/runcue` run what the sources say now. */
export default async function setup(): Promise<void> {
  await buildCli();
}
