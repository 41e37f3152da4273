import { createGlossService, type GlossService, type GlossServiceOptions } from '../../main/core/service';

/** Gloss's service with no window: links and dialogs answer nothing, as tests and benches want unless they say otherwise. */
export function headlessGloss(
  options: Pick<GlossServiceOptions, 'dataDir' | 'seedArticlePath'> & Partial<GlossServiceOptions>,
): GlossService {
  return createGlossService({
    openExternal: async () => undefined,
    chooseExportDestination: async () => null,
    appVersion: 'test',
    onReadyToClose: () => undefined,
    ...options,
  });
}
