import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Highlight } from '../../../../common/contract';
import { anchorSelectors } from '../../../../common/anchoring';
import { parseMarkdownSource } from '../../../../main/core/documents/markdown-source';
import { GlossError } from '../../../../main/core/errors';
import { applyImport, planImport, unplacedRevision } from '../../../../main/core/import/apply';
import { parseImport } from '../../../../main/core/import';
import { parseKindleClippings } from '../../../../main/core/import/kindle-clippings';
import { renderedText } from '../../../../main/core/import/rendered-text';
import type { BooksImport, ParsedImport } from '../../../../main/core/import/types';
import { parseWebAnnotations } from '../../../../main/core/import/web-annotation';
import { readLibrary } from '../../../../main/core/storage/library-reader';
import {
  documentText,
  documents,
  exportCsv,
  exportJson,
  freshLibrary,
  highlightsByTitle,
  readerHighlight,
  removeLibraries,
  snapshot,
  type TempLibrary,
} from './library';

afterAll(removeLibraries);
// Every test writes data folders with fsync, and the first one loads jsdom.
vi.setConfig({ testTimeout: 60_000 });

const read = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');
const kindleFile = read('./fixtures/my-clippings.txt');
const now = () => new Date('2026-01-01T00:00:00.000Z');

/** What an import UI does: parse the file by its name, then apply it. */
async function importFile(library: TempLibrary, fileName: string, text: string) {
  return applyImport(library.store, parseImport(fileName, text, { now }));
}

async function documentByTitle(library: TempLibrary, title: string) {
  const summary = library.store.state().documents.find((candidate) => candidate.title === title);
  expect(summary, title).toBeDefined();
  return library.store.readDocument(summary!.id);
}

/** Every highlight sits where it says, as the reader would find it on opening the document. */
function expectPlaced(markdown: string, highlights: Highlight[], revision: number) {
  const text = renderedText(markdown);
  for (const highlight of highlights) {
    expect(highlight.revision).toBe(revision);
    expect(text.slice(highlight.position.start, highlight.position.end)).toBe(highlight.quote.exact);
    expect(anchorSelectors(text, highlight)?.method).toBe('position');
  }
}

describe('applyImport: Kindle', () => {
  it('creates a document per book whose highlights each cover one passage, notes attached, loose notes in the document note', async () => {
    const library = await freshLibrary();
    const report = await importFile(library, 'My Clippings.txt', kindleFile);
    expect(report).toMatchObject({
      documentsCreated: 3,
      highlightsAdded: 5,
      alreadyPresent: 0,
      unmatched: [],
      orphaned: [],
      documentNotesSet: 1,
    });
    expect(report.notesWithoutHighlight).toEqual([
      { origin: 'line 31', documentTitle: 'The Art of Reading', text: 'A thought with no highlight.' },
    ]);
    expect(report.warnings).toHaveLength(2);

    const art = await documentByTitle(library, 'The Art of Reading');
    expect(art.summary).toMatchObject({ author: 'Jane Doe', source: 'Kindle' });
    const parsed = parseKindleClippings(kindleFile, { now });
    expect(art.markdown).toBe(parsed.books[0]!.body);
    const text = renderedText(art.markdown);
    // The passages are the whole text, one highlight each.
    expect(text).toBe(`${art.highlights.map((highlight) => highlight.quote.exact).join('\n')}\n`);
    expectPlaced(art.markdown, art.highlights, 0);
    expect(art.highlights.find((highlight) => highlight.note !== '')).toMatchObject({
      note: 'Schopenhauer, actually.',
      tags: ['philosophy', 'quotes'],
    });
    expect(art.documentNote?.text).toBe(
      'Kindle notes that belong to no highlight:\n\nLocation 500, Tuesday, March 5, 2024 9:00:00 PM:\n\nA thought with no highlight.',
    );
  });

  it('adds nothing and writes nothing when the same file is imported again', async () => {
    const library = await freshLibrary();
    await importFile(library, 'My Clippings.txt', kindleFile);
    await library.store.flush();
    const before = await snapshot(library.dataDir);
    const report = await importFile(library, 'My Clippings.txt', kindleFile);
    expect(report).toMatchObject({ documentsCreated: 0, highlightsAdded: 0, alreadyPresent: 5, unmatched: [], documentNotesSet: 0 });
    await library.store.flush();
    expect(await snapshot(library.dataDir)).toEqual(before);
  });

  it('appends the new clippings of a grown file to the book’s document, keeping the old highlights in place', async () => {
    const library = await freshLibrary();
    await importFile(library, 'My Clippings.txt', kindleFile);
    const grown = `${kindleFile}The Art of Reading (Jane Doe)\r\n- Your Highlight on page 40 | Location 700-702 | Added on Friday, March 8, 2024 6:00:00 PM\r\n\r\nA later highlight.\r\n==========\r\n`;
    const report = await importFile(library, 'My Clippings.txt', grown);
    expect(report).toMatchObject({ documentsCreated: 0, highlightsAdded: 1, alreadyPresent: 5, unmatched: [] });
    const art = await documentByTitle(library, 'The Art of Reading');
    expect(art.revision).toBe(1);
    expect(art.highlights).toHaveLength(4);
    expect(renderedText(art.markdown).endsWith('A book is a garden carried in the pocket.\nA later highlight.\n')).toBe(true);
    expectPlaced(art.markdown, art.highlights, 1);
    // The loose note is not added twice.
    expect(art.documentNote?.text.match(/A thought with no highlight/g)).toHaveLength(1);
  });
});

