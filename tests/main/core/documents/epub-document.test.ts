import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { documentAssetNamePattern } from '../../../../common/document-assets';
import { documentFromEpub, epubLimits } from '../../../../main/core/documents/epub-document';
import { parseMarkdownSource } from '../../../../main/core/documents/markdown-source';
import { JSDOM } from 'jsdom';
import { renderMarkdown } from '../../../../renderer/src/markdown';
import { type BookFile, buildBook, buildEpub, pngBytes, withDeclaredSize, xhtmlChapter } from '../../../support/epub-builder';
import { collectGarbage } from '../../../support/collect-garbage';

const assetUrl = (name: string): string => `/documents/00000000-0000-4000-8000-000000000000/assets/${name}`;

describe('an EPUB built by the test', () => {
  const { markdown, assets } = documentFromEpub('lighthouse.epub', buildEpub(), assetUrl);
  const { metadata, body } = parseMarkdownSource(markdown);

  it('takes title, creators, date and identifier from the OPF metadata (the unique identifier, not the first)', () => {
    expect(metadata).toEqual({
      title: 'Nights at the Lighthouse',
      author: 'Ada Keeper, Ben Tide',
      date: '2019-04-01',
      source: 'urn:isbn:9780000000002',
      lang: 'en-GB',
      dir: 'ltr',
      writingMode: null,
    });
  });

  it('puts the chapters in spine order, not archive order, each with its heading', () => {
    const headings = body.split('\n').filter((line) => line.startsWith('#'));
    // The Storm links to The Lighthouse, whose heading carries the place that link leads to.
    expect(headings).toEqual(['# The Harbour', '# <a id="gloss-ref-1"></a>The Lighthouse', '# The Storm']);
    expect(body.indexOf('Boats waited')).toBeLessThan(body.indexOf('The keeper climbed'));
    expect(body.indexOf('Then he lit the lamp.')).toBeLessThan(body.indexOf('By midnight'));
  });

  it('reads self-closing XHTML tags as XML does, so no chapter swallows the next', () => {
    expect(body).toContain('Boats waited in the harbour for the tide.\n\nNobody spoke.');
  });

  it('stores the image once, under a safe name, and points the Markdown at the app’s address for it', () => {
    expect(assets).toEqual([{ name: 'lamp-room.png', bytes: pngBytes }]);
    expect(assets.every((asset) => documentAssetNamePattern.test(asset.name))).toBe(true);
    expect(body).toContain(`![The lamp room](${assetUrl('lamp-room.png')})`);
  });

  it('keeps web links, and a link to another chapter leads to that chapter’s title', () => {
    expect(body).toContain('See [the first night](#gloss-ref-1) and [storms](https://example.org/storms).');
    expect(body).toContain('# <a id="gloss-ref-1"></a>The Lighthouse');
  });
});

describe('metadata and images in other shapes', () => {
  function book(opfMetadata: string, chapterBody: string, extra: Record<string, Uint8Array> = {}): Uint8Array {
    return zipSync({
      'META-INF/container.xml': strToU8(
        '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="content.opf"/></rootfiles></container>',
      ),
      'content.opf': strToU8(
        `<package xmlns="http://www.idpf.org/2007/opf" xmlns:opf="http://www.idpf.org/2007/opf" version="2.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/">${opfMetadata}</metadata><manifest><item id="c" href="c.html" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c"/></spine></package>`,
      ),
      'c.html': strToU8(chapterBody),
      ...extra,
    });
  }

  it('prefers the publication date of an EPUB 2 book and reads a chapter that is not well-formed as HTML', () => {
    const bytes = book(
      '<dc:title>Old</dc:title><dc:date opf:event="modification">2020-01-01</dc:date><dc:date opf:event="publication">1851</dc:date>',
      '<html><body><h2>Call me</h2><p>Some years ago<br>never mind<p>how long</body></html>',
    );
    const { markdown } = documentFromEpub('old.epub', bytes, assetUrl);
    expect(parseMarkdownSource(markdown).metadata.date).toBe('1851');
    expect(parseMarkdownSource(markdown).body).toContain('## Call me\n\nSome years ago  \nnever mind\n\nhow long');
  });

  it('keeps an SVG-wrapped cover image and SVG images, gives clashing names distinct ones, and drops images it cannot find', () => {
    const chapter = `<html xmlns="http://www.w3.org/1999/xhtml" xmlns:xlink="http://www.w3.org/1999/xlink"><body>
      <svg xmlns="http://www.w3.org/2000/svg"><image xlink:href="a/cover.png"/></svg>
      <p>Text <img src="b/cover.png" alt="second"/> <img src="c/diagram.svg" alt="a diagram"/> <img src="../../../etc/passwd.png" alt="escape"/> <img src="missing.png" alt="gone"/></p></body></html>`;
    const { markdown, assets } = documentFromEpub(
      'covers.epub',
      book('<dc:title>Covers</dc:title>', chapter, {
        'a/cover.png': pngBytes,
        'b/cover.png': pngBytes,
        'c/diagram.svg': strToU8('<svg/>'),
      }),
      assetUrl,
    );
    expect(assets.map((asset) => asset.name)).toEqual(['cover.png', 'cover-2.png', 'diagram.svg']);
    const { body } = parseMarkdownSource(markdown);
    expect(body).toContain(`![](${assetUrl('cover.png')})`);
    expect(body).toContain(`![second](${assetUrl('cover-2.png')}) ![a diagram](${assetUrl('diagram.svg')}) escape gone`);
  });

  it('stores a.png beside A.png under names distinct ignoring case, and never a Windows device name', () => {
    const chapter = `<html xmlns="http://www.w3.org/1999/xhtml"><body><p>
      <img src="a.png" alt="lower"/> <img src="x/A.png" alt="upper"/> <img src="CON.png" alt="console"/> <img src="lpt1.tar.png" alt="printer"/></p></body></html>`;
    const { assets } = documentFromEpub(
      'names.epub',
      book('<dc:title>Names</dc:title>', chapter, {
        'a.png': pngBytes,
        'x/A.png': pngBytes,
        'CON.png': pngBytes,
        'lpt1.tar.png': pngBytes,
      }),
      assetUrl,
    );
    const names = assets.map((asset) => asset.name);
    expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(4);
    expect(names.filter((name) => /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(name))).toEqual([]);
    expect(names.every((name) => documentAssetNamePattern.test(name))).toBe(true);
  });
});

