import type { Highlight } from '../../common/contract';
import type { LaunchedApp } from '../harness';
import { findLiveContent } from '../security/inert';
import { asTags, before, type Payload, payloads } from '../security/payloads';
import { recordFigure } from '../support/figures';
import { expect, test } from './fixtures';
import { addThroughFileChooser } from './reader-helpers';

/** What the page and the browser saw that would mean a payload ran or reached out. */
interface Watch {
  dialogs: string[];
  consoleMarkers: string[];
  navigations: string[];
  popups: string[];
  outsideRequests: string[];
  /** Read from the page: `__pwned` calls and CSP violations. */
  inPage(): Promise<{ pwned: number[]; violations: string[] }>;
}

/**
 * Installs the markers before any payload is shown: `__pwned` (every payload
 * that could run calls it with its number), a CSP-violation log (a violation
 * means something live reached the DOM and only the CSP stopped it), and
 * listeners for dialogs, console markers, navigation, popups and requests
 * that leave the app's origin.
 */
async function watchForExecution({ page }: LaunchedApp): Promise<Watch> {
  const appBase = new URL('/', page.url()).href;
  const requested = (url: string): boolean => !url.startsWith(appBase) && !url.startsWith('data:');
  const watch: Omit<Watch, 'inPage'> = { dialogs: [], consoleMarkers: [], navigations: [], popups: [], outsideRequests: [] };
  page.on('dialog', (dialog) => {
    watch.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => undefined);
  });
  page.on('console', (message) => {
    if (/PWNED|__pwned/.test(message.text())) watch.consoleMarkers.push(message.text());
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && !frame.url().startsWith(appBase)) watch.navigations.push(frame.url());
  });
  page.on('popup', (popup) => watch.popups.push(popup.url()));
  // Every attempt counts, even one the CSP then blocks: the sanitizer should leave nothing that tries.
  page.on('request', (request) => {
    if (requested(request.url())) watch.outsideRequests.push(request.url());
  });
  await page.evaluate(() => {
    const record = { pwned: [] as number[], violations: [] as string[] };
    // Not writable, so no payload (e.g. an element with id="__pwned") can replace the marker.
    Object.defineProperty(window, '__glossHostile', { value: record });
    Object.defineProperty(window, '__pwned', { value: (id: number) => void record.pwned.push(id) });
    // Chromium also reports what DOMPurify's DOMParser merely parsed (inert; the target is then the
    // document): only a violation raised by an element of the page means something live reached it.
    document.addEventListener('securitypolicyviolation', (event) => {
      if (event.target instanceof Element)
        record.violations.push(`${event.effectiveDirective} ${event.blockedURI} on <${event.target.localName}>`);
    });
  });
  return {
    ...watch,
    inPage: () => page.evaluate(() => (window as unknown as { __glossHostile: { pwned: number[]; violations: string[] } }).__glossHostile),
  };
}

/**
 * The payloads in a few documents (one launch, few imports). A payload that
 * hides the text after it goes last in its document, so every other
 * payload's surroundings can still be checked.
 */
function documentsOf(all: readonly Payload[]): Payload[][] {
  const hiding = all.filter((payload) => payload.hidesFollowingText);
  const count = Math.max(6, hiding.length);
  const parts: Payload[][] = Array.from({ length: count }, () => []);
  all.filter((payload) => !payload.hidesFollowingText).forEach((payload, index) => parts[index % count]!.push(payload));
  hiding.forEach((payload, index) => parts[index]!.push(payload));
  return parts;
}

const title = (part: number): string => `Hostile part ${part + 1}`;
const end = (part: number): string => `End of hostile part ${part + 1}.`;
const noteMarker = (payload: Payload): string => `Note for payload ${payload.id}.`;

