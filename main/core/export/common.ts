import type { Highlight } from '../../../common/contract';
import type { ExportDocument } from './types';

/** A document's highlights split the way every format shows them: placed ones, then the orphans. */
export interface OrderedHighlights {
  placed: Highlight[];
  orphans: Highlight[];
}

/**
 * Reading order: by where the passage starts, then where it ends (so of two
 * overlapping highlights starting together, the shorter comes first). Creation
 * time and id only break exact ties, so the order never depends on the input's.
 */
export function compareReadingOrder(a: Highlight, b: Highlight): number {
  return (
    a.position.start - b.position.start ||
    a.position.end - b.position.end ||
    compareStrings(a.createdAt, b.createdAt) ||
    compareStrings(a.id, b.id)
  );
}

/** Sorts a document's highlights into reading order and sets the orphans apart. */
export function readingOrder(doc: ExportDocument): OrderedHighlights {
  const sorted = [...doc.highlights].sort(compareReadingOrder);
  return {
    placed: sorted.filter((highlight) => !doc.orphanIds.has(highlight.id)),
    orphans: sorted.filter((highlight) => doc.orphanIds.has(highlight.id)),
  };
}

/** Placed highlights then orphans: the order of formats that have no separate section for orphans. */
export function allInReadingOrder(doc: ExportDocument): Highlight[] {
  const { placed, orphans } = readingOrder(doc);
  return [...placed, ...orphans];
}

/**
 * Whether a highlight has a note worth exporting. A note of only whitespace is
 * what an emptied editor leaves behind; exporting it would make JSON say
 * "commenting" and CSV carry an invisible note.
 */
export function hasNote(highlight: Highlight): boolean {
  return highlight.note.trim() !== '';
}

/** The first 8 characters of an id without its dashes: the short form used in block ids and file names. */
export function shortId(id: string): string {
  return id.replace(/-/g, '').slice(0, 8).toLowerCase();
}

/**
 * Obsidian block ids (`^gloss-1a2b3c4d`) for a document's highlights, unique
 * within the document. The short form comes from the highlight's own id, so it
 * does not change when other highlights are added, edited or deleted. If two
 * ids share their first 8 characters, the older highlight keeps the short form
 * (a new highlight never takes over an id someone may already link to) and the
 * newer one gets its whole id.
 */
export function blockIds(highlights: readonly Highlight[]): Map<string, string> {
  const byAge = [...highlights].sort((a, b) => compareStrings(a.createdAt, b.createdAt) || compareStrings(a.id, b.id));
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  for (const highlight of byAge) {
    const candidates = [`gloss-${shortId(highlight.id)}`, `gloss-${highlight.id}`];
    let chosen = candidates.find((candidate) => !taken.has(candidate));
    for (let n = 2; chosen === undefined; n++) {
      const numbered = `gloss-${highlight.id}-${n}`;
      if (!taken.has(numbered)) chosen = numbered;
    }
    taken.add(chosen);
    ids.set(highlight.id, chosen);
  }
  return ids;
}

/** `YYYY-MM-DD HH:MM:SS` in UTC. */
export function utcDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 19).replace('T', ' ');
}

/** The source when it is an http(s) URL, else null: only such URLs are offered as links or URL fields. */
export function webUrl(source: string | null): string | null {
  if (source === null) return null;
  try {
    const url = new URL(source.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Where and when the file a highlight came from put it, as a reader would say
 * it (`Location 180-182`, `Page 12`, `Order 3`, `Dated “…”` for a date Gloss
 * could not read): shown beside the highlight by the Markdown and HTML exports.
 */
export function importedDetailsLabels(highlight: Highlight): string[] {
  const imported = highlight.imported;
  if (!imported) return [];
  const labels: string[] = [];
  const { location, page, otherLocation, dateText } = imported;
  if (location) labels.push(`Location ${location.start}${location.end !== location.start ? `-${location.end}` : ''}`);
  if (page) labels.push(`Page ${page}`);
  if (otherLocation)
    labels.push(`${otherLocation.type.replace(/_/g, ' ').replace(/^./, (first) => first.toUpperCase())} ${otherLocation.value}`);
  if (dateText) labels.push(`Dated “${dateText}”`);
  return labels;
}

/** Line breaks as LF, whatever the text came with (CR LF from Windows, a lone CR from old Mac text). */
export function normalizeNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** Code-unit order: the same on every machine and locale, unlike `localeCompare`. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
