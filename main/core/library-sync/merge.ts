import type { DocumentSummary, HighlightColor, ReaderSettings, ReadingPosition } from '../../../common/contract';
import { fractionRead, positionReadTo } from '../../../common/reading-progress';
import { type TextLanguage, textLanguage } from '../../../common/text/language';
import { type Hlc, laterHlc } from './hlc';
import type { AnchorValue, MetadataField, Op } from './ops';

/**
 * The merge of every device's changes: a pure function of the set of changes
 * seen, whatever the order they arrived in and however often, so devices that
 * have seen the same changes hold the same library.
 *
 * - Documents and highlights are sets by id.
 * - Each field (title, author, date, source, text, reading position, a
 *   highlight's place, color and tags) is a last-writer-wins register: the
 *   change with the highest hybrid-logical-clock timestamp wins, ties broken
 *   by device id (both inside the timestamp). Reading position is therefore
 *   the *latest* one, not the furthest: going back to re-read a chapter on
 *   the laptop must move the desktop back too. How far the document has been
 *   read ("% read") is the furthest any device reached: a max register.
 * - Notes (a highlight's, the document's) are multi-value registers: each
 *   version names the versions its writer had seen; versions nobody has seen
 *   yet are concurrent, and all of them are kept, in timestamp order, with a
 *   visible separator. The next edit, having seen them all, replaces them.
 *   A CRDT over characters (Yjs, Automerge) would interleave two rewrites of
 *   the same sentence into text neither person wrote; side by side, the user
 *   reads both and keeps what they meant, and nothing needs a dependency.
 * - Reading settings (shared only by devices that choose to) are one
 *   last-writer-wins register per setting, like a document's fields, with
 *   one exception: settings a device merely offered as it started sharing
 *   (having seen none shared yet; its sync folder may simply not have
 *   brought them) yield to any setting a user chose, whatever the clocks
 *   say, and among offers the first stands, so a device that joins later
 *   takes what the others share rather than imposing its own.
 * - Deletes are tombstones that a later change outlives: a highlight (or a
 *   document) is present if its latest change is newer than its latest
 *   delete. Recoloring a highlight on one machine after it was deleted on the
 *   other brings it back; a delete after every edit keeps it deleted.
 */
export const concurrentNoteSeparator = '\n\n— written at the same time on another device —\n\n';

interface Register<T> {
  value: T;
  hlc: Hlc;
}

interface NoteVersion {
  hlc: Hlc;
  text: string;
}

/** Every version of a note ever written, and which ones a later version has seen. */
class NoteRegister {
  readonly #versions = new Map<Hlc, NoteVersion>();
  readonly #seen = new Set<Hlc>();

  add(hlc: Hlc, text: string, base: readonly Hlc[]): void {
    this.#versions.set(hlc, { hlc, text });
    for (const seen of base) this.#seen.add(seen);
  }

