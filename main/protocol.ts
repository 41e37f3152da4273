import type { Protocol } from 'electron';
import { serveAppAsset } from './core/app-assets';
import { appOrigin, appScheme } from './config';

/** Must run before the app is ready: makes gloss:// a secure, standard origin. */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer from `rendererDir` at gloss://app/, and documents' images from the library in `dataDir`, with the CSP header. */
export function serveRenderer(protocol: Protocol, rendererDir: string, dataDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const { status, headers, body } = await serveAppAsset(rendererDir, request.url, appOrigin, dataDir);
    return new Response(new Uint8Array(body), { status, headers });
  });
}
