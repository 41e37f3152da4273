import type { HighlightColor } from '../../../common/contract';
import { element } from '../dom';
import { colorLabel } from '../notes/format-notes';

/**
 * What a color button shows: a dot of the color and the color's name beside
 * it, so the color is never told by hue alone (WCAG 1.4.1); the name is also
 * the button's accessible name. The dot's border keeps it visible on any pane.
 */
export function colorSwatchContent(color: HighlightColor): Node[] {
  const dot = element('span', 'swatch-dot');
  dot.setAttribute('aria-hidden', 'true');
  return [dot, element('span', 'swatch-name', colorLabel(color))];
}
