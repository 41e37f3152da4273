import './reading-focus.css';
import type { TextMap } from '../highlights/text-map';
import type { WritingMode } from '../../../common/text/language';
import { readerWritingMode, readingFlow } from '../reading-flow';
import { firstPast } from '../reading-position';
import { cover, type Focus, type Granularity, nextFocus, type Span, unitAt } from './units';

/** The elements whose text is one "paragraph" for the reading focus: every block a reader thinks of as one. */
const unitSelector = 'p, li, h1, h2, h3, h4, h5, h6, pre, blockquote, td, th, dt, dd, figcaption';
/** A screen reader hears at most this much of a focused passage: enough to know where one is, not a whole chapter. */
const announcedCharacters = 300;

interface Attached {
  textMap: TextMap;
  body: HTMLElement;
  /** Each paragraph's text span, in reading order, and the element holding it (for its visible marker). */
  paragraphs: Span[];
  elements: HTMLElement[];
}

export interface ReadingFocusHost {
  /** The scrolling element around the article: keys there move the focus, and it takes DOM focus back. */
  scroller: HTMLElement;
  announce(message: string): void;
  /** Scrolls a passage into a comfortable place in the viewport. */
  scrollTo(start: number, end: number): void;
}

/**
 * The keyboard's way into the text: a visible focus on a paragraph, sentence
 * or word, moved with the arrow keys (↓ ↑ paragraph, → ← sentence, Ctrl or
 * Alt with → ← word). Shift extends it into a real text selection, so the
 * selection toolbar, H, 1–5 and Ctrl/⌘+C work on it exactly as on a mouse
 * selection and produce the same selectors. The focus is painted with the CSS
 * Custom Highlight API (the text's DOM is left alone) and announced in a live
 * region, so a screen reader hears where it is.
 */
export class ReadingFocus {
  #attached: Attached | null = null;
  /** Where a Shift extension started, and the unit that moves: equal when nothing is extended. */
  #anchor: Focus | null = null;
  #head: Focus | null = null;
  #markedElement: HTMLElement | null = null;

  constructor(private readonly host: ReadingFocusHost) {}

  /** Starts over on a newly opened (completely rendered) document. */
  attach(textMap: TextMap, body: HTMLElement): void {
    this.detach();
    const { paragraphs, elements } = paragraphsOf(textMap, body);
    this.#attached = { textMap, body, paragraphs, elements };
  }

  detach(): void {
    this.#attached = null;
    this.#anchor = this.#head = null;
    this.#paint();
  }

  /** The focused (or Shift-extended) passage, for H and 1–5 when nothing is selected with the mouse. */
  offsets(): Span | null {
    return this.#anchor && this.#head ? cover(this.#anchor, this.#head) : null;
  }

  /** Whether `handleKey` would act on this key: a document is attached, the key was pressed in the reader, and it is an arrow move or select-all. */
  accepts(event: KeyboardEvent): boolean {
    if (!this.#attached || !this.#inReader(event.target)) return false;
    const modifier = event.ctrlKey || event.metaKey;
    return (
      (modifier && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'a') ||
      arrowMove(event, readerWritingMode(this.host.scroller)) !== null
    );
  }

  /**
   * Handles a key pressed outside a text box; returns whether it was one of
   * the reading focus's (the caller then prevents its default).
   */
  handleKey(event: KeyboardEvent): boolean {
    const attached = this.#attached;
    if (!attached || !this.#inReader(event.target)) return false;
    const modifier = event.ctrlKey || event.metaKey;
    if (modifier && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'a') {
      // Select-all means the article's text, not the library and notes around it.
      document.getSelection()?.selectAllChildren(attached.body);
      return true;
    }
    const move = arrowMove(event, readerWritingMode(this.host.scroller));
    if (!move) return false;
    this.#move(attached, move.granularity, move.direction, event.shiftKey);
    return true;
  }

  #move(attached: Attached, granularity: Granularity, direction: 1 | -1, extend: boolean): void {
    const { text } = attached.textMap;
    const head = this.#head && (extend || this.#isVisible(attached, this.#head)) ? this.#head : null;
    let next: Focus | null;
    if (head) next = nextFocus(text, attached.paragraphs, head, granularity, direction);
    else {
      const start = unitAt(text, attached.paragraphs, this.#firstVisibleOffset(attached), granularity);
      next = start && { ...start, granularity };
    }
    if (!next) return;
    this.#head = next;
    if (!extend || !this.#anchor || !head) this.#anchor = next;
    this.#paint();
    this.#mirrorSelection(attached, extend);
    if (!this.#isVisible(attached, next)) this.host.scrollTo(next.start, next.end);
    // From <body> the page's own keys (PageDown, Space) would not scroll the article.
    if (document.activeElement === document.body || !document.activeElement) this.host.scroller.focus({ preventScroll: true });
    const focused = this.offsets()!;
    const passage = text.slice(focused.start, focused.end);
    this.host.announce(passage.length > announcedCharacters ? `${passage.slice(0, announcedCharacters)}…` : passage);
  }

  /** An extended focus is the document's selection (so the toolbar shows and Tab reaches it); a plain move drops a selection made in the article. */
  #mirrorSelection(attached: Attached, extend: boolean): void {
    const selection = document.getSelection();
    if (!selection) return;
    const focused = this.offsets();
    if (extend && focused) {
      const range = attached.textMap.range(focused.start, focused.end);
      selection.setBaseAndExtent(range.startContainer, range.startOffset, range.endContainer, range.endOffset);
    } else if (selection.rangeCount > 0 && attached.body.contains(selection.getRangeAt(0).commonAncestorContainer)) {
      selection.removeAllRanges();
    }
  }

  #paint(): void {
    this.#markedElement?.removeAttribute('data-reading-focus');
    this.#markedElement = null;
    const attached = this.#attached;
    const focused = this.offsets();
    if (!attached || !focused) {
      CSS.highlights.delete('gloss-reading-focus');
      return;
    }
    CSS.highlights.set('gloss-reading-focus', new Highlight(attached.textMap.staticRange(focused.start, focused.end)));
    // The paragraph holding the moving end gets a bar in the margin, visible even when the focus is one short word.
    const index = attached.paragraphs.findIndex((paragraph) => paragraph.start <= this.#head!.start && this.#head!.start < paragraph.end);
    this.#markedElement = attached.elements[index] ?? null;
    this.#markedElement?.setAttribute('data-reading-focus', '');
  }

  #inReader(target: EventTarget | null): boolean {
    return (
      target === document.body || target === document.documentElement || (target instanceof Node && this.host.scroller.contains(target))
    );
  }

  #isVisible(attached: Attached, span: Span): boolean {
    const box = attached.textMap.range(span.start, span.end).getBoundingClientRect();
    const view = this.host.scroller.getBoundingClientRect();
    const flow = readingFlow(this.host.scroller);
    return flow.end(box) > flow.start(view) && flow.start(box) < flow.end(view);
  }

  /** The start of the first paragraph that reaches into the viewport: where a focus begins after scrolling. */
  #firstVisibleOffset(attached: Attached): number {
    const flow = readingFlow(this.host.scroller);
    const { elements, paragraphs } = attached;
    const first = firstPast(elements, flow.start(this.host.scroller.getBoundingClientRect()), flow.end);
    return paragraphs[Math.min(first, paragraphs.length - 1)]?.start ?? 0;
  }
}

