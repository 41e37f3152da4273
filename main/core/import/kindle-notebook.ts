/**
 * Reads the notebook a Kindle app exports for one book (Export Notebook, an
 * HTML file): the book's title and authors, then, in reading order, section
 * headings and one entry per highlight, note or bookmark:
 *
 *   <div class="bookTitle">Title</div>
 *   <div class="authors">Author</div>
 *   <div class="sectionHeading">Chapter One</div>
 *   <div class="noteHeading">Highlight(<span class="highlight_yellow">yellow</span>) - Page 12 · Location 180</div>
 *   <div class="noteText">the highlighted text</div>
 *   <div class="noteHeading">Note - Page 12 · Location 181</div>
 *   <div class="noteText">the note</div>
 *
 * Headings are in the app's language and read as My Clippings.txt's details
 * line is (kindle-clippings.ts). A highlight's heading gives only where it
 * starts; the note written on it follows it, at its last location, so a note
 * right after a highlight, near its start, is that highlight's. The file has
 * no dates: the highlights are dated to the import.
 */
import { parseHtmlPage } from '../documents/dom';
import { clippingColor, clippingKind, type Clipping, type KindleOptions, readLocation, readPage, toBooks } from './kindle-clippings';
import { importError, importTime, refuseBinary } from './common';
import type { BooksImport } from './types';

const fileKind = 'a Kindle notebook export';

/** What tells a notebook export from any other page: its title and note headings, by class. */
export function isKindleNotebook(html: string): boolean {
  return /class=["']?bookTitle\b/.test(html) && /class=["']?noteHeading\b/.test(html);
}

/**
 * How many locations a highlight can span (a location is about 150 bytes of
 * the book; the Kindle caps a highlight near a page): a note further from a
 * highlight's start is on another passage, or on none.
 */
const highlightReach = 50;

export function parseKindleNotebook(html: string, options: KindleOptions = {}): BooksImport {
  const undated = importTime(options.now);
  refuseBinary(html, fileKind);
  const page = parseHtmlPage(html, 'text/html');
  const text = (selector: string) => (page.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const title = text('.bookTitle') || 'Untitled';
  const author = text('.authors') || null;
  const lines = headingLines(html);
  const warnings: string[] = [];
  const clippings: Clipping[] = [];
  // A heading's text is the first noteText after it.
  let awaitingText = false;
  for (const [index, element] of Array.from(page.querySelectorAll('.noteHeading, .noteText')).entries()) {
    const content = (element.textContent ?? '').trim();
    if (/\bnoteHeading\b/.test(element.getAttribute('class') ?? '')) {
      const line = lines[clippings.length] ?? index + 1;
      const kind = clippingKind(content);
      if (!kind)
        warnings.push(`line ${line}: the heading “${content.slice(0, 60)}” is in a language Gloss does not know; read as a highlight.`);
      const clipping: Clipping = {
        title,
        author,
        kind: kind ?? 'highlight',
        location: readLocation([content], `line ${line}`),
        page: readPage([content]),
        dateText: '',
        createdAt: undated(),
        dateRead: false,
        text: '',
        color: clippingColor(content),
        line,
      };
      // A note right after a highlight, within a highlight's reach of its start, is written on it, at its last location.
      const previous = clippings.at(-1);
      const reach = clipping.location && previous?.location ? clipping.location.start - previous.location.start : -1;
      if (clipping.kind === 'note' && previous?.kind === 'highlight' && reach >= 0 && reach <= highlightReach) {
        previous.location!.end = Math.max(previous.location!.end, clipping.location!.start);
      }
      clippings.push(clipping);
      awaitingText = true;
    } else if (awaitingText) {
      clippings.at(-1)!.text = content;
      awaitingText = false;
    }
  }
  if (clippings.length === 0) throw importError('line 1', `${fileKind} holds no highlights or notes.`);
  return { format: 'kindle', books: toBooks(clippings, warnings), warnings };
}

/** The line of each note heading in the file, in order, for messages. */
function headingLines(html: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let counted = 0;
  for (const match of html.matchAll(/class=["']?noteHeading\b/g)) {
    for (; counted < match.index; counted++) if (html.charCodeAt(counted) === 10) line++;
    lines.push(line);
  }
  return lines;
}