describe('applyImport: Readwise', () => {
  it('creates a document per book from the export golden file, with every note and tag', async () => {
    const library = await freshLibrary();
    const report = await importFile(library, 'readwise.csv', read('../export/golden/readwise.csv'));
    expect(report).toMatchObject({ documentsCreated: 2, highlightsAdded: 10, alreadyPresent: 0, unmatched: [] });
    const essay = await documentByTitle(library, 'The “Curly” Essay: On *Markdown*, <HTML> & Other | Things');
    expect(essay.summary).toMatchObject({ author: 'Zoë "Z" Müller, Jr.', source: 'https://example.com/essays/curly?x=1&y=(2)' });
    expectPlaced(essay.markdown, essay.highlights, 0);
    expect(essay.highlights.map((highlight) => highlight.tags).flat()).toEqual([
      'dialogue',
      'markdown',
      'syntax-test',
      '#hash',
      'c++',
      'xss',
      '日本語',
      'emoji😀',
      'orphan',
    ]);
    // A multi-paragraph highlight covers its paragraphs, and only them.
    expect(
      essay.highlights.some((highlight) =>
        highlight.quote.exact.startsWith('First line\nSecond line\nThird line\nFourth line\nfour spaces, not code'),
      ),
    ).toBe(true);
    expect((await importFile(library, 'readwise.csv', read('../export/golden/readwise.csv'))).alreadyPresent).toBe(10);
  });

  it('plans highlights that share no object with the file as read, so changing one changes nothing in the other', () => {
    const parsed = parseImport('readwise-export.csv', read('./fixtures/readwise-export.csv'), { now });
    const plan = planImport({ documents: [], problems: [] }, parsed);
    const planned = plan.creates.flatMap((created) => created.highlights);
    const before = structuredClone(planned);
    expect(planned.some((highlight) => highlight.imported !== undefined && highlight.tags.length > 0)).toBe(true);
    for (const book of parsed.format === 'web-annotation' ? [] : parsed.books) {
      for (const annotation of book.annotations) {
        annotation.tags.push('changed');
        annotation.quote!.exact = 'changed';
        if (annotation.imported) annotation.imported.page = 'changed';
      }
    }
    expect(planned).toEqual(before);
  });

  it('attaches a Gloss CSV export to the same documents in another library, finding each quote by its text and offset', async () => {
    const source = await freshLibrary([documents.essay]);
    const essayId = source.store.state().documents.find((doc) => doc.title === 'Notes on Reading')!.id;
    const text = await documentText(source.store, essayId);
    const spec = {
      color: 'yellow' as const,
      note: 'a note',
      tags: ['t'],
      createdAt: '2024-01-01T00:00:00.000Z',
      updatedAt: '2024-01-01T00:00:00.000Z',
    };
    const made = [
      readerHighlight(text, '00000000-0000-4000-8000-000000000001', { ...spec, start: text.indexOf('skill'), length: 5 }),
      readerHighlight(text, '00000000-0000-4000-8000-000000000002', { ...spec, start: text.indexOf('index card'), length: 10 }),
    ];
    await source.store.putHighlights(essayId, made);
    const target = await freshLibrary([documents.essay]);
    const report = await importFile(target, 'export.csv', await exportCsv(source));
    expect(report).toMatchObject({ documentsCreated: 0, highlightsAdded: 2, unmatched: [] });
    const essay = await documentByTitle(target, 'Notes on Reading');
    expect(essay.highlights.map((highlight) => [highlight.quote, highlight.position])).toEqual(
      made.map((highlight) => [highlight.quote, highlight.position]),
    );
    expectPlaced(essay.markdown, essay.highlights, 0);
  });
});