describe('chapters whose title is not a heading', () => {
  const untitled = (text: string): Uint8Array =>
    strToU8(`<html xmlns="http://www.w3.org/1999/xhtml"><body><p class="chapter-title">${text}</p><p>Body of ${text}.</p></body></html>`);
  const titled = strToU8('<html xmlns="http://www.w3.org/1999/xhtml"><body><h2>Own heading</h2><p>Body.</p></body></html>');

  function book(manifestExtra: string, spineAttributes: string, files: Record<string, Uint8Array>): Uint8Array {
    return zipSync({
      'META-INF/container.xml': strToU8(
        '<container xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OPS/book.opf"/></rootfiles></container>',
      ),
      'OPS/book.opf': strToU8(
        `<package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>T</dc:title></metadata><manifest><item id="one" href="one.xhtml" media-type="application/xhtml+xml"/><item id="two" href="two.xhtml" media-type="application/xhtml+xml"/>${manifestExtra}</manifest><spine ${spineAttributes}><itemref idref="one"/><itemref idref="two"/></spine></package>`,
      ),
      'OPS/one.xhtml': untitled('first'),
      'OPS/two.xhtml': titled,
      ...files,
    });
  }

  it('get their title from the EPUB 3 table of contents; a chapter with its own heading keeps it alone', () => {
    const nav = strToU8(
      '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops"><body><nav epub:type="toc"><ol><li><a href="one.xhtml#start">Chapter *One*</a></li><li><a href="two.xhtml">Two</a></li></ol></nav></body></html>',
    );
    const { markdown } = documentFromEpub(
      'nav.epub',
      book('<item id="nav" href="nav.xhtml" properties="nav" media-type="application/xhtml+xml"/>', '', { 'OPS/nav.xhtml': nav }),
      assetUrl,
    );
    expect(parseMarkdownSource(markdown).body).toBe('# Chapter \\*One\\*\n\nfirst\n\nBody of first.\n\n## Own heading\n\nBody.\n');
  });

  it('or from the EPUB 2 NCX', () => {
    const ncx = strToU8(
      '<ncx xmlns="http://www.daisy.org/z3986/2005/ncx/"><navMap><navPoint id="p1"><navLabel><text>The First</text></navLabel><content src="one.xhtml"/></navPoint></navMap></ncx>',
    );
    const { markdown } = documentFromEpub(
      'ncx.epub',
      book('<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>', 'toc="ncx"', { 'OPS/toc.ncx': ncx }),
      assetUrl,
    );
    expect(parseMarkdownSource(markdown).body).toMatch(/^# The First\n\nfirst\n\nBody of first\./);
  });

  it('are read without a title when the table of contents is broken', () => {
    const { markdown } = documentFromEpub(
      'broken-nav.epub',
      book('<item id="nav" href="nav.xhtml" properties="nav" media-type="application/xhtml+xml"/>', '', {
        'OPS/nav.xhtml': strToU8('<html><nav>'),
      }),
      assetUrl,
    );
    expect(parseMarkdownSource(markdown).body).toMatch(/^first\n\nBody of first\./);
  });
});

describe('broken EPUBs are refused with the reason, and nothing is made', () => {
  it.each([
    [
      'not a zip',
      () => strToU8('%PDF-1.7 this is not an archive'),
      'book.epub is not a readable EPUB: it is not a ZIP archive (an EPUB is one).',
    ],
    ['no container', () => buildEpub({ withoutContainer: true }), 'book.epub is not a readable EPUB: META-INF/container.xml is missing.'],
    ['no package file', () => buildEpub({ withoutPackage: true }), 'book.epub is not a readable EPUB: OEBPS/content.opf is missing.'],
    [
      'a missing chapter',
      () => buildEpub({ missingChapter: 'OEBPS/text/b-storm.xhtml' }),
      'book.epub is not a readable EPUB: chapter OEBPS/text/b-storm.xhtml, listed in its spine, is missing.',
    ],
    [
      'a broken package file',
      () => buildEpub({ extra: { 'OEBPS/content.opf': strToU8('<package><metadata>') } }),
      'book.epub is not a readable EPUB: OEBPS/content.opf is not well-formed XML',
    ],
  ])('%s', (_case, build, message) => {
    expect(() => documentFromEpub('book.epub', build(), assetUrl)).toThrow(message);
  });

  // Compressing the bomb takes seconds on a busy machine.
  it('refuses a zip bomb from the sizes it declares, before inflating it', { timeout: 30_000 }, () => {
    // 24 MB of zeros compresses to about 24 KB; with an 8 MB cap this is a bomb.
    const bomb = buildEpub({ extra: { 'OEBPS/padding.bin': new Uint8Array(24 * 1024 * 1024) } });
    expect(bomb.byteLength).toBeLessThan(100 * 1024);
    expect(() => documentFromEpub('bomb.epub', bomb, assetUrl, { ...epubLimits, maxUnpackedBytes: 8 * 1024 * 1024 })).toThrow(
      /bomb\.epub is not a readable EPUB: it would unpack to 9 files and 24 MB, over Gloss's limit of 10000 files and 8 MB \(a damaged file or a zip bomb\)\./,
    );
  });

  it('caps the number of entries too', () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, index) => [`junk/${index}.txt`, strToU8('x')]));
    expect(() => documentFromEpub('many.epub', buildEpub({ extra: many }), assetUrl, { ...epubLimits, maxEntries: 20 })).toThrow(
      'it would unpack to 38 files',
    );
  });

  it('has a default cap of 200 MB and 10,000 entries', () => {
    expect(epubLimits).toEqual({ maxUnpackedBytes: 200 * 1024 * 1024, maxEntries: 10_000 });
  });
});