function markdownOf(part: number, chosen: readonly Payload[]): string {
  // The author is a payload too: the library shows it as text.
  const frontmatter = `---\ntitle: ${title(part)}\nauthor: ${JSON.stringify(`<img src=x onerror=__pwned(0)> part ${part + 1}`)}\n---\n`;
  // Import refuses a file with NUL bytes as binary (tested elsewhere); in a document a NUL is written as
  // U+FFFD, what an HTML parser makes of it anyway. Notes and tags below get the raw NUL.
  const body = chosen.map((payload) => `${before(payload)}\n\n${payload.source.replaceAll('\u0000', '\uFFFD')}\n\n`).join('');
  return `${frontmatter}\n${body}${end(part)}\n`;
}

/** Lets late payloads have their chance: image errors, animations, meta refreshes. */
async function settle(app: LaunchedApp): Promise<void> {
  await app.page.evaluate(async () => {
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    await new Promise((resolve) => setTimeout(resolve, 300));
  });
}

/** Hovers, focuses and clicks everything the reader or notes pane shows, as a curious reader would; returns how many links were clicked. */
async function poke(app: LaunchedApp, selector: string): Promise<number> {
  return app.page.locator(selector).evaluate((root) => {
    for (const element of Array.from(root.querySelectorAll('*'))) {
      for (const type of ['mouseover', 'mouseenter', 'pointerenter', 'focusin']) element.dispatchEvent(new Event(type, { bubbles: true }));
    }
    const links = Array.from(root.querySelectorAll('a'));
    // SVG's <a> has no click(); a dispatched click reaches the reader's link handler the same way.
    for (const link of links) link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
    return links.length;
  });
}

