/**
 * Library sync between machines (issue #16): each device writes its changes
 * to a log in a folder a sync engine (Syncthing, Dropbox, …) keeps in step,
 * and merges the other devices' logs. The folder itself comes from the
 * system's dialog in main, never from the page.
 */
import { z } from 'zod';
import { event, method } from './define';
import { documentIdSchema, isoTimeSchema } from './primitives';

export interface LibrarySyncDevice {
  deviceId: string;
  /** The name the device gave itself (its host name), null until its device file has arrived. */
  name: string | null;
  /** Changes read from its logs. */
  changes: number;
  thisDevice: boolean;
}

export interface LibrarySyncStatus {
  /** The folder a sync engine (Syncthing, Dropbox, …) keeps in step between machines; null when library sync is off. */
  folder: string | null;
  deviceId: string;
  /** ISO 8601, when the folder was last read and merged. */
  lastSyncedAt: string | null;
  devices: LibrarySyncDevice[];
  /** What the last pass that found anything merged, in one sentence; null before any. */
  lastMerge: string | null;
  /** What is wrong, in one sentence (folder missing, disk full, a conflict copy, an unreadable line); null when all is well. */
  problem: string | null;
  /** The documents the last pass that changed any brought up to date, and when (the page reopens the open one). */
  lastChanged: { at: string; documentIds: string[] } | null;
  /** Whether this device shares its reading settings (font, size, spacing, width, theme) with the others, and takes theirs. */
  sharesSettings: boolean;
}

const librarySyncStatusSchema = z.object({
  folder: z.string().nullable(),
  deviceId: z.string(),
  lastSyncedAt: isoTimeSchema.nullable(),
  devices: z.array(
    z.object({ deviceId: z.string(), name: z.string().nullable(), changes: z.number().int().min(0), thisDevice: z.boolean() }),
  ),
  lastMerge: z.string().nullable(),
  problem: z.string().nullable(),
  lastChanged: z.object({ at: isoTimeSchema, documentIds: z.array(documentIdSchema) }).nullable(),
  sharesSettings: z.boolean(),
}) satisfies z.ZodType<LibrarySyncStatus>;

export const librarySyncMethods = {
  /** Asks for the synced folder (the system's folder dialog), then shares this library through it; null when the user cancels. */
  chooseLibrarySyncFolder: method<() => Promise<LibrarySyncStatus | null>>({
    channel: 'library-sync:choose-folder',
    args: z.tuple([]),
    description: 'start syncing the library',
  }),
  getLibrarySyncStatus: method<() => Promise<LibrarySyncStatus>>({
    channel: 'library-sync:status',
    args: z.tuple([]),
    description: 'read the library sync status',
  }),
  /**
   * Shares this device's reading settings with the other devices (and takes
   * the latest of theirs), or stops; off by default, since screens differ.
   */
  shareLibrarySyncSettings: method<(share: boolean) => Promise<LibrarySyncStatus>>({
    channel: 'library-sync:share-settings',
    args: z.tuple([z.boolean()]),
    description: 'choose whether reading settings are synced',
  }),
  /** Stops sharing; the folder and the library stay as they are. */
  stopLibrarySync: method<() => Promise<LibrarySyncStatus>>({
    channel: 'library-sync:stop',
    args: z.tuple([]),
    description: 'stop syncing the library',
  }),
};

export const librarySyncEvents = {
  /** Library sync merged other devices' changes or its status changed: the new status (the page follows `lastChanged`). */
  librarySyncChanged: event<LibrarySyncStatus>({
    channel: 'library-sync:changed',
    payload: librarySyncStatusSchema,
    description: 'the library sync status',
  }),
};
