import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { documentFromHtml, maxNestingDepth } from '../../../../main/core/documents/html-document';
import { parseMarkdownSource } from '../../../../main/core/documents/markdown-source';
import { renderMarkdown } from '../../../../renderer/src/markdown';
import { JSDOM } from 'jsdom';

const messyPage = readFileSync(new URL('./fixtures/messy-article.html', import.meta.url));

describe('an HTML page with navigation, ads, scripts and comments', () => {
  const { markdown, assets } = documentFromHtml('messy-article.html', messyPage);
  const { metadata, body } = parseMarkdownSource(markdown);

  it('takes title, author, date and address from the page metadata', () => {
    expect(metadata).toEqual({
      title: 'The Quiet Art of Mending Nets',
      author: 'Mara Lind',
      date: '2023-05-14',
      source: 'https://harbour.example/articles/mending-nets',
      lang: 'en',
      dir: null,
      writingMode: null,
    });
    expect(assets).toEqual([]);
  });

  it('keeps the article: its paragraphs, subheading, table and links', () => {
    expect(body).toContain('Every morning before the boats go out, the menders sit on the quay');
    expect(body).toContain('copy the movement of their hands until the knots hold under strain.');
    expect(body).toContain('## Knots that hold');
    expect(body).toContain('| Sheet bend | Joining twine |');
    expect(body).toContain('[our crafts page](https://harbour.example/crafts)');
  });

  it.each([
    ['navigation', 'Sport'],
    ['an ad', 'BUY CHEAP BOATS'],
    ['the cookie banner', 'We use cookies'],
    ['a script', 'track-me-please'],
    ['text a script would write', 'injected text'],
    ['a style sheet', 'color: red'],
    ['an HTML comment', 'must not appear'],
    ['comments', 'Spam link'],
    ['the sidebar', 'Celebrity yacht'],
    ['the footer', 'Cookie settings'],
    ['share buttons', 'Share on Twitter'],
    ['the tracking pixel', 'pixel.gif'],
  ])('drops %s', (_what, junk) => {
    expect(markdown).not.toContain(junk);
  });

  it('keeps a remote image as an image with its address resolved, which the reader shows as a placeholder and never fetches', () => {
    expect(body).toContain('![Nets drying on the quay](https://harbour.example/images/nets.jpg)');
    const window = new JSDOM('<!doctype html><body></body>').window;
    const fragment = renderMarkdown(body, window as never);
    expect(fragment.querySelector('img')).toBeNull();
    expect(fragment.querySelector('.remote-image')?.textContent).toBe(
      'Image not loaded, Gloss stays offline (Nets drying on the quay): https://harbour.example/images/nets.jpg',
    );
  });
});

describe('HTML character sets', () => {
  const page = (charsetMeta: string, text: Uint8Array): Uint8Array =>
    Uint8Array.from([
      ...Buffer.from(`<html><head>${charsetMeta}<title>T</title></head><body><p>`),
      ...text,
      ...Buffer.from('</p></body></html>'),
    ]);

  it.each([
    ['<meta charset="windows-1252">', Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x80]), 'Café €'],
    ['<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', Uint8Array.from([0x43, 0x61, 0x66, 0xe9]), 'Café'],
    ['<meta charset="shift_jis">', Uint8Array.from([0x93, 0xfa, 0x96, 0x7b]), '日本'],
    ['', Buffer.from('Café 中文 (no declaration, valid UTF-8)'), 'Café 中文 (no declaration, valid UTF-8)'],
    ['', Uint8Array.from([0x43, 0x61, 0x66, 0xe9]), 'Café'],
  ])('honours %j', (meta, text, expected) => {
    expect(parseMarkdownSource(documentFromHtml('page.html', page(meta, text)).markdown).body.trim()).toBe(expected);
  });

  it('reads UTF-8 bytes as UTF-8 when the page declares another charset, and says so', () => {
    const bytes = Buffer.from(
      '<html><head><meta charset="gb2312"><title>读书笔记 — Café</title></head><body><p>中文和 Café 都在。</p></body></html>',
    );
    const { markdown, warnings } = documentFromHtml('notes.html', bytes);
    expect(parseMarkdownSource(markdown).metadata.title).toBe('读书笔记 — Café');
    expect(parseMarkdownSource(markdown).body.trim()).toBe('中文和 Café 都在。');
    expect(warnings).toEqual(['notes.html declares the character set gb2312, but its text is UTF-8; it was read as UTF-8.']);
    // Real GB2312 bytes are not valid UTF-8: the declaration is honoured, without a warning.
    const gb = Uint8Array.from([
      ...Buffer.from('<html><head><meta charset="gb2312"></head><body><p>'),
      0xd6,
      0xd0,
      0xce,
      0xc4,
      ...Buffer.from('</p></body></html>'),
    ]);
    expect(parseMarkdownSource(documentFromHtml('gb.html', gb).markdown).body.trim()).toBe('中文');
    expect(documentFromHtml('gb.html', gb).warnings).toBeUndefined();
  });

  it('reads UTF-16 with a byte-order mark, whatever the page declares', () => {
    const html = '<html><head><meta charset="utf-8"><title>Ünïcode</title></head><body><p>Grüße aus 東京.</p></body></html>';
    const bytes = Uint8Array.from([0xff, 0xfe, ...Buffer.from(html, 'utf16le')]);
    const { metadata, body } = parseMarkdownSource(documentFromHtml('utf16.html', bytes).markdown);
    expect(metadata.title).toBe('Ünïcode');
    expect(body.trim()).toBe('Grüße aus 東京.');
  });
});

