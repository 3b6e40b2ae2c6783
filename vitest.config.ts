import { defineConfig } from 'vitest/config';

// Tests wait on the event they expect, never on how fast the machine is: these limits only end a
// test that hangs. They are generous because the end-to-end suites run the real binary in child
// processes, and on a busy shared machine one command can take a minute to start.
const HANG_LIMIT_MS = 10 * 60_000;

export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'services/*/src/**/*.test.ts',
      'services/*/test/**/*.test.ts',
      'test/*/**/*.test.ts',
      'scripts/**/*.test.ts',
    ],
    testTimeout: HANG_LIMIT_MS,
    hookTimeout: HANG_LIMIT_MS,
    pool: 'forks',
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
