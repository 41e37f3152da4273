import type { appMethods, DomainApi } from '../../../common/contract';
import type { ServiceContext } from '../context';
import { vetExternalLink } from '../external-link';

/** Links to the outside and the close handshake (common/contract/app.ts). */
export function appService({ options, flush }: ServiceContext): DomainApi<typeof appMethods> {
  return {
    async openExternal(url) {
      await options.openExternal(vetExternalLink(url));
    },
    async readyToClose() {
      // Writes the page sent before this call are already in the store's queue; flushing makes them durable before the window goes.
      await flush();
      options.onReadyToClose();
    },
  };
}