describe('pasted HTML', () => {
  it('converts a short selection as it is, links and emphasis kept', () => {
    const { markdown } = documentFromHtml(
      'Pasted page.html',
      '<meta charset="utf-8"><h2>Notes</h2><p>A <em>short</em> bit with <a href="https://example.org/x">a link</a> and <a href="javascript:alert(1)">a trap</a>.</p>',
    );
    expect(parseMarkdownSource(markdown).body.trim()).toBe('## Notes\n\nA *short* bit with [a link](https://example.org/x) and a trap.');
  });
});

describe('markup written as text', () => {
  const page = `<html><head><title>Escapes</title></head><body><article>
    <h2>Single &lt;img&gt;</h2>
    <p>Google "&lt;noun&gt;.js" names the &lt;title&gt; element; write &lt;a href="https://evil.example/"&gt;here&lt;/a&gt;.</p>
    <p>&lt;!-- is how a comment starts, and '&lt;insert api key here&gt;' or &lt;&lt;loosey-goosey&gt;&gt; stay; so do &amp;lt; and &amp;amp;.</p>
    <pre>&lt;iframe src="x"/&gt;
  URI_ENCODE( &lt;storage_root&gt; '/' )
- not a list item
See <a href="https://example.org/rfc">the RFC</a>.</pre>
    <pre><code class="language-js">first();</code>
<code>second();</code></pre>
    <p>The last paragraph.</p>
  </article></body></html>`;
  const { body } = parseMarkdownSource(documentFromHtml('escapes.html', page).markdown);
  const fragment = renderMarkdown(body, new JSDOM('<!doctype html><body></body>').window as never);
  const shown = fragment.textContent ?? '';

  it('reaches the reader as the literal text, never as elements', () => {
    for (const text of [
      'Single <img>',
      'Google "<noun>.js" names the <title> element; write <a href="https://evil.example/">here</a>.',
      `<!-- is how a comment starts, and '<insert api key here>' or <<loosey-goosey>> stay; so do &lt; and &amp;.`,
      'The last paragraph.',
    ])
      expect(shown).toContain(text);
    expect(fragment.querySelectorAll('img, iframe, title, a').length).toBe(0);
  });

  it('keeps a <pre> without <code> as one block with its layout, escapes and links as plain text', () => {
    expect(fragment.querySelectorAll('pre')[0]?.textContent).toBe(
      `<iframe src="x"/>\n  URI_ENCODE( <storage_root> '/' )\n- not a list item\nSee the RFC.\n`,
    );
    expect(fragment.querySelectorAll('ul').length).toBe(0);
  });

  it('keeps every <code> of a <pre>', () => {
    expect(body).toContain('```\nfirst();\nsecond();\n```');
  });
});

describe('what the parser thinks of a page', () => {
  it('stays off stderr: a style sheet it cannot parse is no failure of the import', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { markdown } = documentFromHtml(
        'css.html',
        '<html><head><style>a { color: red }}}</style><title>T</title></head><body><p>Words.</p></body></html>',
      );
      expect(parseMarkdownSource(markdown).body.trim()).toBe('Words.');
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });
});

