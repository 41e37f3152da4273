import { join } from 'node:path';
import { projectRoot } from '../harness';
import { expect, seedTitle, test } from '../e2e/fixtures';

// `npm run screenshot` refreshes the README's pictures from the real renderer.
for (const colorScheme of ['light', 'dark'] as const) {
  test(`the README screenshot in the ${colorScheme} theme`, async ({ launch }) => {
    const { page } = await launch({ colorScheme });
    await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(seedTitle);
    await page.screenshot({ path: join(projectRoot, 'docs', `screenshot-${colorScheme}.png`) });
  });
}