  /** The versions no other version has seen, oldest first. */
  heads(): NoteVersion[] {
    return [...this.#versions.values()].filter(({ hlc }) => !this.#seen.has(hlc)).sort((a, b) => (a.hlc < b.hlc ? -1 : 1));
  }

  /** The note as shown: one text, or the concurrent ones side by side (the same text twice counts once). */
  text(): string {
    const texts = [...new Set(this.heads().map(({ text }) => text))].filter((text) => text !== '');
    return texts.join(concurrentNoteSeparator);
  }

  /** When the shown text was last written, or undefined for a note never written. */
  latest(): Hlc | undefined {
    return this.heads().reduce<Hlc | undefined>((latest, { hlc }) => laterHlc(latest, hlc), undefined);
  }
}

/** A register's new value wins when it is newer; the same timestamp is the same change. */
function assign<T>(register: Register<T> | undefined, value: T, hlc: Hlc): Register<T> {
  return register === undefined || hlc > register.hlc ? { value, hlc } : register;
}

/** Keeps the earliest value: the first-writer-wins register of offered settings. */
function assignFirst<T>(register: Register<T> | undefined, value: T, hlc: Hlc): Register<T> {
  return register === undefined || hlc < register.hlc ? { value, hlc } : register;
}

type SettingValue = ReaderSettings[keyof ReaderSettings];

/** One reading setting: the value users chose, and the value devices offered; the chosen one, when there is one, is shared. */
interface SettingRegisters {
  chosen?: Register<SettingValue> | undefined;
  offered?: Register<SettingValue> | undefined;
}

/** What every change to one thing (a document or a highlight) shares: when it was last changed and last deleted. */
interface Lifetime {
  lastChange?: Hlc;
  lastDelete?: Hlc;
}

function isPresent({ lastChange, lastDelete }: Lifetime): boolean {
  return lastChange !== undefined && (lastDelete === undefined || lastChange > lastDelete);
}

export interface MergedHighlight extends Lifetime {
  id: string;
  createdAt?: string;
  anchor?: Register<AnchorValue>;
  color?: Register<HighlightColor>;
  tags?: Register<string[]>;
  note: NoteRegister;
}

export interface DocumentContent extends TextLanguage {
  body: string;
  assets: { name: string; hash: string }[];
}

export interface MergedDocument extends Lifetime {
  id: string;
  addedAt?: string;
  metadata: Partial<Record<MetadataField, Register<string | null>>>;
  content?: Register<DocumentContent>;
  position?: Register<ReadingPosition>;
  /** The furthest any device has read it (fractionRead of every position), whichever position is the latest. */
  furthestRead?: number;
  note: NoteRegister;
  highlights: Map<string, MergedHighlight>;
}

/** A highlight as every device shows it. */
export interface HighlightView {
  id: string;
  anchor: AnchorValue;
  color: HighlightColor;
  tags: string[];
  note: string;
  /** The note's newest concurrent version (what the user's next edit must name as seen). */
  noteHeads: Hlc[];
  createdAt: string;
  updatedAt: Hlc;
}

/** A document's own details as the library lists them, without when this device last opened it (which does not travel). */
export type DocumentMetadataFields = Omit<DocumentSummary, 'openedAt'>;

/** A document as every device shows it. */
export interface DocumentView extends DocumentMetadataFields {
  content: DocumentContent;
  position: ReadingPosition | null;
  note: string;
  noteHeads: Hlc[];
  noteUpdatedAt: Hlc | null;
  highlights: HighlightView[];
}

/** Every change seen so far, merged. Adding a change is commutative and idempotent. */
export class MergedLibrary {
  readonly #documents = new Map<string, MergedDocument>();
  readonly #seen = new Set<Hlc>();
  /** Each value was checked against its own setting's schema when its change was read (ops.ts). */
  readonly #settings = new Map<keyof ReaderSettings, SettingRegisters>();

  /** How many distinct changes have been merged. */
  get size(): number {
    return this.#seen.size;
  }

  has(hlc: Hlc): boolean {
    return this.#seen.has(hlc);
  }

  /** Merges one change; false when it was already merged (a duplicate). */
  apply(op: Op): boolean {
    if (this.#seen.has(op.hlc)) return false;
    this.#seen.add(op.hlc);
    if (op.kind === 'settings') {
      for (const [key, value] of Object.entries(op.settings) as [keyof ReaderSettings, SettingValue][]) {
        const { chosen, offered } = this.#settings.get(key) ?? {};
        this.#settings.set(
          key,
          op.offered ? { chosen, offered: assignFirst(offered, value, op.hlc) } : { chosen: assign(chosen, value, op.hlc), offered },
        );
      }
      return true;
    }
    const document = this.#document(op.document);
    const { hlc } = op;
    if (op.kind === 'document-deleted') {
      document.lastDelete = laterHlc(document.lastDelete, hlc);
      return true;
    }
    // Any other change to a document, or to a highlight in it, is an edit that outlives an older delete of the document.
    document.lastChange = laterHlc(document.lastChange, hlc);
    switch (op.kind) {
      case 'document':
        document.addedAt ??= op.addedAt;
        if (op.addedAt < document.addedAt) document.addedAt = op.addedAt;
        for (const field of ['title', 'author', 'date', 'source'] as const) {
          document.metadata[field] = assign(document.metadata[field], op[field], hlc);
        }
        document.content = assign(document.content, contentOf(op), hlc);
        return true;
      case 'body':
        document.content = assign(document.content, contentOf(op), hlc);
        return true;
      case 'metadata':
        document.metadata[op.field] = assign(document.metadata[op.field], op.value, hlc);
        return true;
      case 'position':
        document.position = assign(document.position, op.position, hlc);
        document.furthestRead = Math.max(document.furthestRead ?? 0, fractionRead(op.position));
        return true;
      case 'document-note':
        document.note.add(hlc, op.text, op.base);
        return true;
    }
    const highlight = this.#highlight(document, op.highlight);
    if (op.kind === 'highlight-deleted') {
      highlight.lastDelete = laterHlc(highlight.lastDelete, hlc);
      return true;
    }
    highlight.lastChange = laterHlc(highlight.lastChange, hlc);
    switch (op.kind) {
      case 'highlight':
        // Creation times differ only when two devices made the same id, which ids (UUIDs) rule out; the earliest is kept either way.
        if (highlight.createdAt === undefined || op.createdAt < highlight.createdAt) highlight.createdAt = op.createdAt;
        highlight.anchor = assign(highlight.anchor, op.anchor, hlc);
        highlight.color = assign(highlight.color, op.color, hlc);
        highlight.tags = assign(highlight.tags, op.tags, hlc);
        highlight.note.add(hlc, op.text, op.base);
        return true;
      case 'anchor':
        highlight.anchor = assign(highlight.anchor, op.anchor, hlc);
        return true;
      case 'color':
        highlight.color = assign(highlight.color, op.color, hlc);
        return true;
      case 'tags':
        highlight.tags = assign(highlight.tags, op.tags, hlc);
        return true;
      case 'note':
        highlight.note.add(hlc, op.text, op.base);
        return true;
    }
  }

