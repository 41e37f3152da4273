import { LibraryStore } from '../../main/core/storage/library-store';
import { seedArticlePath } from '../../main/config';
import { projectRoot } from '../harness';
import { expect, test } from './fixtures';
import { topVisibleBlock } from './reader-helpers';

test('relaunching restores the document that was open and the place in it', async ({ launch, dataDir }) => {
  // A second document, added through the same storage core the app uses.
  const store = await LibraryStore.open({ dataDir, seedArticlePath: seedArticlePath(projectRoot) });
  const paragraphs = Array.from(
    { length: 60 },
    (_, index) => `Paragraph ${index + 1} of the second document, long enough to wrap across a line or two of the reading column.`,
  );
  await store.importMarkdown(`---\ntitle: A second document\nauthor: Test Author\n---\n${paragraphs.join('\n\n')}\n`);
  await store.flush();

  let app = await launch();
  const library = app.page.getByRole('navigation', { name: 'Library' });
  await expect(library.getByRole('listitem')).toHaveCount(2);
  await library.getByRole('button', { name: /A second document/ }).click();
  const article = app.page.getByRole('main').getByRole('article');
  await expect(article.getByRole('heading', { level: 1 })).toHaveText('A second document');

  // Until the document has finished opening it puts the reader at its start; scrolled before that, the scroll is undone: scroll again.
  let before = '';
  await expect(async () => {
    await article.getByText('Paragraph 31 of the second document').evaluate((paragraph) => paragraph.scrollIntoView({ block: 'start' }));
    await expect(app.page.getByRole('main')).toHaveAttribute('data-position-state', 'saved');
    before = await topVisibleBlock(app.page);
    expect(before).toMatch(/^Paragraph 3[01] /);
  }).toPass({ timeout: 30_000 });
  await app.close();

  app = await launch();
  await expect(app.page.getByRole('main').getByRole('heading', { level: 1 })).toHaveText('A second document');
  await expect(app.page.getByRole('navigation', { name: 'Library' }).getByRole('button', { name: /A second document/ })).toHaveAttribute(
    'aria-current',
    'page',
  );
  // The position is restored once the reading font has loaded, a moment after the text appears.
  await expect.poll(() => topVisibleBlock(app.page)).toBe(before);
});
