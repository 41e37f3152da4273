/** What an importer makes of one file: the Markdown for the library and the images stored with it. */
export interface ImportedDocument {
  /** Markdown with YAML frontmatter (title, author, date, source). */
  markdown: string;
  assets: DocumentAsset[];
  /** What was left out or changed on the way, one sentence each naming the file; the document is still added. */
  warnings?: string[];
}

/** An image kept with its document, served at documentAssetPath(id, name). */
export interface DocumentAsset {
  /** A flat file name matching documentAssetNamePattern. */
  name: string;
  bytes: Uint8Array;
}

/** Builds an asset's address in the Markdown; the document id is chosen before the Markdown is written. */
export type AssetUrl = (name: string) => string;

/** The file names read as HTML: a web page, or (import/kindle-notebook.ts) a Kindle notebook export. */
export const htmlExtensions: ReadonlySet<string> = new Set(['.html', '.htm', '.xhtml']);