describe('what a page says beside its article', () => {
  const page = (body: string): Uint8Array =>
    Buffer.from(`<!doctype html><html><head><meta charset="utf-8"><title>Harbour notes</title></head><body>${body}</body></html>`);
  const prose = `<p>${'The keeper climbed the stair at dusk and lit the lamp for the boats coming home past the point. '.repeat(10)}</p>`;

  it('takes the author from rel="author" when the byline Readability found is a dateline', () => {
    const html = page(
      `<nav><a rel="author" href="/people/mara">Mara Lind</a></nav><article><h1>Harbour notes</h1><p class="byline">Sunday, Feb 1, 2015 11:57 AM UTC</p>${prose}${prose}</article>`,
    );
    expect(parseMarkdownSource(documentFromHtml('dateline.html', html).markdown).metadata.author).toBe('Mara Lind');
  });

  it('keeps a byline that names someone, dates or not', () => {
    const html = page(`<article><h1>Harbour notes</h1><p class="byline">By May Tran, 3 June 2021</p>${prose}${prose}</article>`);
    expect(parseMarkdownSource(documentFromHtml('byline.html', html).markdown).metadata.author).toBe('May Tran, 3 June 2021');
  });

  it('drops tracking pixels, replaces lazy-loading placeholders with their image, and keeps small real images', () => {
    const pixelGif = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
    // A 2x2 PNG: small, but an image someone can see.
    const smallPng =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAEklEQVR4nGP4z8DwHwyBNAMDAA1UAfiqzKuqAAAAAElFTkSuQmCC';
    const html = page(
      `<article><h1>Harbour notes</h1>${prose}<img src="https://beacon.example/p.gif" width="1" height="1" alt=""><img src="${pixelGif}" alt=""><img src="${smallPng}" alt="Flag">${prose}<img src="${pixelGif}" data-src="https://harbour.example/boats.jpg" alt="Boats"></article>`,
    );
    const { body } = parseMarkdownSource(documentFromHtml('pixels.html', html).markdown);
    expect(body).not.toContain('beacon.example');
    expect(body).not.toContain('R0lGODlh');
    expect(body).toContain(`![Flag](${smallPng})`);
    // A lazy-loading placeholder gives way to the image it stands for.
    expect(body).toContain('![Boats](https://harbour.example/boats.jpg)');
  });

  it('says how little it kept of a page that is not an article, and nothing when it kept what the page shows', () => {
    const menu = (label: string): string =>
      `<nav><ul>${Array.from({ length: 12 }, (_, n) => `<li><a href="/${label}/${n}">${label} section ${n}</a></li>`).join('')}</ul></nav>`;
    const home = page(`${menu('News')}${menu('Sport')}<div><h2>Test</h2></div>`);
    expect(documentFromHtml('home.html', home).warnings).toEqual([
      'home.html does not look like an article; Gloss kept 1 of the 49 words the page shows. Check them against the page.',
    ]);
    expect(documentFromHtml('note.html', page('<p>Back at six.</p>')).warnings).toBeUndefined();
  });
});

