import type { Highlight, HighlightAnchor, HighlightColor, OpenedDocument } from '../../../common/contract';
import { anchorAtStoredPosition, describeTextRange, type AnchorResult } from '../../../common/anchoring';
import type { Anchorer, AnchoringRequest } from './background-anchoring';
import { gloss } from '../bridge';
import type { SaveQueue } from '../save-queue';
import type { PlacedHighlight } from './painter';
import type { TextMap } from './text-map';
import { type Command, UndoStack } from './undo-stack';

export interface Placement {
  start: number;
  end: number;
}

/**
 * The open document's highlights and notes: where each highlight sits in the
 * rendered text (or that it could not be placed), and every change the user
 * makes, applied at once in memory, queued for main, and recorded for undo.
 */
export class DocumentSession {
  readonly documentId: string;
  readonly revision: number;
  readonly highlights = new Map<string, Highlight>();
  /** null: the highlight's passage could not be found in the current text. */
  readonly placements = new Map<string, Placement | null>();
  documentNote: string;
  selectedId: string | null = null;
  readonly undoStack = new UndoStack();
  /** Each highlight as it was before the note edit in progress, so undo restores it whole (edit time included). */
  readonly #noteEditOrigins = new Map<string, Highlight>();

  constructor(
    opened: OpenedDocument,
    private readonly textMap: TextMap,
    private readonly queue: SaveQueue,
    private readonly onChange: () => void,
  ) {
    this.documentId = opened.summary.id;
    this.revision = opened.revision;
    this.documentNote = opened.documentNote?.text ?? '';
    for (const highlight of opened.highlights) this.highlights.set(highlight.id, highlight);
  }

  /**
   * Finds every highlight in the current text: at once where its stored
   * position still holds, through `searchElsewhere` (a worker, in the app)
   * for the rest, painting each batch as it arrives; until then a highlight
   * is neither placed nor an orphan. Highlights found anywhere but at their
   * stored position, or made on an older revision, get fresh selectors saved
   * so the next open is a plain position check. Orphans keep their selectors
   * untouched: they may be re-attached later.
   */
  async anchorAll(searchElsewhere: Anchorer): Promise<{ placed: number; orphaned: number }> {
    const text = this.textMap.text;
    const moved: HighlightAnchor[] = [];
    let placed = 0;
    let orphaned = 0;
    const settle = (id: string, found: AnchorResult | null): void => {
      const highlight = this.highlights.get(id);
      // Deleted, or re-attached by the reader, while the search ran.
      if (!highlight || this.placements.has(id)) return;
      this.placements.set(id, found ? { start: found.start, end: found.end } : null);
      if (!found) {
        orphaned++;
        return;
      }
      placed++;
      if (found.method !== 'position' || highlight.revision !== this.revision) {
        Object.assign(highlight, describeTextRange(text, found.start, found.end), { revision: this.revision });
        moved.push({ id, quote: highlight.quote, position: highlight.position, revision: this.revision });
      }
    };
    const elsewhere: AnchoringRequest['highlights'] = [];
    for (const highlight of this.highlights.values()) {
      const here = anchorAtStoredPosition(text, highlight);
      if (here) settle(highlight.id, here);
      else elsewhere.push({ id: highlight.id, quote: highlight.quote, position: highlight.position });
    }
    this.onChange();
    if (elsewhere.length > 0) {
      await searchElsewhere(text, elsewhere, (found) => {
        for (const [id, anchor] of found) settle(id, anchor);
        this.onChange();
      });
    }
    if (moved.length > 0) this.queue.enqueue(() => gloss.updateAnchors(this.documentId, moved));
    return { placed, orphaned };
  }

