/**
 * Export: what each format costs for a large library, 10,000 highlights over
 * 10 documents. The baseline is JSON.stringify of the same data, the least any
 * serialization can cost, measured in the same run.
 */
import { documentToClipboardMarkdown } from '../../main/core/export/clipboard';
import { toReadwiseCsv } from '../../main/core/export/csv';
import { toHtml } from '../../main/core/export/html';
import { toWebAnnotationJson } from '../../main/core/export/json';
import { toMarkdown } from '../../main/core/export/markdown';
import type { ExportDocument, ExportOptions } from '../../main/core/export/types';
import { type Highlight, highlightColors } from '../../common/contract';
import { measure, printTable, targetMs } from './measure';

const documentCount = 10;
const highlightsPerDocument = 1_000;
const runs = 5;

const sentence = 'The reader “paused” here, at a passage about *emphasis*, commas, and [brackets] — 日本語 too. ';

function generatedLibrary(): ExportDocument[] {
  return Array.from({ length: documentCount }, (_, doc) => {
    const highlights: Highlight[] = Array.from({ length: highlightsPerDocument }, (_, index) => {
      const exact = sentence.repeat(1 + (index % 4)).trim() + (index % 7 === 0 ? '\nSecond paragraph of the quote.' : '');
      const start = index * 400;
      const createdAt = new Date(Date.UTC(2024, 0, 1) + index * 60_000).toISOString();
      return {
        id: `${doc.toString(16).padStart(8, '0')}-${index.toString(16).padStart(4, '0')}-4000-8000-000000000000`,
        quote: { type: 'TextQuoteSelector', exact, prefix: 'before the passage ', suffix: ' after the passage' },
        position: { type: 'TextPositionSelector', start, end: start + exact.length },
        revision: 1,
        color: highlightColors[index % highlightColors.length]!,
        note: index % 3 === 0 ? `A note with **Markdown**, a list:\n- one\n- two\n\nand \`code\` (${index}).` : '',
        tags: index % 2 === 0 ? ['reading', 'idea'] : [],
        createdAt,
        updatedAt: createdAt,
      };
    });
    return {
      document: {
        id: `doc-${doc}`,
        title: `Generated article ${doc}: “Exports”`,
        author: 'Bench Author',
        date: '2024-01-01',
        source: `https://example.com/article/${doc}`,
        addedAt: '2024-01-01T00:00:00.000Z',
        openedAt: null,
      },
      documentNote: { text: 'A document note.', updatedAt: '2024-01-01T00:00:00.000Z' },
      highlights,
      orphanIds: new Set(highlights.filter((_, index) => index % 50 === 0).map((highlight) => highlight.id)),
    };
  });
}

export async function benchExport(): Promise<void> {
  const library = generatedLibrary();
  const options: ExportOptions = { exportedAt: new Date('2024-06-01T00:00:00.000Z'), appVersion: 'bench' };
  const total = documentCount * highlightsPerDocument;
  const formats: [string, () => string][] = [
    ['JSON.stringify (baseline)', () => JSON.stringify(library.map((doc) => ({ ...doc, orphanIds: [...doc.orphanIds] })))],
    ['Markdown (file per document)', () => library.map((doc) => toMarkdown(doc, options)).join('')],
    ['Web Annotation JSON', () => toWebAnnotationJson(library, options)],
    ['Readwise CSV', () => toReadwiseCsv(library)],
    ['HTML', () => toHtml(library, options)],
    ['Clipboard Markdown (per document)', () => library.map(documentToClipboardMarkdown).join('')],
  ];
  const rows: Record<string, string | number>[] = [];
  let baseline = Number.NaN;
  for (const [format, run] of formats) {
    const size = run().length; // also a warm-up run
    const timing = await measure(runs, run);
    if (Number.isNaN(baseline)) baseline = timing.median;
    rows.push({
      format,
      'median (ms)': timing.median,
      'p95 (ms)': timing.p95,
      'µs / highlight': (timing.median * 1000) / total,
      'output (MB, UTF-16 units)': size / 1e6,
      [`under ${targetMs} ms`]: timing.median < targetMs ? 'yes' : 'no',
      '× baseline': timing.median / baseline,
    });
  }
  printTable(`Export: ${total.toLocaleString('en')} highlights in ${documentCount} documents (median of ${runs})`, rows);
}

// Run on its own with `npx tsx tests/bench/export.bench.ts` (tests/bench/index.ts runs the others).
if (import.meta.url === `file://${process.argv[1]}`) await benchExport();
