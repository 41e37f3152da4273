import type { OpenedDocument } from '../../common/contract';
import { directionOfLanguage } from '../../common/text/language';
import { element } from './dom';
import { estimateCorrection, estimatedBlockSize } from './estimated-size';
import { formatArticleDate } from './format';
import { renderMarkdown } from './markdown';
import { splitMarkdown } from './markdown-chunks';

export interface RenderedDocument {
  article: HTMLElement;
  /** The element holding the document's text, in pieces (`.document-chunk`) whose children are its top-level blocks. */
  body: HTMLElement;
  /** Resolves true once every piece is rendered; false if the render was abandoned (another document opened). */
  complete: Promise<boolean>;
  /**
   * Rescales the room reserved for the pieces after the first by how the
   * first, laid out now (`blockSizeOf` measures it), compares with its own
   * estimate (estimated-size.ts); a piece already laid out keeps the size it
   * was seen at, whatever it reserves.
   */
  calibrateReservedSizes(blockSizeOf: (piece: HTMLElement) => number): void;
}

export interface RenderOptions {
  /** Render at least up to this top-level block before returning (the block a saved reading position names). */
  throughBlock: number;
  /** Abandons the background rendering of the remaining pieces. */
  signal: AbortSignal;
}

/**
 * The document as one `article`: its title and date, then its sanitized
 * Markdown. Only the first pieces (markdown-chunks.ts) are rendered before
 * this returns, enough for the first screen or the saved reading position; the
 * rest are rendered one piece per task afterwards, so a long document shows at
 * once and the page stays responsive. Each piece is laid out only near the
 * viewport (content-visibility in styles.css).
 */
export function renderDocument(opened: OpenedDocument, actions: { onEdit(): void }, options: RenderOptions): RenderedDocument {
  const body = element('div', 'document-body');
  const pieces = splitMarkdown(opened.markdown).map((source) => {
    const chunk = element('div', 'document-chunk');
    // Reserved until the piece is laid out, so the scroll bar is about right from the first frame.
    const estimated = estimatedBlockSize(source);
    reserve(chunk, estimated);
    body.append(chunk);
    return { source, chunk, estimated };
  });
  let next = 0;
  let blocks = 0;
  while (next < pieces.length && (next === 0 || blocks <= options.throughBlock)) {
    const { source, chunk } = pieces[next++]!;
    chunk.append(renderMarkdown(source));
    blocks += chunk.childElementCount;
  }
  const complete = (async () => {
    // The first screen gets its frame before any background work competes with it.
    await afterNextFrame();
    for (; next < pieces.length; next++) {
      await nextTask();
      if (options.signal.aborted) return false;
      const { source, chunk } = pieces[next]!;
      chunk.append(renderMarkdown(source));
    }
    return !options.signal.aborted;
  })();
  const calibrateReservedSizes = (blockSizeOf: (piece: HTMLElement) => number): void => {
    const [first, ...rest] = pieces;
    if (!first || rest.length === 0) return;
    const correction = estimateCorrection({
      sourceLength: first.source.length,
      estimated: first.estimated,
      measured: blockSizeOf(first.chunk),
    });
    if (correction === 1) return;
    for (const { chunk, estimated } of rest) reserve(chunk, Math.ceil(estimated * correction));
  };
  return { article: documentArticle(opened, actions, body), body, complete, calibrateReservedSizes };
}

function reserve(piece: HTMLElement, blockSize: number): void {
  piece.style.setProperty('contain-intrinsic-block-size', `auto ${blockSize}px`);
}

/** The top-level blocks of a rendered document body, in order. */
export function documentBlocks(body: HTMLElement): HTMLElement[] {
  return Array.from(body.querySelectorAll<HTMLElement>(':scope > .document-chunk > *'));
}

function documentArticle(opened: OpenedDocument, actions: { onEdit(): void }, body: HTMLElement): HTMLElement {
  const { summary } = opened;
  const article = element('article', 'document');
  article.setAttribute('aria-labelledby', 'document-title');
  // Its language picks a screen reader's voice and the fonts and hyphenation; without a declared direction the text's own first letters decide.
  if (opened.lang) article.lang = opened.lang;
  article.dir = opened.dir ?? (opened.lang ? directionOfLanguage(opened.lang) : 'auto');
  const header = element('header', 'document-header');
  // A document whose text opens with its own title as a heading shows it once: that heading names the article.
  const opening = body.querySelector<HTMLElement>(':scope > .document-chunk > :first-child');
  if (opening?.tagName === 'H1' && normalizedTitle(opening.textContent ?? '') === normalizedTitle(summary.title)) {
    opening.id = 'document-title';
  } else {
    const title = element('h1', 'document-title', summary.title);
    title.id = 'document-title';
    header.append(title);
  }
  const byline = element('p', 'document-byline');
  if (summary.author) byline.append(element('span', 'document-author', summary.author));
  if (summary.date) {
    const time = element('time', 'document-date', formatArticleDate(summary.date));
    time.dateTime = summary.date;
    byline.append(time);
  }
  const edit = element('button', 'document-edit', 'Edit document');
  edit.type = 'button';
  // Gloss's own words, inside the document's language; with a direction of its own it also does not count when the article's is read from its text.
  edit.lang = document.documentElement.lang;
  edit.dir = 'ltr';
  edit.addEventListener('click', () => actions.onEdit());
  byline.append(edit);
  header.append(byline);
  article.append(header, body);
  return article;
}

function normalizedTitle(title: string): string {
  return title.replace(/\s+/g, ' ').trim().toLowerCase();
}

/** Resolves in a new task, after the browser had the chance to paint and handle input. */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function afterNextFrame(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve(nextTask())));
}