describe('tables as pages really write them', () => {
  const prose = `<p>${'The keeper climbed the stair at dusk and lit the lamp for the boats coming home past the point. '.repeat(6)}</p>`;
  const tableIn = (table: string): string => {
    const html = Buffer.from(
      `<!doctype html><html><head><meta charset="utf-8"><title>Harbour</title></head><body><article><h1>Harbour</h1>${prose}${table}${prose}</article></body></html>`,
    );
    const { body } = parseMarkdownSource(documentFromHtml('table.html', html).markdown);
    return body
      .split('\n\n')
      .filter((block) => !block.startsWith('The keeper'))
      .join('\n\n')
      .trim();
  };

  it('keeps every cell when a header spans columns', () => {
    expect(
      tableIn(
        '<table><tr><th colspan="3">Changesets by employer</th></tr><tr><td>Red Hat</td><td>120</td><td>9%</td></tr><tr><td>Intel</td><td>95</td><td>7%</td></tr></table>',
      ),
    ).toBe(['| Changesets by employer |  |  |', '| --- | --- | --- |', '| Red Hat | 120 | 9% |', '| Intel | 95 | 7% |'].join('\n'));
  });

  it('puts a cell’s paragraphs on one line and keeps its pipes as text', () => {
    expect(
      tableIn('<table><tr><th>Step</th><th>What</th></tr><tr><td>1</td><td><p>Oil the hinge.</p><p>Wipe a | b.</p></td></tr></table>'),
    ).toBe(['| Step | What |', '| --- | --- |', '| 1 | Oil the hinge. Wipe a \\| b. |'].join('\n'));
  });

  it('makes a table without a header row a table, its first row the header, cells below a row span left empty', () => {
    expect(
      tableIn('<table><tr><td>Name</td><td>Count</td></tr><tr><td>Alpha</td><td rowspan="2">3</td></tr><tr><td>Beta</td></tr></table>'),
    ).toBe(['| Name | Count |', '| --- | --- |', '| Alpha | 3 |', '| Beta |  |'].join('\n'));
  });

  it('keeps a table’s caption, as the paragraph before it (a Markdown table has none)', () => {
    expect(
      tableIn(
        '<table><caption>Average daily <em>maximum</em> temperatures</caption><tr><th>City</th><th>°C</th></tr><tr><td>Auckland</td><td>23.7</td></tr></table>',
      ),
    ).toBe(['Average daily *maximum* temperatures', '', '| City | °C |', '| --- | --- |', '| Auckland | 23.7 |'].join('\n'));
    expect(tableIn('<table><caption>Opening hours</caption><tr><td>Nine to five.</td></tr></table>')).toBe(
      'Opening hours\n\nNine to five.',
    );
  });

  it('gives a layout table’s content as paragraphs', () => {
    expect(
      tableIn('<table><tr><td><p>Tide tables are <em>posted</em> daily.</p></td></tr><tr><td><p>Ask at the office.</p></td></tr></table>'),
    ).toBe('Tide tables are *posted* daily.\n\nAsk at the office.');
  });
});

describe('a page’s language and direction', () => {
  const article = '<article><h1>כותרת</h1><p>פסקה ראשונה של המאמר, ארוכה מספיק כדי להיקרא כמאמר של ממש.</p></article>';
  const metadataOf = (page: string) => parseMarkdownSource(documentFromHtml('page.html', new TextEncoder().encode(page)).markdown).metadata;

  it('takes them from <html lang dir>', () => {
    expect(metadataOf(`<html lang="he" dir="rtl"><head><title>t</title></head><body>${article}</body></html>`)).toMatchObject({
      lang: 'he',
      dir: 'rtl',
    });
  });

  it('takes the direction from the article’s own container and the language from XHTML’s xml:lang', () => {
    const page = `<html xml:lang="ar"><head><title>t</title></head><body><div dir="rtl">${article}</div></body></html>`;
    expect(metadataOf(page)).toMatchObject({ lang: 'ar', dir: 'rtl' });
  });

  it('falls back on the Content-Language meta, first language listed', () => {
    const page = `<html><head><meta http-equiv="Content-Language" content="fa, en"><title>t</title></head><body>${article}</body></html>`;
    expect(metadataOf(page)).toMatchObject({ lang: 'fa', dir: null });
  });

  it('declares nothing for a page that does not say, or says it wrongly', () => {
    expect(metadataOf(`<html lang="Hebrew" dir="auto"><head><title>t</title></head><body>${article}</body></html>`)).toMatchObject({
      lang: null,
      dir: null,
      writingMode: null,
    });
  });
});

describe('a page’s writing mode', () => {
  const article =
    '<article><h1>見出し</h1><p>記事の最初の段落です。記事として読まれるのに十分な長さがあります。縦書きの文章です。</p></article>';
  const metadataOf = (page: string) => parseMarkdownSource(documentFromHtml('page.html', new TextEncoder().encode(page)).markdown).metadata;

  it.each([
    ['<html>', `<html lang="ja" style="writing-mode: vertical-rl"><head><title>t</title></head><body>${article}</body></html>`],
    [
      '<body>, with WebKit’s prefix',
      `<html lang="ja"><head><title>t</title></head><body style="color: black; -webkit-writing-mode:vertical-rl">${article}</body></html>`,
    ],
  ])('sets the lines vertically when the style of its %s says so', (_element, page) => {
    expect(metadataOf(page)).toMatchObject({ lang: 'ja', writingMode: 'vertical-rl' });
  });

  it('keeps them across when its style says horizontal, or only a stylesheet sets something vertical', () => {
    expect(
      metadataOf(`<html lang="ja" style="writing-mode: horizontal-tb"><head><title>t</title></head><body>${article}</body></html>`),
    ).toMatchObject({
      writingMode: null,
    });
    const styled = `<html lang="ja"><head><title>t</title><style>.aside { writing-mode: vertical-rl }</style></head><body>${article}</body></html>`;
    expect(metadataOf(styled)).toMatchObject({ writingMode: null });
  });
});

