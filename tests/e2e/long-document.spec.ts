import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderedText } from '../../main/core/import/rendered-text';
import { LibraryStore } from '../../main/core/storage/library-store';
import { seedArticlePath } from '../../main/config';
import { defaultReaderSettings, type Highlight } from '../../common/contract';
import { describeTextRange } from '../../common/anchoring';
import { projectRoot } from '../harness';
import type { Page } from 'playwright/test';
import { expect, test } from './fixtures';
import { paintedHighlights, topVisibleBlock } from './reader-helpers';

/**
 * A document long enough to be rendered in many pieces, most of them laid out
 * only when scrolled near (reader-view.ts): opening it, jumping deep into it
 * and coming back to a deep reading position must behave as on a short one.
 */
const paragraphCount = 3_000;
const paragraph = (index: number): string =>
  `Paragraph ${index} of the long document says something about reading, margins and the patience that a long text asks of its reader.`;
const markdown = `# A long document\n\n${Array.from({ length: paragraphCount }, (_, index) => paragraph(index + 1)).join('\n\n')}\n`;

function highlightOn(text: string, phrase: string, revision: number, note: string): Highlight {
  const start = text.indexOf(phrase);
  if (start === -1) throw new Error(`“${phrase}” is not in the text`);
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    ...describeTextRange(text, start, start + phrase.length),
    revision,
    color: 'green',
    note,
    tags: [],
    createdAt: now,
    updatedAt: now,
  };
}

/** The long document in the library at `dataDir`, with a highlight near its start and one far down; the app opens it first. */
/**
 * Waits for the window title the opened document gives. Not `toHaveTitle`:
 * each of its retries takes an ARIA snapshot of the whole page, which forces
 * the layout of every paragraph while the reader is still adding them. On the
 * Japanese book that kept the title away for 24–45 s; polled like this it
 * comes in about 3 s.
 */
async function expectDocumentTitle(page: Page, title: string): Promise<void> {
  await expect.poll(() => page.title(), { timeout: 30_000 }).toBe(`${title} — Gloss`);
}

async function addLongDocument(dataDir: string): Promise<void> {
  const store = await LibraryStore.open({ dataDir, seedArticlePath: seedArticlePath(projectRoot) });
  const { id } = await store.importMarkdown(markdown);
  const { revision } = await store.openDocument(id);
  const text = renderedText(markdown);
  const early = highlightOn(text, 'Paragraph 2 of the long document', revision, 'near the start');
  const deep = highlightOn(text, 'Paragraph 2400 of the long document', revision, 'far down');
  await store.putHighlights(id, [early, deep]);
  await store.flush();
}