describe('inflating only what the book uses, never past the declared size', () => {
  // 8 MB of zeros deflate to about 8 KB; the archive then says the entry holds 1,000 bytes.
  const zeros = new Uint8Array(8 * 1024 * 1024);

  it('never inflates an entry no chapter uses, whatever it holds', { timeout: 30_000 }, () => {
    const book = withDeclaredSize(buildEpub({ extra: { 'OEBPS/fonts/font.otf': zeros } }), 'OEBPS/fonts/font.otf', 1000);
    const { markdown } = documentFromEpub('font-bomb.epub', book, assetUrl);
    expect(parseMarkdownSource(markdown).body).toContain('The keeper climbed the stair at dusk.');
  });

  it('refuses a used entry that holds more than it declares, naming it, without reading the rest', { timeout: 30_000 }, () => {
    const bomb = withDeclaredSize(
      buildBook({ files: [{ id: 'c', href: 'c.xhtml', content: Uint8Array.from([...strToU8(xhtmlChapter('<p>x</p>')), ...zeros]) }] }),
      'OPS/c.xhtml',
      1000,
    );
    expect(() => documentFromEpub('bomb.epub', bomb, assetUrl)).toThrow(
      'bomb.epub is not a readable EPUB: OPS/c.xhtml holds more than the 1000 bytes it declares (a damaged file or a zip bomb).',
    );
  });

  it('refuses an entry that holds less than it declares, or whose checksum does not match', () => {
    const short = withDeclaredSize(
      buildBook({ files: [{ id: 'c', href: 'c.xhtml', content: xhtmlChapter('<p>x</p>') }] }),
      'OPS/c.xhtml',
      5000,
    );
    expect(() => documentFromEpub('short.epub', short, assetUrl)).toThrow(/OPS\/c\.xhtml holds \d+ bytes, not the 5000 it declares/);
    const stored = buildBook({ files: [{ id: 'c', href: 'c.xhtml', content: xhtmlChapter('<p>checksum</p>') }], level: 0 });
    const corrupted = stored.slice();
    const at = Buffer.from(corrupted).indexOf('checksum');
    corrupted[at] = 0x43;
    expect(() => documentFromEpub('corrupt.epub', corrupted, assetUrl)).toThrow('OPS/c.xhtml is damaged (its checksum does not match)');
  });
});

