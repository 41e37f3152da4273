/**
 * The whole bridge, assembled from the domain files. Nothing here is written
 * per method: a method or event declared in its domain file is part of
 * `GlossApi`, the channel map, main's checks and the preload's bridge.
 */
import { appEvents, appMethods } from './app';
import { clipboardMethods } from './clipboard';
import type { ApiOf, PayloadOf, SubscriptionsOf } from './define';
import { libraryMethods } from './library';
import { exportEvents, exportMethods } from './export';
import { highlightMethods } from './highlights';
import { importEvents, importMethods } from './import';
import { searchEvents, searchMethods } from './search';
import { settingsEvents, settingsMethods } from './settings';
import { vaultSyncEvents, vaultSyncMethods } from './vault-sync';
import { librarySyncEvents, librarySyncMethods } from './library-sync';

/** Every domain's methods; `tests/common/contract` checks that no two share a name or a channel. */
export const methodDomains = {
  library: libraryMethods,
  highlights: highlightMethods,
  import: importMethods,
  export: exportMethods,
  clipboard: clipboardMethods,
  vaultSync: vaultSyncMethods,
  librarySync: librarySyncMethods,
  search: searchMethods,
  settings: settingsMethods,
  app: appMethods,
};

export const eventDomains = {
  import: importEvents,
  export: exportEvents,
  vaultSync: vaultSyncEvents,
  librarySync: librarySyncEvents,
  search: searchEvents,
  settings: settingsEvents,
  app: appEvents,
};

export const glossMethods = {
  ...libraryMethods,
  ...highlightMethods,
  ...importMethods,
  ...exportMethods,
  ...clipboardMethods,
  ...vaultSyncMethods,
  ...librarySyncMethods,
  ...searchMethods,
  ...settingsMethods,
  ...appMethods,
};

export const glossEvents = {
  ...importEvents,
  ...exportEvents,
  ...vaultSyncEvents,
  ...librarySyncEvents,
  ...searchEvents,
  ...settingsEvents,
  ...appEvents,
};

/** What main implements and the page calls (through `renderer/src/bridge.ts`). */
export type GlossApi = ApiOf<typeof glossMethods>;
export type GlossMethod = keyof GlossApi;

/** The part of `GlossApi` one domain file declares, e.g. `DomainApi<typeof exportMethods>`. */
export type { ApiOf as DomainApi } from './define';

export type GlossEventName = keyof typeof glossEvents;
export type GlossEventPayload<E extends GlossEventName> = PayloadOf<typeof glossEvents, E>;
/** The page's subscriptions: `onExportProgress(listener)` and so on, each returning its unsubscribe. */
export type GlossSubscriptions = SubscriptionsOf<typeof glossEvents>;

/** How main sends an event to the page; typed, so a payload that does not fit its event fails the typecheck. */
export type EmitEvent = <E extends GlossEventName>(event: E, payload: GlossEventPayload<E>) => void;

/** IPC channel per method, `domain:verb`. */
export const channels = Object.fromEntries(Object.entries(glossMethods).map(([name, spec]) => [name, spec.channel])) as {
  readonly [M in GlossMethod]: string;
};

export type GlossChannel = (typeof channels)[GlossMethod];