describe('applyImport: Web Annotation JSON', () => {
  it('places Hypothesis annotations in the document their quotes anchor in, and its page note in the document note', async () => {
    const library = await freshLibrary();
    const report = await importFile(library, 'hypothesis.json', read('./fixtures/hypothesis.json'));
    expect(report).toMatchObject({ documentsCreated: 0, highlightsAdded: 2, orphaned: [], unmatched: [] });
    const seed = library.store.state().documents[0]!;
    expect(report.notesWithoutHighlight).toEqual([
      { origin: '$.annotations[2]', documentTitle: seed.title, text: 'A page note: worth rereading with the 2019 speech at hand.' },
    ]);
    const stored = await library.store.readDocument(seed.id);
    expect(stored.documentNote?.text).toBe(
      'Notes on the page as a whole, and replies:\n\nPage note, 2024-04-30:\n\nA page note: worth rereading with the 2019 speech at hand.',
    );
    expectPlaced(stored.markdown, stored.highlights, 0);
    expect(stored.highlights.map((highlight) => highlight.quote.exact)).toEqual([
      'Globalization has bound people around the world more than ever',
      'China has kept its promises.',
    ]);
    expect(stored.highlights[0]).toMatchObject({
      note: 'The key claim of the piece.',
      tags: ['governance', 'UN'],
      createdAt: '2024-04-30T12:34:56.789012+00:00',
    });
    // Once is enough.
    expect(await importFile(library, 'hypothesis.json', read('./fixtures/hypothesis.json'))).toMatchObject({
      highlightsAdded: 0,
      alreadyPresent: 2,
      notesWithoutHighlight: [],
    });
    expect((await library.store.readDocument(seed.id)).documentNote?.text).toBe(stored.documentNote?.text);
  });

  it('puts a reply, which has no passage of its own, in the document note with the quote it answers', async () => {
    const library = await freshLibrary();
    const file = JSON.parse(read('./fixtures/hypothesis.json'));
    const [answered] = file.annotations;
    file.annotations.push(
      {
        ...file.annotations[2],
        id: 'Rp1yAbCdEeyQZw3jPq8a1D',
        text: 'Agreed, and *twice*.',
        references: [answered.id],
        created: '2024-05-02T08:00:00Z',
      },
      {
        ...file.annotations[2],
        id: 'Rp2yAbCdEeyQZw3jPq8a1E',
        text: 'To a thread not in this file.',
        references: ['Gone'],
        created: '2024-05-03T08:00:00Z',
      },
      { ...file.annotations[2], id: 'Rp3yAbCdEeyQZw3jPq8a1F', text: '  ', references: [answered.id] },
    );
    const report = await importFile(library, 'hypothesis.json', JSON.stringify(file));
    expect(report.notesWithoutHighlight.map(({ origin }) => origin)).toEqual(['$.annotations[2]', '$.annotations[3]', '$.annotations[4]']);
    // A reply that says nothing is nothing to keep.
    expect(report.unmatched.map(({ origin }) => origin)).toEqual(['$.annotations[5]']);
    const { documentNote } = await library.store.readDocument(library.store.state().documents[0]!.id);
    expect(documentNote?.text).toContain(
      'Reply to “Globalization has bound people around the world more than…”, 2024-05-02:\n\nAgreed, and *twice*.',
    );
    expect(documentNote?.text).toContain('Reply, 2024-05-03:\n\nTo a thread not in this file.');
  });

  it('reports every annotation whose passage is in no document', async () => {
    const library = await freshLibrary([documents.cjk]);
    const file = JSON.parse(read('./fixtures/hypothesis.json'));
    // Quotes and context that appear nowhere, not even approximately (the fresh library holds the seed article),
    // on a source that is no web address (annotations of a web page would wait for it on a placeholder: placeholder.test.ts).
    for (const [index, item] of file.annotations.entries()) {
      item.uri = 'urn:x-example:notes';
      item.target[0].source = 'urn:x-example:notes';
      for (const selector of item.target[0].selector ?? []) {
        if (selector.type === 'TextQuoteSelector')
          Object.assign(selector, { exact: `Qzx vwk ${index} jjq plorb.`, prefix: '', suffix: '' });
      }
    }
    const report = await importFile(library, 'h.json', JSON.stringify(file));
    expect(report.highlightsAdded).toBe(0);
    expect(report.unmatched.map(({ origin }) => origin)).toEqual(['$.annotations[0]', '$.annotations[1]', '$.annotations[2]']);
    expect(report.unmatched[0]!.reason).toBe('its passage was found in no document of the library');
  });

  it('keeps annotations whose document is known by its address but whose passage is gone, as orphans', async () => {
    const library = await freshLibrary([
      `---\ntitle: Another text\nsource: https://example.org/global-cooperation\n---\nA different text altogether.\n`,
    ]);
    const report = await importFile(library, 'h.json', read('./fixtures/hypothesis.json'));
    // The second annotation has no position to keep, so it cannot be an orphan either; the third is the page's note.
    expect(report.orphaned).toEqual([
      {
        origin: '$.annotations[0]',
        documentTitle: 'Another text',
        quote: 'Globalization has bound people around the world more than ever',
      },
    ]);
    expect(report.unmatched.map(({ origin }) => origin)).toEqual(['$.annotations[1]']);
    const stored = await documentByTitle(library, 'Another text');
    expect(stored.documentNote?.text).toContain('A page note: worth rereading');
    expect(stored.highlights).toHaveLength(1);
    expect(stored.highlights[0]!.revision).toBe(unplacedRevision);
    // Export lists it among the highlights that could not be placed.
    expect(JSON.parse(await exportJson(library)).first.items[0]['gloss:orphaned']).toBe(true);
  });

  it('reads the export goldens’ annotations but finds no place for them in a library without their documents', async () => {
    const library = await freshLibrary();
    const golden = read('../export/golden/annotations.json');
    const items = (JSON.parse(golden) as { first: { items: { target: { source: string } }[] } }).first.items;
    const ofWebPages = items.filter((item) => item.target.source.startsWith('https:')).length;
    const report = await importFile(library, 'annotations.json', golden);
    // Those of a web page wait for it on a placeholder, unplaced; the others have nowhere to go.
    expect(ofWebPages).toBeGreaterThan(0);
    expect(report).toMatchObject({ documentsCreated: 1, highlightsAdded: ofWebPages });
    expect(report.orphaned).toHaveLength(ofWebPages);
    expect(report.unmatched).toHaveLength(10 - ofWebPages);
    expect(report.warnings.filter((warning) => warning.includes('document note'))).toHaveLength(2);
  });
});

