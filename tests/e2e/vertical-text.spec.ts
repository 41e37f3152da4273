import type { Page } from 'playwright/test';
import { buildBook, xhtmlChapter } from '../support/epub-builder';
import { expect, test } from './fixtures';
import { addThroughFileChooser, paintedHighlights } from './reader-helpers';

// Our own sentences, long enough that two chapters run across several screens of vertical lines.
const sentence = (chapter: number, index: number) => `第${chapter}章の${index}番目の段落です。川の水は静かに海へ流れていきました。`;
const paragraphs = (chapter: number) =>
  Array.from({ length: 40 }, (_, index) => `<p>${sentence(chapter, index + 1)}${sentence(chapter, index + 1)}</p>`).join('');

/** A Japanese book whose stylesheet sets it in vertical lines, as Japanese EPUBs declare it (EPUB 3's prefixed property and CSS's own). */
function verticalBook(): Uint8Array {
  return buildBook({
    metadata: '<dc:title>川の話</dc:title><dc:language>ja</dc:language>',
    files: [
      {
        id: 'css',
        href: 'style.css',
        mediaType: 'text/css',
        inSpine: false,
        content: 'html { -epub-writing-mode: vertical-rl; writing-mode: vertical-rl; }',
      },
      { id: 'c1', href: 'c1.xhtml', content: xhtmlChapter(`<h1>上流</h1>${paragraphs(1)}`, '<link rel="stylesheet" href="style.css"/>') },
      { id: 'c2', href: 'c2.xhtml', content: xhtmlChapter(`<h1>河口</h1>${paragraphs(2)}`, '<link rel="stylesheet" href="style.css"/>') },
    ],
  });
}

/** The reader's scroll state: how far it has scrolled along the flow (leftwards is positive in vertical-rl) and across. */
function readerScroll(page: Page): Promise<{ along: number; scrollTop: number; scrollable: number; viewport: number }> {
  return page.locator('main.reader').evaluate((reader) => ({
    along: 0 - reader.scrollLeft,
    scrollTop: reader.scrollTop,
    scrollable: reader.scrollWidth - reader.clientWidth,
    viewport: reader.clientWidth,
  }));
}

/** How far the element holding `text` starts from the reader's right edge, where vertical-rl reading starts. */
function fromRightEdge(page: Page, selector: string, text: string): Promise<number> {
  return page.evaluate(
    ({ selector, text }) => {
      const target = Array.from(document.querySelectorAll(selector)).find((candidate) => candidate.textContent === text)!;
      return document.querySelector('main.reader')!.getBoundingClientRect().right - target.getBoundingClientRect().right;
    },
    { selector, text },
  );
}

/** The first paragraph of the article that reaches into the view from where reading starts: its right edge, or its top when the reader is across. */
function firstVisibleParagraph(page: Page): Promise<string> {
  return page.evaluate(() => {
    const reader = document.querySelector('main.reader')!;
    const view = reader.getBoundingClientRect();
    const vertical = getComputedStyle(reader).writingMode === 'vertical-rl';
    const reaches = (box: DOMRect) => (vertical ? box.left < view.right - 1 : box.bottom > view.top + 1);
    const paragraphs = Array.from(document.querySelectorAll('.document-body p'));
    return paragraphs.find((paragraph) => reaches(paragraph.getBoundingClientRect()))?.textContent ?? '';
  });
}

