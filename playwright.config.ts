import { defineConfig } from 'playwright/test';

export default defineConfig({
  testDir: 'tests',
  outputDir: '.test-results/playwright',
  fullyParallel: true,
  workers: 2,
  // Generous: a relaunching spec starts the browser twice, and CI machines are small.
  timeout: 60_000,
  expect: { timeout: 5_000 },
  globalSetup: './tests/harness/global-setup.ts',
  reporter: [['list'], ['json', { outputFile: '.test-results/e2e.json' }]],
  projects: [
    { name: 'e2e', testMatch: 'e2e/**/*.spec.ts' },
    // Run on demand (npm run screenshot) to refresh the README's pictures.
    { name: 'screenshots', testMatch: 'screenshots/**/*.spec.ts' },
  ],
});