  /** The shared reading settings as merged: only those some device has shared. */
  settings(): Partial<ReaderSettings> {
    return Object.fromEntries(
      [...this.#settings].map(([key, { chosen, offered }]) => [key, (chosen ?? offered)!.value]),
    ) as Partial<ReaderSettings>;
  }

  /** Every document id any change has named, present or deleted. */
  documentIds(): string[] {
    return [...this.#documents.keys()];
  }

  /** A document as shown, or null when it is deleted, or not yet complete (its creation has not arrived). */
  view(documentId: string): DocumentView | null {
    const document = this.#documents.get(documentId);
    if (!document || !isPresent(document)) return null;
    const { title, author, date, source } = document.metadata;
    if (document.addedAt === undefined || !document.content || !title) return null;
    const highlights: HighlightView[] = [];
    for (const highlight of document.highlights.values()) {
      const view = highlightView(highlight);
      if (view) highlights.push(view);
    }
    highlights.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return {
      id: document.id,
      title: title.value ?? 'Untitled',
      author: author?.value ?? null,
      date: date?.value ?? null,
      source: source?.value ?? null,
      addedAt: document.addedAt,
      content: document.content.value,
      position: document.position ? positionReadTo(document.position.value, document.furthestRead ?? 0) : null,
      note: document.note.text(),
      noteHeads: document.note.heads().map(({ hlc }) => hlc),
      noteUpdatedAt: document.note.latest() ?? null,
      highlights,
    };
  }

  /** The whole library as shown, in a canonical order (devices that converged give equal snapshots). */
  snapshot(): DocumentView[] {
    return this.documentIds()
      .sort()
      .flatMap((id) => this.view(id) ?? []);
  }

  /** Whether a document was deleted and no later change brought it back. */
  isDeleted(documentId: string): boolean {
    const document = this.#documents.get(documentId);
    return document?.lastDelete !== undefined && !isPresent(document);
  }

  #document(id: string): MergedDocument {
    let document = this.#documents.get(id);
    if (!document) {
      document = { id, metadata: {}, note: new NoteRegister(), highlights: new Map() };
      this.#documents.set(id, document);
    }
    return document;
  }

  #highlight(document: MergedDocument, id: string): MergedHighlight {
    let highlight = document.highlights.get(id);
    if (!highlight) {
      highlight = { id, note: new NoteRegister() };
      document.highlights.set(id, highlight);
    }
    return highlight;
  }
}

function highlightView(highlight: MergedHighlight): HighlightView | null {
  const { anchor, color, tags, createdAt, lastChange } = highlight;
  if (!isPresent(highlight) || !anchor || !color || !tags || createdAt === undefined || lastChange === undefined) return null;
  return {
    id: highlight.id,
    anchor: anchor.value,
    color: color.value,
    tags: tags.value,
    note: highlight.note.text(),
    noteHeads: highlight.note.heads().map(({ hlc }) => hlc),
    createdAt,
    updatedAt: lastChange,
  };
}

function contentOf(op: DocumentContent): DocumentContent {
  return { body: op.body, assets: op.assets, ...textLanguage(op) };
}
