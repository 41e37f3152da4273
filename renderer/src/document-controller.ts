import type { Highlight, HighlightColor, SearchHit } from '../../common/contract';
import { locateOccurrence } from '../../common/text/fold';
import type { WritingMode } from '../../common/text/language';
import { gloss } from './bridge';
import { renderDocumentEditor } from './document-editor';
import { debounce, element } from './dom';
import type { FindTarget } from './find-bar';
import { HighlightPainter } from './highlights/painter';
import { anchorInWorker } from './highlights/background-anchoring';
import { DocumentSession, placedAtStoredPositions } from './highlights/session';
import { TextMap } from './highlights/text-map';
import type { Notices } from './notices';
import { readingFlow } from './reading-flow';
import { distanceIntoView, measureReadingPosition, restoreReadingPosition, scrollUntilSettled } from './reading-position';
import { renderDocument } from './reader-view';
import type { SaveQueue } from './save-queue';
import { type AppStore, type OpenDocument, publishHighlights, withProgress } from './state/app-state';

/** Long enough that a scroll gesture ends before we write, short enough that a quick quit loses nothing noticeable. */
const positionSaveDelayMs = 400;
/** Reader keys kept while a document opens: enough for a typed-ahead command or two, not a held-down key's repeats. */
const maxKeysWhileOpening = 8;

export interface DocumentControllerDeps {
  store: AppStore;
  queue: SaveQueue;
  notices: Notices;
  /** The scrolling reader; the notice area (beside it, in the page) is never replaced with the document. */
  reader: HTMLElement;
  noticeArea: HTMLElement;
  /** Hands typed notes and pending settings to main's queue (before closing, exporting, copying). */
  flushDrafts(): void;
  /** The keyboard's reading focus (or its Shift extension) as text offsets: what H and 1–5 highlight when nothing is selected. */
  readingFocusOffsets(): { start: number; end: number } | null;
  /** Says something to screen readers (a polite live region). */
  announce(message: string): void;
}

export interface Anchoring {
  placed: number;
  orphaned: number;
}

/**
 * The document in the reader: opening it (rendered piece by piece, its
 * highlights anchored), closing it, editing its text, its reading position,
 * and what the user does to its text (highlight, re-attach, reveal). The open
 * document lives in the store; views follow it from there.
 */
export class DocumentController {
  /** Stops the background rendering of the document being opened, if any. */
  #abandonRendering = (): void => undefined;
  /** Counts calls to open: only the latest one's outcome counts. */
  #opens = 0;
  #opening = false;
  /** Reader commands pressed while the document was opening, run in order once it is ready (see runWhenReady). */
  #keysWhileOpening: (() => void)[] = [];
  readonly #positionSaver = debounce(() => void this.#saveReadingPosition(), positionSaveDelayMs);

  constructor(private readonly deps: DocumentControllerDeps) {
    deps.store.subscribe(
      (state) => state.highlights,
      (highlights, state) => {
        if (!highlights || !state.document) return;
        const placed = highlights.session.placed();
        state.document.painter.paint(placed);
        state.document.painter.select(placed.find((highlight) => highlight.id === highlights.selectedId) ?? null);
      },
    );
  }

  get current(): OpenDocument | null {
    return this.deps.store.state.document;
  }