test('a key pressed in the text while a long document is still opening is kept, and does its work once the document is ready; one pressed on a button is the button’s', async ({
  launch,
  dataDir,
}) => {
  // Longer than the other: its rest takes seconds to render, time enough to press keys in.
  const store = await LibraryStore.open({ dataDir, seedArticlePath: seedArticlePath(projectRoot) });
  const { id } = await store.importMarkdown(
    `# A very long document\n\n${Array.from({ length: 8 * paragraphCount }, (_, index) => paragraph(index + 1)).join('\n\n')}\n`,
  );
  // Opened last, so the app opens it first.
  await store.openDocument(id);
  await store.flush();
  const { page } = await launch();
  await expect(page.getByText('Paragraph 1 of the long document', { exact: false })).toBeVisible({ timeout: 30_000 });
  await page.evaluate(() =>
    document.addEventListener('keydown', (event) => event.key === 'Enter' && performance.mark('test:enter'), { capture: true }),
  );
  // Enter on a button is the button's: Reading settings opens at once.
  await page.getByRole('button', { name: 'Reading settings' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Reading settings' })).toBeVisible();
  await page.keyboard.press('Escape');
  // Pressed from inside the page, so that whether the rest of the document had been rendered is known for that same instant.
  const renderedWhenPressed = await page.evaluate(() => {
    const rendered = performance.getEntriesByName('gloss:all-rendered').length > 0;
    document
      .querySelector('main.reader')!
      .dispatchEvent(new KeyboardEvent('keydown', { key: 'f', ctrlKey: true, bubbles: true, cancelable: true }));
    return rendered;
  });
  expect(renderedWhenPressed).toBe(false);
  await expect(page.getByRole('searchbox', { name: 'Find in document' })).toBeFocused({ timeout: 30_000 });
  const [enter, rendered] = await page.evaluate(() =>
    ['test:enter', 'gloss:all-rendered'].map((name) => performance.getEntriesByName(name)[0]?.startTime ?? Number.NaN),
  );
  expect(enter).toBeLessThan(rendered!);
});

test('a long document shows its first screen before the rest is rendered, and jumps and restores positions deep inside it', async ({
  launch,
  dataDir,
}) => {
  await addLongDocument(dataDir);

  let app = await launch();
  let { page } = app;
  await expectDocumentTitle(page, 'A long document');
  const progress = await page.evaluate(() => ({
    pieces: document.querySelectorAll('.document-chunk').length,
    visible: performance.getEntriesByName('gloss:highlights-visible')[0]?.startTime ?? Number.NaN,
    complete: performance.getEntriesByName('gloss:complete')[0]?.startTime ?? Number.NaN,
  }));
  expect(progress.pieces).toBeGreaterThan(5);
  expect(progress.visible).toBeLessThan(progress.complete);
  expect(await paintedHighlights(page)).toEqual({ green: ['Paragraph 2 of the long document', 'Paragraph 2400 of the long document'] });
  expect(await page.locator('.document-body').evaluate((body) => body.textContent)).toBe(renderedText(markdown));

  // Jump from the notes pane to the deep highlight, across pieces never laid out.
  const entries = page.getByRole('list', { name: 'Highlights' }).getByRole('listitem');
  await entries.nth(1).getByRole('button').first().click();
  await expect
    .poll(() =>
      page.evaluate(() => {
        const flash = Array.from(CSS.highlights.get('gloss-flash') ?? [])[0] as AbstractRange | undefined;
        if (!flash) return 'no flash';
        const range = document.createRange();
        range.setStart(flash.startContainer, flash.startOffset);
        range.setEnd(flash.endContainer, flash.endOffset);
        const box = range.getBoundingClientRect();
        const reader = document.querySelector('main')!.getBoundingClientRect();
        return box.top >= reader.top && box.bottom <= reader.bottom
          ? range.toString()
          : `off screen at ${Math.round(box.top - reader.top)} px`;
      }),
    )
    .toBe('Paragraph 2400 of the long document');

  // A deep reading position comes back on relaunch.
  // Scrolled as a reader scrolls, through laid-out text (scrollIntoView would land on the top of the piece not laid out yet).
  await page.getByText('Paragraph 1700 of the long document', { exact: false }).evaluate(async (block) => {
    const reader = document.querySelector('main')!;
    for (let frame = 0; frame < 10; frame++) {
      reader.scrollTop += block.getBoundingClientRect().top - reader.getBoundingClientRect().top;
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  });
  await expect(page.getByRole('main')).toHaveAttribute('data-position-state', 'saved');
  const before = await topVisibleBlock(page);
  expect(before).toMatch(/^Paragraph 1(69[89]|700) /);
  await app.close();

  app = await launch();
  page = app.page;
  await expectDocumentTitle(page, 'A long document');
  await expect.poll(() => topVisibleBlock(page)).toBe(before);
});

/**
 * Japanese lines hold half the characters the reader's size estimate for an
 * unlaid piece assumes, so a long book's end lies far past where the estimates
 * put it. End must reach it, in lines across and in vertical ones.
 */
for (const writingMode of [null, 'vertical-rl'] as const) {
  test(`End reaches the last paragraph of a long Japanese book${writingMode ? ' set in vertical lines' : ''}`, async ({
    launch,
    dataDir,
  }) => {
    const line = (index: number) =>
      `第${index}段落。川の水は静かに海へ流れていきました。山の向こうに日が沈み、村の人々は家路につきました。`;
    const frontmatter = `---\ntitle: 長い本\nlang: ja\n${writingMode ? `writing-mode: ${writingMode}\n` : ''}---\n`;
    const store = await LibraryStore.open({ dataDir, seedArticlePath: seedArticlePath(projectRoot) });
    const { id } = await store.importMarkdown(
      `${frontmatter}${Array.from({ length: 4_000 }, (_, index) => line(index + 1).repeat(2)).join('\n\n')}\n`,
    );
    await store.openDocument(id); // the document last opened is the one the app opens
    await store.flush();
    const { page } = await launch();
    await expectDocumentTitle(page, '長い本');
    // Once every piece is rendered (the estimates stand for pieces not laid out yet, not for missing ones).
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName('gloss:complete').length), { timeout: 30_000 }).toBe(1);
    const reader = page.locator('main.reader');
    await reader.focus();
    await page.keyboard.press('End');
    const lastInView = () =>
      page.evaluate(() => {
        const paragraphs = document.querySelectorAll('.document-body p');
        const last = paragraphs[paragraphs.length - 1]!.getBoundingClientRect();
        const view = document.querySelector('main.reader')!.getBoundingClientRect();
        return last.right > view.left && last.left < view.right && last.bottom > view.top && last.top < view.bottom;
      });
    await expect.poll(lastInView).toBe(true);
    await page.keyboard.press('Home');
    await expect.poll(() => reader.evaluate((element) => Math.abs(element.scrollTop) + Math.abs(element.scrollLeft))).toBe(0);
  });
}

test('at a large text size the scroll bar is right from the start: the pieces not laid out yet are sized by the first one', async ({
  launch,
  dataDir,
}) => {
  await addLongDocument(dataDir);
  await writeFile(join(dataDir, 'settings.json'), JSON.stringify({ schemaVersion: 1, reader: { ...defaultReaderSettings, fontSize: 28 } }));
  const { page } = await launch();
  await expectDocumentTitle(page, 'A long document');
  await expect.poll(() => page.evaluate(() => performance.getEntriesByName('gloss:complete').length), { timeout: 30_000 }).toBe(1);
  const reader = page.locator('main.reader');
  const reserved = await reader.evaluate((element) => element.scrollHeight);
  // Scrolled through once, every piece has been laid out and the height is the real one.
  await reader.evaluate(async (element) => {
    while (element.scrollTop + element.clientHeight < element.scrollHeight - 1) {
      element.scrollTop += element.clientHeight * 4;
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
  });
  const laidOut = await reader.evaluate((element) => element.scrollHeight);
  // Reserved at the default text size, it was a third of the real height.
  expect(laidOut / reserved).toBeGreaterThan(0.8);
  expect(laidOut / reserved).toBeLessThan(1.25);
});