/**
 * The arrow that means the same in horizontal text: in vertical lines the
 * paragraphs follow each other sideways (leftwards in vertical-rl) and a line
 * reads downwards.
 */
const horizontalArrow: Record<WritingMode, Record<string, string>> = {
  'vertical-rl': { ArrowLeft: 'ArrowDown', ArrowRight: 'ArrowUp', ArrowDown: 'ArrowRight', ArrowUp: 'ArrowLeft' },
  'vertical-lr': { ArrowRight: 'ArrowDown', ArrowLeft: 'ArrowUp', ArrowDown: 'ArrowRight', ArrowUp: 'ArrowLeft' },
};

/**
 * Which move an arrow key asks for: ↓ ↑ paragraphs, → ← sentences, Ctrl/Alt+→ ←
 * words (in vertical text ← → paragraphs and ↓ ↑ sentences, turned with the
 * lines); null for any other key.
 */
export function arrowMove(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey'>,
  writingMode: WritingMode | null = null,
): {
  granularity: Granularity;
  direction: 1 | -1;
} | null {
  if (event.metaKey) return null;
  const word = event.ctrlKey || event.altKey;
  const key = writingMode ? (horizontalArrow[writingMode][event.key] ?? event.key) : event.key;
  switch (key) {
    case 'ArrowDown':
      return word ? null : { granularity: 'paragraph', direction: 1 };
    case 'ArrowUp':
      return word ? null : { granularity: 'paragraph', direction: -1 };
    case 'ArrowRight':
      return { granularity: word ? 'word' : 'sentence', direction: 1 };
    case 'ArrowLeft':
      return { granularity: word ? 'word' : 'sentence', direction: -1 };
    default:
      return null;
  }
}

/**
 * Every paragraph's text span: the text of each unit element outside the
 * units nested in it (a list item's own line before its sub-list, a quote's
 * paragraphs one by one), found through the text map's O(1) text-node lookup.
 */
function paragraphsOf(textMap: TextMap, body: HTMLElement): { paragraphs: Span[]; elements: HTMLElement[] } {
  const paragraphs: Span[] = [];
  const elements: HTMLElement[] = [];
  for (const unit of Array.from(body.querySelectorAll<HTMLElement>(unitSelector))) {
    const nested = unit.querySelector(unitSelector);
    const first = firstTextNode(unit, nested);
    if (!first) continue;
    const start = textMap.offsetOf(first, 0);
    const nestedText = nested ? firstTextNode(nested, null) : null;
    const end = nestedText ? textMap.offsetOf(nestedText, 0) : endOffset(textMap, unit);
    if (start === null || end === null || end <= start || !/\S/.test(textMap.text.slice(start, end))) continue;
    paragraphs.push({ start, end });
    elements.push(unit);
  }
  return { paragraphs, elements };
}

/** The first text node in `root` that comes before `stop` (the first nested unit), if any. */
function firstTextNode(root: Element, stop: Element | null): Text | null {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const node = walker.nextNode() as Text | null;
  if (!node || (stop && (stop.contains(node) || stop.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING))) return null;
  return node;
}

function endOffset(textMap: TextMap, root: Element): number | null {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  let last: Text | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) last = node as Text;
  return last ? textMap.offsetOf(last, last.data.length) : null;
}
