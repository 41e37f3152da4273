import type { DomainApi, ImportedFile, ImportOutcome, importMethods } from '../../../common/contract';
import { pastedFile } from '../../../common/pasted-file';
import type { ServiceContext } from '../context';
import { GlossError } from '../errors';
import { importFiles } from './import-files';

/** Adding documents and annotations (common/contract/import.ts); progress goes to the page as `importProgress` events. */
export function importService({ options, store, changed, recordChange, emit }: ServiceContext): DomainApi<typeof importMethods> {
  // Imports under way, each cancellable; cancelImport stops them all (the window shows one at a time).
  const running = new Set<AbortController>();
  async function importDocuments(files: ImportedFile[]): Promise<ImportOutcome[]> {
    const controller = new AbortController();
    running.add(controller);
    let outcomes: ImportOutcome[];
    try {
      outcomes = await importFiles(await store(), options.dataDir, files, {
        work: options.importWork,
        signal: controller.signal,
        onProgress: (progress) => emit('importProgress', progress),
      });
    } finally {
      running.delete(controller);
    }
    const documentIds = outcomes.flatMap((outcome) =>
      outcome.status === 'added' ? [outcome.documentId] : outcome.status === 'annotations' ? outcome.documentIds : [],
    );
    for (const documentId of documentIds) await recordChange((sync) => sync.recordDocument(documentId));
    changed(documentIds);
    return outcomes;
  }
  return {
    importDocuments,
    async importClipboard() {
      // Read up front: pastedFile, shared with the page's paste events, asks synchronously.
      const contents = (await options.readClipboard?.(['text/markdown', 'text/html', 'text/plain'])) ?? new Map<string, string>();
      const pasted = pastedFile({ getData: (type) => contents.get(type) ?? '' });
      if (!pasted) throw new GlossError('not-found', 'The clipboard holds no text to add as a document.');
      return importDocuments([pasted]);
    },
    async prepareImport() {
      options.importWork?.prepare();
    },
    async cancelImport() {
      for (const controller of running) controller.abort();
    },
  };
}
