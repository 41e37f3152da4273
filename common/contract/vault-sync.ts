/**
 * Keeping one Markdown file per document in a folder the user chose (e.g. an
 * Obsidian vault). The folder itself comes from the system's dialog in main,
 * never from the page.
 */
import { z } from 'zod';
import { event, method } from './define';
import { documentIdSchema, isoTimeSchema } from './primitives';

/** A document whose file in the sync folder Gloss left alone, because it did not write it (or not for this document). */
export interface VaultConflict {
  documentId: string;
  title: string;
  /** The file's name in the sync folder. */
  fileName: string;
  message: string;
  /** The name Gloss writes to instead if the user agrees (`resolveVaultConflict`). */
  alternativeName: string;
}

export interface VaultSyncStatus {
  /** The folder kept in sync; null when sync is off. */
  folder: string | null;
  state: 'off' | 'syncing' | 'synced' | 'error';
  /** ISO 8601, when every pending change last reached the folder. */
  lastSyncedAt: string | null;
  /** How many documents have their file in the folder. */
  fileCount: number;
  conflicts: VaultConflict[];
  /** The last failure (a folder gone, a full disk), null once a sync succeeds. */
  error: string | null;
}

const vaultSyncStatusSchema = z.object({
  folder: z.string().nullable(),
  state: z.enum(['off', 'syncing', 'synced', 'error']),
  lastSyncedAt: isoTimeSchema.nullable(),
  fileCount: z.number().int().min(0),
  conflicts: z.array(
    z.object({ documentId: documentIdSchema, title: z.string(), fileName: z.string(), message: z.string(), alternativeName: z.string() }),
  ),
  error: z.string().nullable(),
}) satisfies z.ZodType<VaultSyncStatus>;

export const vaultSyncMethods = {
  /** Asks for a folder (the system's folder dialog), remembers it and writes every document's file; null when the user cancels. */
  chooseVaultFolder: method<() => Promise<VaultSyncStatus | null>>({
    channel: 'vault-sync:choose-folder',
    args: z.tuple([]),
    description: 'start syncing to the folder',
  }),
  getVaultSyncStatus: method<() => Promise<VaultSyncStatus>>({
    channel: 'vault-sync:status',
    args: z.tuple([]),
    description: 'read the folder sync status',
  }),
  /** Forgets the folder; its files stay as they are. */
  stopVaultSync: method<() => Promise<VaultSyncStatus>>({
    channel: 'vault-sync:stop',
    args: z.tuple([]),
    description: 'stop syncing',
  }),
  /** The user agreed: this document's file goes under the conflict's alternative name from now on. */
  resolveVaultConflict: method<(documentId: string) => Promise<VaultSyncStatus>>({
    channel: 'vault-sync:resolve-conflict',
    args: z.tuple([documentIdSchema]),
    description: 'write the document under another name',
  }),
};

export const vaultSyncEvents = {
  /** The sync status changed (main syncs in the background, after saves): the new status. */
  vaultSyncChanged: event<VaultSyncStatus>({
    channel: 'vault-sync:changed',
    payload: vaultSyncStatusSchema,
    description: 'the folder sync status',
  }),
};
