import type { appMethods, DomainApi } from '../../../common/contract';
import type { ServiceContext } from '../context';
import { GlossError } from '../errors';

const externalProtocols = new Set(['http:', 'https:', 'mailto:']);

/** Links to the outside and the close handshake (common/contract/app.ts). */
export function appService({ options, flush }: ServiceContext): DomainApi<typeof appMethods> {
  return {
    async openExternal(url) {
      const parsed = URL.canParse(url) ? new URL(url) : null;
      if (!parsed || !externalProtocols.has(parsed.protocol)) {
        throw new GlossError('forbidden', `Gloss opens only web and mail links, not ${JSON.stringify(url.slice(0, 80))}.`);
      }
      // The normalised form is what was checked, so it is what leaves the app.
      await options.openExternal(parsed.href);
    },
    async readyToClose() {
      // Writes the page sent before this call are already in the store's queue; flushing makes them durable before the window goes.
      await flush();
      options.onReadyToClose();
    },
  };
}
