import { readFile } from 'node:fs/promises';
import { seedArticlePath } from '../../main/config';
import { channels, glossEvents, subscriberName } from '../../common/contract';
import { projectRoot } from '../harness';
import { expect, seedTitle, test } from './fixtures';

test('on first run the library holds the seed article, shown with its date and exact text', async ({ launch }) => {
  const { page, blockedRequests } = await launch();

  const library = page.getByRole('navigation', { name: 'Library' });
  await expect(library.getByRole('listitem')).toHaveCount(1);
  await expect(library.getByRole('listitem')).toContainText(seedTitle);

  const article = page.getByRole('main').getByRole('article');
  await expect(article).toHaveCount(1);
  await expect(article.getByRole('heading', { level: 1 })).toHaveText(seedTitle);
  await expect(article.locator('time')).toHaveAttribute('datetime', '2021-06-16');
  await expect(article.locator('time')).toHaveText('June 16, 2021');

  const paragraphs = article.locator('.document-chunk > p');
  await expect(paragraphs.first()).toHaveText(
    'The coronavirus outbreak has raised a question about global cooperation, how are countries working together, even in the face of unresolved disputes or disagreements?',
  );
  await expect(article).not.toContainText('date 2021-06-16');
  // Curly quotes and apostrophes stay exactly as written.
  await expect(article).toContainText('“We need to act instead of just watching as spectators,” he added.');
  await expect(article).toContainText('every country’s future is intertwined.');
  const shipped = await readFile(seedArticlePath(projectRoot), 'utf8');
  const shippedParagraphs =
    shipped
      .split(/\n---\n/)[1]
      ?.split(/\n\s*\n/)
      .filter((block) => block.trim()) ?? [];
  await expect(paragraphs).toHaveCount(shippedParagraphs.length);

  await expect(page.getByRole('complementary', { name: 'Notes' })).toBeVisible();
  expect(blockedRequests).toEqual([]);
});

test('the page runs no inline script: the Content-Security-Policy is in force', async ({ launch }) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  const inlineRan = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'document.body.dataset.inlineRan = "yes"';
    document.head.append(script);
    return document.body.dataset.inlineRan ?? 'no';
  });
  expect(inlineRan).toBe('no');
});

test('the renderer sees the typed bridge and no Node or Electron internals', async ({ launch }) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  const globals = await page.evaluate(() => ({
    gloss: Object.keys(window.gloss).sort(),
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    ipcRenderer: typeof (window as unknown as { ipcRenderer?: unknown }).ipcRenderer,
  }));
  expect(globals).toEqual({
    gloss: [...Object.keys(channels), ...Object.keys(glossEvents).map(subscriberName)].sort(),
    require: 'undefined',
    process: 'undefined',
    ipcRenderer: 'undefined',
  });
});
