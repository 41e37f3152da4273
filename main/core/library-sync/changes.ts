import type { Highlight, HighlightAnchor, ReadingPosition } from '../../../common/contract';
import type { DocumentContent, DocumentMetadataFields, DocumentView, HighlightView } from './merge';
import { type AnchorValue, type MetadataField, metadataFields, type UnstampedOp } from './ops';

/**
 * What a local change adds to the log: the fields that differ from what the
 * merge already shows, one change each. Changing nothing adds nothing, so a
 * store brought up to date by a sync pass never echoes the pass back.
 */

/** A highlight's place as the log stores it: its selectors and the text they were made on. */
export function anchorValue({ quote, position }: Pick<HighlightAnchor, 'quote' | 'position'>, body: string): AnchorValue {
  return { quote: { ...quote }, position: { ...position }, body };
}

function sameAnchor(a: AnchorValue, b: AnchorValue): boolean {
  return (
    a.body === b.body &&
    a.quote.exact === b.quote.exact &&
    a.quote.prefix === b.quote.prefix &&
    a.quote.suffix === b.quote.suffix &&
    a.position.start === b.position.start &&
    a.position.end === b.position.end
  );
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/** A highlight created or replaced here (`body`: the hash of the text it is anchored in). */
export function highlightChanges(
  documentId: string,
  current: HighlightView | undefined,
  highlight: Highlight,
  body: string,
): UnstampedOp[] {
  const anchor = anchorValue(highlight, body);
  const ids = { document: documentId, highlight: highlight.id };
  if (!current) {
    const { color, tags, note: text, createdAt } = highlight;
    return [{ kind: 'highlight', ...ids, anchor, color, tags: [...tags], createdAt, text, base: [] }];
  }
  const ops: UnstampedOp[] = [];
  if (!sameAnchor(current.anchor, anchor)) ops.push({ kind: 'anchor', ...ids, anchor });
  if (current.color !== highlight.color) ops.push({ kind: 'color', ...ids, color: highlight.color });
  if (!sameList(current.tags, highlight.tags)) ops.push({ kind: 'tags', ...ids, tags: [...highlight.tags] });
  if (current.note !== highlight.note) ops.push({ kind: 'note', ...ids, text: highlight.note, base: current.noteHeads });
  return ops;
}

export function highlightDeleted(documentId: string, current: HighlightView | undefined, highlightId: string): UnstampedOp[] {
  return current ? [{ kind: 'highlight-deleted', document: documentId, highlight: highlightId }] : [];
}

export function anchorChanges(
  documentId: string,
  current: HighlightView | undefined,
  anchor: HighlightAnchor,
  body: string,
): UnstampedOp[] {
  if (!current) return [];
  const value = anchorValue(anchor, body);
  return sameAnchor(current.anchor, value) ? [] : [{ kind: 'anchor', document: documentId, highlight: anchor.id, anchor: value }];
}

export function documentNoteChanges(current: DocumentView, text: string): UnstampedOp[] {
  return current.note === text ? [] : [{ kind: 'document-note', document: current.id, text, base: current.noteHeads }];
}

/** Field by field: two positions equal as values, whatever order their keys were written in. */
export function samePosition(a: ReadingPosition | null, b: ReadingPosition): boolean {
  return (
    a !== null && a.blockIndex === b.blockIndex && a.blockOffset === b.blockOffset && a.progress === b.progress && a.furthest === b.furthest
  );
}

export function positionChanges(current: DocumentView, position: ReadingPosition): UnstampedOp[] {
  return samePosition(current.position, position) ? [] : [{ kind: 'position', document: current.id, position: { ...position } }];
}

export function metadataChanges(current: DocumentView, metadata: Partial<Record<MetadataField, string | null>>): UnstampedOp[] {
  return metadataFields.flatMap((field): UnstampedOp[] => {
    const value = metadata[field];
    return value === undefined || value === current[field] ? [] : [{ kind: 'metadata', document: current.id, field, value }];
  });
}

export function contentChanges(current: DocumentView, content: DocumentContent): UnstampedOp[] {
  const same =
    current.content.body === content.body &&
    current.content.lang === content.lang &&
    current.content.dir === content.dir &&
    current.content.writingMode === content.writingMode &&
    sameList(
      current.content.assets.map(({ name, hash }) => `${name}\n${hash}`),
      content.assets.map(({ name, hash }) => `${name}\n${hash}`),
    );
  return same ? [] : [{ kind: 'body', document: current.id, ...content, assets: content.assets.map((asset) => ({ ...asset })) }];
}

/** A whole document as this device's store holds it (on import, restore, or when sync is first turned on). */
export interface LocalDocument extends DocumentMetadataFields {
  content: DocumentContent;
  position: ReadingPosition | null;
  note: string;
  highlights: readonly Highlight[];
  /** The hash of the text each highlight is anchored in (the current text, or an older one for highlights not yet re-anchored). */
  anchoredIn: (highlight: Highlight) => string;
}

/** Everything about a document that differs from what the merge shows: all of it for a document new to the merge (or deleted there). */
export function documentChanges(current: DocumentView | null, local: LocalDocument): UnstampedOp[] {
  const ops: UnstampedOp[] = [];
  const view = current;
  if (!view) {
    const { id, title, author, date, source, addedAt, content } = local;
    ops.push({ kind: 'document', document: id, title, author, date, source, addedAt, ...content });
  } else {
    ops.push(...metadataChanges(view, local), ...contentChanges(view, local.content));
  }
  const known = new Map((view?.highlights ?? []).map((highlight) => [highlight.id, highlight]));
  for (const highlight of local.highlights)
    ops.push(...highlightChanges(local.id, known.get(highlight.id), highlight, local.anchoredIn(highlight)));
  const kept = new Set(local.highlights.map(({ id }) => id));
  for (const id of known.keys()) if (!kept.has(id)) ops.push({ kind: 'highlight-deleted', document: local.id, highlight: id });
  if (local.note !== (view?.note ?? ''))
    ops.push({ kind: 'document-note', document: local.id, text: local.note, base: view?.noteHeads ?? [] });
  if (local.position && !samePosition(view?.position ?? null, local.position)) {
    ops.push({ kind: 'position', document: local.id, position: { ...local.position } });
  }
  return ops;
}
