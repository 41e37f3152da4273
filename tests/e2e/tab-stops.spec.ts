import type { Page } from 'playwright/test';
import { expect, test } from './fixtures';
import { pasteDocument } from './reader-helpers';

/**
 * Where the keyboard is: 'article' once the focus is on the reader itself (where
 * the arrows move the reading focus) or inside its text, else a short description.
 */
function focusPlace(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body) return 'body';
    if (active.matches('main') || active.closest('.document-body')) return 'article';
    return `${active.tagName.toLowerCase()} ${(active.getAttribute('aria-label') ?? active.textContent ?? '').trim().slice(0, 30)}`;
  });
}

/**
 * Presses Tab from the top of the page (the focus on the first thing in it, the skip link, counts as one press)
 * until the article has the focus; returns the presses and the stops on the way. `skip`: press Enter on the skip link.
 */
async function tabsToArticle(page: Page, skip: boolean): Promise<{ presses: number; stops: string[] }> {
  // The top of the page, as on a fresh load: the focus on an empty, unnamed point before everything else, which
  // Tab never comes back to (it is not a Tab stop); it goes once the first Tab has left it.
  await page.evaluate(() => {
    const start = document.createElement('span');
    start.id = 'tab-start';
    start.tabIndex = -1;
    document.body.prepend(start);
    start.focus();
  });
  const stops: string[] = [];
  for (let presses = 1; presses <= 60; presses++) {
    await page.keyboard.press('Tab');
    if (presses === 1) await page.evaluate(() => document.getElementById('tab-start')?.remove());
    const place = await focusPlace(page);
    stops.push(place);
    if (skip && presses === 1) {
      expect(place).toBe('a Skip to the article');
      await page.keyboard.press('Enter');
      if ((await focusPlace(page)) === 'article') return { presses, stops };
    }
    if (place === 'article') return { presses, stops };
  }
  throw new Error(`The article was not reached in 60 Tab presses: ${stops.join(' → ')}`);
}

test('with five documents, Tab reaches the article in at most 15 presses without the skip link, and in 1 with it', async ({ launch }) => {
  let app = await launch();
  let { page } = app;
  await expect(page.getByRole('article')).toBeVisible();
  for (const name of ['Alpha', 'Bravo', 'Charlie', 'Delta']) {
    // The last one, open at the relaunch, has sections: its outline is one Tab stop however long it is.
    const sections = name === 'Delta' ? [1, 2, 3, 4, 5, 6].map((part) => `## Part ${part}\n\nText of part ${part}.`) : [];
    await pasteDocument(page, [`# ${name}`, `The first paragraph of ${name}.`, 'A second one.', ...sections].join('\n\n'));
    await expect(page.getByRole('article').getByRole('heading', { level: 1 }).first()).toHaveText(name);
  }
  await app.close();
  app = await launch();
  page = app.page;
  await expect(page.getByRole('navigation', { name: 'Library' }).getByRole('listitem')).toHaveCount(5);
  await expect(page.getByRole('article').getByRole('heading', { level: 1 }).first()).toHaveText('Delta');
  await expect(page.getByRole('navigation', { name: 'Contents' }).getByRole('link')).toHaveCount(7);

  const withoutSkip = await tabsToArticle(page, false);
  const withSkip = await tabsToArticle(page, true);
  test
    .info()
    .annotations.push(
      { type: 'tab stops without the skip link', description: `${withoutSkip.presses}: ${withoutSkip.stops.join(' → ')}` },
      { type: 'tab stops with the skip link', description: `${withSkip.presses}: ${withSkip.stops.join(' → ')}` },
    );
  expect(withoutSkip.presses).toBeLessThanOrEqual(15);
  expect(withSkip.presses).toBe(1);
  // The arrows then move the reading focus in the article: the keyboard is where reading happens.
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('.document-body [data-reading-focus]')).toBeVisible();
});

test('the library list is one Tab stop: the arrows move between documents, Tab goes on to that document’s Edit and Delete', async ({
  launch,
}) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  for (const name of ['Alpha', 'Bravo']) {
    await pasteDocument(page, `# ${name}\n\nText of ${name}.`);
    await expect(page.getByRole('article').getByRole('heading', { level: 1 }).first()).toHaveText(name);
  }
  const library = page.getByRole('navigation', { name: 'Library' });
  const open = (name: string | RegExp) => library.getByRole('button', { name });
  // The row marked open is the Tab stop: wait for the list to mark the pasted document rather than assume the article's update brought it.
  await expect(open('Bravo')).toHaveAttribute('aria-current', 'page');
  await library.getByRole('combobox', { name: 'Sort' }).focus();
  await page.keyboard.press('Tab');
  // The open document's row first.
  await expect(open('Bravo')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(open('Alpha')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(library.getByRole('listitem').filter({ hasText: 'Alpha' }).getByRole('button', { name: 'Edit details' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(library.getByRole('listitem').filter({ hasText: 'Alpha' }).getByRole('button', { name: 'Delete document' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Reading settings' })).toBeFocused();
  // Back into the list: the row last used.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  await expect(open('Alpha')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(open('Bravo')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article').getByRole('heading', { level: 1 }).first()).toHaveText('Bravo');
});

test('the contents outline is one Tab stop: the arrows move through its sections and Enter jumps to one', async ({ launch }) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  const sections = [1, 2, 3].map((part) => `## Part ${part}\n\n${'Text of this part, long enough to scroll. '.repeat(40)}`);
  await pasteDocument(page, ['# Outline', 'Opening words.', ...sections].join('\n\n'));
  await expect(page.getByRole('article').getByRole('heading', { level: 1 }).first()).toHaveText('Outline');
  const contents = page.getByRole('navigation', { name: 'Contents' });
  // The outline is built once the document is open, a moment after its text shows.
  await expect(contents.getByRole('link', { name: 'Outline' })).toBeVisible();
  await contents.getByText('Contents', { exact: true }).focus();
  await page.keyboard.press('Tab');
  await expect(contents.getByRole('link', { name: 'Outline' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(contents.getByText('Sections in Outline')).toBeAttached();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(contents.getByRole('link', { name: 'Part 2' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('article').getByRole('heading', { name: 'Part 2' })).toBeFocused();
  // Tab from the outline goes straight on to the library.
  await contents.getByRole('link', { name: 'Part 2' }).focus();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('searchbox', { name: 'Search library' })).toBeFocused();
});
