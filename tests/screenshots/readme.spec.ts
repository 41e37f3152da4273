import { join } from 'node:path';
import { projectRoot } from '../harness';
import { expect, seedTitle, test } from '../e2e/fixtures';
import { selectTextWithMouse } from '../e2e/reader-helpers';

// `npm run screenshot` refreshes the README's pictures from the real renderer.
for (const colorScheme of ['light', 'dark'] as const) {
  test(`the README screenshot in the ${colorScheme} theme`, async ({ launch }) => {
    const { page } = await launch({ colorScheme });
    await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText(seedTitle);
    await selectTextWithMouse(page, 'Globalization has bound people around the world more than ever');
    await page.keyboard.press('1');
    await page
      .getByRole('textbox', { name: 'Note', exact: true })
      .fill('The thesis in one line: *interdependence* makes cooperation unavoidable.');
    await page.getByRole('textbox', { name: 'Tags' }).fill('thesis');
    await page.getByRole('textbox', { name: 'Tags' }).press('Tab');
    await selectTextWithMouse(page, '“We need to act instead of just watching as spectators,”');
    await page.keyboard.press('3');
    await page.keyboard.press('Escape');
    await page.getByRole('main').evaluate((reader) => (reader.scrollTop = 0));
    await expect(page.getByRole('complementary', { name: 'Notes' }).getByRole('status')).toHaveText('Saved');
    await expect(page.getByRole('navigation', { name: 'Library' }).getByRole('listitem')).toContainText('2 highlights');
    await page.screenshot({ path: join(projectRoot, 'docs', `screenshot-${colorScheme}.png`) });
  });
}