describe('books that are unusual but valid', () => {
  const chapterOne = { id: 'one', href: 'one.xhtml', content: xhtmlChapter('<h1>One</h1><p>The first page of words.</p>') };

  it('shows an image page in the spine as its image, not as a text file that fails to decode', () => {
    const { markdown, assets } = documentFromEpub(
      'pictures.epub',
      buildBook({ files: [chapterOne, { id: 'plate', href: 'images/01.png', mediaType: 'image/png', content: pngBytes }] }),
      assetUrl,
    );
    expect(parseMarkdownSource(markdown).body).toBe(`# One\n\nThe first page of words.\n\n![](${assetUrl('01.png')})\n`);
    expect(assets.map((asset) => asset.name)).toEqual(['01.png']);
  });

  it('reads the text an SVG page carries', () => {
    const page = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 600 800"><rect width="600" height="800"/><text x="10" y="40">Chapter  the <tspan>second</tspan></text><text x="10" y="80"><tspan y="80">Written on a</tspan><tspan y="100">#page &amp; drawn.</tspan></text></svg>`;
    const { markdown } = documentFromEpub(
      'svg-pages.epub',
      buildBook({ files: [chapterOne, { id: 'two', href: 'two.svg', mediaType: 'image/svg+xml', content: page }] }),
      assetUrl,
    );
    expect(parseMarkdownSource(markdown).body).toContain(
      'The first page of words.\n\nChapter the second\n\nWritten on a \\#page \\& drawn.\n',
    );
  });

  it('shows an SVG page without words as the picture it frames, or else as itself', () => {
    const framing = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"><image width="10" height="10" xlink:href="../art/plate.png"/></svg>`;
    const drawing = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path d="M0 0L10 10"/></svg>`;
    const { markdown, assets } = documentFromEpub(
      'pictures.epub',
      buildBook({
        files: [
          chapterOne,
          { id: 'p1', href: 'pages/p1.svg', mediaType: 'image/svg+xml', content: framing },
          { id: 'plate', href: 'art/plate.png', mediaType: 'image/png', content: pngBytes, inSpine: false },
          { id: 'p2', href: 'pages/p2.svg', mediaType: 'image/svg+xml', content: drawing },
        ],
      }),
      assetUrl,
    );
    expect(parseMarkdownSource(markdown).body).toBe(
      `# One\n\nThe first page of words.\n\n![](${assetUrl('plate.png')})\n\n![](${assetUrl('p2.svg')})\n`,
    );
    expect(assets.map((asset) => asset.name)).toEqual(['plate.png', 'p2.svg']);
  });

  it('keeps the words of a page typeset as an SVG drawing inside a chapter, its CDATA style sheet dropped', () => {
    // As a typesetter exports a page: a line per <tspan> on its own y, no space where a sentence ends a line, a hyphen where a word breaks.
    const drawing =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 500"><style type="text/css"><![CDATA[.p0 {fill:#221f1f}]]></style>' +
      '<text transform="matrix(1 0 0 1 56 104)"><tspan x="0" y="0" class="p0">The ferry left before </tspan><tspan x="0" y="15.2">dawn.</tspan>' +
      '<tspan x="-13" y="30.4">Nobody on the quay had slept; the har-</tspan><tspan x="0" y="45.6">bour was still.</tspan></text>' +
      '<text transform="matrix(1 0 0 1 120 480)"><tspan x="0" y="0">7</tspan></text></svg>';
    const { markdown } = documentFromEpub(
      'typeset.epub',
      buildBook({ files: [chapterOne, { id: 'two', href: 'two.xhtml', content: xhtmlChapter(`<div class="page">${drawing}</div>`) }] }),
      assetUrl,
    );
    expect(parseMarkdownSource(markdown).body).toContain(
      'The first page of words.\n\nThe ferry left before dawn. Nobody on the quay had slept; the har-bour was still.\n\n7\n',
    );
    expect(markdown).not.toContain('fill');
  });

  it('refuses a chapter nested thousands of elements deep with a sentence naming it, not a stack overflow', () => {
    const deep = `${'<div>'.repeat(5000)}<svg xmlns="http://www.w3.org/2000/svg"><style><![CDATA[.a{}]]></style></svg>words${'</div>'.repeat(5000)}`;
    expect(() =>
      documentFromEpub(
        'deep.epub',
        buildBook({ files: [chapterOne, { id: 'two', href: 'two.xhtml', content: xhtmlChapter(deep) }] }),
        assetUrl,
      ),
    ).toThrow(
      'deep.epub is not a readable EPUB: chapter OPS/two.xhtml nests its elements thousands of levels deep, more than Gloss can convert.',
    );
    // A thousand levels is still read.
    const nested = `${'<div>'.repeat(1000)}Still read.${'</div>'.repeat(1000)}`;
    const { markdown } = documentFromEpub(
      'nested.epub',
      buildBook({ files: [{ id: 'c', href: 'c.xhtml', content: xhtmlChapter(nested) }] }),
      assetUrl,
    );
    expect(markdown).toContain('Still read.');
  });

  it('skips a misspelled spine entry, naming it, and keeps the rest of the book', () => {
    const two = { id: 'two', href: 'two.xhtml', content: xhtmlChapter('<p>The second chapter.</p>') };
    const { markdown, warnings } = documentFromEpub(
      'typo.epub',
      buildBook({ files: [chapterOne, two], spine: ['one', 'tow', 'two'] }),
      assetUrl,
    );
    expect(parseMarkdownSource(markdown).body).toBe('# One\n\nThe first page of words.\n\nThe second chapter.\n');
    expect(warnings).toEqual(['typo.epub: Its spine names “tow”, which its manifest does not list; that entry was skipped.']);
  });

  it('honours a chapter declared ISO-8859-1, and refuses bytes its declaration does not allow', () => {
    const latin1 = Uint8Array.from(
      Buffer.from(
        '<?xml version="1.0" encoding="ISO-8859-1"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>Café crème, naïve façade.</p></body></html>',
        'latin1',
      ),
    );
    const { markdown } = documentFromEpub('latin.epub', buildBook({ files: [{ id: 'c', href: 'c.xhtml', content: latin1 }] }), assetUrl);
    expect(parseMarkdownSource(markdown).body).toBe('Café crème, naïve façade.\n');
    const shiftJis = Uint8Array.from([
      ...Buffer.from('<?xml version="1.0" encoding="Shift_JIS"?><html><body><p>'),
      0x82,
      0xff,
      ...Buffer.from('</p></body></html>'),
    ]);
    expect(() => documentFromEpub('sjis.epub', buildBook({ files: [{ id: 'c', href: 'c.xhtml', content: shiftJis }] }), assetUrl)).toThrow(
      'sjis.epub (OPS/c.xhtml) declares the encoding Shift_JIS, but its text is not valid Shift_JIS.',
    );
  });
});

