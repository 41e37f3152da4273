import type { Page } from 'playwright/test';
import { expect, test } from './fixtures';
import { pasteDocument } from './reader-helpers';

const filler = (words: string) => `${words} `.repeat(80).trim();

const outlined = [
  '# Rivers of the north',
  filler('Opening words about rivers.'),
  '## Sources',
  filler('Where the water starts.'),
  '### Glaciers',
  filler('Ice that melts slowly.'),
  '## Estuaries',
  filler('Where the river meets the sea, and the Estuary widens.'),
  '# Coda',
  filler('Closing words.'),
].join('\n\n');

/** Where a heading of the article sits relative to the top of the reader, in pixels. */
function headingOffset(page: Page, text: string): Promise<number> {
  return page.evaluate((text) => {
    const heading = Array.from(document.querySelectorAll('.document-body :is(h1, h2, h3)')).find(
      (candidate) => candidate.textContent === text,
    )!;
    return heading.getBoundingClientRect().top - document.querySelector('main.reader')!.getBoundingClientRect().top;
  }, text);
}

test('the table of contents outlines the headings, jumps to one on click or Enter, and follows the scroll', async ({ launch }) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  const contents = page.getByRole('navigation', { name: 'Contents' });
  await expect(contents).toContainText('This document has no headings.');

  await pasteDocument(page, outlined);
  await expect(page.getByRole('article').getByRole('heading', { level: 1 }).first()).toHaveText('Rivers of the north');
  await expect(contents.locator('.document-stats')).toHaveText(/^[\d,]+ words · \d+ min read$/);
  const links = contents.getByRole('link');
  await expect(links).toHaveText(['Rivers of the north', 'Sources', 'Glaciers', 'Estuaries', 'Coda']);
  await expect(contents.getByRole('link', { name: 'Rivers of the north' })).toHaveAttribute('aria-current', 'location');

  await contents.getByRole('link', { name: 'Estuaries' }).click();
  await expect.poll(() => headingOffset(page, 'Estuaries')).toBeLessThan(20);
  await expect(contents.getByRole('link', { name: 'Estuaries' })).toHaveAttribute('aria-current', 'location');

  // From the keyboard: focus a link, Enter follows it.
  await contents.getByRole('link', { name: 'Glaciers' }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => headingOffset(page, 'Glaciers')).toBeLessThan(20);
  await expect(contents.getByRole('link', { name: 'Glaciers' })).toHaveAttribute('aria-current', 'location');

  // Scrolling by hand moves the current section along.
  await page.locator('main.reader').hover();
  await page.mouse.wheel(0, 100_000);
  await expect(contents.getByRole('link', { name: 'Coda' })).toHaveAttribute('aria-current', 'location');
  await expect(contents.locator('[aria-current]')).toHaveCount(1);

  // A branch collapses: its sub-sections are hidden.
  await contents
    .locator('summary', { hasText: 'Sources' })
    .evaluate((summary) => ((summary.parentElement as HTMLDetailsElement).open = false));
  await expect(contents.getByRole('link', { name: 'Glaciers' })).toBeHidden();
});

test('scrolling by hand right after a jump from the contents is not pulled back to the heading', async ({ launch }) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  await pasteDocument(page, outlined);
  const contents = page.getByRole('navigation', { name: 'Contents' });
  await expect(contents.getByRole('link', { name: 'Coda' })).toBeVisible();
  // The jump corrects its place over the next frames; the wheel comes within the same task, before any of them.
  await page.evaluate(() => {
    const reader = document.querySelector<HTMLElement>('main.reader')!;
    Array.from(document.querySelectorAll<HTMLAnchorElement>('.toc-link'))
      .find((link) => link.textContent === 'Glaciers')!
      .click();
    reader.dispatchEvent(new WheelEvent('wheel', { deltaY: 100_000, bubbles: true }));
    reader.scrollTop = reader.scrollHeight;
  });
  await expect(contents.getByRole('link', { name: 'Coda' })).toHaveAttribute('aria-current', 'location');
  // Well past the frames a jump settles in.
  await page.waitForTimeout(1_000);
  expect(await headingOffset(page, 'Glaciers')).toBeLessThan(-200);
  await expect(contents.getByRole('link', { name: 'Coda' })).toHaveAttribute('aria-current', 'location');
});

test('Ctrl+F finds in the document regardless of case, counts, steps with Enter, Shift+Enter and F3, and Escape closes', async ({
  launch,
}) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  const expected = await page.evaluate(
    () =>
      (
        document
          .querySelector('.document-body')!
          .textContent!.toLowerCase()
          .match(/countries/g) ?? []
      ).length,
  );
  expect(expected).toBeGreaterThan(3);

  await page.locator('main.reader').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+F');
  const find = page.getByRole('searchbox', { name: 'Find in document' });
  await expect(find).toBeFocused();
  await find.fill('COUNTRIES');
  const count = page.getByRole('search', { name: 'Find in document' }).getByRole('status');
  await expect(count).toHaveText(`1 of ${expected}`);
  await page.keyboard.press('Enter');
  await expect(count).toHaveText(`2 of ${expected}`);
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.press('Shift+Enter');
  await expect(count).toHaveText(`${expected} of ${expected}`);
  await page.keyboard.press('F3');
  await expect(count).toHaveText(`1 of ${expected}`);
  await page.getByRole('button', { name: 'Next match' }).click();
  await expect(count).toHaveText(`2 of ${expected}`);

  const painted = () =>
    page.evaluate(() => ({
      all: CSS.highlights.get('gloss-find')?.size ?? 0,
      current: CSS.highlights.get('gloss-find-current')?.size ?? 0,
    }));
  expect(await painted()).toEqual({ all: expected, current: 1 });

  await find.fill('no such words here');
  await expect(count).toHaveText('No matches');

  await find.press('Escape');
  await expect(find).toBeHidden();
  expect(await painted()).toEqual({ all: 0, current: 0 });
});

test('the length of the open document is shown, counting each CJK character as a word', async ({ launch }) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  await pasteDocument(page, '# 中文\n\n我们在北京大学学习。');
  await expect(page.getByRole('article').getByRole('heading', { level: 1 }).first()).toHaveText('中文');
  await expect(page.getByRole('navigation', { name: 'Contents' }).locator('.document-stats')).toHaveText('11 words · 1 min read');
  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(library.getByRole('listitem').filter({ hasText: '中文' })).toContainText('0 highlights · 1 min');
});
