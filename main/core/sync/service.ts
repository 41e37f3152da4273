import type { DomainApi, vaultSyncMethods } from '../../../common/contract';
import type { ServiceContext } from '../context';

/** Folder (vault) sync (common/contract/vault-sync.ts); status changes go to the page as `vaultSyncChanged` events. */
export function vaultSyncService({ options, vaultSync }: ServiceContext): DomainApi<typeof vaultSyncMethods> {
  return {
    async chooseVaultFolder() {
      const sync = await vaultSync();
      const folder = await options.chooseExportDestination({
        suggestedName: 'Gloss',
        destination: 'folder',
        title: 'Choose a folder to keep in sync (one Markdown file per document)',
      });
      return folder === null ? null : sync.start(folder);
    },
    async getVaultSyncStatus() {
      return (await vaultSync()).status();
    },
    async stopVaultSync() {
      return (await vaultSync()).stop();
    },
    async resolveVaultConflict(documentId) {
      return (await vaultSync()).resolveConflict(documentId);
    },
  };
}