  /**
   * Keeps a reader command pressed while a document opens (its text shows
   * before it is ready: fonts, the rest of a long text, its highlights) to
   * run once it is; false when no document is opening.
   */
  runWhenReady(run: () => void): boolean {
    if (!this.#opening) return false;
    if (this.#keysWhileOpening.length < maxKeysWhileOpening) this.#keysWhileOpening.push(run);
    return true;
  }

  /** Writes everything pending now: typed notes, the reading position. */
  flushPendingWrites(): void {
    this.deps.flushDrafts();
    this.#positionSaver.flush();
  }

  /** The reader scrolled: its position is saved once scrolling pauses. */
  scrolled(): void {
    if (this.current) this.#positionSaver.schedule();
  }

  close(): void {
    this.flushPendingWrites();
    this.#abandonRendering();
    this.current?.painter.clear();
    this.deps.store.set({ document: null, highlights: null });
  }

  /** Opens a document where it was last read (or, with `keepScroll`, where the reader is now); null if abandoned or failed. */
  async open(documentId: string, options: { keepScroll?: boolean } = {}): Promise<Anchoring | null> {
    const { reader, store } = this.deps;
    const scrolledBefore = readingFlow(reader).scrolled();
    this.close();
    const rendering = new AbortController();
    this.#abandonRendering = () => rendering.abort();
    const thisOpen = ++this.#opens;
    this.#opening = true;
    try {
      // User Timing marks (gloss:*) let the benchmark and DevTools see each phase of opening.
      performance.mark('gloss:open-start');
      const opened = await gloss.openDocument(documentId);
      // Another document was chosen while this one loaded: that one wins.
      if (rendering.signal.aborted) return null;
      performance.mark('gloss:loaded');
      const throughBlock = options.keepScroll ? Number.POSITIVE_INFINITY : (opened.readingPosition?.blockIndex ?? 0);
      const rendered = renderDocument(opened, { onEdit: () => this.edit() }, { throughBlock, signal: rendering.signal });
      this.showInReader(rendered.article, opened.writingMode ?? null);
      performance.mark('gloss:rendered');
      // The first screen: highlights confirmed at their stored place in the text rendered so far.
      const beginning = new TextMap(rendered.body);
      const confirmed = placedAtStoredPositions(beginning.text, opened.highlights);
      performance.mark('gloss:anchored');
      new HighlightPainter(beginning).paint(confirmed);
      performance.mark('gloss:painted');
      requestAnimationFrame(() => setTimeout(() => performance.mark('gloss:highlights-visible')));
      // Positions are measured in laid-out text: wait for the reading font, which moves every line when it swaps in.
      await document.fonts.ready;
      if (rendering.signal.aborted) return null;
      const flow = readingFlow(reader);
      flow.scrollTo(0);
      // Measured through its first and last blocks, which lays the piece out at the reader's text size and in its direction
      // even before the browser has seen it come into view (its own box would still give the estimate).
      rendered.calibrateReservedSizes((piece) => {
        const first = piece.firstElementChild;
        const last = piece.lastElementChild;
        return first && last ? flow.end(last.getBoundingClientRect()) - flow.start(first.getBoundingClientRect()) : 0;
      });
      if (!options.keepScroll && opened.readingPosition) await restoreReadingPosition(reader, rendered.body, opened.readingPosition);
      if (!(await rendered.complete)) return null;
      performance.mark('gloss:all-rendered');

      const textMap = new TextMap(rendered.body);
      const painter = new HighlightPainter(textMap);
      // Anchoring reports in batches, possibly after another document was opened: only the shown one publishes.
      const session: DocumentSession = new DocumentSession(opened, textMap, this.deps.queue, () => {
        if (store.state.document?.session === session) publishHighlights(store, session);
      });
      store.set({ document: { opened, rendered, textMap, painter, session } });
      this.#stopOpening(thisOpen, 'run keys');
      // Publishes (and paints) the highlights at their stored place at once, the others as they are found.
      const anchoringAll = session.anchorAll(anchorInWorker);
      performance.mark('gloss:anchored-in-place');
      const anchoring = await anchoringAll;
      if (rendering.signal.aborted) return null;
      performance.mark('gloss:complete');
      if (options.keepScroll) flow.scrollTo(scrolledBefore);
      reader.dataset.positionState = 'idle';
      this.deps.notices.showAll(opened.notices);
      return anchoring;
    } catch (error) {
      this.showError((error as Error).message);
      return null;
    } finally {
      // Failed or abandoned for good: keys pressed for it go nowhere (a newer open keeps its own).
      this.#stopOpening(thisOpen, 'drop keys');
    }
  }

  #stopOpening(open: number, keys: 'run keys' | 'drop keys'): void {
    if (open !== this.#opens || !this.#opening) return;
    this.#opening = false;
    const waiting = this.#keysWhileOpening.splice(0);
    if (keys === 'run keys') for (const run of waiting) run();
  }

  /** Replaces the document with its Markdown in an editor; saving re-attaches every highlight and says how many. */
  edit(): void {
    const current = this.current;
    if (!current) return;
    const { opened } = current;
    const { reader, queue, notices } = this.deps;
    const scrolledBefore = readingFlow(reader).scrolled();
    this.flushPendingWrites();
    this.showInReader(
      renderDocumentEditor(opened.summary.title, opened.markdown, {
        save: async (markdown) => {
          await queue.whenIdle();
          await gloss.saveDocumentBody(opened.summary.id, markdown, opened.revision);
          const result = await this.open(opened.summary.id, { keepScroll: true });
          if (!result) return;
          const orphanNote = result.orphaned > 0 ? `; ${result.orphaned} could not be placed (listed in the notes pane)` : '';
          notices.show({
            level: result.orphaned > 0 ? 'warning' : 'info',
            message: `Document saved. ${result.placed} highlight${result.placed === 1 ? '' : 's'} re-attached${orphanNote}.`,
          });
        },
        cancel: () => {
          void this.open(opened.summary.id, { keepScroll: true }).then(() => readingFlow(reader).scrollTo(scrolledBefore));
        },
      }),
    );
  }

  /**
   * Replaces everything in the reader but the notices. A document set in
   * vertical lines turns the reader itself vertical, so that it scrolls
   * sideways from where the text starts (reading-flow.ts); anything else,
   * the document's editor included, is horizontal.
   */
  showInReader(content: Node, writingMode: WritingMode | null = null): void {
    const { reader, noticeArea } = this.deps;
    for (const child of Array.from(reader.children)) if (child !== noticeArea) child.remove();
    if (writingMode) reader.dataset.writingMode = writingMode;
    else delete reader.dataset.writingMode;
    reader.append(content);
  }

  showError(message: string): void {
    const error = element('p', 'reader-error', message);
    error.setAttribute('role', 'alert');
    this.showInReader(error);
  }

  showEmptyLibrary(): void {
    this.showInReader(element('p', 'reader-placeholder', 'Your library is empty.'));
  }

  async #saveReadingPosition(): Promise<void> {
    const current = this.current;
    if (!current) return;
    const { reader, store } = this.deps;
    const position = measureReadingPosition(reader, current.rendered.body);
    const documentId = current.opened.summary.id;
    reader.dataset.positionState = 'saving';
    try {
      await gloss.saveReadingPosition(documentId, position);
      reader.dataset.positionState = 'saved';
      store.set({ library: withProgress(store.state.library, documentId, position.progress) });
    } catch (error) {
      reader.dataset.positionState = 'error';
      this.deps.notices.error(`Your reading position was not saved: ${(error as Error).message}`);
    }
  }

  // ── The user's selection and highlights ───────────────────────────────

  /** The reader's selection as text offsets, trimmed of surrounding white space, or null. */
  selectedOffsets(): { start: number; end: number } | null {
    const selection = document.getSelection();
    const current = this.current;
    if (!current || !selection || selection.isCollapsed || selection.rangeCount === 0) return null;
    const offsets = current.textMap.offsets(selection.getRangeAt(0));
    if (!offsets) return null;
    const text = current.textMap.text;
    let { start, end } = offsets;
    while (start < end && /\s/.test(text[start] ?? '')) start++;
    while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
    return end > start ? { start, end } : null;
  }

  /** What H and 1–5 highlight: the selection (mouse or Shift+arrows), else the reading focus; null when neither. */
  highlightableOffsets(): { start: number; end: number } | null {
    if (!this.current) return null;
    return this.selectedOffsets() ?? this.deps.readingFocusOffsets();
  }

  /**
   * Highlights the selection, else the reading focus, in `color` (the last
   * color used when none is given), and says so to screen readers; returns
   * whether there was something to highlight.
   */
  highlightSelection(color: HighlightColor = this.deps.store.state.lastColor): boolean {
    const offsets = this.highlightableOffsets();
    const current = this.current;
    if (!current || !offsets) return false;
    this.deps.store.set({ lastColor: color });
    const created = current.session.create(offsets.start, offsets.end, color);
    document.getSelection()?.removeAllRanges();
    this.deps.announce(`Highlighted in ${color}: ${created.quote.exact}`);
    return true;
  }

  reattachToSelection(id: string): void {
    const offsets = this.selectedOffsets();
    const current = this.current;
    if (!current) return;
    if (!offsets) {
      this.deps.notices.info('Select the passage in the document first, then choose “Re-attach to selection”.');
      return;
    }
    current.session.reattach(id, offsets.start, offsets.end);
    document.getSelection()?.removeAllRanges();
  }

  /** Moves the highlight selection to the next (+1) or previous (-1) highlight in reading order. */
  stepHighlight(direction: 1 | -1): void {
    const session = this.current?.session;
    if (!session) return;
    const placed = session.placed();
    if (placed.length === 0) return;
    const index = placed.findIndex((highlight) => highlight.id === session.selectedId);
    const next = placed[index === -1 ? (direction === 1 ? 0 : placed.length - 1) : (index + direction + placed.length) % placed.length]!;
    session.select(next.id);
    this.revealHighlight(next.id);
  }

  revealHighlight(id: string): void {
    const placement = this.current?.session.placements.get(id);
    if (placement) this.revealText(placement.start, placement.end);
  }

  /** What the find bar searches: the open document's text. */
  findTarget(): FindTarget | null {
    const current = this.current;
    if (!current) return null;
    return {
      text: current.textMap.text,
      range: (start, end) => current.textMap.staticRange(start, end),
      scrollTo: (start, end) => this.scrollToText(start, end),
    };
  }

  /** Scrolls the passage a third of the way into the reader (down it, or across it in vertical text). */
  scrollToText(start: number, end: number): void {
    const current = this.current;
    if (!current) return;
    const { reader } = this.deps;
    const range = current.textMap.range(start, end);
    void scrollUntilSettled(reader, () => distanceIntoView(reader, range.getBoundingClientRect()) - readingFlow(reader).viewport() / 3);
  }

  /** Scrolls to the passage and flashes it. */
  revealText(start: number, end: number): void {
    this.scrollToText(start, end);
    this.current?.painter.flash(start, end);
  }

  /** Opens a search result: the document, then the hit in it (a highlight is selected, a passage of text found again in the rendered text). */
  async openAtHit(documentId: string, hit: SearchHit | null): Promise<void> {
    if (this.current?.opened.summary.id !== documentId) await this.open(documentId);
    const current = this.current;
    if (!current || !hit) return;
    if (hit.kind === 'highlight') {
      current.session.select(hit.highlightId);
      this.revealHighlight(hit.highlightId);
    } else if (hit.kind === 'text') {
      const found = locateOccurrence(current.textMap.text, hit.needle, hit.occurrence);
      if (found) this.revealText(found.start, found.end);
    } else readingFlow(this.deps.reader).scrollTo(0);
  }

  /** A click in the text: selects the highlight under it, if any. */
  selectHighlightAt(x: number, y: number): void {
    const current = this.current;
    if (!current || !document.getSelection()?.isCollapsed) return;
    const offset = this.#offsetAtPoint(current, x, y);
    const hit = offset === null ? undefined : current.painter.at(offset)[0];
    if (hit) current.session.select(hit.id);
  }

  /** The text offset under a point in the reader, or null outside the document text. */
  #offsetAtPoint(current: OpenDocument, x: number, y: number): number | null {
    const caret = document.caretPositionFromPoint?.(x, y);
    if (caret) return current.textMap.offsetOf(caret.offsetNode, caret.offset);
    const range = document.caretRangeFromPoint?.(x, y);
    return range ? current.textMap.offsetOf(range.startContainer, range.startOffset) : null;
  }

