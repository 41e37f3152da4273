import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Locator, Page } from 'playwright/test';
import { expect, seedTitle, test } from './fixtures';

const require = createRequire(import.meta.url);
const themes = ['light', 'dark', 'sepia'] as const;

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

let axeSource: string | null = null;

/**
 * Runs axe-core over the whole page and returns its violations, one line
 * each with the elements it found. axe is evaluated through the DevTools
 * protocol, which the page's Content-Security-Policy (script-src 'self') does
 * not govern, so the app's policy stays exactly as it ships.
 */
async function axeViolations(page: Page): Promise<string[]> {
  axeSource ??= await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  // Transitions (a dialog fading in) would be measured half-way: let them finish.
  await page.evaluate(() => document.getAnimations().forEach((animation) => animation.finish()));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })),
    }));
  });
  return violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
        .map((node) => `${node.target.join(' ')}${node.failureSummary ? ` [${node.failureSummary.replace(/\s+/g, ' ')}]` : ''}`)
        .join('; ')}`,
  );
}

async function chooseTheme(page: Page, theme: (typeof themes)[number]): Promise<void> {
  await page.getByRole('button', { name: 'Reading settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Reading settings' });
  await dialog.getByRole('radio', { name: theme[0]!.toUpperCase() + theme.slice(1) }).check();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

async function settled(page: Page): Promise<void> {
  await expect(page.getByRole('article')).toBeVisible();
  await expect(page.getByRole('complementary', { name: 'Notes' }).getByRole('textbox', { name: 'Document note' })).toBeVisible();
}

/** Every screen the issue lists, in one theme; returns each screen's violations. */
async function auditScreens(page: Page): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  const audit = async (screen: string, open?: Locator) => {
    if (open) await expect(open).toBeVisible();
    found[screen] = await axeViolations(page);
  };
  await audit('a document with highlights');

  await page.keyboard.press(']');
  await audit('a selected highlight', page.locator('.entry[aria-current="true"]'));
  await page.keyboard.press('Escape');

  await page.keyboard.press('Control+Shift+E');
  await expect(page.getByRole('dialog', { name: 'Export highlights' }).getByLabel('Preview')).not.toBeEmpty();
  await audit('export dialog', page.getByRole('dialog', { name: 'Export highlights' }));
  await page.keyboard.press('Escape');

  await page.getByRole('button', { name: 'Reading settings' }).click();
  await audit('settings', page.getByRole('dialog', { name: 'Reading settings' }));
  await page.keyboard.press('Escape');

  await page.keyboard.press('Control+k');
  await page.keyboard.type('cooperation');
  await audit('search results', page.locator('.search-results .search-hit, .search-results button').first());
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');

  await page.keyboard.press('?');
  await audit('shortcuts', page.getByRole('dialog', { name: 'Keyboard shortcuts' }));
  await page.keyboard.press('Escape');

  const library = page.getByRole('navigation', { name: 'Library' });
  await library.getByRole('listitem').filter({ hasText: seedTitle }).getByRole('button', { name: 'Edit details' }).click();
  await audit('edit details', page.getByRole('dialog', { name: 'Document details' }));
  await page.keyboard.press('Escape');

  await library.getByRole('listitem').filter({ hasText: seedTitle }).getByRole('button', { name: 'Delete document' }).click();
  await audit('delete confirm', page.getByRole('dialog', { name: `Delete “${seedTitle}”?` }));
  await page.keyboard.press('Escape');
  return found;
}

for (const theme of themes) {
  test(`axe-core finds no violation on any screen in the ${theme} theme`, async ({ launch }) => {
    const { page } = await launch();
    await settled(page);
    await chooseTheme(page, theme);
    const firstRun = await axeViolations(page);
    // A long quote (its entry's label is cut short) and a few more highlights, made from the keyboard in the article.
    await page.getByRole('main').focus();
    for (let paragraph = 0; paragraph < 3; paragraph++) {
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press(String(paragraph + 1));
    }
    await expect(page.getByRole('list', { name: 'Highlights' }).getByRole('listitem')).toHaveCount(3);
    const screens = { 'first run': firstRun, ...(await auditScreens(page)) };
    expect(screens).toEqual(Object.fromEntries(Object.keys(screens).map((screen) => [screen, []])));
  });
}

/**
 * Contrast beyond what axe checks: every placeholder against its field, and
 * every color swatch's border against what it sits on (WCAG 1.4.11, 3:1 for
 * the parts of a control one needs to see). Colors are read as the browser
 * computed them; translucent backgrounds are composited over their parents.
 */
function contrastFigures(page: Page): Promise<{ placeholders: [string, number][]; swatches: [string, number][] }> {
  return page.evaluate(() => {
    type Rgba = [number, number, number, number];
    const parse = (color: string): Rgba => {
      const numbers = (color.match(/[\d.]+/g) ?? []).map(Number);
      // rgb()/rgba() give 0–255 channels; color(srgb …) from color-mix gives 0–1.
      const [r = 0, g = 0, b = 0, a = 1] = color.startsWith('color(') ? numbers.map((n, i) => (i < 3 ? n * 255 : n)) : numbers;
      return [r, g, b, a];
    };
    const over = (top: Rgba, bottom: Rgba): Rgba => [0, 1, 2].map((i) => top[i]! * top[3] + bottom[i]! * (1 - top[3])).concat(1) as Rgba;
    const background = (element: Element | null): Rgba => {
      if (!element) return [255, 255, 255, 1];
      const own = parse(getComputedStyle(element).backgroundColor);
      return own[3] >= 1 ? own : over(own, background(element.parentElement));
    };
    const luminance = ([r, g, b]: Rgba) =>
      [r, g, b]
        .map((channel) => channel / 255)
        .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
        .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
    const ratio = (a: Rgba, b: Rgba) => {
      const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
      return Math.round(((light! + 0.05) / (dark! + 0.05)) * 100) / 100;
    };
    const placeholders = Array.from(
      document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input[placeholder], textarea[placeholder]'),
    )
      .filter((field) => field.checkVisibility())
      .map((field): [string, number] => [
        field.placeholder,
        ratio(over(parse(getComputedStyle(field, '::placeholder').color), background(field)), background(field)),
      ]);
    // Each swatch's dot of color, its border against what the dot sits on, named by the name its button shows.
    const swatches = Array.from(document.querySelectorAll<HTMLElement>('.color-choice .swatch-dot, .toolbar-color .swatch-dot'))
      .filter((dot) => dot.checkVisibility())
      .map((dot): [string, number] => [
        `${dot.closest('[role="toolbar"]') ? 'toolbar' : 'radio'} ${(dot.parentElement as HTMLElement).innerText.trim()}`,
        ratio(over(parse(getComputedStyle(dot).borderTopColor), background(dot.parentElement)), background(dot.parentElement)),
      ]);
    return { placeholders, swatches };
  });
}

const colorNames = ['Yellow', 'Green', 'Blue', 'Pink', 'Purple'];

test('placeholders reach 4.5:1 and color swatch borders 3:1 in every theme; the color radios are one Tab stop moved with arrows', async ({
  launch,
}) => {
  const { page } = await launch();
  await settled(page);
  await page.getByRole('main').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('h');
  const entry = page.locator('.entry[aria-current="true"]');
  await expect(entry.getByRole('radio', { name: 'Yellow' })).toBeVisible();
  const toolbar = page.getByRole('toolbar', { name: 'Highlight selection' });
  for (const theme of themes) {
    await chooseTheme(page, theme);
    // The selection toolbar too: a sentence selected from the keyboard brings it up.
    await page.getByRole('main').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+ArrowRight');
    await expect(toolbar).toBeVisible();
    const { placeholders, swatches } = await contrastFigures(page);
    expect(placeholders.length).toBeGreaterThan(2);
    // Never color alone: every swatch shows its color's name, which is also its accessible name.
    expect(swatches.map(([name]) => name)).toEqual([
      ...colorNames.map((name) => `radio ${name}`),
      ...colorNames.map((name) => `toolbar ${name}`),
    ]);
    for (const name of colorNames) {
      await expect(toolbar.getByRole('button', { name, exact: true })).toHaveText(name);
      await expect(entry.getByRole('radio', { name, exact: true })).toHaveText(name);
    }
    test.info().annotations.push({ type: `swatch contrast (${theme})`, description: JSON.stringify(swatches) });
    // Listed with their figures, so a failure says which one and how far off.
    expect({ theme, faint: placeholders.filter(([, ratio]) => ratio < 4.5) }).toEqual({ theme, faint: [] });
    expect({ theme, faint: swatches.filter(([, ratio]) => ratio < 3) }).toEqual({ theme, faint: [] });
  }

  // One Tab stop: Tab lands on the checked color; arrows choose the next one; Tab leaves the group.
  // A click in Tags ends the selection made above, so the toolbar is gone (and the pane settled) before Tab is measured.
  const tags = entry.getByRole('textbox', { name: 'Tags' });
  await tags.click();
  await expect(toolbar).toBeHidden();
  await expect(tags).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(entry.getByRole('radio', { name: 'Yellow' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('.entry[aria-current="true"]').getByRole('radio', { name: 'Green' })).toBeFocused();
  await expect(page.locator('.entry[aria-current="true"]').getByRole('radio', { name: 'Green' })).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('Tab');
  await expect(page.locator('.entry[aria-current="true"]').getByRole('button', { name: 'Copy quote' })).toBeFocused();
});
