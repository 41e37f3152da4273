import { expect, test } from './fixtures';

function settingsDialog(page: import('playwright/test').Page) {
  return page.getByRole('dialog', { name: 'Reading settings' });
}

/** What the reader's text column actually uses, as computed by the browser. */
function readerLook(page: import('playwright/test').Page) {
  return page.evaluate(() => {
    const body = getComputedStyle(document.querySelector('.document-body')!);
    return {
      theme: document.documentElement.dataset.theme,
      fontFamily: body.fontFamily,
      fontSize: body.fontSize,
      background: getComputedStyle(document.body).backgroundColor,
    };
  });
}

test('theme and typography chosen in Reading settings show at once and are there after a relaunch', async ({ launch }) => {
  let app = await launch();
  let { page } = app;
  await expect(page.getByRole('article')).toBeVisible();
  const before = await readerLook(page);
  expect(before.theme).toBe('light');

  await page.getByRole('button', { name: 'Reading settings' }).click();
  let dialog = settingsDialog(page);
  await expect(dialog).toBeVisible();
  // Keyboard first: the dialog opens on its first control.
  await expect(dialog.getByRole('combobox', { name: 'Font' })).toBeFocused();
  await dialog.getByRole('combobox', { name: 'Font' }).selectOption({ label: 'Monospace' });
  await dialog.getByRole('slider', { name: 'Text size' }).fill('24');
  await dialog.getByRole('slider', { name: 'Line height' }).fill('2');
  await dialog.getByRole('slider', { name: 'Column width' }).fill('30');
  await dialog.getByRole('radio', { name: 'Sepia' }).check();
  await expect(dialog.locator('output').first()).toHaveText('24 px');

  const after = await readerLook(page);
  expect(after).toMatchObject({ theme: 'sepia', fontSize: '24px' });
  expect(after.fontFamily).toContain('monospace');
  expect(after.background).not.toBe(before.background);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Reading settings' })).toBeFocused();
  await app.close();

  app = await launch();
  page = app.page;
  await expect(page.getByRole('article')).toBeVisible();
  await expect.poll(() => readerLook(page)).toMatchObject({ theme: 'sepia', fontSize: '24px', background: after.background });
  expect((await readerLook(page)).fontFamily).toContain('monospace');
  await page.getByRole('button', { name: 'Reading settings' }).click();
  dialog = settingsDialog(page);
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('slider', { name: 'Line height' })).toHaveValue('2');
  await expect(dialog.getByRole('slider', { name: 'Column width' })).toHaveValue('30');
  await expect(dialog.getByRole('radio', { name: 'Sepia' })).toBeChecked();
});

test('dark, then follow the system: the system’s dark scheme applies to the new controls too', async ({ launch }) => {
  const { page } = await launch({ colorScheme: 'dark' });
  await expect(page.getByRole('article')).toBeVisible();
  expect((await readerLook(page)).theme).toBe('dark');
  await page.getByRole('button', { name: 'Reading settings' }).click();
  await page.getByRole('radio', { name: 'Light' }).check();
  expect((await readerLook(page)).theme).toBe('light');
  await page.getByRole('radio', { name: 'Follow the system' }).check();
  expect((await readerLook(page)).theme).toBe('dark');
  // The popover itself is drawn in the theme's colors, not the browser's defaults.
  const popoverBackground = await page
    .getByRole('dialog', { name: 'Reading settings' })
    .evaluate((node) => getComputedStyle(node).backgroundColor);
  expect(popoverBackground).toBe(await page.evaluate(() => getComputedStyle(document.body).backgroundColor));
});