describe('memory', () => {
  it('lets each chapter go once it is converted, even when every paragraph has an id', () => {
    const paragraphs = (chapter: number): string =>
      Array.from({ length: 1000 }, (_, index) => `<p id="c${chapter}p${index}">Paragraph ${index} of chapter ${chapter}.</p>`).join('');
    const book = buildBook({
      files: Array.from({ length: 10 }, (_, chapter) => ({
        id: `c${chapter}`,
        href: `c${chapter}.xhtml`,
        content: xhtmlChapter(paragraphs(chapter)),
      })),
    });
    documentFromEpub('warm-up.epub', buildBook({ files: [{ id: 'c', href: 'c.xhtml', content: xhtmlChapter(paragraphs(0)) }] }), assetUrl);
    collectGarbage();
    const before = process.memoryUsage().heapUsed;
    const { markdown } = documentFromEpub('ids.epub', book, assetUrl);
    collectGarbage();
    const kept = process.memoryUsage().heapUsed - before;
    expect(markdown).toContain('Paragraph 999 of chapter 9.');
    // The Markdown is under 1 MB; the parsed chapters, when each was kept, 47 MB (0.6 MB once let go).
    expect(kept).toBeLessThan(16 * 1024 * 1024);
  });
});

describe('what readers kept', () => {
  const imported = (body: string, metadata = ''): string =>
    parseMarkdownSource(
      documentFromEpub('kept.epub', buildBook({ metadata, files: [{ id: 'c', href: 'c.xhtml', content: xhtmlChapter(body) }] }), assetUrl)
        .markdown,
    ).body;

  it('keeps ruby as ruby, with its readings and any <rp> fallback', () => {
    expect(imported('<p><ruby>山路<rt>やまみち</rt></ruby>を<ruby>登<rp>(</rp><rt>のぼ</rt><rp>)</rp></ruby>りながら</p>')).toBe(
      '<ruby>山路<rt>やまみち</rt></ruby>を<ruby>登<rp>(</rp><rt>のぼ</rt><rp>)</rp></ruby>りながら\n',
    );
  });

  it("keeps a poem's line numbers apart from the verse, as the numbers they are", () => {
    const markdown = imported(
      '<div class="linegroup"><div>Held up by standards wrought<span class="lnum">79</span></div>' +
        '<div>From which a cupid peeped out <span class="linenum">80</span></div>' +
        '<div>A line holding <span class="line-number">LXXX</span></div>' +
        '<div>Chapter <span class="lnum">eighty</span> keeps its words</div></div>',
    );
    expect(markdown).toContain('Held up by standards wrought <span class="verse-line-number">79</span>');
    expect(markdown).toContain('From which a cupid peeped out <span class="verse-line-number">80</span>');
    expect(markdown).toContain('A line holding <span class="verse-line-number">LXXX</span>');
    // Words are not a line number, whatever the class says.
    expect(markdown).toContain('Chapter eighty keeps its words');
    const text = renderMarkdown(markdown, new JSDOM('').window).textContent ?? '';
    expect(text).toContain('peeped out 80');
    expect(text).not.toMatch(/wrought79|out80/);
  });

  it('drops content the book marks hidden', () => {
    const markdown = imported('<p>Shown.</p><nav epub:type="page-list" hidden="hidden"><ol><li><a href="c.xhtml#p1">1</a></li></ol></nav>');
    // The hidden page list's link still marks the place it named (the chapter's start), which shows nothing.
    expect(renderMarkdown(markdown, new JSDOM('').window).textContent?.trim()).toBe('Shown.');
  });

  it('lists only authors as authors, not translators or illustrators (EPUB 2 and EPUB 3 roles)', () => {
    const metadata =
      '<dc:creator id="a">Leo Tolstoy</dc:creator><meta refines="#a" property="role" scheme="marc:relators">aut</meta>' +
      '<dc:creator id="t">Constance Garnett</dc:creator><meta refines="#t" property="role" scheme="marc:relators">trl</meta>' +
      '<dc:creator opf:role="ill">Old Illustrator</dc:creator><dc:creator>Second Author</dc:creator>';
    const { markdown } = documentFromEpub(
      'roles.epub',
      buildBook({ metadata, files: [{ id: 'c', href: 'c.xhtml', content: xhtmlChapter('<p>x</p>') }] }),
      assetUrl,
    );
    expect(parseMarkdownSource(markdown).metadata.author).toBe('Leo Tolstoy, Second Author');
  });

  it.each([
    ['a Hebrew book', '<dc:language>he</dc:language>', 'he', 'rtl'],
    ['an Arabic book with a region', '<dc:language>ar-EG</dc:language>', 'ar-EG', 'rtl'],
    // Along its lines Japanese runs left to right, top to bottom when they are vertical (writingMode, below).
    ['a Japanese book', '<dc:language>ja</dc:language>', 'ja', 'ltr'],
    ['a language written as a name, not a code', '<dc:language>English</dc:language>', null, null],
  ])('keeps the language and direction of %s', (_book, metadata, lang, dir) => {
    const { markdown } = documentFromEpub(
      'language.epub',
      buildBook({ metadata, files: [{ id: 'c', href: 'c.xhtml', content: xhtmlChapter('<p>x</p>') }] }),
      assetUrl,
    );
    expect(parseMarkdownSource(markdown).metadata).toMatchObject({ lang, dir });
  });
});

