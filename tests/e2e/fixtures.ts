import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test as base, expect } from 'playwright/test';
import { launchApp, type LaunchedApp, type LaunchOptions } from '../harness';

/** Launches Gloss on the test's `dataDir` (or `options.dataDir`, e.g. a second machine's); every launch is closed when the test ends. */
export type Launch = (options?: LaunchOptions) => Promise<LaunchedApp>;

interface Fixtures {
  /** A fresh data folder for this test, removed afterwards. */
  dataDir: string;
  launch: Launch;
}

export const test = base.extend<Fixtures>({
  // Playwright requires the destructuring pattern even when a fixture uses no other fixture.
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gloss-e2e-'));
    await use(dataDir);
    await rm(dataDir, { recursive: true, force: true });
  },
  launch: async ({ dataDir }, use, testInfo) => {
    const running = new Set<LaunchedApp>();
    await use(async (options) => {
      const app = await launchApp({ dataDir, ...options });
      testInfo.annotations.push({ type: 'runtime', description: app.runtime });
      const close = app.close;
      app.close = async () => {
        running.delete(app);
        await close();
      };
      running.add(app);
      return app;
    });
    for (const app of running) await app.close();
  },
});

export { expect };

/** The seed article's title, by the title rule (first sentence cut at its first clause). */
export const seedTitle = 'The coronavirus outbreak has raised a question about global cooperation';
