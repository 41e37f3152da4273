/**
 * Where a document's own images (e.g. an EPUB's illustrations) are served:
 * `/documents/<id>/assets/<name>` on the app's origin, mirroring the data
 * folder's layout. Shared by main (which writes and serves them) and the
 * renderer (which shows exactly these images and no other non-data ones).
 * The path is origin-relative, so body.md holds the same text whichever
 * origin serves the page (gloss://app, or the test runtime's origin).
 */

/**
 * An asset name: a flat, safe file name with an image extension; never a
 * path. SVG is among them: shown through <img>, it runs no script and loads
 * nothing, and main serves it under a sandboxing policy in case it is ever
 * opened as a page (app-assets.ts).
 */
export const documentAssetNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}\.(?:png|jpe?g|gif|webp|svg)$/;

/** Document ids are what the store makes (randomUUID); anything else is not an asset path. */
const documentIdPattern = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Matches a whole asset path and captures the document id and the asset name. */
export const documentAssetPathPattern = new RegExp(
  `^/documents/(${documentIdPattern})/assets/(${documentAssetNamePattern.source.slice(1, -1)})$`,
);

/** Any asset path inside a text, with its document id, e.g. to compare bodies regardless of which document they were stored in. */
export const documentAssetPathsInText = new RegExp(`/documents/${documentIdPattern}/assets/`, 'g');

export function documentAssetPath(documentId: string, name: string): string {
  return `/documents/${documentId}/assets/${name}`;
}

/** The document id and asset name an app path names, or null when it is not exactly an asset path. */
export function parseDocumentAssetPath(path: string): { documentId: string; name: string } | null {
  const match = documentAssetPathPattern.exec(path);
  return match?.[1] && match[2] ? { documentId: match[1], name: match[2] } : null;
}