describe('a book set in vertical lines', () => {
  const verticalCss = 'html { -epub-writing-mode: vertical-rl; -webkit-writing-mode: vertical-rl; writing-mode: vertical-rl; }';
  const chapter: BookFile = { id: 'c', href: 'text/c.xhtml', content: xhtmlChapter('<p>吾輩は猫である。名前はまだ無い。</p>') };
  const stylesheet = (css: string | Uint8Array): BookFile => ({
    id: 'css',
    href: 'style/book.css',
    mediaType: 'text/css',
    content: css,
    inSpine: false,
  });
  const metadataOf = (language: string, files: BookFile[], pageProgression?: 'ltr' | 'rtl') => {
    const book = buildBook({ metadata: `<dc:language>${language}</dc:language>`, files, ...(pageProgression ? { pageProgression } : {}) });
    return parseMarkdownSource(documentFromEpub('book.epub', book, assetUrl).markdown).metadata;
  };

  it('is vertical when its stylesheet says so and it is in Japanese, its text still running left to right along the lines', () => {
    expect(metadataOf('ja', [chapter, stylesheet(verticalCss)])).toMatchObject({ lang: 'ja', dir: 'ltr', writingMode: 'vertical-rl' });
  });

  it('is vertical when it is in Japanese or Chinese and turns its pages right to left, whatever its stylesheets', () => {
    expect(metadataOf('ja', [chapter], 'rtl')).toMatchObject({ writingMode: 'vertical-rl' });
    expect(metadataOf('zh-Hant', [chapter, stylesheet('p { margin: 0 }')], 'rtl')).toMatchObject({ writingMode: 'vertical-rl' });
  });

  it.each([
    [
      'a <style> in a chapter’s head, in Chinese',
      'zh-TW',
      xhtmlChapter('<p>x</p>', '<style>body { writing-mode: vertical-rl }</style>'),
      'vertical-rl',
    ],
    [
      'the style of a chapter’s <body>, in Mongolian (left to right)',
      'mn-Mong',
      '<?xml version="1.0" encoding="UTF-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>c</title></head><body style="-webkit-writing-mode: vertical-lr"><p>x</p></body></html>',
      'vertical-lr',
    ],
  ])('is vertical when %s says so', (_where, language, content, mode) => {
    expect(metadataOf(language, [{ id: 'c', href: 'c.xhtml', content }])).toMatchObject({ writingMode: mode });
  });

  it.each([
    ['a Hebrew book that turns its pages right to left', 'he', [chapter], 'rtl'],
    ['an English book whose stylesheet sets something vertical', 'en', [chapter, stylesheet(verticalCss)], undefined],
    [
      'an English book with a vertical <style> in a chapter',
      'en',
      [{ ...chapter, content: xhtmlChapter('<p>x</p>', `<style>${verticalCss}</style>`) }],
      undefined,
    ],
    ['a Japanese book whose stylesheet says only horizontal', 'ja', [chapter, stylesheet('html { writing-mode: horizontal-tb }')], 'ltr'],
    ['a Japanese book that says nothing', 'ja', [chapter], undefined],
    // Japanese publishers' shared template declares `.vrtl { writing-mode: vertical-rl }` beside `.hltr` in every book.
    [
      'a Japanese book that turns its pages left to right, its template declaring a vertical class',
      'ja',
      [chapter, stylesheet('.vrtl { -epub-writing-mode: vertical-rl; writing-mode: vertical-rl; } .hltr { writing-mode: horizontal-tb; }')],
      'ltr',
    ],
  ] as const)('keeps the lines of %s across', (_book, language, files, pageProgression) => {
    expect(metadataOf(language, [...files], pageProgression)).toMatchObject({ writingMode: null });
  });

  it('reads a stylesheet that is not UTF-8, and imports the book whatever state its stylesheets are in', () => {
    // Shift_JIS: 0x8f 0x63 is a kanji there, and no UTF-8 at all.
    const sjisCss = Uint8Array.from([...Buffer.from('/* '), 0x8f, 0x63, ...Buffer.from(' */ html { writing-mode: vertical-rl }')]);
    expect(metadataOf('ja', [chapter, stylesheet(sjisCss)])).toMatchObject({ writingMode: 'vertical-rl' });
    const damagedBook = withDeclaredSize(
      buildBook({ metadata: '<dc:language>ja</dc:language>', files: [chapter, stylesheet(verticalCss.repeat(50))] }),
      'OPS/style/book.css',
      10,
    );
    expect(parseMarkdownSource(documentFromEpub('damaged.epub', damagedBook, assetUrl).markdown).metadata).toMatchObject({
      lang: 'ja',
      writingMode: null,
    });
  });
});

