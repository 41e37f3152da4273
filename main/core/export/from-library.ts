import { textLanguage } from '../../../common/text/language';
import { GlossError } from '../errors';
import { orphanIds, type StoredDocument } from '../storage/library-reader';
import type { ExportDocument } from './types';

/**
 * The documents to export, as the exporters take them: all of them, or the
 * ones named by id (in the order named). A named document that cannot be read
 * is an error; in a whole-library export it is skipped and reported.
 */
export function selectForExport(
  stored: readonly StoredDocument[],
  ids: readonly string[] | 'all',
): { documents: ExportDocument[]; skipped: string[] } {
  const chosen = ids === 'all' ? stored : ids.map((id) => stored.find((candidate) => candidate.summary.id === id) ?? noSuchDocument(id));
  const documents: ExportDocument[] = [];
  const skipped: string[] = [];
  for (const { summary, data, problem } of chosen) {
    if (!data) {
      if (ids !== 'all') throw new GlossError('storage', `“${summary.title}” cannot be read: ${problem ?? 'unknown problem'}`);
      skipped.push(`“${summary.title}”: ${problem ?? 'unknown problem'}`);
      continue;
    }
    documents.push({
      document: summary,
      documentNote: data.documentNote,
      highlights: data.highlights,
      orphanIds: orphanIds(data),
      ...(data.importedDetails ? { importedDetails: data.importedDetails } : {}),
      ...textLanguage(data),
    });
  }
  return { documents, skipped };
}

export function noSuchDocument(id: string): never {
  throw new GlossError('not-found', `There is no document with id ${id} in this library (gloss list shows the ids).`);
}
