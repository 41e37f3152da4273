/**
 * A highlight imported from a Kindle (or Readwise) keeps the device's own
 * location and page, and every export carries them out: CSV's Location is the
 * Kindle location, Markdown and HTML show it, JSON keeps it for a round trip.
 */
import { describe, expect, it } from 'vitest';
import type { ExportDocument } from '../../../../main/core/export/types';
import { toReadwiseCsv } from '../../../../main/core/export/csv';
import { toHtml } from '../../../../main/core/export/html';
import { toMarkdown } from '../../../../main/core/export/markdown';
import { toAnnotationCollection } from '../../../../main/core/export/json';
import { parseWebAnnotations } from '../../../../main/core/import/web-annotation';
import { parseCsv } from './csv-reader';
import { highlight, options, summary } from './fixture';

const kindle = { ...highlight({ id: 'a1b2c3d4-0009-4000-8000-000000000009', quote: 'A passage.', start: 40 }) };
const book: ExportDocument = {
  document: summary({ id: '0c0ffee0-0000-4000-8000-000000000001', title: 'A Kindle book', source: 'Kindle' }),
  documentNote: null,
  highlights: [
    { ...kindle, imported: { location: { start: 1300, end: 1301 }, page: '97', dateText: 'the ides of March' } },
    highlight({ id: 'a1b2c3d4-0010-4000-8000-000000000010', quote: 'Made in Gloss.', start: 60 }),
  ],
  orphanIds: new Set(),
};

describe('a highlight’s Kindle location and page, in every export', () => {
  it('CSV: Location is the Kindle location when there is one, else the offset in Gloss’s text', () => {
    const rows = parseCsv(toReadwiseCsv([book]));
    expect(rows.map((row) => row.Location)).toEqual(['1300', '60']);
  });

  it('Markdown: shown on the highlight’s details line', () => {
    const markdown = toMarkdown(book, options);
    expect(markdown).toContain('- Color: yellow · Location 1300-1301 · Page 97 · Dated “the ides of March”\n');
    expect(markdown).toContain('- Color: yellow\n');
  });

  it('HTML: shown with the color', () => {
    expect(toHtml([book], options)).toContain('<p class="details">yellow · Location 1300-1301 · Page 97 · Dated “the ides of March”</p>');
  });

  it('JSON: kept under the gloss prefix and read back as it was', () => {
    const text = JSON.stringify(toAnnotationCollection([book], options));
    const parsed = parseWebAnnotations(text);
    expect(parsed.annotations.map((annotation) => annotation.imported)).toEqual([book.highlights[0]!.imported, undefined]);
  });
});
