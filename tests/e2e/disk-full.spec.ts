import { expect, test } from './fixtures';
import { selectTextWithMouse } from './reader-helpers';

const phrase = 'act instead of just watching as spectators';

test('a note written while the disk is full is kept, the user is told, and it is saved once there is room', async ({ launch }) => {
  let app = await launch();
  const { refuseWrites } = app;
  test.skip(!refuseWrites, 'Only the Chromium runtime can make main’s writes fail (as root, chmod cannot).');
  let { page } = app;
  await expect(page.getByRole('article')).toBeVisible();
  await selectTextWithMouse(page, phrase);
  await page.getByRole('toolbar', { name: 'Highlight selection' }).getByRole('button', { name: 'Highlight' }).click();
  const notes = page.getByRole('complementary', { name: 'Notes' });
  const status = notes.getByRole('status');
  await expect(status).toHaveText('Saved');

  refuseWrites!('ENOSPC');
  const note = notes.getByRole('textbox', { name: 'Note', exact: true });
  await note.fill('written while the disk was full');
  await note.blur();
  await expect(status).toHaveText("Gloss can't save: the disk is full. Your change is kept and will be retried.");
  await expect(status).toHaveAttribute('data-state', 'retrying');
  // Still refused after the first retry: the message stays, the note stays on screen.
  await expect(status).toHaveAttribute('data-state', 'retrying', { timeout: 2500 });
  await expect(note).toHaveValue('written while the disk was full');

  refuseWrites!(null);
  // The queue's backoff is 1 s, 2 s, 5 s: the next try lands well within this.
  await expect(status).toHaveText('Saved', { timeout: 10_000 });
  await app.close();

  app = await launch();
  page = app.page;
  await expect(page.getByRole('complementary', { name: 'Notes' }).locator('.entry-note')).toHaveText('written while the disk was full');
});
