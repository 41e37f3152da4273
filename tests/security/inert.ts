/**
 * Lists everything under `root` that could run code, leave the app or reach
 * the network: script-bearing or embedding elements, event-handler
 * attributes, and URL attributes with anything but a web, mail, in-page or
 * inline-image address. Empty means inert.
 *
 * Self-contained on purpose (no imports, no outer variables): the end-to-end
 * spec hands this very function to `page.evaluate` to check the live page,
 * and the unit tests call it on jsdom.
 */
export function findLiveContent(root: { querySelectorAll(selector: string): ArrayLike<Element> }): string[] {
  const forbiddenElements = new Set([
    'script',
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'applet',
    'base',
    'meta',
    'link',
    'style',
    'form',
    'input',
    'button',
    'textarea',
    'select',
    'portal',
    'webview',
    'noscript',
    'noembed',
    'plaintext',
    'xmp',
    'isindex',
    'animate',
    'set',
    'animatetransform',
    'animatemotion',
    'foreignobject',
    'use',
    'maction',
  ]);
  const urlAttributes = new Set([
    'href',
    'xlink:href',
    'src',
    'action',
    'formaction',
    'data',
    'poster',
    'background',
    'ping',
    'srcset',
    'codebase',
    'cite',
    'dynsrc',
    'lowsrc',
  ]);
  const safeScheme = /^(?:https?:|mailto:|data:image\/(?:png|jpe?g|gif|webp);)/i;
  // A value without a scheme is a path on the app's own origin (e.g. "%6Aavascript:…" or "&#106avascript:…" as text): harmless.
  const scheme = /^[a-z][a-z0-9+.-]*:/i;
  const problems: string[] = [];
  const elements: Element[] = Array.from(root.querySelectorAll('*'));
  for (let index = 0; index < elements.length; index++) {
    const element = elements[index]!;
    // A <template> is inert by definition, but what it holds must be inert too once cloned out.
    const content = (element as Element & { content?: { querySelectorAll(selector: string): ArrayLike<Element> } }).content;
    if (element.localName === 'template' && content) elements.push(...Array.from(content.querySelectorAll('*')));
    const name = element.localName.toLowerCase();
    if (forbiddenElements.has(name)) problems.push(`<${name}> element`);
    for (const attribute of Array.from(element.attributes)) {
      const attributeName = attribute.name.toLowerCase();
      if (attributeName.startsWith('on')) problems.push(`${attributeName} on <${name}>`);
      // The CSP blocks inline styles anyway; one that reached the DOM could still cover the app or fetch (url()).
      if (attributeName === 'style') problems.push(`style="${attribute.value.slice(0, 60)}" on <${name}>`);
      if (urlAttributes.has(attributeName)) {
        // What a browser would follow: whitespace and control characters are dropped from URLs.
        const value = attribute.value.replace(/[\u0000-\u0020\u007f-\u009f\u200b]/g, '');
        if (scheme.test(value) && !safeScheme.test(value)) problems.push(`${attributeName}="${attribute.value.slice(0, 60)}" on <${name}>`);
        const fetches =
          /^https?:/i.test(value) && (name === 'img' || ((attributeName === 'href' || attributeName === 'xlink:href') && name !== 'a'));
        if (attributeName === 'srcset' || attributeName === 'ping' || fetches) {
          problems.push(`${attributeName} on <${name}> would fetch ${attribute.value.slice(0, 60)}`);
        }
      }
    }
  }
  return problems;
}