/**
 * The round trip of the issue: export a library to JSON, import it into a
 * fresh data folder. The JSON has no document text, so the documents are
 * imported first from the same Markdown files (new ids); the annotations then
 * find them by source address or by anchoring.
 */
describe('applyImport: round trip through Gloss’s JSON export', () => {
  async function sourceLibrary() {
    const library = await freshLibrary([documents.essay, documents.cjk]);
    let counter = 0;
    const colors = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
    for (const summary of library.store.state().documents) {
      const text = await documentText(library.store, summary.id);
      const highlights = [0.1, 0.35, 0.35, 0.6, 0.9].map((fraction, index) =>
        readerHighlight(text, `aaaaaaaa-0000-4000-8000-${String(++counter).padStart(12, '0')}`, {
          start: Math.floor(text.length * fraction),
          length: 5 + index * 7,
          color: colors[index]!,
          note: index % 2 === 0 ? `Note ${counter} with *Markdown*\nand a second line` : '',
          tags: index === 1 ? [] : [`tag ${index}`, 'shared'],
          createdAt: `2024-0${index + 1}-0${index + 1}T10:00:00.000Z`,
          updatedAt: `2024-0${index + 1}-0${index + 1}T11:30:00.000+01:00`,
        }),
      );
      await library.store.putHighlights(summary.id, highlights);
      await library.store.setDocumentNote(summary.id, `Document note of ${summary.title}`);
    }
    return library;
  }

  it('brings every highlight, note, tag, color and time back, in place, with the document notes', async () => {
    const source = await sourceLibrary();
    const target = await freshLibrary([documents.essay, documents.cjk]);
    const report = await importFile(target, 'gloss.json', await exportJson(source));
    expect(report).toMatchObject({
      documentsCreated: 0,
      highlightsAdded: 15,
      alreadyPresent: 0,
      unmatched: [],
      orphaned: [],
      documentNotesSet: 3,
    });
    const before = await highlightsByTitle(source);
    const after = await highlightsByTitle(target);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [title, { highlights, note }] of before) {
      expect(after.get(title)!.highlights, title).toEqual(highlights);
      expect(after.get(title)!.note).toBe(note);
    }
  });

  it('adds nothing and changes no byte when the same export is imported again', async () => {
    const source = await sourceLibrary();
    const target = await freshLibrary([documents.essay, documents.cjk]);
    const json = await exportJson(source);
    await importFile(target, 'gloss.json', json);
    await target.store.flush();
    const before = await snapshot(target.dataDir);
    expect(await importFile(target, 'gloss.json', json)).toMatchObject({ highlightsAdded: 0, alreadyPresent: 15, documentNotesSet: 0 });
    await target.store.flush();
    expect(await snapshot(target.dataDir)).toEqual(before);
  });

  it('imports into the same library as a no-op: every id is already there', async () => {
    const source = await sourceLibrary();
    expect(await importFile(source, 'gloss.json', await exportJson(source))).toMatchObject({ highlightsAdded: 0, alreadyPresent: 15 });
  });

  it('keeps an orphan an orphan', async () => {
    const source = await freshLibrary([documents.essay]);
    const essay = source.store.state().documents.find((doc) => doc.title === 'Notes on Reading')!;
    const orphan: Highlight = {
      ...readerHighlight('A passage that was edited away entirely.', 'bbbbbbbb-0000-4000-8000-000000000001', {
        start: 2,
        length: 7,
        color: 'pink',
        note: 'kept',
        tags: [],
        createdAt: '2024-01-01T00:00:00.000Z',
        updatedAt: '2024-01-01T00:00:00.000Z',
      }),
      revision: 7,
    };
    await source.store.putHighlights(essay.id, [orphan]);
    const target = await freshLibrary([documents.essay]);
    const report = await importFile(target, 'gloss.json', await exportJson(source));
    expect(report.orphaned).toEqual([{ origin: '$.first.items[0]', documentTitle: 'Notes on Reading', quote: 'passage' }]);
    const stored = (await highlightsByTitle(target)).get('Notes on Reading')!.highlights[0]!;
    expect(stored).toEqual({ ...orphan, revision: unplacedRevision });
  });

  it('creates the documents too when the export carries their text (gloss:body, the suggested export addition)', async () => {
    const source = await sourceLibrary();
    const exported = JSON.parse(await exportJson(source));
    await source.store.flush();
    const stored = await readLibrary(source.dataDir);
    for (const entry of exported['gloss:documents']) {
      const summary = stored.find((doc) => doc.summary.id === entry['gloss:id'])!.summary;
      entry['gloss:body'] = (await source.store.readDocument(summary.id)).markdown;
    }
    const target = await freshLibrary();
    const report = await importFile(target, 'gloss.json', JSON.stringify(exported));
    // The seed article is already in the fresh library, with the same text: it is matched, not created again.
    expect(report).toMatchObject({ documentsCreated: 2, highlightsAdded: 15, unmatched: [], orphaned: [] });
    const before = await highlightsByTitle(source);
    const after = await highlightsByTitle(target);
    for (const [title, { highlights, note }] of before) {
      expect(after.get(title)!.highlights, title).toEqual(highlights);
      expect(after.get(title)!.note).toBe(note);
    }
    const essay = await documentByTitle(target, 'Notes on Reading');
    expect(essay.markdown).toBe(parseMarkdownSource(documents.essay).body);
    expect(essay.summary).toMatchObject({ author: 'Ada Example', source: 'https://example.com/notes-on-reading' });
  });
});

