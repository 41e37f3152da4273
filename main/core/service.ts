import type { GlossApi } from '../../common/contract';
import { appService } from './app/service';
import { clipboardService } from './clipboard/service';
import { createServiceContext, type GlossServiceOptions } from './context';
import { exportService } from './export/service';
import { highlightsService } from './highlights/service';
import { importService } from './import/service';
import { libraryService } from './library/service';
import { searchService } from './search/service';
import { settingsService } from './settings/service';
import { vaultSyncService } from './sync/service';

export type { GlossServiceOptions } from './context';

export interface GlossService extends GlossApi {
  /** Resolves once every accepted write is on disk. */
  flush(): Promise<void>;
  /** Flushes, then gives up the data folder's lock; the app awaits it before quitting. */
  close(): Promise<void>;
}

/**
 * Everything main does for the renderer, free of Electron so the app, the
 * browser test runtime and the command line share it: one implementation per
 * contract domain (main/core/<domain>/service.ts) over one shared context.
 * The library opens on first use; if it cannot be opened, every call reports why.
 */
export function createGlossService(options: GlossServiceOptions): GlossService {
  const context = createServiceContext(options);
  return {
    ...libraryService(context),
    ...highlightsService(context),
    ...importService(context),
    ...exportService(context),
    ...clipboardService(context),
    ...vaultSyncService(context),
    ...searchService(context),
    ...settingsService(context),
    ...appService(context),
    flush: context.flush,
    close: context.close,
  };
}
