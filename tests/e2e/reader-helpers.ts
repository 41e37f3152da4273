import type { FileChooser, Page } from 'playwright/test';

/**
 * Selects `phrase` (its `occurrence`-th appearance in the article body) the
 * way a person does: mouse down before its first character, drag, release
 * after its last.
 */
export async function selectTextWithMouse(page: Page, phrase: string, occurrence = 0): Promise<void> {
  const points = await page.evaluate(
    async ({ phrase, occurrence }) => {
      // The reading font swaps in when loaded and moves every line.
      await document.fonts.ready;
      const body = document.querySelector('.document-body');
      if (!body) throw new Error('no document body');
      const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      for (let node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node as Text);
      const text = nodes.map((node) => node.data).join('');
      let start = -1;
      for (let seen = 0; seen <= occurrence; seen++) start = text.indexOf(phrase, start + 1);
      if (start === -1) throw new Error(`phrase not found: ${phrase}`);
      const end = start + phrase.length;
      const locate = (offset: number, preferNext: boolean): { node: Text; offset: number } => {
        let consumed = 0;
        for (const node of nodes) {
          const next = consumed + node.data.length;
          if (offset < next || (!preferNext && offset === next)) return { node, offset: offset - consumed };
          consumed = next;
        }
        const last = nodes[nodes.length - 1]!;
        return { node: last, offset: last.data.length };
      };
      const charBox = (offset: number) => {
        const { node, offset: inNode } = locate(offset, true);
        const range = document.createRange();
        range.setStart(node, inNode);
        range.setEnd(node, inNode + 1);
        return range.getClientRects()[0] ?? range.getBoundingClientRect();
      };
      locate(start, true).node.parentElement?.scrollIntoView({ block: 'center' });
      const a = charBox(start);
      const b = charBox(end - 1);
      return { from: { x: a.left + 0.5, y: a.top + a.height / 2 }, to: { x: b.right - 0.5, y: b.top + b.height / 2 } };
    },
    { phrase, occurrence },
  );
  await page.mouse.move(points.from.x, points.from.y);
  await page.mouse.down();
  await page.mouse.move((points.from.x + points.to.x) / 2, (points.from.y + points.to.y) / 2, { steps: 4 });
  await page.mouse.move(points.to.x, points.to.y, { steps: 4 });
  await page.mouse.up();
}

/** The text of every painted highlight range, by color name (e.g. { yellow: ['…'] }). */
export function paintedHighlights(page: Page): Promise<Record<string, string[]>> {
  return page.evaluate(() => {
    const painted: Record<string, string[]> = {};
    for (const color of ['yellow', 'green', 'blue', 'pink', 'purple']) {
      const highlight = CSS.highlights.get(`gloss-${color}`);
      const ranges = highlight ? Array.from(highlight as unknown as Iterable<AbstractRange>) : [];
      // The painter registers StaticRanges, which have no text of their own: read it through a live Range.
      const text = (range: AbstractRange): string => {
        const live = document.createRange();
        live.setStart(range.startContainer, range.startOffset);
        live.setEnd(range.endContainer, range.endOffset);
        return live.toString();
      };
      if (ranges.length > 0) painted[color] = ranges.map(text);
    }
    return painted;
  });
}

/** Clicks the middle of the `occurrence`-th appearance of `phrase` in the article body. */
export async function clickText(page: Page, phrase: string): Promise<void> {
  const point = await page.evaluate(async (phrase) => {
    await document.fonts.ready;
    const body = document.querySelector('.document-body')!;
    const walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const index = (node as Text).data.indexOf(phrase);
      if (index === -1) continue;
      const range = document.createRange();
      const middle = index + Math.floor(phrase.length / 2);
      range.setStart(node, middle);
      range.setEnd(node, middle + 1);
      const box = range.getBoundingClientRect();
      return { x: box.left + box.width / 2, y: box.top + box.height / 2 };
    }
    throw new Error(`phrase not found: ${phrase}`);
  }, phrase);
  await page.mouse.click(point.x, point.y);
}

/**
 * The text of the first top-level block visible at the top of the reader.
 * The piece at the top is found first: blocks of a piece not laid out yet
 * overflow its estimated height and would seem to reach into the viewport.
 */
export function topVisibleBlock(page: Page): Promise<string> {
  return page.evaluate(() => {
    const top = document.querySelector('main')!.getBoundingClientRect().top + 1;
    const reaches = (element: Element): boolean => element.getBoundingClientRect().bottom > top;
    const piece = Array.from(document.querySelectorAll('.document-chunk')).find(reaches);
    return Array.from(piece?.children ?? []).find(reaches)?.textContent ?? '';
  });
}

/** Adds a document the way a person can: pasting its text outside a text box. Gloss opens it. */
export async function pasteDocument(page: Page, markdown: string): Promise<void> {
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, markdown);
}

/** Chooses `files` in the dialog that Add documents… opens, clicked as with the mouse. */
export async function addThroughFileChooser(page: Page, files: Parameters<FileChooser['setFiles']>[0]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Add documents…' }).click();
  await (await chooser).setFiles(files);
}
