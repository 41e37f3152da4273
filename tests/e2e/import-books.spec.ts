import { buildBook, buildEpub, xhtmlChapter } from '../support/epub-builder';
import type { Page } from 'playwright/test';
import { expect, test } from './fixtures';
import { addThroughFileChooser, selectTextWithMouse } from './reader-helpers';

test('an EPUB comes in with its chapters in order and shows its own image from the app, not a placeholder', async ({ launch }) => {
  const { page, blockedRequests } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  const notices = page.getByRole('status', { name: 'Notices' });

  await addThroughFileChooser(page, [
    { name: 'lighthouse.epub', mimeType: 'application/epub+zip', buffer: Buffer.from(buildEpub()) },
    { name: 'broken.epub', mimeType: 'application/epub+zip', buffer: Buffer.from(buildEpub({ withoutContainer: true })) },
  ]);
  // The first HTML or EPUB import loads the DOM library in main, which takes seconds on a busy machine.
  await expect(notices).toContainText('Added “Nights at the Lighthouse”.', { timeout: 30_000 });
  await expect(notices).toContainText('broken.epub is not a readable EPUB: META-INF/container.xml is missing.');
  await expect(page.getByRole('navigation', { name: 'Library' }).getByRole('listitem')).toHaveCount(2);

  const article = page.getByRole('article');
  // The reader's own title heading, then each chapter's, in spine order.
  await expect(article.getByRole('heading', { level: 1 })).toHaveText([
    'Nights at the Lighthouse',
    'The Harbour',
    'The Lighthouse',
    'The Storm',
  ]);
  const image = article.getByRole('img', { name: 'The lamp room' });
  await expect(image).toBeVisible();
  await expect(image).toHaveAttribute('src', /^\/documents\/[0-9a-f-]{36}\/assets\/lamp-room\.png$/);
  // Loaded from the app's own origin: the browser decoded the 2×2 PNG.
  await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBe(2);
  await expect(article.locator('.remote-image')).toHaveCount(0);
  expect(blockedRequests).toEqual([]);
});

test('pasted HTML becomes a document through the HTML importer; its remote image stays a placeholder', async ({ launch }) => {
  const { page, blockedRequests } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData(
      'text/html',
      '<meta charset="utf-8"><h2>Copied from a page</h2><p>A <strong>bold</strong> claim, with <img src="https://images.example/chart.png" alt="a chart">.</p>',
    );
    data.setData('text/plain', 'Copied from a page A bold claim');
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await expect(page.getByRole('status', { name: 'Notices' })).toContainText('Added “Copied from a page”.', { timeout: 30_000 });
  const article = page.getByRole('article');
  await expect(article.getByRole('heading', { level: 2 })).toHaveText('Copied from a page');
  await expect(article.locator('strong')).toHaveText('bold');
  await expect(article.locator('.remote-image')).toContainText('https://images.example/chart.png');
  expect(blockedRequests).toEqual([]);
});

test('Ctrl+Shift+V adds a web page copied in another application as a new document; main reads the clipboard', async ({ launch }) => {
  const app = await launch();
  const { page } = app;
  await expect(page.getByRole('article')).toBeVisible();
  await app.putOnClipboard({
    'text/html': '<h1>Copied elsewhere</h1><p>A paragraph with <em>emphasis</em>, copied from a browser.</p>',
    'text/plain': 'Copied elsewhere A paragraph with emphasis',
  });
  await page.getByRole('main').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+Shift+V');
  await expect(page.getByRole('status', { name: 'Notices' })).toContainText('Added “Copied elsewhere”.', { timeout: 30_000 });
  await expect(page.getByRole('article').getByRole('heading', { level: 1 })).toHaveText('Copied elsewhere');
  await expect(page.getByRole('article').locator('em')).toHaveText('emphasis');

  // Nothing on the clipboard: a message, and the library is unchanged.
  await app.putOnClipboard({});
  await page.keyboard.press('Control+Shift+V');
  await expect(page.getByRole('status', { name: 'Notices' })).toContainText('The clipboard holds no text to add as a document.');
  await expect(page.getByRole('navigation', { name: 'Library' }).getByRole('listitem')).toHaveCount(2);
});

test('a book’s SVG plate shows as an image from the app, and the script inside it runs nothing', async ({ launch }) => {
  const { page, blockedRequests } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  const plate =
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30" onload="parent.__svgRan = true">' +
    '<script>parent.__svgRan = true; fetch("https://evil.example/svg")</script><rect width="40" height="30" fill="teal"/></svg>';
  const book = buildBook({
    metadata: '<dc:title>Plates</dc:title>',
    files: [
      {
        id: 'c1',
        href: 'c1.xhtml',
        content: xhtmlChapter('<h1>Plates</h1><p>The first plate.</p><p><img src="plate.svg" alt="The white rabbit"/></p>'),
      },
      { id: 'p1', href: 'plate.svg', mediaType: 'image/svg+xml', content: plate, inSpine: false },
    ],
  });
  await addBook(page, 'plates.epub', book, 'Plates');

  const image = page.getByRole('article').getByRole('img', { name: 'The white rabbit' });
  await expect(image).toHaveAttribute('src', /^\/documents\/[0-9a-f-]{36}\/assets\/plate\.svg$/);
  await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBe(40);
  expect(await page.evaluate(() => (window as unknown as { __svgRan?: boolean }).__svgRan ?? false)).toBe(false);
  expect(blockedRequests).toEqual([]);
});

