import { createHash } from 'node:crypto';
import type { DocumentSummary } from '../../../common/contract';
import { documentAssetPathsInText } from '../../../common/document-assets';
import { GlossError } from '../errors';
import { parseJsonFile, readTextIfExists } from './durable-file';
import { dataLayout } from './layout';
import { upgrade } from './migrations';
import { documentFormat, type DocumentFile, libraryFormat, openRecordFormat, type OpenRecordFile } from './schema';

export interface StoredDocument {
  summary: DocumentSummary;
  /** null with `problem` set when the document's data file cannot be read. */
  data: DocumentFile | null;
  problem: string | null;
}

/**
 * Reads a library without changing a byte: for the command line, which may
 * run beside the app, and exports, which may run in a worker thread beside
 * the store. Damaged files are reported, never set aside or repaired (that
 * is the app's job, as the one writer). `only`: just the documents with
 * these ids; `onRead` hears as each document is read.
 */
export async function readLibrary(
  dataDir: string,
  { only, onRead = () => undefined }: { only?: readonly string[]; onRead?: (done: number, total: number) => void } = {},
): Promise<StoredDocument[]> {
  const paths = dataLayout(dataDir);
  const libraryPath = paths.library;
  const text = await readTextIfExists(libraryPath);
  if (text === null) throw new GlossError('not-found', `${dataDir} holds no Gloss library (no library.json).`);
  const openRecord = await readOpenRecord(paths.openRecord);
  const listed = upgrade(parseJsonFile(libraryPath, text), libraryFormat, libraryPath).data.documents.map((summary) =>
    openRecord ? withOpenRecord(summary, openRecord) : summary,
  );
  const wanted = only && new Set(only);
  const documents = wanted ? listed.filter(({ id }) => wanted.has(id)) : listed;
  let read = 0;
  return Promise.all(
    documents.map(async (summary): Promise<StoredDocument> => {
      const filePath = paths.document(summary.id).data;
      try {
        const documentText = await readTextIfExists(filePath);
        if (documentText === null) return { summary, data: null, problem: `${filePath} is missing` };
        return { summary, data: upgrade(parseJsonFile(filePath, documentText), documentFormat, filePath).data, problem: null };
      } catch (error) {
        if (error instanceof GlossError) return { summary, data: null, problem: error.message };
        throw error;
      } finally {
        onRead(++read, documents.length);
      }
    }),
  );
}

/**
 * The open record (opened.json), as the app applies it when it loads: opens
 * since the index was last written are in it alone until the app flushes, so
 * `gloss list` and exports run beside the app, or after it crashed, would
 * show them stale. A damaged record is the app's to set aside and report;
 * read from here it changes nothing.
 */
async function readOpenRecord(path: string): Promise<OpenRecordFile | null> {
  const text = await readTextIfExists(path);
  if (text === null) return null;
  try {
    return upgrade(parseJsonFile(path, text), openRecordFormat, path).data;
  } catch (error) {
    if (error instanceof GlossError) return null;
    throw error;
  }
}

/** `summary` with the later of its own time of opening and the open record's. */
function withOpenRecord(summary: DocumentSummary, record: OpenRecordFile): DocumentSummary {
  const openedAt = record.openedAt[summary.id];
  return openedAt !== undefined && (summary.openedAt ?? '') < openedAt ? { ...summary, openedAt } : summary;
}

/** Where a document's Markdown body lives (see layout.ts for the whole layout). */
export function documentBodyPath(dataDir: string, documentId: string): string {
  return dataLayout(dataDir).document(documentId).body;
}

/**
 * The library's documents by a hash of their body text, to recognise a file
 * imported twice. Reads every body: O(library) per import batch, which is
 * ~50 ms for 1,000 articles; a stored hash can replace it when libraries grow.
 */
export async function documentsByBodyHash(dataDir: string, documents: readonly DocumentSummary[]): Promise<Map<string, DocumentSummary>> {
  const byHash = new Map<string, DocumentSummary>();
  for (const summary of documents) {
    const body = await readTextIfExists(documentBodyPath(dataDir, summary.id));
    if (body !== null) byHash.set(bodyHash(body), summary);
  }
  return byHash;
}

/**
 * Bodies compared for duplicates: line endings aside, and with image addresses
 * stripped of their document id, so a book imported twice is recognised
 * although each copy would show its images from its own folder.
 */
export function bodyHash(body: string): string {
  const comparable = body.replace(/\r\n?/g, '\n').replace(documentAssetPathsInText, '/documents/-/assets/').trim();
  return createHash('sha256').update(comparable).digest('hex');
}

/**
 * Highlights not re-anchored since the document's text last changed. The
 * reader re-anchors every highlight it can place right after an edit and
 * moves it to the new revision, so the ones left behind are those it could
 * not place.
 */
export function orphanIds(document: Pick<DocumentFile, 'highlights' | 'revision'>): Set<string> {
  return new Set(document.highlights.filter((highlight) => highlight.revision !== document.revision).map((highlight) => highlight.id));
}