describe('chapter markup a reader would otherwise lose', () => {
  const chapterBody = (body: string): string => {
    const bytes = buildBook({ files: [{ id: 'c1', href: 'c1.xhtml', content: xhtmlChapter(body) }] });
    return parseMarkdownSource(documentFromEpub('markup.epub', bytes, assetUrl).markdown).body.trim();
  };

  it('keeps note markers and formulas raised, so a marker does not run into its word (“Savannah1”)', () => {
    expect(chapterBody('<p>Savannah<sup><a href="notes.xhtml#n1" epub:type="noteref">1</a></sup> was cold.</p>')).toBe(
      'Savannah<sup>1</sup> was cold.',
    );
    const shown = renderMarkdown(
      chapterBody('<p>H<sub>2</sub>O and 10<sup>-3</sup>, and an empty <sup> </sup>marker.</p>'),
      new JSDOM('').window,
    );
    expect(shown.textContent?.trim()).toBe('H2O and 10-3, and an empty marker.');
    expect(Array.from(shown.querySelectorAll('sub, sup'), (raised) => `${raised.tagName}:${raised.textContent}`)).toEqual([
      'SUB:2',
      'SUP:-3',
    ]);
  });

  it('keeps an equation as MathML, with its presentation only, in prose and in a table', () => {
    const equation =
      '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block" onclick="steal()"><semantics><mrow>' +
      '<msub><mi>x</mi><mn>1</mn></msub><mo>+</mo><msup><mi>x</mi><mn>2</mn></msup><mo>*</mo><mi href="https://evil.example">y</mi><mo>&lt;</mo><mn>2</mn>' +
      '</mrow><annotation encoding="application/x-tex">x_1 + x^2 * y &lt; 2</annotation></semantics></math>';
    const shown = renderMarkdown(
      chapterBody(
        `<p>Solve ${equation} for x.</p><table><tr><th>Case</th><th>Equation</th></tr><tr><td>first</td><td>${equation}</td></tr></table>` +
          '<p>An equation that draws nothing <math xmlns="http://www.w3.org/1998/Math/MathML"><mrow> </mrow></math> is left out.</p>',
      ),
      new JSDOM('').window,
    );
    const maths = Array.from(shown.querySelectorAll('math'));
    expect(maths).toHaveLength(2);
    for (const math of maths) {
      expect(math.namespaceURI).toBe('http://www.w3.org/1998/Math/MathML');
      expect(math.getAttribute('display')).toBe('block');
      expect(math.querySelector('msub')?.textContent).toBe('x1');
      expect(math.querySelector('msup')?.textContent).toBe('x2');
      // Its text as written: no emphasis from *, no tag from <, no TeX source beside it.
      expect(math.textContent).toBe('x1+x2*y<2');
      expect(math.querySelector('annotation')).toBeNull();
      expect(math.outerHTML).not.toMatch(/onclick|href|evil/);
    }
    expect(shown.querySelector('table math')).not.toBeNull();
    expect(shown.textContent).toContain('An equation that draws nothing is left out.');
  });

  it('keeps an <object>’s fallback content, which is what shows where the object cannot play', () => {
    expect(
      chapterBody(
        '<object data="quiz.swf" type="application/x-shockwave-flash"><param name="movie" value="quiz.swf"/><p>Question 1: what holds a sheet bend?</p></object>',
      ),
    ).toBe('Question 1: what holds a sheet bend?');
  });

  it('keeps a list written straight inside a list nested under the item before it, numbering intact', () => {
    expect(
      chapterBody('<ol><li>Rig the mast</li><ol><li>Check the stays</li><li>Check the shrouds</li></ol><li>Hoist the sail</li></ol>'),
    ).toBe(['1.  Rig the mast', '    1.  Check the stays', '    2.  Check the shrouds', '2.  Hoist the sail'].join('\n'));
  });
});

