import { join } from 'node:path';
import type { DocumentSummary } from '../../../preload/api';
import { GlossError } from '../errors';
import { parseJsonFile, readTextIfExists } from './durable-file';
import { upgrade } from './migrations';
import { documentFormat, type DocumentFile, libraryFormat } from './schema';

export interface StoredDocument {
  summary: DocumentSummary;
  /** null with `problem` set when the document's data file cannot be read. */
  data: DocumentFile | null;
  problem: string | null;
}

/**
 * Reads a library without changing a byte: for the command line, which may
 * run beside the app. Damaged files are reported, never set aside or
 * repaired (that is the app's job, as the one writer).
 */
export async function readLibrary(dataDir: string): Promise<StoredDocument[]> {
  const libraryPath = join(dataDir, 'library.json');
  const text = await readTextIfExists(libraryPath);
  if (text === null) throw new GlossError('not-found', `${dataDir} holds no Gloss library (no library.json).`);
  const { documents } = upgrade(parseJsonFile(libraryPath, text), libraryFormat, libraryPath).data;
  return Promise.all(
    documents.map(async (summary): Promise<StoredDocument> => {
      const filePath = join(dataDir, 'documents', summary.id, 'document.json');
      try {
        const documentText = await readTextIfExists(filePath);
        if (documentText === null) return { summary, data: null, problem: `${filePath} is missing` };
        return { summary, data: upgrade(parseJsonFile(filePath, documentText), documentFormat, filePath).data, problem: null };
      } catch (error) {
        if (error instanceof GlossError) return { summary, data: null, problem: error.message };
        throw error;
      }
    }),
  );
}

/**
 * Highlights not re-anchored since the document's text last changed. The
 * reader re-anchors every highlight it can place right after an edit and
 * moves it to the new revision, so the ones left behind are those it could
 * not place.
 */
export function orphanIds(document: DocumentFile): Set<string> {
  return new Set(document.highlights.filter((highlight) => highlight.revision !== document.revision).map((highlight) => highlight.id));
}