describe('a page’s links to its own places', () => {
  const filler = Array.from(
    { length: 8 },
    (_, index) => `<p>Paragraph ${index} of an article about tides, the moon and the sea, which goes on.</p>`,
  ).join('');
  const page = `<html><head><title>Tides</title><link rel="canonical" href="https://tides.example/a"></head><body><article><h1>Tides</h1>
<p>Contents: <a href="#moon">The moon</a>. The sea rises<sup id="ref-1"><a href="#note-1">[1]</a></sup> twice; see <a href="https://tides.example/b#x">another page</a>.</p>${filler}
<h2 id="moon">The moon</h2>${filler}<ol><li id="note-1"><a href="#ref-1">^</a> Roughly twice.</li></ol></article></body></html>`;
  const { body } = parseMarkdownSource(documentFromHtml('tides.html', new TextEncoder().encode(page)).markdown);
  const shown = renderMarkdown(body, new JSDOM('').window);
  const link = (text: string) => Array.from(shown.querySelectorAll('a')).find((candidate) => candidate.textContent === text)!;
  const target = (text: string) => shown.querySelector(link(text).getAttribute('href')!)!;

  it('keeps the contents and reference links inside the document, not the web page opened in a browser', () => {
    expect(target('The moon').closest('h2')?.textContent).toBe('The moon');
    expect(target('[1]').parentElement?.textContent).toContain('Roughly twice.');
    expect(target('^').nextElementSibling).toBe(link('[1]'));
  });

  it('leaves a link to another page a web link', () => {
    expect(link('another page').getAttribute('href')).toBe('https://tides.example/b#x');
  });
});

describe('link addresses', () => {
  const article = (head: string) =>
    `<html><head>${head}<title>Links</title></head><body><article><h1>Links</h1><p>${'Words of the article. '.repeat(30)}` +
    `See <a href="https://wasmer.io">wasmer</a>, <a href="http://www.example.org/engweb\n   ">the web texts</a> and <a href="../notes/b.html">the notes</a>.</p></article></body></html>`;

  it('are written as a browser resolves them: whitespace trimmed, an origin given its slash', () => {
    const { body } = parseMarkdownSource(documentFromHtml('links.html', article('')).markdown);
    expect(body).toContain('[wasmer](https://wasmer.io/)');
    expect(body).toContain('[the web texts](http://www.example.org/engweb)');
    // Nothing to resolve a relative address against: only its words stay.
    expect(body).toContain(' and the notes.');
    expect(body).not.toContain('../notes');
  });

  it('resolve a relative address against the page’s own', () => {
    const { body } = parseMarkdownSource(
      documentFromHtml('links.html', article('<link rel="canonical" href="https://example.org/essays/a/">')).markdown,
    );
    expect(body).toContain('[the notes](https://example.org/essays/notes/b.html)');
  });
});

describe('equations on a page', () => {
  const prose = `<p>${'The area of a circle grows with the square of its radius, as every student learns. '.repeat(8)}</p>`;
  const rendered = (equation: string) => {
    const page = `<html><head><title>Circles</title></head><body><article><h1>Circles</h1>${prose}<p>The area is ${equation}.</p>${prose}</article></body></html>`;
    const { body } = parseMarkdownSource(documentFromHtml('circles.html', new TextEncoder().encode(page)).markdown);
    return renderMarkdown(body, new JSDOM('').window);
  };

  it('keeps MathML as MathML, its source indentation dropped', () => {
    const math = rendered('<math>\n  <mi>A</mi>\n  <mo>=</mo>\n  <mi>π</mi>\n  <msup><mi>r</mi><mn>2</mn></msup>\n</math>').querySelector(
      'math',
    );
    expect(math?.querySelector('msup')?.textContent).toBe('r2');
    expect(math?.textContent).toBe('A=πr2');
  });

  it('takes the MathML copy MathJax 3 keeps for screen readers, not its drawing, whose glyphs are CSS', () => {
    const shown = rendered(
      '<mjx-container class="MathJax" jax="CHTML"><mjx-math class="MJX-TEX"><mjx-mi><mjx-c class="mjx-c1D434"></mjx-c></mjx-mi></mjx-math>' +
        '<mjx-assistive-mml display="inline"><math xmlns="http://www.w3.org/1998/Math/MathML"><mi>A</mi><mo>=</mo><mi>π</mi><msup><mi>r</mi><mn>2</mn></msup></math></mjx-assistive-mml></mjx-container>',
    );
    expect(shown.querySelectorAll('math')).toHaveLength(1);
    expect(shown.querySelector('math')?.textContent).toBe('A=πr2');
  });
});