describe('applyImport: all or nothing', () => {
  it.each([
    ['truncated JSON', 'gloss.json', () => read('../export/golden/annotations.json').slice(0, 900)],
    ['JSON that is no annotation', 'data.json', () => '{"hello": "world"}'],
    ['a CSV with the wrong header', 'highlights.csv', () => 'Text,Book,Writer\r\na,b,c\r\n'],
    ['a CSV with a ragged row', 'highlights.csv', () => `${read('./fixtures/readwise-import.csv')}one,two\r\n`],
    [
      'binary garbage',
      'My Clippings.txt',
      () => Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0xff, 0xfe, 0x0a, 0x00]).toString('utf8'),
    ],
    ['an empty file', 'My Clippings.txt', () => ''],
    // One unreadable clipping no longer refuses a file (it is skipped and named); a file cut short still is.
    ['a Kindle file cut short', 'My Clippings.txt', () => kindleFile.replace(/==========\r\n$/, '')],
  ])('%s leaves the data folder byte-identical', async (_name, fileName, text) => {
    const library = await freshLibrary([documents.essay]);
    await importFile(library, 'My Clippings.txt', kindleFile);
    await library.store.flush();
    const before = await snapshot(library.dataDir);
    const failure = await importFile(library, fileName, text()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GlossError);
    expect((failure as GlossError).message).toMatch(/^(line \d+|line \d+, column \d+|\$[^:]*): /);
    await library.store.flush();
    expect(await snapshot(library.dataDir)).toEqual(before);
  });

  it('checks every highlight before writing any: a bad one in the last book leaves the folder untouched', async () => {
    const library = await freshLibrary();
    await library.store.flush();
    const before = await snapshot(library.dataDir);
    const parsed = parseKindleClippings(kindleFile, { now }) as BooksImport;
    const last = parsed.books.at(-1)!;
    last.annotations[0] = { ...last.annotations[0]!, tags: ['a,b'] };
    const failure = await applyImport(library.store, parsed).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GlossError);
    expect((failure as GlossError).message).toMatch(/^line 46: this highlight cannot be stored: tags\.0: tags cannot contain commas/);
    await library.store.flush();
    expect(await snapshot(library.dataDir)).toEqual(before);
  });

  it('writes nothing on a dry run, and reports what it would do', async () => {
    const library = await freshLibrary();
    await library.store.flush();
    const before = await snapshot(library.dataDir);
    const report = await applyImport(library.store, parseKindleClippings(kindleFile, { now }), { dryRun: true });
    expect(report).toMatchObject({ documentsCreated: 3, highlightsAdded: 5 });
    expect(report.documents.map((doc) => doc.id)).toEqual([null, null, null]);
    await library.store.flush();
    expect(await snapshot(library.dataDir)).toEqual(before);
  });

  it('does not open the documents it reads: their opening times and backups stay as they were', async () => {
    const library = await freshLibrary([documents.essay]);
    const parsed: ParsedImport = parseWebAnnotations(read('./fixtures/hypothesis.json'), { now });
    await applyImport(library.store, parsed, { dryRun: true });
    expect(library.store.state().documents.every((doc) => doc.openedAt === null)).toBe(true);
    expect(library.store.state().lastOpenedDocumentId).toBeNull();
  });
});
