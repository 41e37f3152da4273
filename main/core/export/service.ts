import type { DomainApi, ExportProgress, ExportRequest, exportMethods } from '../../../common/contract';
import type { ServiceContext } from '../context';
import { type BuiltExport, exportOnThisThread, type LibraryExportRequest, writeExport } from './build';

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
      const built: BuiltExport = await work.build(await exportRequest(request), reportProgress);
      const path = await options.chooseExportDestination({ suggestedName: built.suggestedName, destination: built.destination });
      if (path === null) return null;
      const { leftAlone } = await writeExport(built, path, reportProgress);
      return { path, fileCount: built.files.length - leftAlone.length, highlightCount: built.highlightCount, leftAlone };
    },
  };
}
