import type { DomainApi, ExportProgress, ExportRequest, exportMethods } from '../../../common/contract';
import type { ServiceContext } from '../context';
import { exportDestination, exportOnThisThread, type LibraryExportRequest } from './build';
import { noSuchDocument } from './from-library';

/** How much of an export the dialog previews. */
const previewLength = 4000;

/** Exports to files (common/contract/export.ts); progress goes to the page as `exportProgress` events. */
export function exportService({ options, store, emit }: ServiceContext): DomainApi<typeof exportMethods> {
  const work = options.exportWork ?? exportOnThisThread;
  const reportProgress = (progress: ExportProgress): void => emit('exportProgress', progress);
  /** What an export reads: what is on disk, once every accepted change has reached it. */
  async function exportRequest({ format, scope, csvFormulas }: ExportRequest): Promise<LibraryExportRequest> {
    await (await store()).flush();
    const ids = scope.kind === 'document' ? [scope.documentId] : 'all';
    return { dataDir: options.dataDir, ids, format, options: { exportedAt: new Date(), appVersion: options.appVersion, csvFormulas } };
  }
  return {
    async previewExport(request) {
      return work.preview(await exportRequest(request), previewLength, reportProgress);
    },
    async exportToFile(request) {
      const { scope } = request;
      const single =
        scope.kind === 'document'
          ? ((await store()).state().documents.find(({ id }) => id === scope.documentId) ?? noSuchDocument(scope.documentId))
          : null;
      const path = await options.chooseExportDestination(exportDestination(request.format, single));
      if (path === null) return null;
      // Built and written where it is read: the export (a library's JSON holds every text) never crosses back to this thread.
      const { fileCount, highlightCount, leftAlone, skipped } = await work.save(await exportRequest(request), path, reportProgress);
      return { path, fileCount, highlightCount, leftAlone, skipped };
    },
  };
}