  // ── Copying as Markdown ────────────────────────────────────────────────

  /** Copies the open document's title, note and every highlight as Markdown, to paste into another note. */
  async copyAllHighlights(): Promise<void> {
    const current = this.current;
    if (!current) {
      this.deps.notices.info('Open a document first, then copy its highlights.');
      return;
    }
    const count = current.session.highlights.size;
    await this.#copyMarkdown(
      current.opened.summary.id,
      null,
      `Copied ${count} highlight${count === 1 ? '' : 's'} as Markdown.`,
      'The highlights could not be copied',
    );
  }

  async copyQuote(highlight: Highlight): Promise<void> {
    const current = this.current;
    if (!current) return;
    await this.#copyMarkdown(current.opened.summary.id, highlight.id, 'Quote copied.', 'The quote could not be copied');
  }

  /**
   * Copies main's clipboard Markdown (the same format as `gloss export`'s
   * clipboard exporter) for one highlight, or the whole document when
   * `highlightId` is null. Typed notes go to main first, so the copy has every last word.
   */
  async #copyMarkdown(documentId: string, highlightId: string | null, done: string, failed: string): Promise<void> {
    this.flushPendingWrites();
    try {
      await this.deps.queue.whenIdle();
      await navigator.clipboard.writeText(await gloss.clipboardMarkdown(documentId, highlightId));
      this.deps.notices.info(done);
    } catch (error) {
      this.deps.notices.error(`${failed}: ${(error as Error).message}`);
    }
  }
}