test('a Japanese book set in vertical lines reads top to bottom and right to left; the wheel, PageDown, the arrows and the contents follow it; Reading settings can lay it across', async ({
  launch,
}) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  await addThroughFileChooser(page, [{ name: 'kawa.epub', mimeType: 'application/epub+zip', buffer: Buffer.from(verticalBook()) }]);
  await expect(page.getByRole('status', { name: 'Notices' })).toContainText('Added “川の話”.', { timeout: 30_000 });
  const library = page.getByRole('navigation', { name: 'Library' });
  // The first document added opens by itself; its entry then takes the reader to it.
  await expect(library.locator('.library-item[aria-current="page"]')).toContainText('川の話');
  await library.getByRole('button', { name: /川の話/ }).click();
  await expect(page.locator('main.reader')).toBeFocused();

  const reader = page.locator('main.reader');
  const article = page.getByRole('article');
  await expect(article).toHaveAttribute('lang', 'ja');
  await expect(reader).toHaveCSS('writing-mode', 'vertical-rl');
  await expect(article.getByRole('heading', { name: '上流' })).toBeVisible();
  // Lines run down the page: the chapter's heading is taller than it is wide and starts at the right edge.
  const heading = await article.getByRole('heading', { name: '上流' }).boundingBox();
  expect(heading!.height).toBeGreaterThan(heading!.width);
  expect(await fromRightEdge(page, '.document-body h1', '上流')).toBeLessThan(200);
  const start = await readerScroll(page);
  expect(start.along).toBe(0);
  expect(start.scrollable).toBeGreaterThan(start.viewport * 2);

  // A wheel turned down goes on reading, leftwards; nothing scrolls down.
  const box = (await reader.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 300);
  await expect.poll(async () => (await readerScroll(page)).along).toBeGreaterThan(100);
  expect((await readerScroll(page)).scrollTop).toBe(0);

  // PageDown moves most of a screen on; Home goes back to the beginning.
  await reader.focus();
  const beforePage = (await readerScroll(page)).along;
  await page.keyboard.press('PageDown');
  await expect.poll(async () => (await readerScroll(page)).along - beforePage).toBeGreaterThan(start.viewport * 0.8);
  await page.keyboard.press('Home');
  await expect.poll(async () => (await readerScroll(page)).along).toBe(0);

  // The arrows turn with the lines: ← is the next paragraph (the chapter's heading, then its paragraphs), → the one before; H highlights it.
  for (const key of ['ArrowLeft', 'ArrowLeft', 'ArrowLeft', 'ArrowRight', 'h']) await page.keyboard.press(key);
  await expect.poll(() => paintedHighlights(page)).toEqual({ yellow: [`${sentence(1, 1)}${sentence(1, 1)}`] });

  // The contents jump to the second chapter: its heading comes to the right edge, and it is marked as the one being read.
  const contents = page.getByRole('navigation', { name: 'Contents' });
  await contents.getByRole('link', { name: '河口' }).click();
  await expect.poll(() => fromRightEdge(page, '.document-body h1', '河口')).toBeLessThan(20);
  await expect(contents.getByRole('link', { name: '河口' })).toHaveAttribute('aria-current', 'location');

  // The place is kept: another document and back, the same paragraph is first in view.
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 900);
  await expect.poll(() => firstVisibleParagraph(page)).not.toBe(sentence(2, 1).repeat(2));
  const reading = await firstVisibleParagraph(page);
  await page.waitForTimeout(1500); // the reading position is saved once scrolling pauses
  await library.getByRole('button', { name: /coronavirus outbreak/ }).click();
  // A document that declares nothing is horizontal again.
  await expect(reader).not.toHaveAttribute('data-writing-mode');
  await expect(reader).toHaveCSS('writing-mode', 'horizontal-tb');
  await library.getByRole('button', { name: /川の話/ }).click();
  await expect(reader).toHaveCSS('writing-mode', 'vertical-rl');
  await expect.poll(() => firstVisibleParagraph(page)).toBe(reading);

  // A reader who prefers lines across turns vertical lines off in Reading settings: the book reads across at once, from the same paragraph.
  await page.getByRole('button', { name: 'Reading settings' }).click();
  const verticalLines = page.getByRole('dialog', { name: 'Reading settings' }).getByRole('checkbox', { name: /Vertical lines/ });
  await expect(verticalLines).toBeChecked();
  await verticalLines.uncheck();
  await expect(reader).toHaveCSS('writing-mode', 'horizontal-tb');
  await expect.poll(() => firstVisibleParagraph(page)).toBe(reading);
  await page.keyboard.press('Escape');
  // Across, the keys are the browser's own again: PageDown scrolls down.
  await reader.focus();
  await page.keyboard.press('PageDown');
  await expect.poll(async () => (await readerScroll(page)).scrollTop).toBeGreaterThan(0);
  expect((await readerScroll(page)).along).toBe(0);
});
