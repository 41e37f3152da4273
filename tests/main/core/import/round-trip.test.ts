/**
 * Property: whatever highlights a library holds, exporting it to Gloss's JSON
 * and importing that into another data folder holding the same documents
 * gives back the same highlights, field for field, in place.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { highlightColors, type Highlight } from '../../../../common/contract';
import { applyImport } from '../../../../main/core/import/apply';
import { parseWebAnnotations } from '../../../../main/core/import/web-annotation';
import {
  copyLibrary,
  documentText,
  documents,
  exportJson,
  freshLibrary,
  highlightsByTitle,
  readerHighlight,
  removeLibraries,
  type TempLibrary,
} from './library';

let source: TempLibrary;
let target: TempLibrary;
/** Each document's rendered text, by title; the same in both libraries. */
const texts = new Map<string, string>();

beforeAll(async () => {
  source = await freshLibrary([documents.essay, documents.cjk]);
  target = await freshLibrary([documents.essay, documents.cjk]);
  for (const summary of source.store.state().documents) texts.set(summary.title, await documentText(source.store, summary.id));
}, 60_000);
afterAll(removeLibraries);

const time = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((date) => date.toISOString());
const tag = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
  .map((text) => text.replace(/[\n\r\t,]/g, '').trim())
  .filter((text) => text.length > 0);
const spec = fc.record({
  start: fc.nat({ max: 5000 }),
  length: fc.integer({ min: 1, max: 120 }),
  color: fc.constantFrom(...highlightColors),
  // Non-blank notes: the export leaves out a note of only whitespace (export/common.ts hasNote).
  note: fc.oneof(
    fc.constant(''),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((note) => note.trim() !== ''),
  ),
  tags: fc.uniqueArray(tag, { maxLength: 4 }),
  createdAt: time,
  updatedAt: time,
});

describe('export to JSON, import into another data folder', () => {
  it('gives back every highlight set exactly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(spec, { maxLength: 6 }), { minLength: 3, maxLength: 3 }), async (perDocument) => {
        const from = await copyLibrary(source);
        const into = await copyLibrary(target);
        let counter = 0;
        const made = new Map<string, Highlight[]>();
        for (const [index, summary] of from.store.state().documents.entries()) {
          const text = texts.get(summary.title)!;
          const highlights = (perDocument[index] ?? []).map((entry) =>
            readerHighlight(text, `cccccccc-0000-4000-8000-${String(++counter).padStart(12, '0')}`, entry),
          );
          await from.store.putHighlights(summary.id, highlights);
          made.set(summary.title, highlights);
        }
        const report = await applyImport(into.store, parseWebAnnotations(await exportJson(from)));
        expect(report).toMatchObject({ highlightsAdded: counter, alreadyPresent: 0, unmatched: [], orphaned: [], documentsCreated: 0 });
        const after = await highlightsByTitle(into);
        for (const [title, highlights] of made) {
          expect(after.get(title)!.highlights, title).toEqual([...highlights].sort((a, b) => (a.id < b.id ? -1 : 1)));
        }
      }),
      { numRuns: 40 },
    );
  }, 300_000);
});
