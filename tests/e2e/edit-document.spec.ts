import { expect, test } from './fixtures';
import { paintedHighlights, selectTextWithMouse } from './reader-helpers';

const kept = 'China has kept its promises.';
const doomed = 'Another area in which China can share its experiences';

test('after editing the document, highlights re-attach and one whose passage is gone is kept as "could not be placed"', async ({
  launch,
}) => {
  let app = await launch();
  let { page } = app;
  await expect(page.getByRole('article')).toBeVisible();
  await selectTextWithMouse(page, kept);
  await page.keyboard.press('h');
  await selectTextWithMouse(page, doomed);
  await page.keyboard.press('4');
  await page.getByRole('textbox', { name: 'Note', exact: true }).fill('Note on a passage about to be deleted');
  await page.getByRole('textbox', { name: 'Note', exact: true }).blur();

  await page.getByRole('button', { name: 'Edit document' }).click();
  const editor = page.getByRole('textbox', { name: 'Document text' });
  const markdown = await editor.inputValue();
  const edited = `A new opening paragraph, added while editing.\n\n${markdown}`
    .replace(/Another area in which China can share[^\n]*\n\n/, '')
    .replace('Globalization has bound', 'Globalisation has bound');
  expect(edited).not.toContain(doomed);
  await editor.fill(edited);
  // Every position moved: the highlights are searched for in a worker, never on the page's thread.
  const anchoringWorker = page.waitForEvent('worker', { predicate: (worker) => worker.url().includes('anchoring-worker') });
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  await page.getByRole('button', { name: 'Save document' }).click();

  await expect(page.getByRole('status', { name: 'Notices' })).toContainText(
    'Document saved. 1 highlight re-attached; 1 could not be placed',
  );
  await expect(page.getByRole('article')).toContainText('A new opening paragraph');
  await anchoringWorker;
  expect(warnings.filter((warning) => warning.includes('Anchoring highlights'))).toEqual([]);
  expect(await paintedHighlights(page)).toEqual({ yellow: [kept] });
  const orphans = page.getByRole('list', { name: 'Could not be placed' });
  await expect(orphans.getByRole('listitem')).toHaveCount(1);
  await expect(orphans).toContainText(doomed);
  await expect(orphans).toContainText('Note on a passage about to be deleted');
  await expect(page.getByRole('complementary', { name: 'Notes' }).getByRole('status')).toHaveText('Saved');
  await app.close();

  app = await launch();
  page = app.page;
  await expect(page.getByRole('article')).toContainText('A new opening paragraph');
  await expect.poll(() => paintedHighlights(page)).toEqual({ yellow: [kept] });
  const orphansAfterRelaunch = page.getByRole('list', { name: 'Could not be placed' });
  await expect(orphansAfterRelaunch).toContainText(doomed);

  // Re-attach the orphan to new text: it leaves the "could not be placed" list.
  await orphansAfterRelaunch.getByRole('button').first().click();
  await selectTextWithMouse(page, 'a complete victory in the battle against extreme poverty');
  await page.getByRole('button', { name: 'Re-attach to selection' }).click();
  await expect(page.getByRole('list', { name: 'Could not be placed' })).toHaveCount(0);
  expect(await paintedHighlights(page)).toEqual({ yellow: [kept], pink: ['a complete victory in the battle against extreme poverty'] });
});
