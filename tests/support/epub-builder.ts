/**
 * Builds EPUB files for tests, zipped with the importer's own library
 * (fflate). The default book has three chapters whose spine order (harbour,
 * lighthouse, storm) differs from their order in the archive, an image shown
 * by the lighthouse chapter, and Dublin Core metadata. Options break it in
 * the ways real files are broken.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';

/** A 2×2 red PNG: small, but a real image a browser decodes (naturalWidth 2). */
export const pngBytes = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAEUlEQVR4nGP4z8DwnwGMgRQAH+4D/dJQfRoAAAAASUVORK5CYII=', 'base64'),
);

export interface EpubOptions {
  withoutContainer?: boolean;
  withoutPackage?: boolean;
  /** Leaves this chapter file out of the archive while the spine still names it. */
  missingChapter?: string;
  /** Extra entries, e.g. a large compressible one for a zip bomb. */
  extra?: Record<string, Uint8Array>;
}

const chapters: Record<string, string> = {
  'OEBPS/text/a-lighthouse.xhtml': chapter(
    'The Lighthouse',
    '<p>The keeper climbed the stair at dusk.</p><p><img src="../images/lamp%20room.png" alt="The lamp room"/></p><p>Then he lit the lamp.</p>',
  ),
  'OEBPS/text/b-storm.xhtml': chapter(
    'The Storm',
    '<p>By midnight the waves broke over the rocks.</p><p>See <a href="a-lighthouse.xhtml#top">the first night</a> and <a href="https://example.org/storms">storms</a>.</p>',
  ),
  'OEBPS/text/c-harbour.xhtml': chapter('The Harbour', '<p>Boats waited in the harbour for the tide.</p><div/><p>Nobody spoke.</p>'),
};

function chapter(title: string, body: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title/><link rel="stylesheet" href="../style.css"/></head>
<body><section epub:type="chapter"><h1>${title}</h1>${body}</section></body></html>`;
}

const container = `<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
  <rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles>
</container>`;

const opf = `<?xml version="1.0" encoding="UTF-8"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="book-id">
  <metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:identifier id="other">calibre:42</dc:identifier>
    <dc:identifier id="book-id">urn:isbn:9780000000002</dc:identifier>
    <dc:title>Nights at the Lighthouse</dc:title>
    <dc:creator>Ada Keeper</dc:creator>
    <dc:creator>Ben Tide</dc:creator>
    <dc:date>2019-04-01</dc:date>
    <dc:language>en-GB</dc:language>
  </metadata>
  <manifest>
    <item id="storm" href="text/b-storm.xhtml" media-type="application/xhtml+xml"/>
    <item id="harbour" href="text/c-harbour.xhtml" media-type="application/xhtml+xml"/>
    <item id="lighthouse" href="text/a-lighthouse.xhtml" media-type="application/xhtml+xml"/>
    <item id="lamp" href="images/lamp%20room.png" media-type="image/png"/>
    <item id="css" href="style.css" media-type="text/css"/>
  </manifest>
  <spine><itemref idref="harbour"/><itemref idref="lighthouse"/><itemref idref="storm"/></spine>
</package>`;

export function buildEpub(options: EpubOptions = {}): Uint8Array {
  const files: Zippable = { mimetype: [strToU8('application/epub+zip'), { level: 0 }] };
  if (!options.withoutContainer) files['META-INF/container.xml'] = strToU8(container);
  if (!options.withoutPackage) files['OEBPS/content.opf'] = strToU8(opf);
  // Alphabetical archive order: a, b, c; the spine reads c, a, b.
  for (const [path, text] of Object.entries(chapters)) if (path !== options.missingChapter) files[path] = strToU8(text);
  files['OEBPS/images/lamp room.png'] = pngBytes;
  files['OEBPS/style.css'] = strToU8('p { margin: 0 }');
  Object.assign(files, options.extra ?? {});
  return zipSync(files);
}

/** One file of a book made with buildBook: in the manifest, and in the spine unless `inSpine` is false. */
export interface BookFile {
  id: string;
  /** Relative to the package file (OPS/). */
  href: string;
  mediaType?: string;
  content: string | Uint8Array;
  inSpine?: boolean;
  /** The manifest's properties attribute (nav, svg, …). */
  properties?: string;
}

export interface BookOptions {
  /** Inside <metadata>; a title is added when none is given. */
  metadata?: string;
  files: BookFile[];
  /** Spine idrefs, when they should differ from the files' own ids (a misspelled entry). */
  spine?: string[];
  /** The spine's page-progression-direction (right to left: Japanese vertical books, Hebrew and Arabic ones). */
  pageProgression?: 'ltr' | 'rtl';
  /** Compress (the default) or store the entries. */
  level?: 0 | 6;
}

/** A book shaped by the test: any chapters, images and spine, under OPS/. */
export function buildBook(options: BookOptions): Uint8Array {
  const metadata = options.metadata?.includes('<dc:title') ? options.metadata : `<dc:title>Test book</dc:title>${options.metadata ?? ''}`;
  const manifest = options.files
    .map(
      (file) =>
        `<item id="${file.id}" href="${file.href}" media-type="${file.mediaType ?? 'application/xhtml+xml'}"${file.properties ? ` properties="${file.properties}"` : ''}/>`,
    )
    .join('');
  const spine = (options.spine ?? options.files.filter((file) => file.inSpine !== false).map((file) => file.id))
    .map((idref) => `<itemref idref="${idref}"/>`)
    .join('');
  const files: Zippable = {
    mimetype: [strToU8('application/epub+zip'), { level: 0 }],
    'META-INF/container.xml': strToU8(container.replace('OEBPS/content.opf', 'OPS/package.opf')),
    'OPS/package.opf': strToU8(
      `<?xml version="1.0" encoding="UTF-8"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0" unique-identifier="id"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:opf="http://www.idpf.org/2007/opf">${metadata}</metadata><manifest>${manifest}</manifest><spine${options.pageProgression ? ` page-progression-direction="${options.pageProgression}"` : ''}>${spine}</spine></package>`,
    ),
  };
  for (const file of options.files)
    files[`OPS/${decodeURIComponent(file.href)}`] = [
      typeof file.content === 'string' ? strToU8(file.content) : file.content,
      { level: options.level ?? 6 },
    ];
  return zipSync(files);
}

/** An XHTML chapter around `body`. */
export function xhtmlChapter(body: string, head = ''): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><head><title>c</title>${head}</head><body>${body}</body></html>`;
}

/**
 * The archive with one entry's declared size in the central directory
 * changed (what a zip bomb does: a small size on top of a huge stream).
 */
export function withDeclaredSize(zip: Uint8Array, entryName: string, size: number): Uint8Array {
  const patched = zip.slice();
  const view = new DataView(patched.buffer);
  const name = strToU8(entryName);
  for (let offset = 0; offset + 46 < patched.length; offset++) {
    if (view.getUint32(offset, true) !== 0x02014b50 || view.getUint16(offset + 28, true) !== name.length) continue;
    if (patched.subarray(offset + 46, offset + 46 + name.length).every((byte, index) => byte === name[index])) {
      view.setUint32(offset + 24, size, true);
      return patched;
    }
  }
  throw new Error(`${entryName} is not in the archive`);
}