test('a Hebrew book reads right to left in its own language; the next document, which declares nothing, takes its direction from its text', async ({
  launch,
}) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  const book = buildBook({
    metadata: '<dc:title>שירים</dc:title><dc:language>he</dc:language>',
    files: [
      {
        id: 'c1',
        href: 'c1.xhtml',
        content: xhtmlChapter('<h1>הים</h1><p>הגלים באים והולכים פעמיים ביום.</p><blockquote><p>הירח מושך את הים.</p></blockquote>'),
      },
    ],
  });
  await addThroughFileChooser(page, [
    { name: 'poems.epub', mimeType: 'application/epub+zip', buffer: Buffer.from(book) },
    { name: 'sea.md', mimeType: 'text/markdown', buffer: Buffer.from('# البحر\n\nتأتي الأمواج وتذهب مرتين في اليوم.\n') },
  ]);
  const notices = page.getByRole('status', { name: 'Notices' });
  await expect(notices).toContainText('Added “שירים”.', { timeout: 30_000 });
  await expect(notices).toContainText('Added “البحر”.');

  const library = page.getByRole('navigation', { name: 'Library' });
  await library.getByRole('button', { name: /שירים/ }).click();
  const article = page.getByRole('article');
  await expect(article).toHaveAttribute('lang', 'he');
  await expect(article).toHaveAttribute('dir', 'rtl');
  // Laid out right to left: the quotation's rule is on its right side, and the paragraph starts at the column's right edge.
  const quote = article.locator('blockquote');
  await expect(quote).toHaveCSS('border-right-width', '3px');
  await expect(quote).toHaveCSS('border-left-width', '0px');
  // Gloss's own button keeps the interface's language.
  await expect(article.getByRole('button', { name: 'Edit document' })).toHaveAttribute('lang', 'en');

  await library.getByRole('button', { name: /البحر/ }).click();
  await expect(article).toHaveAttribute('dir', 'auto');
  await expect(article).not.toHaveAttribute('lang', /./);
  expect(
    await article
      .locator('.document-body p')
      .first()
      .evaluate((element) => getComputedStyle(element).direction),
  ).toBe('rtl');
});

test('a book’s note marker leads to its note and Back returns to the marker, by click or by key; its contents lead to each chapter', async ({
  launch,
}) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  const filler = Array.from(
    { length: 60 },
    (_, index) => `<p>Paragraph ${index + 1} about the river, the harbour and the long summer.</p>`,
  ).join('');
  const book = buildBook({
    metadata: '<dc:title>Savannah notes</dc:title>',
    files: [
      {
        id: 'contents',
        href: 'contents.xhtml',
        content: xhtmlChapter('<nav epub:type="toc"><ol><li><a href="notes.xhtml">Notes</a></li></ol></nav>'),
      },
      {
        id: 'c1',
        href: 'c1.xhtml',
        content: xhtmlChapter(
          `<h1>Savannah</h1><p>Savannah<sup><a id="ref1" href="notes.xhtml#n1" epub:type="noteref">1</a></sup> was warm.</p>${filler}`,
        ),
      },
      {
        id: 'notes',
        href: 'notes.xhtml',
        content: xhtmlChapter('<h2>Notes</h2><aside epub:type="footnote" id="n1"><p>The city was founded in 1733.</p></aside>'),
      },
    ],
  });
  await addBook(page, 'savannah.epub', book, 'Savannah notes');

  const article = page.getByRole('article');
  const marker = article.getByRole('link', { name: '1', exact: true });
  const note = article.getByText('The city was founded in 1733.');
  await expect(note).not.toBeInViewport();
  await marker.click();
  await expect(note).toBeInViewport();
  await expect(note).toBeFocused();
  await expect(marker).not.toBeInViewport();
  await page.getByRole('status', { name: 'Notices' }).getByRole('button', { name: 'Back' }).click();
  await expect(marker).toBeInViewport();

  // From the keyboard: Enter on the marker, then Ctrl/⌘+[ back to it.
  await marker.focus();
  await page.keyboard.press('Enter');
  await expect(note).toBeInViewport();
  await page.keyboard.press('ControlOrMeta+BracketLeft');
  await expect(marker).toBeInViewport();
  await expect(marker).toBeFocused();

  // The book's own contents: its entry leads to the chapter's heading.
  await article.getByRole('link', { name: 'Notes' }).click();
  await expect(article.getByRole('heading', { name: 'Notes', exact: true })).toBeInViewport();
  await expect(article.getByRole('heading', { name: 'Notes', exact: true })).toBeFocused();
});

