import type { DomainApi, librarySyncMethods } from '../../../common/contract';
import type { ServiceContext } from '../context';

/**
 * Library sync between machines (common/contract/library-sync.ts, issue #16);
 * status changes go to the page as `librarySyncChanged` events. What each
 * domain records for it goes through `ServiceContext.recordChange`.
 */
export function librarySyncService({ options, librarySync }: ServiceContext): DomainApi<typeof librarySyncMethods> {
  return {
    async chooseLibrarySyncFolder() {
      const sync = await librarySync();
      const folder = await options.chooseExportDestination({
        suggestedName: 'Gloss',
        destination: 'folder',
        title: 'Choose the folder your sync engine (Syncthing, Dropbox, …) keeps in step between your machines',
      });
      return folder === null ? null : sync.enable(folder);
    },
    async getLibrarySyncStatus() {
      return (await librarySync()).status();
    },
    async shareLibrarySyncSettings(share) {
      return (await librarySync()).shareSettings(share);
    },
    async stopLibrarySync() {
      return (await librarySync()).disable();
    },
  };
}
