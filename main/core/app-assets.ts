import { lstat, readFile, realpath } from 'node:fs/promises';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { parseDocumentAssetPath } from '../../common/document-assets';
import { dataLayout } from './storage/layout';

/**
 * The page may load only its own scripts, styles, images and fonts; it may
 * not fetch, frame, submit forms or load plugins. Sent as a header with every
 * page the app serves.
 */
export const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * A document's image needs nothing: opened as a page (an SVG can hold
 * script), it is sandboxed and may load, run and fetch nothing at all.
 */
export const documentAssetPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

/** Where documents' images are served; nothing under it comes from the renderer's folder. */
const documentAssetsRoot = '/documents/';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
};

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * The file under `rootDir` that an app URL names, or null when the URL is not
 * on the app's origin or tries to leave the folder.
 */
export function resolveAppAsset(rootDir: string, url: string, appOrigin: string): string | null {
  if (originOf(url) !== appOrigin) return null;
  const parsed = new URL(url);
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const relativePath = normalize(pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, ''));
  if (relativePath.startsWith('..') || relativePath.split(sep).includes('..')) return null;
  return join(rootDir, relativePath);
}

/**
 * The image file an app URL names in the library at `dataDir`
 * (`/documents/<id>/assets/<name>`, see common/document-assets.ts), or null.
 * Only that exact shape is accepted, matched on the raw path: no
 * percent-encoding, no dot segments, no subfolders, image names only.
 */
export function resolveDocumentAsset(dataDir: string, url: string, appOrigin: string): string | null {
  if (originOf(url) !== appOrigin) return null;
  const asset = parseDocumentAssetPath(new URL(url).pathname);
  return asset ? dataLayout(dataDir).documentAsset(asset.documentId, asset.name) : null;
}

/**
 * A document's image, read only when it is a regular file (not a symlink,
 * which was followed and served `/etc/passwd` as image/png) whose resolved
 * path lies inside its resolved folder.
 */
async function readRegularFileInside(folder: string, filePath: string): Promise<Buffer> {
  const [entry, realFolder, realFile] = await Promise.all([lstat(filePath), realpath(folder), realpath(filePath)]);
  if (!entry.isFile() || !realFile.startsWith(realFolder + sep)) throw new Error(`${filePath} is not a regular file inside ${folder}`);
  return readFile(realFile);
}

/**
 * Serves one request with the CSP header: the built renderer from `rootDir`,
 * and, when `dataDir` is given, documents' images from the library there.
 * Shared by the app's protocol and the test runtime.
 */
export async function serveAppAsset(rootDir: string, url: string, appOrigin: string, dataDir?: string): Promise<AppResponse> {
  const isDocumentAsset = dataDir !== undefined && originOf(url) === appOrigin && new URL(url).pathname.startsWith(documentAssetsRoot);
  const filePath = isDocumentAsset ? resolveDocumentAsset(dataDir, url, appOrigin) : resolveAppAsset(rootDir, url, appOrigin);
  const headers = {
    'content-security-policy': isDocumentAsset ? documentAssetPolicy : contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
  };
  if (filePath) {
    try {
      const body = isDocumentAsset ? await readRegularFileInside(dirname(filePath), filePath) : await readFile(filePath);
      const contentType = contentTypes[extname(filePath).toLowerCase()] ?? 'application/octet-stream';
      return { status: 200, headers: { ...headers, 'content-type': contentType }, body };
    } catch {
      // Falls through to the 404 below: a missing file and a refused path look the same to the page.
    }
  }
  return { status: 404, headers: { ...headers, 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from('Not found') };
}

/** Is this frame URL one of the app's own pages? IPC from anywhere else is refused. */
export function isAppUrl(url: string | undefined, appOrigin: string): boolean {
  return url !== undefined && originOf(url) === appOrigin;
}

/**
 * `scheme://host[:port]` of a URL, or null. Node's URL gives every custom
 * scheme the opaque origin "null" (only Chromium knows gloss: is registered
 * as standard), so the origin is rebuilt from its parts.
 */
export function originOf(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const { protocol, host } = new URL(url);
  return host ? `${protocol}//${host}` : null;
}