describe('a heading’s permalink', () => {
  const prose = `<p>${'Mending nets is a craft learned by watching the old menders on the quay at dawn. '.repeat(8)}</p>`;
  const headings = (article: string) => {
    const page = `<html><head><title>Nets</title></head><body><article><h1>Nets</h1>${prose}${article}${prose}</article></body></html>`;
    const { body } = parseMarkdownSource(documentFromHtml('nets.html', new TextEncoder().encode(page)).markdown);
    return Array.from(renderMarkdown(body, new JSDOM('').window).querySelectorAll('h2'));
  };

  it('is left out, whatever mark it shows (¶, §, ›, an icon), as the page’s furniture', () => {
    const shown = headings(
      '<h2 id="a">Knots<a class="headerlink" href="#a" title="Permalink to this headline">¶</a></h2><p>One.</p>' +
        '<h2 id="b"><a href="#b" aria-hidden="true">§</a> Twine</h2><p>Two.</p>' +
        '<h2 id="c">Needles <a class="anchor" href="#c"><svg viewBox="0 0 8 8"><path d="M0 0h8"></path></svg></a></h2><p>Three.</p>',
    );
    expect(shown.map((heading) => heading.textContent?.trim())).toEqual(['Knots', 'Twine', 'Needles']);
    expect(shown.every((heading) => heading.querySelector('a[href]') === null)).toBe(true);
  });

  it('is told from a link that is the heading’s words, or a note marker in it', () => {
    const shown = headings(
      '<h2><a href="#d">Knots that hold</a></h2><p id="d">One.</p><h2>Twine<sup><a href="#n1">1</a></sup></h2><p>Two.</p><ol><li id="n1">A note.</li></ol>',
    );
    expect(shown.map((heading) => heading.querySelector('a[href]')?.textContent)).toEqual(['Knots that hold', '1']);
  });
});

describe('a page nested deeper than any real one', () => {
  const page = (nested: string) =>
    `<html><head><title>Deep</title></head><body><article><h1>Deep</h1><p>${'Prose of the article, read first. '.repeat(30)}</p>${nested}</article></body></html>`;

  it('keeps the text below the depth it reads as paragraphs, each block its own, and says so', () => {
    const levels = maxNestingDepth + 100;
    const nested = `${'<div><p>Level words here.</p>'.repeat(levels)}<p>The <em>innermost</em> words.</p>${'</div>'.repeat(levels)}`;
    const { markdown, warnings } = documentFromHtml('deep.html', page(nested));
    const { body } = parseMarkdownSource(markdown);
    expect(body).toContain('Prose of the article, read first.');
    expect(body.match(/Level words here\./g)).toHaveLength(levels);
    // Inline markup below the depth is read as the text it holds, in the same paragraph.
    expect(body).toContain('The innermost words.');
    expect(warnings).toEqual([
      `deep.html nests its elements more than ${maxNestingDepth} levels deep; the text below that depth is kept as plain text.`,
    ]);
  });

  it('reads a page as deep as real pages go as it is', () => {
    const levels = maxNestingDepth / 4;
    const nested = `${'<div><p>Level words here.</p>'.repeat(levels)}<p>The <em>innermost</em> words.</p>${'</div>'.repeat(levels)}`;
    const { markdown, warnings } = documentFromHtml('deep.html', page(nested));
    expect(markdown).toContain('The *innermost* words.');
    expect(warnings).toBeUndefined();
  });
});
