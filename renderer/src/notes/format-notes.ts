import type { HighlightColor } from '../../../common/contract';
import { dateTimeFormat } from '../format';

export function colorLabel(color: HighlightColor): string {
  return color.charAt(0).toUpperCase() + color.slice(1);
}

/** A stored ISO time in the reader's own locale and time zone, e.g. "28 Nov 2026, 09:40". */
export function formatTime(iso: string, locale?: string, timeZone?: string): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(new Date(iso));
}

/** "a, b ,, #c, a" → ["a", "b", "c"]: trimmed, a leading # dropped, empty and repeated tags removed. */
export function parseTags(input: string): string[] {
  const tags = input
    .split(/[,\n]/)
    .map((tag) => tag.trim().replace(/^#/, '').trim())
    .filter((tag) => tag.length > 0);
  return [...new Set(tags)];
}
