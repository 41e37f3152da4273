import { GlossError } from './errors';

const externalProtocols = new Set(['http:', 'https:', 'mailto:']);

/** The fields of a mailto: link a mail client is asked to fill in (RFC 6068); `attach=`, `cc=` and the like are dropped. */
const mailtoFields = new Set(['subject', 'body']);

/**
 * The link, as it may leave the app for the operating system: only web and
 * mail links, in their normalised form (what was checked is what is handed
 * on). A mailto: link keeps its address and its subject and body only: some
 * mail clients act on `attach=/etc/passwd`.
 * @throws GlossError('forbidden') for anything else.
 */
export function vetExternalLink(url: string): string {
  const parsed = URL.canParse(url) ? new URL(url) : null;
  if (!parsed || !externalProtocols.has(parsed.protocol)) {
    throw new GlossError('forbidden', `Gloss opens only web and mail links, not ${JSON.stringify(url.slice(0, 80))}.`);
  }
  if (parsed.protocol !== 'mailto:') return parsed.href;
  const kept = parsed.search
    .slice(1)
    .split('&')
    .filter((pair) => mailtoFields.has(safeDecode(pair.split('=')[0] ?? '').toLowerCase()));
  return `mailto:${parsed.pathname}${kept.length > 0 ? `?${kept.join('&')}` : ''}`;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