test('a poem’s line numbers stand at the end of their lines, apart from the verse', async ({ launch }) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  const verse = [
    'Glowed on the marble, where the glass',
    'From which a golden cupid peeped out<span class="lnum">80</span>',
    'Another hid his eyes',
  ];
  const book = buildBook({
    metadata: '<dc:title>The marble stair</dc:title>',
    files: [{ id: 'c1', href: 'c1.xhtml', content: xhtmlChapter(`<div>${verse.map((line) => `<div>${line}</div>`).join('')}</div>`) }],
  });
  await addBook(page, 'stair.epub', book, 'The marble stair');

  const line = page.getByRole('article').getByRole('paragraph').filter({ hasText: 'peeped out' });
  await expect(line).toHaveText('From which a golden cupid peeped out 80');
  const [lineBox, numberBox, wordsBox] = await line.evaluate((paragraph) => {
    const words = document.createRange();
    words.selectNodeContents(paragraph.firstChild!);
    return [paragraph, paragraph.querySelector('.verse-line-number')!, words].map(
      (part) => part.getBoundingClientRect().toJSON() as DOMRect,
    );
  });
  // At the line's far end, on the verse's own line, well clear of its last word.
  expect(lineBox!.right - numberBox!.right).toBeLessThan(2);
  expect(Math.abs(numberBox!.top - wordsBox!.top)).toBeLessThan(wordsBox!.height);
  expect(numberBox!.left - wordsBox!.right).toBeGreaterThan(20);
});

test('a book’s equation is drawn as mathematics, and the sentence around it can be highlighted', async ({ launch }) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  const equation =
    '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block"><mfrac><mrow><mo>−</mo><mi>b</mi><mo>±</mo>' +
    '<msqrt><msup><mi>b</mi><mn>2</mn></msup><mo>−</mo><mn>4</mn><mi>a</mi><mi>c</mi></msqrt></mrow><mrow><mn>2</mn><mi>a</mi></mrow></mfrac></math>';
  const book = buildBook({
    metadata: '<dc:title>Quadratics</dc:title>',
    files: [
      {
        id: 'c1',
        href: 'c1.xhtml',
        content: xhtmlChapter(`<h1>Quadratics</h1><p>The roots of any quadratic are ${equation} and nothing else.</p>`),
      },
    ],
  });
  await addBook(page, 'quadratics.epub', book, 'Quadratics');

  const fraction = page.getByRole('article').locator('math mfrac');
  await expect(fraction).toBeVisible();
  // Drawn as a fraction: the numerator above the denominator, not one run of symbols.
  const [numerator, denominator] = await fraction.evaluate((element) =>
    Array.from(element.children, (child) => child.getBoundingClientRect().top),
  );
  expect(numerator).toBeLessThan(denominator!);
  await selectTextWithMouse(page, 'The roots of any quadratic');
  await page.keyboard.press('h');
  await expect(page.getByRole('list', { name: 'Highlights' }).getByRole('listitem')).toHaveCount(1);
});

/** Adds one book through Add documents… and waits for its notice (the first EPUB import loads jsdom in main, which takes seconds on a busy machine). */
async function addBook(page: Page, name: string, book: Uint8Array, title: string): Promise<void> {
  await addThroughFileChooser(page, [{ name, mimeType: 'application/epub+zip', buffer: Buffer.from(book) }]);
  await expect(page.getByRole('status', { name: 'Notices' })).toContainText(`Added “${title}”.`, { timeout: 30_000 });
}

test('a long book’s import shows which chapter it is converting, and the bar moves through the book', async ({ launch }) => {
  const { page } = await launch();
  await expect(page.getByRole('article')).toBeVisible();
  const notices = page.getByRole('status', { name: 'Notices' });
  const chapters = 1_200;
  const paragraph = (chapter: number, index: number) =>
    `<p>Paragraph ${index} of chapter ${chapter}, where the keeper writes down the weather, the ships and the lamp’s oil.</p>`;
  const book = buildBook({
    metadata: '<dc:title>The Keeper’s Long Log</dc:title>',
    files: Array.from({ length: chapters }, (_, index) => ({
      id: `c${index}`,
      href: `c${index}.xhtml`,
      content: xhtmlChapter(`<h1>Day ${index + 1}</h1>${Array.from({ length: 20 }, (_, line) => paragraph(index + 1, line)).join('')}`),
    })),
  });
  await addThroughFileChooser(page, [{ name: 'log.epub', mimeType: 'application/epub+zip', buffer: Buffer.from(book) }]);

  // Converting 1,200 chapters takes seconds: the notice names the chapter under way, and the bar stands part of the way through.
  const busy = () =>
    notices.evaluate((element) => {
      const bar = element.querySelector('progress');
      return {
        detail: element.querySelector('.notice-detail')?.textContent ?? '',
        value: bar?.value ?? 0,
        valueText: bar?.getAttribute('aria-valuetext') ?? null,
      };
    });
  await expect
    .poll(
      async () => {
        const { detail, value, valueText } = await busy();
        return (
          new RegExp(`^Chapter \\d[\\d,]* of ${chapters.toLocaleString('en')}$`).test(detail) &&
          valueText === detail &&
          value > 0 &&
          value < 1
        );
      },
      { timeout: 30_000 },
    )
    .toBe(true);
  await expect(notices).toContainText('Added “The Keeper’s Long Log”.', { timeout: 60_000 });
});
