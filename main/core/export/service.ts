import type { DomainApi, ExportRequest, exportMethods } from '../../../common/contract';
import type { ServiceContext } from '../context';
import { type BuiltExport, exportFromDataFolder, writeExport } from './build';

/** How much of an export the dialog previews. */
const previewLength = 4000;

/** Exports to files (common/contract/export.ts); progress goes to the page as `exportProgress` events. */
export function exportService({ options, store, emit }: ServiceContext): DomainApi<typeof exportMethods> {
  const build = options.exportWork ?? exportFromDataFolder;
  /** Exports what is on disk, after every accepted change has reached it; the page hears how many documents are read. */
  async function prepareExport({ format, scope, csvFormulas }: ExportRequest): Promise<BuiltExport> {
    await (await store()).flush();
    const ids = scope.kind === 'document' ? [scope.documentId] : 'all';
    return build(
      { dataDir: options.dataDir, ids, format, options: { exportedAt: new Date(), appVersion: options.appVersion, csvFormulas } },
      (progress) => emit('exportProgress', progress),
    );
  }
  return {
    async previewExport(request) {
      const built = await prepareExport(request);
      const text = built.files[0]?.text ?? '';
      return {
        text: text.slice(0, previewLength),
        truncated: text.length > previewLength || built.files.length > 1,
        documentCount: built.documentCount,
        highlightCount: built.highlightCount,
        destination: built.destination,
      };
    },
    async exportToFile(request) {
      const built = await prepareExport(request);
      const path = await options.chooseExportDestination({ suggestedName: built.suggestedName, destination: built.destination });
      if (path === null) return null;
      const { leftAlone } = await writeExport(built, path, (progress) => emit('exportProgress', progress));
      return { path, fileCount: built.files.length - leftAlone.length, highlightCount: built.highlightCount, leftAlone };
    },
  };
}
