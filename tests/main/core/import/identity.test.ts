/**
 * Round trips keep identity: Gloss's JSON export brought into an empty
 * library recreates each document as it was (its id, when it was added, when
 * its note was written), so exporting again gives the same file; and books
 * known only by their notes are never taken for one another.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { buildExport } from '../../../../main/core/export/build';
import { applyImport } from '../../../../main/core/import/apply';
import { parseKindleClippings } from '../../../../main/core/import/kindle-clippings';
import { parseWebAnnotations } from '../../../../main/core/import/web-annotation';
import { readLibrary } from '../../../../main/core/storage/library-reader';
import { documentText, documents, exportOptions, freshLibrary, readerHighlight, removeLibraries, type TempLibrary } from './library';

afterAll(removeLibraries);

const now = () => new Date('2026-01-01T00:00:00.000Z');
const clip = (title: string, details: string, text: string) => `${title}\r\n${details}\r\n\r\n${text}\r\n==========\r\n`;
/** Two books known only by a note each: no highlights, so their documents have no text. */
const notesOnly =
  clip(
    'First Notebook (A. Author)',
    '- Your Note on Location 10 | Added on Monday, May 6, 2024 10:00:00 AM',
    'A thought about the first.',
  ) +
  clip(
    'Second Notebook (A. Author)',
    '- Your Note on Location 20 | Added on Monday, May 6, 2024 10:05:00 AM',
    'A thought about the second.',
  ) +
  clip(
    'Kindle Book (B. Author)',
    '- Your Highlight on page 3 | Location 180-182 | Added on Monday, May 6, 2024 10:10:00 AM',
    'A passage with its Kindle location.',
  );

async function jsonBackup(library: TempLibrary): Promise<string> {
  await library.store.flush();
  const built = await buildExport(library.dataDir, await readLibrary(library.dataDir), 'all', 'json', exportOptions);
  return built.files[0]!.text;
}

/** A library holding nothing at all: the seed article of a new library moved to the trash. */
async function emptyLibrary(): Promise<TempLibrary> {
  const library = await freshLibrary();
  for (const summary of library.store.state().documents) await library.store.trashDocument(summary.id);
  return library;
}

describe('JSON export → empty library → JSON export', () => {
  it('gives the same file: document ids, added times, document notes with their times, highlights and Kindle details', async () => {
    const source = await freshLibrary([documents.essay]);
    const essay = source.store.state().documents.find((summary) => summary.title === 'Notes on Reading')!;
    const text = await documentText(source.store, essay.id);
    const spec = { start: 40, length: 25, color: 'blue', note: 'Worth it.', tags: ['craft'], createdAt: now().toISOString() } as const;
    await source.store.putHighlights(essay.id, [
      readerHighlight(text, 'dddddddd-0000-4000-8000-000000000001', { ...spec, tags: [...spec.tags], updatedAt: spec.createdAt }),
    ]);
    await source.store.setDocumentNote(essay.id, 'Read again in spring.');
    await applyImport(source.store, parseKindleClippings(notesOnly, { now }));
    await source.store.importMarkdown('---\ntitle: שירה\nlang: he\ndir: rtl\n---\nשורה ראשונה של השיר.\n');
    const first = await jsonBackup(source);

    const target = await emptyLibrary();
    const report = await applyImport(target.store, parseWebAnnotations(first));
    expect(report).toMatchObject({ unmatched: [], orphaned: [], warnings: [] });
    expect(report.documentsCreated).toBe(source.store.state().documents.length);
    const second = await jsonBackup(target);

    expect(JSON.parse(second)).toEqual(JSON.parse(first));
    // The highlight keeps the Kindle's own location and page through the trip.
    expect(second).toContain('"gloss:location"');
    // The Hebrew poem keeps its language and direction, in the model's own terms.
    const poem = target.store.state().documents.find((summary) => summary.title === 'שירה')!;
    expect(await target.store.openDocument(poem.id)).toMatchObject({ lang: 'he', dir: 'rtl' });
    expect(JSON.parse(second)['gloss:documents']).toContainEqual(expect.objectContaining({ language: 'he', textDirection: 'rtl' }));
  }, 60_000);
});

describe('a book set in vertical lines, through a JSON backup', () => {
  it('comes back vertical into an empty library, and exports the same again', async () => {
    const source = await emptyLibrary();
    await source.store.importMarkdown(
      '---\ntitle: 雪国\nlang: ja\nwriting-mode: vertical-rl\n---\n国境の長いトンネルを抜けると雪国であった。\n',
    );
    const first = await jsonBackup(source);
    expect(JSON.parse(first)['gloss:documents']).toContainEqual(
      expect.objectContaining({ language: 'ja', 'gloss:writingMode': 'vertical-rl' }),
    );

    const target = await emptyLibrary();
    await applyImport(target.store, parseWebAnnotations(first));
    const [book] = target.store.state().documents;
    expect(await target.store.readDocument(book!.id)).toMatchObject({ lang: 'ja', writingMode: 'vertical-rl' });
    expect(JSON.parse(await jsonBackup(target))).toEqual(JSON.parse(first));
  }, 60_000);
});

describe('books known only by their notes', () => {
  it('are matched each to its own document when a backup of them comes back into a library that has them', async () => {
    const from = await freshLibrary();
    await applyImport(from.store, parseKindleClippings(notesOnly, { now }));
    const backup = await jsonBackup(from);

    // Another library that imported the same Kindle file itself: same books, other document ids.
    const into = await freshLibrary();
    await applyImport(into.store, parseKindleClippings(notesOnly, { now }));
    const report = await applyImport(into.store, parseWebAnnotations(backup));
    expect(report).toMatchObject({ documentsCreated: 0, highlightsAdded: 0, warnings: [] });

    const notes = new Map(
      (await readLibrary(into.dataDir)).map(({ summary, data }) => [summary.title, data?.documentNote?.text ?? null] as const),
    );
    expect(notes.get('First Notebook')).toContain('A thought about the first.');
    expect(notes.get('First Notebook')).not.toContain('second');
    expect(notes.get('Second Notebook')).toContain('A thought about the second.');
  }, 60_000);
});
