import type { HighlightColor } from '../../../common/contract';
import { highlightColors } from '../../../common/contract';
import type { TextMap } from './text-map';

export interface PlacedHighlight {
  id: string;
  color: HighlightColor;
  start: number;
  end: number;
}

/** How long a passage flashes after it is jumped to from the notes pane. */
const flashDurationMs = 1200;

/**
 * Paints highlights with the CSS Custom Highlight API: ranges registered in
 * `CSS.highlights` and styled by `::highlight(gloss-<color>)`. Unlike wrapping
 * text in <mark> elements, this never changes the document's DOM, so text
 * offsets, selection, find-in-page and copy behave exactly as on unhighlighted
 * text, and repainting after an edit costs no layout of new elements
 * (`npm run bench` measures both approaches). Overlapping highlights each keep
 * their own range; the browser blends them.
 */
export class HighlightPainter {
  #placed: PlacedHighlight[] = [];
  #flashTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly textMap: TextMap) {}

  paint(placed: readonly PlacedHighlight[]): void {
    this.#placed = [...placed];
    const byColor = new Map<HighlightColor, StaticRange[]>(highlightColors.map((color) => [color, []]));
    for (const highlight of placed) byColor.get(highlight.color)?.push(this.textMap.staticRange(highlight.start, highlight.end));
    for (const [color, ranges] of byColor) CSS.highlights.set(`gloss-${color}`, new Highlight(...ranges));
  }

  /** Marks the highlight the notes pane has selected (an outline-like underline), or none. */
  select(highlight: PlacedHighlight | null): void {
    if (highlight) CSS.highlights.set('gloss-selected', new Highlight(this.textMap.staticRange(highlight.start, highlight.end)));
    else CSS.highlights.delete('gloss-selected');
  }

  flash(start: number, end: number): void {
    CSS.highlights.set('gloss-flash', new Highlight(this.textMap.staticRange(start, end)));
    if (this.#flashTimer !== null) clearTimeout(this.#flashTimer);
    this.#flashTimer = setTimeout(() => CSS.highlights.delete('gloss-flash'), flashDurationMs);
  }

  /** The highlights covering a text offset, innermost (shortest) first. */
  at(offset: number): PlacedHighlight[] {
    return this.#placed
      .filter((highlight) => highlight.start <= offset && offset < highlight.end)
      .sort((a, b) => a.end - a.start - (b.end - b.start));
  }

  clear(): void {
    for (const name of [...highlightColors.map((color) => `gloss-${color}`), 'gloss-selected', 'gloss-flash']) CSS.highlights.delete(name);
    this.#placed = [];
  }
}