describe('a book’s links to its own places', () => {
  const chapter = (id: string, body: string) => ({ id, href: `${id}.xhtml`, content: xhtmlChapter(body) });
  const book = buildBook({
    files: [
      chapter(
        'contents',
        '<nav epub:type="toc"><ol><li><a href="c1.xhtml">Savannah</a></li><li><a href="notes.xhtml#notes">Notes</a></li></ol></nav>',
      ),
      chapter(
        'c1',
        '<section><h1>Savannah</h1><p>Savannah<sup><a id="ref1" href="notes.xhtml#n1" epub:type="noteref">1</a></sup> was warm.</p>' +
          '<p>See <a href="c1.xhtml#no-such-id">the start</a>, the <a href="../outside.xhtml">outside</a> and <a href="style.css">style</a>.</p></section>',
      ),
      chapter(
        'notes',
        '<section id="notes"><h2>Notes</h2><aside epub:type="footnote" id="n1"><p><a href="c1.xhtml#ref1">↩</a> Founded in 1733.</p></aside></section>',
      ),
    ],
  });
  const { body } = parseMarkdownSource(documentFromEpub('links.epub', book, assetUrl).markdown);
  const shown = renderMarkdown(body, new JSDOM('').window);
  const link = (text: string) => Array.from(shown.querySelectorAll('a')).find((candidate) => candidate.textContent === text)!;
  const target = (text: string) => shown.querySelector(link(text).getAttribute('href')!)!;

  it('takes a note marker to its note, and the note’s back-link to the marker', () => {
    expect(target('1').parentElement?.textContent).toContain('Founded in 1733.');
    expect(target('↩').nextElementSibling).toBe(link('1'));
  });

  it('makes the contents a working table of contents, each entry leading to its chapter’s title', () => {
    expect(target('Savannah').closest('h1')?.textContent).toBe('Savannah');
    expect(target('Notes').closest('h2, section, p')?.textContent).toContain('Notes');
  });

  it('sends a link to an id the chapter lacks to the chapter’s start, and keeps only the words of one leading out of the book', () => {
    expect(target('the start')).toBe(target('Savannah'));
    expect(shown.textContent).toContain('the outside and style.');
    expect(Array.from(shown.querySelectorAll('a'), (anchor) => anchor.textContent)).not.toContain('outside');
  });

  it('gives places ids of Gloss’s own, never the book’s, which could clash with the app’s', () => {
    const ids = Array.from(shown.querySelectorAll('[id]'), (element) => element.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.every((id) => /^gloss-ref-\d+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