  /** The highlights that are placed, in reading order, for painting and the notes pane. */
  placed(): PlacedHighlight[] {
    const placed: PlacedHighlight[] = [];
    for (const highlight of this.highlights.values()) {
      const placement = this.placements.get(highlight.id);
      if (placement) placed.push({ id: highlight.id, color: highlight.color, ...placement });
    }
    return placed.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  orphans(): Highlight[] {
    return [...this.highlights.values()].filter((highlight) => this.placements.get(highlight.id) === null);
  }

  create(start: number, end: number, color: HighlightColor): Highlight {
    const now = new Date().toISOString();
    // describeTextRange may widen the range (never half an emoji): paint what is stored.
    const selectors = describeTextRange(this.textMap.text, start, end);
    const placement = { start: selectors.position.start, end: selectors.position.end };
    const highlight: Highlight = {
      id: crypto.randomUUID(),
      ...selectors,
      revision: this.revision,
      color,
      note: '',
      tags: [],
      createdAt: now,
      updatedAt: now,
    };
    this.#record({
      label: 'Highlight',
      redo: () => this.#put(highlight, placement),
      undo: () => this.#remove(highlight.id),
    });
    this.selectedId = highlight.id;
    this.onChange();
    return highlight;
  }

  delete(id: string): void {
    const highlight = this.highlights.get(id);
    if (!highlight) return;
    const placement = this.placements.get(id) ?? null;
    this.#record({
      label: 'Delete highlight',
      redo: () => this.#remove(id),
      undo: () => this.#put(highlight, placement),
    });
  }

  recolor(id: string, color: HighlightColor): void {
    this.#edit(id, 'Change color', { color });
  }

  setTags(id: string, tags: string[]): void {
    this.#edit(id, 'Edit tags', { tags });
  }

  /** Re-attaches a highlight (typically an orphan) to a new passage. */
  reattach(id: string, start: number, end: number): void {
    const selectors = describeTextRange(this.textMap.text, start, end);
    const placement = { start: selectors.position.start, end: selectors.position.end };
    this.#edit(id, 'Re-attach highlight', { ...selectors, revision: this.revision }, placement);
  }

  /**
   * Saves a note while it is being typed (not recorded for undo: the textbox
   * has its own); `commitNote` records the whole edit once typing ends.
   */
  saveNoteDraft(id: string, note: string): void {
    const highlight = this.highlights.get(id);
    if (!highlight || highlight.note === note) return;
    if (!this.#noteEditOrigins.has(id)) this.#noteEditOrigins.set(id, highlight);
    const updated = { ...highlight, note, updatedAt: new Date().toISOString() };
    this.#put(updated, this.placements.get(id) ?? null, { notify: false });
  }

  commitNote(id: string): void {
    const before = this.#noteEditOrigins.get(id);
    this.#noteEditOrigins.delete(id);
    const after = this.highlights.get(id);
    if (!before || !after || before.note === after.note) return;
    this.undoStack.push({
      label: 'Edit note',
      redo: () => this.#put(after, this.placements.get(id) ?? null),
      undo: () => this.#put(before, this.placements.get(id) ?? null),
    });
  }

  saveDocumentNoteDraft(text: string): void {
    if (text === this.documentNote) return;
    this.documentNote = text;
    this.queue.enqueue(() => gloss.setDocumentNote(this.documentId, text));
  }

  commitDocumentNote(textBefore: string): void {
    const after = this.documentNote;
    if (after === textBefore) return;
    const apply = (text: string) => () => {
      this.documentNote = text;
      this.queue.enqueue(() => gloss.setDocumentNote(this.documentId, text));
      this.onChange();
    };
    this.undoStack.push({ label: 'Edit document note', redo: apply(after), undo: apply(textBefore) });
  }

  select(id: string | null): void {
    this.selectedId = id;
    this.onChange();
  }

  undo(): Command | null {
    return this.undoStack.undo();
  }

  redo(): Command | null {
    return this.undoStack.redo();
  }

  #edit(id: string, label: string, change: Partial<Highlight>, placement?: Placement): void {
    const before = this.highlights.get(id);
    if (!before) return;
    const beforePlacement = this.placements.get(id) ?? null;
    const after: Highlight = { ...before, ...change, updatedAt: new Date().toISOString() };
    const afterPlacement = placement ?? beforePlacement;
    this.#put(after, afterPlacement);
    this.undoStack.push({
      label,
      redo: () => this.#put(after, afterPlacement),
      undo: () => this.#put(before, beforePlacement),
    });
  }

  #record(command: Command): void {
    command.redo();
    this.undoStack.push(command);
  }

  #put(highlight: Highlight, placement: Placement | null, { notify = true } = {}): void {
    this.highlights.set(highlight.id, highlight);
    this.placements.set(highlight.id, placement);
    this.queue.enqueue(() => gloss.putHighlight(this.documentId, highlight));
    if (notify) this.onChange();
  }

  #remove(id: string): void {
    this.highlights.delete(id);
    this.placements.delete(id);
    if (this.selectedId === id) this.selectedId = null;
    this.queue.enqueue(() => gloss.deleteHighlight(this.documentId, id));
    this.onChange();
  }
}

/**
 * The highlights whose stored position `beginning` (the part of a long
 * document rendered so far) already confirms, for painting the first screen
 * before the whole text exists; the session anchors every highlight once it does.
 */
export function placedAtStoredPositions(beginning: string, highlights: readonly Highlight[]): PlacedHighlight[] {
  return highlights.flatMap((highlight) => {
    const found = anchorAtStoredPosition(beginning, highlight);
    return found ? [{ id: highlight.id, color: highlight.color, start: found.start, end: found.end }] : [];
  });
}
