import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/architecture/**/*.test.ts',
      'tests/common/**/*.test.ts',
      'tests/main/**/*.test.ts',
      'tests/preload/**/*.test.ts',
      'tests/renderer/**/*.test.ts',
      'tests/scripts/**/*.test.ts',
      'tests/durability/**/*.test.ts',
      'tests/security/**/*.test.ts',
    ],
    environment: 'node',
    // Generous: several suites load jsdom or spawn the CLI, and CI runs on two busy cores; no test asserts a duration.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // The linearity test collects garbage before each timed run (tests/support/growth.ts), so one run's garbage is not billed to the next.
    execArgv: ['--expose-gc'],
  },
});
