import { join } from 'node:path';

/**
 * The data folder's shape, written once; every module that reads or writes
 * the folder takes its paths from here (README "Where your data lives").
 *
 *   library.json                    index: document summaries + which one was open (rebuilt from the folders if damaged)
 *   opened.json                     the documents opened since library.json was last written, and which one last
 *   settings.json                   the reader settings
 *   vault-sync.json                 the synced folder and each document's file name there
 *   library-sync.json               library sync between machines: this device's id, the synced folder, when it last merged
 *   gloss.lock                      held by the process writing this folder
 *   documents/<id>/document.json    one document's metadata, reading position, revision, note, highlights
 *   documents/<id>/body.md          its Markdown, written on import or edit only
 *   documents/<id>/assets/<name>    its own images (from an EPUB), served at /documents/<id>/assets/<name>
 *   backups/library/                rotating copies of library.json
 *   backups/documents/<id>/         rotating copies of that document.json
 *   backups/interrupted-imports/    document folders an interrupted import left half-written
 *   trash/<time>-<id>/              a deleted document's folder, whole (Undo moves it back)
 *   .chromium/                      Electron's own caches
 */
export const dataFolderNames = {
  library: 'library.json',
  openRecord: 'opened.json',
  settings: 'settings.json',
  vaultSync: 'vault-sync.json',
  librarySync: 'library-sync.json',
  lock: 'gloss.lock',
  documents: 'documents',
  documentData: 'document.json',
  documentBody: 'body.md',
  documentAssets: 'assets',
  backups: 'backups',
  trash: 'trash',
  chromium: '.chromium',
} as const;

const names = dataFolderNames;

/** One document's folder and files. */
export interface DocumentPaths {
  folder: string;
  data: string;
  body: string;
  assets: string;
}

function documentPathsIn(folder: string): DocumentPaths {
  return {
    folder,
    data: join(folder, names.documentData),
    body: join(folder, names.documentBody),
    assets: join(folder, names.documentAssets),
  };
}

/** Every path of the data folder at `dataDir`. */
export function dataLayout(dataDir: string) {
  return {
    root: dataDir,
    library: join(dataDir, names.library),
    openRecord: join(dataDir, names.openRecord),
    settings: join(dataDir, names.settings),
    vaultSync: join(dataDir, names.vaultSync),
    librarySync: join(dataDir, names.librarySync),
    lock: join(dataDir, names.lock),
    chromium: join(dataDir, names.chromium),
    documents: join(dataDir, names.documents),
    document: (documentId: string): DocumentPaths => documentPathsIn(join(dataDir, names.documents, documentId)),
    /** A document's folder found by listing `documents/` (its name is not yet known to be a valid id). */
    documentFolder: (folder: string): DocumentPaths => documentPathsIn(folder),
    /** Where one image of a document is kept. */
    documentAsset: (documentId: string, name: string): string => join(dataDir, names.documents, documentId, names.documentAssets, name),
    trash: join(dataDir, names.trash),
    trashed: (trashId: string): DocumentPaths => documentPathsIn(join(dataDir, names.trash, trashId)),
    libraryBackups: join(dataDir, names.backups, 'library'),
    documentBackups: (documentId: string): string => join(dataDir, names.backups, names.documents, documentId),
    interruptedImports: join(dataDir, names.backups, 'interrupted-imports'),
  };
}

export type DataLayout = ReturnType<typeof dataLayout>;
