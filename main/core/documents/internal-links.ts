import { type DomElement, elementNode, textNode } from './dom';
import { inDocumentAnchorId, inDocumentAnchorMarker } from './html-markdown';

/**
 * A document's links to its own places (a book's contents, note markers and
 * notes, an index; a page's contents and references), kept as links within
 * the document: each place some link names, a part (a book's chapter, the
 * page) or an element's id in one, gets an id of Gloss's own
 * (html-markdown.ts inDocumentAnchorId), marked where that place starts, and
 * every link to it is pointed there. A link to an id its part lacks goes to
 * the part's start; a link leading out of the document keeps only its words
 * (or, on a page, its web address).
 *
 * Two passes: every part is read for its links and ids first, as a note's
 * marker comes chapters before the note; then each part is rewritten.
 */
export class InternalLinks {
  /** Places links name, in the order first met, then each place's own id once all parts are read. */
  readonly #linked = new Set<string>();
  readonly #existing = new Set<string>();
  #ids: Map<string, string> | null = null;

  /** `resolve` names the part a link's address (without its fragment, '' for the same part) leads to from a part, or null outside the document. */
  constructor(private readonly resolve: (from: string, address: string) => string | null) {}

  /** First pass, over a part's markup as text (a book's chapter, read without building its DOM). */
  collectFromText(part: string, markup: string): void {
    for (const match of markup.matchAll(/\s(href|id)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      const value = (match[2] ?? match[3] ?? '').replace(/&amp;/g, '&');
      if (match[1] === 'id') this.#existing.add(`${part}#${value}`);
      else this.#noteLink(part, value);
    }
  }

  /** First pass, over a part already parsed (a page). */
  collectFromDom(part: string, root: DomElement): void {
    for (const element of Array.from(root.querySelectorAll('[id]'))) this.#existing.add(`${part}#${element.getAttribute('id') ?? ''}`);
    for (const link of Array.from(root.querySelectorAll('a[href]'))) this.#noteLink(part, link.getAttribute('href') ?? '');
  }

  #noteLink(part: string, href: string): void {
    const place = this.#place(part, href);
    if (place !== null) this.#linked.add(place);
  }

  /** The id for a linked place: its own, or its part's when the part has no such id. */
  #idFor(place: string): string | undefined {
    if (this.#ids === null) {
      const ids = new Map<string, string>();
      const targets = new Map<string, string>();
      for (const linked of this.#linked) {
        const target = this.#existing.has(linked) ? linked : linked.replace(/#.*$/, '');
        let id = targets.get(target);
        if (id === undefined) targets.set(target, (id = inDocumentAnchorId(targets.size + 1)));
        ids.set(linked, id);
        ids.set(target, id);
      }
      this.#ids = ids;
    }
    return this.#ids.get(place);
  }

  /** Second pass: marks the places in this part that links name, and points its links at their places. */
  rewrite(part: string, body: DomElement): void {
    const owner = body.ownerDocument;
    const partId = this.#idFor(part);
    if (partId !== undefined) markStart(body, inDocumentAnchorMarker(owner, partId));
    for (const element of Array.from(body.querySelectorAll('[id]'))) {
      const place = `${part}#${element.getAttribute('id') ?? ''}`;
      const id = this.#existing.has(place) ? this.#idFor(place) : undefined;
      if (id === undefined) continue;
      const marker = inDocumentAnchorMarker(owner, id);
      // Not inside a link (a marker that is also a note's back-link target), where it would nest one link in another.
      const link = element.closest('a');
      if (link) link.before(marker);
      else if (markedBefore.test(element.nodeName)) element.before(marker);
      else markStart(element, marker);
    }
    for (const link of Array.from(body.querySelectorAll('a[href]'))) {
      const place = this.#place(part, link.getAttribute('href') ?? '');
      const id = place === null ? undefined : this.#idFor(place);
      if (id !== undefined) link.setAttribute('href', `#${id}`);
    }
  }

  /** `chapter.xhtml#note-5` or `chapter.xhtml` for a link in a part, or null when it leads out of the document. */
  #place(from: string, href: string): string | null {
    const hash = href.indexOf('#');
    const file = hash === -1 ? href : href.slice(0, hash);
    let fragment = '';
    try {
      fragment = hash === -1 ? '' : decodeURIComponent(href.slice(hash + 1));
    } catch {
      return null;
    }
    const part = this.resolve(from, file);
    if (part === null) return null;
    return fragment === '' ? part : `${part}#${fragment}`;
  }
}

/** Places marked just before themselves: elements with no content to hold a mark, or whose content is converted whole (a table, a list, code). */
const markedBefore = /^(?:IMG|BR|HR|INPUT|WBR|TABLE|THEAD|TBODY|TFOOT|TR|UL|OL|DL|PRE)$/;

/** Elements that hold blocks, and the blocks a place's mark can join. */
const blockContainer = /^(?:BODY|SECTION|DIV|HEADER|HGROUP|ARTICLE|MAIN|ASIDE|NAV|FOOTER|LI|BLOCKQUOTE|FIGURE)$/;
const textBlock = /^(?:H[1-6]|P)$/;

/**
 * Marks where `place` starts, inside its first block (a section's heading,
 * a note's paragraph), so the mark joins that text rather than standing as
 * an empty paragraph of its own.
 */
function markStart(place: DomElement, marker: DomElement): void {
  let start = place;
  while (blockContainer.test(start.nodeName)) {
    const first = Array.from(start.childNodes).find((node) => node.nodeType !== textNode || (node.textContent ?? '').trim() !== '');
    if (first?.nodeType !== elementNode || !(blockContainer.test(first.nodeName) || textBlock.test(first.nodeName))) break;
    start = first as DomElement;
  }
  start.prepend(marker);
}