test('hostile documents, notes and tags run nothing, reach nothing outside the app, and stay readable', async ({ launch }) => {
  test.setTimeout(120_000);
  const app = await launch();
  const { page } = app;
  await expect(page.getByRole('article')).toBeVisible();
  const watch = await watchForExecution(app);
  const parts = documentsOf(payloads);
  const library = page.getByRole('navigation', { name: 'Library' });
  const notes = page.getByRole('complementary', { name: 'Notes' });

  await addThroughFileChooser(
    page,
    parts.map((chosen, part) => ({
      name: `hostile-${part + 1}.md`,
      mimeType: 'text/markdown',
      buffer: Buffer.from(markdownOf(part, chosen)),
    })),
  );
  await expect(library.getByRole('listitem')).toHaveCount(parts.length + 1);

  let linksClicked = 0;
  const live: string[] = [];
  const unreadable: string[] = [];
  const openPart = async (part: number): Promise<void> => {
    await library.getByRole('button', { name: new RegExp(`^${title(part)}\\b`) }).click();
    await expect(page.getByRole('article')).toContainText(before(parts[part]![0]!));
  };

  for (const [part, chosen] of parts.entries()) {
    await openPart(part);
    await settle(app);
    const text = (await page.getByRole('article').textContent()) ?? '';
    unreadable.push(...chosen.filter((payload) => !text.includes(before(payload))).map((payload) => `payload ${payload.id} in the reader`));
    if (!chosen.at(-1)!.hidesFollowingText && !text.includes(end(part)))
      unreadable.push(`${end(part)} (after payload ${chosen.at(-1)!.id})`);
    // Inside each of the reader's pieces: the pieces themselves are the app's (their style is its height estimate).
    for (const piece of await page.locator('.document-chunk').all())
      live.push(...(await piece.evaluate(findLiveContent)).map((problem) => `${title(part)}: ${problem}`));
    linksClicked += await poke(app, 'main.reader');
    await settle(app);
  }

  // The same payloads as notes and tags, saved through the bridge as the notes pane saves them, and the document note.
  let tagsTried = 0;
  for (const [part, chosen] of parts.entries()) {
    await openPart(part);
    const tagged = await page.evaluate(
      async ({ titleText, entries }) => {
        const library = await window.gloss.getLibrary();
        if (!library.ok) throw new Error(library.error.message);
        const id = library.value.documents.find((document) => document.title === titleText)!.id;
        const opened = await window.gloss.openDocument(id);
        if (!opened.ok) throw new Error(opened.error.message);
        const now = new Date().toISOString();
        let tags = 0;
        for (const entry of entries) {
          const highlight: Highlight = {
            id: crypto.randomUUID(),
            quote: { type: 'TextQuoteSelector', exact: entry.quote, prefix: '', suffix: '' },
            position: { type: 'TextPositionSelector', start: 0, end: entry.quote.length },
            revision: opened.value.revision,
            color: 'pink',
            note: entry.note,
            tags: entry.tags,
            createdAt: now,
            updatedAt: now,
          };
          const saved = await window.gloss.putHighlight(id, highlight);
          if (!saved.ok) throw new Error(saved.error.message);
          tags += entry.tags.length;
        }
        const noted = await window.gloss.setDocumentNote(id, entries.map((entry) => entry.note).join('\n\n'));
        if (!noted.ok) throw new Error(noted.error.message);
        return tags;
      },
      {
        titleText: title(part),
        entries: chosen.map((payload) => ({
          quote: before(payload),
          note: `${noteMarker(payload)}\n\n${payload.source}`,
          tags: asTags([payload]),
        })),
      },
    );
    tagsTried += tagged;
    // Opening another document and coming back shows what was saved.
    await openPart((part + 1) % parts.length);
    await openPart(part);
    // Entries only: rendered notes hold list items of their own.
    await expect(notes.getByRole('list', { name: 'Highlights' }).locator(':scope > li')).toHaveCount(chosen.length);
    await settle(app);
    const text = (await notes.textContent()) ?? '';
    unreadable.push(
      ...chosen.filter((payload) => !text.includes(noteMarker(payload))).map((payload) => `payload ${payload.id} in its note`),
    );
    for (const note of await notes.locator('.entry-note').all())
      live.push(...(await note.evaluate(findLiveContent)).map((problem) => `notes of ${title(part)}: ${problem}`));
    linksClicked += await poke(app, 'aside.notes');
    await settle(app);
  }

  const { pwned, violations } = await watch.inPage();
  const scriptViolations = violations.filter((violation) => violation.startsWith('script-src'));
  const executed =
    pwned.length +
    watch.dialogs.length +
    watch.consoleMarkers.length +
    watch.navigations.length +
    watch.popups.length +
    scriptViolations.length;
  const outside = [...new Set([...watch.outsideRequests, ...app.blockedRequests])];
  const openedOutsideTheWeb = app.openedExternally.filter((url) => !/^(?:https?|mailto):/.test(url));
  recordFigure('hostile-payloads', {
    line:
      `hostile payloads: ${payloads.length} tried in the real renderer (${app.runtime}; ${parts.length} documents, ${payloads.length} notes, ${tagsTried} tags, ${linksClicked} links clicked), ` +
      `${executed} executed, ${outside.length} requests outside the app, ${violations.length} CSP violations, ${openedOutsideTheWeb.length} non-web links opened, ${live.length} live elements, ${unreadable.length} unreadable`,
    values: {
      tried: payloads.length,
      executed,
      outside: outside.length,
      cspViolations: violations.length,
      openedOutsideTheWeb: openedOutsideTheWeb.length,
      live: live.length,
      unreadable: unreadable.length,
      linksClicked,
      tags: tagsTried,
    },
  });

  expect(pwned, 'payloads that called __pwned').toEqual([]);
  expect(watch.dialogs, 'dialogs').toEqual([]);
  expect(watch.consoleMarkers, 'console markers').toEqual([]);
  expect(watch.navigations, 'navigations away from the app').toEqual([]);
  expect(watch.popups, 'new windows').toEqual([]);
  expect(violations, 'CSP violations by elements of the page: something live reached it').toEqual([]);
  expect(outside, 'requests outside the app').toEqual([]);
  expect(openedOutsideTheWeb, 'links handed to the system that are not http(s) or mailto').toEqual([]);
  expect(live, 'live elements or attributes in the page').toEqual([]);
  expect(unreadable, 'text a payload made unreadable').toEqual([]);
  expect(page.frames(), 'frames').toHaveLength(1);
});
