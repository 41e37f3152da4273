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

test('Reading settings opens beside the text it adjusts: its box meets neither the first visible paragraph nor the column', async ({
  launch,
}) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  /** The first paragraph of the article whose box is inside the reader's viewport, and the text column's box. */
  const textBoxes = () =>
    page.evaluate(() => {
      const reader = document.querySelector('main')!.getBoundingClientRect();
      const plain = (box: DOMRect) => ({ x: box.x, y: box.y, width: box.width, height: box.height });
      const paragraph = Array.from(document.querySelectorAll('.document-body p'))
        .map((element) => element.getBoundingClientRect())
        .find((box) => box.bottom > reader.top && box.top < reader.bottom && box.height > 0);
      return {
        paragraph: paragraph ? plain(paragraph) : null,
        column: plain(document.querySelector('.document-body')!.getBoundingClientRect()),
      };
    });
  type Box = { x: number; y: number; width: number; height: number };
  const meet = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

  for (const size of [
    { width: 1280, height: 860 },
    { width: 1000, height: 700 },
  ]) {
    await page.setViewportSize(size);
    await page.getByRole('button', { name: 'Reading settings' }).focus();
    await page.keyboard.press('Enter');
    const dialog = settingsDialog(page);
    await expect(dialog.getByRole('combobox', { name: 'Font' })).toBeFocused();
    // Changing the text size from the keyboard keeps it beside the text, which reflows.
    await page.keyboard.press('Tab');
    for (let step = 0; step < 4; step++) await page.keyboard.press('ArrowRight');
    const popover = (await dialog.boundingBox())!;
    const { paragraph, column } = await textBoxes();
    expect(paragraph).not.toBeNull();
    expect({ size, meetsParagraph: meet(popover, paragraph!), meetsColumn: meet(popover, column) }).toEqual({
      size,
      meetsParagraph: false,
      meetsColumn: false,
    });
    // Every control is inside the window, the last one included.
    const last = (await dialog.getByRole('radio', { name: 'Sepia' }).boundingBox())!;
    expect(last.y + last.height).toBeLessThanOrEqual(size.height);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }
});
