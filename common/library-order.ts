import type { DocumentSummary } from './contract';

/** The orders the library list offers; main sends a launch's first page in the first one. */
export const librarySorts = ['opened', 'added', 'title'] as const;
export type LibrarySort = (typeof librarySorts)[number];

/** Titles ignore case and accents and read numbers as numbers; one collator, as localeCompare with options builds one per call. */
const titleOrder = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** The documents in the chosen order (never-opened documents after opened ones, newest added first). */
export function sortDocuments(documents: readonly DocumentSummary[], sort: LibrarySort): DocumentSummary[] {
  const byTitle = (a: DocumentSummary, b: DocumentSummary): number => titleOrder.compare(a.title, b.title);
  const byAdded = (a: DocumentSummary, b: DocumentSummary): number => b.addedAt.localeCompare(a.addedAt) || byTitle(a, b);
  const sorted = [...documents];
  if (sort === 'title') return sorted.sort(byTitle);
  if (sort === 'added') return sorted.sort(byAdded);
  return sorted.sort((a, b) => (b.openedAt ?? '').localeCompare(a.openedAt ?? '') || byAdded(a, b));
}
