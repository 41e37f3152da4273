import { describe, expect, it } from 'vitest';
import { indexEntry, type SearchEntry, searchEntries, type SearchSourceDocument, snippetAt } from '../../../../main/core/search/ranking';
import { indexDocument, SearchIndex } from '../../../../main/core/search/search-index';
import { markdownToPlainText } from '../../../../common/text/plain-text';
import { countCap, documentWords, WordIndex } from '../../../../main/core/search/word-index';
import type { DocumentSummary, Highlight } from '../../../../common/contract';
import { foldText, occurrences, queryPhrase, queryTerms } from '../../../../common/text/fold';
import { sampleHighlight } from '../../../support/sample-highlight';
import { seededRandom } from '../../../support/seeded-random';

function summary(id: string, title: string, extra: Partial<DocumentSummary> = {}): DocumentSummary {
  return { id, title, author: null, date: null, source: null, addedAt: '2026-01-01T00:00:00.000Z', openedAt: null, ...extra };
}

const highlight = (id: string, exact: string, note = '', tags: string[] = []): Highlight => sampleHighlight(id, { exact, note, tags });

function entry(
  id: string,
  title: string,
  markdown: string,
  highlights: Highlight[] = [],
  extra: Partial<DocumentSummary> = {},
): SearchEntry {
  return indexEntry(summary(id, title, extra), { markdown, highlights, documentNote: null, readingPosition: null });
}

const ids = (entries: SearchEntry[], query: string): string[] => searchEntries(entries, query).map((result) => result.documentId);

describe('folding', () => {
  it.each([
    ['Café Crème', 'cafe creme'],
    ['ÅNGSTRÖM', 'angstrom'],
    ['country’s “future” — now', `country's "future" - now`],
    ['line\nbreak\ttab', 'line break tab'],
    ['北京大学', '北京大学'],
    ['İstanbul', 'istanbul'],
    ['ﬁne', 'ﬁne'],
  ])('folds %j to %j, keeping its length', (text, expected) => {
    expect(foldText(text)).toBe(expected);
    expect(foldText(text)).toHaveLength(text.length);
  });

  it('splits a query into distinct folded words, longest first', () => {
    expect(queryTerms('  The CAFÉ the  au ')).toEqual(['cafe', 'the', 'au']);
    expect(queryTerms('   ')).toEqual([]);
  });

  it('finds every occurrence without overlaps, up to a limit', () => {
    expect(occurrences('aaaa', 'aa')).toEqual([0, 2]);
    expect(occurrences('a b a b a', 'a', 2)).toEqual([0, 4]);
  });
});

describe('Markdown to plain text', () => {
  it.each([
    ['# A heading', 'A heading'],
    ['Read [the report](https://example.com/x) now', 'Read the report now'],
    ['![a chart](img.png)', 'a chart'],
    ['> quoted *words* and **strong** and `code`', 'quoted words and strong and code'],
    ['- one\n2. two', 'one\ntwo'],
    ['a <span class="x">tag</span> b', 'a tag b'],
    ['```js\nconst x = 1;\n```', '\nconst x = 1;\n'],
  ])('turns %j into %j', (markdown, text) => {
    expect(markdownToPlainText(markdown)).toBe(text);
  });
});

describe('snippets', () => {
  it('marks the match and cuts the context at word boundaries, with ellipses where cut', () => {
    const text = `${'lorem ipsum '.repeat(10)}the needle here${' dolor sit'.repeat(10)}`;
    const at = text.indexOf('needle');
    const snippet = snippetAt(text, at, at + 6, 20);
    expect(snippet.match).toBe('needle');
    expect(snippet.before.startsWith('…')).toBe(true);
    expect(snippet.before.endsWith('the ')).toBe(true);
    expect(snippet.after.endsWith('…')).toBe(true);
    expect(snippet.before).toMatch(/^…(lorem|ipsum) /); // a whole word after the ellipsis
  });

  it('keeps the original case and accents of the matched text, and puts a line on one line', () => {
    const snippet = snippetAt('Un CAFÉ\nnoir', 3, 7);
    expect(snippet).toEqual({ before: 'Un ', match: 'CAFÉ', after: ' noir' });
  });
});

describe('search ranking', () => {
  it('matches regardless of case and accents, both ways', () => {
    const entries = [entry('a', 'Notes', 'We met at the Café de Flore.'), entry('b', 'Other', 'Nothing here.')];
    expect(ids(entries, 'cafe de flore')).toEqual(['a']);
    expect(ids(entries, 'CAFÉ')).toEqual(['a']);
    expect(searchEntries(entries, 'cafe')[0]?.hits[0]).toMatchObject({ kind: 'text', snippet: { match: 'Café' } });
  });

  it('requires every word of the query somewhere in the document', () => {
    const entries = [entry('a', 'A', 'apples and pears'), entry('b', 'B', 'apples only')];
    expect(ids(entries, 'apples pears')).toEqual(['a']);
  });

  it('ranks a match in the title above the same match in the text', () => {
    const entries = [
      entry('text', 'Gardening', 'A note on photosynthesis in leaves.'),
      entry('title', 'Photosynthesis', 'How leaves work.'),
    ];
    expect(ids(entries, 'photosynthesis')).toEqual(['title', 'text']);
  });

  it('ranks the phrase as typed above its words found apart', () => {
    const entries = [
      entry('apart', 'A', 'The market was open. Later, the free press arrived.'),
      entry('phrase', 'B', 'A free market needs rules.'),
    ];
    expect(ids(entries, 'free market')).toEqual(['phrase', 'apart']);
  });

  it('ranks a match at the start of a word above one inside a word', () => {
    const entries = [entry('inside', 'A', 'They concatenate strings.'), entry('word', 'B', 'The cat sat.')];
    expect(ids(entries, 'cat')).toEqual(['word', 'inside']);
  });

  it('ranks more occurrences above fewer, all else equal', () => {
    const entries = [entry('once', 'A', 'river.'), entry('thrice', 'B', 'river, river and river.')];
    expect(ids(entries, 'river')).toEqual(['thrice', 'once']);
  });

  it('ranks a highlight’s note above the plain text, and says which highlight and field matched', () => {
    const entries = [
      entry('text', 'A', 'Spectators watch the game.'),
      entry('note', 'B', 'A speech about action.', [highlight('h1', 'about action', 'Compare the spectators of 2019')]),
    ];
    const results = searchEntries(entries, 'spectators');
    expect(results.map((result) => result.documentId)).toEqual(['note', 'text']);
    expect(results[0]?.hits[0]).toEqual({
      kind: 'highlight',
      highlightId: 'h1',
      field: 'note',
      snippet: { before: 'Compare the ', match: 'spectators', after: ' of 2019' },
    });
  });

  it('finds tags and the document note', () => {
    const withNote = indexEntry(summary('n', 'N'), {
      markdown: 'x',
      highlights: [highlight('h', 'x', '', ['governance'])],
      documentNote: { text: 'Read again in June', updatedAt: '2026-01-01T00:00:00.000Z' },
      readingPosition: null,
    });
    expect(searchEntries([withNote], 'governance')[0]?.hits[0]).toMatchObject({ kind: 'highlight', field: 'tags' });
    expect(searchEntries([withNote], 'june')[0]?.hits[0]).toMatchObject({ kind: 'document-note' });
  });

  it('quotes notes, the document note and the text as the words one reads, without their Markdown', () => {
    const withMarkdown = indexEntry(summary('m', 'M'), {
      markdown: 'The **thesis** of this _essay_ is [stated](https://example.com) early.',
      highlights: [highlight('h', 'x', 'My **thesis**: see `the intro` and [the notes](https://example.com/n)')],
      documentNote: { text: '## Summary\n\nThe *thesis* holds.', updatedAt: '2026-01-01T00:00:00.000Z' },
      readingPosition: null,
    });
    const snippets = searchEntries([withMarkdown], 'thesis')[0]!.hits.map((hit) => hit.snippet);
    expect(snippets).toEqual([
      { before: 'My ', match: 'thesis', after: ': see the intro and the notes' },
      { before: 'Summary The ', match: 'thesis', after: ' holds.' },
      { before: 'The ', match: 'thesis', after: ' of this essay is stated early.' },
    ]);
  });

  it('finds CJK text, which has no spaces between words', () => {
    const entries = [entry('zh', '中文', '我们在北京大学学习。')];
    expect(searchEntries(entries, '北京')[0]?.hits[0]).toMatchObject({ kind: 'text', snippet: { match: '北京' } });
  });

  it('numbers text hits in order, so the reader can open the right one', () => {
    const [result] = searchEntries([entry('a', 'A', 'one fish, two fish, red fish')], 'fish');
    expect(result?.hits.map((hit) => (hit.kind === 'text' ? hit.occurrence : -1))).toEqual([0, 1, 2]);
    expect(result?.hitCount).toBe(3);
  });

  it('breaks ties by the most recently opened document', () => {
    const entries = [
      entry('old', 'A', 'same words', [], { openedAt: '2026-01-02T00:00:00.000Z' }),
      entry('new', 'B', 'same words', [], { openedAt: '2026-03-01T00:00:00.000Z' }),
    ];
    expect(ids(entries, 'same')).toEqual(['new', 'old']);
  });

  it('answers an empty query with nothing', () => {
    expect(searchEntries([entry('a', 'A', 'text')], '  ')).toEqual([]);
  });
});

/**
 * Searches `library` through the index (which reads only the texts that can
 * make the page) and by reading every entry, and expects the same answer for
 * each query and page size.
 */
async function expectRankedAsIfEveryTextWereRead(
  library: readonly { summary: DocumentSummary; document: SearchSourceDocument }[],
  queries: readonly string[],
  limits: readonly number[],
): Promise<void> {
  const index = new SearchIndex({
    summaries: () => library.map(({ summary }) => summary),
    load: async (id) => library.find(({ summary }) => summary.id === id)!.document,
  });
  await index.warm();
  const entries = library.map(({ summary, document }) => indexEntry(summary, document));
  for (const query of queries) {
    for (const limit of limits) {
      expect(await index.search(query, limit), `${JSON.stringify(query)}, first ${limit}`).toEqual(searchEntries(entries, query, limit));
    }
  }
}

describe('SearchIndex', () => {
  it('ranks as if it read every text, while it reads only those that can make the page', async () => {
    const random = seededRandom(7);
    const vocabulary = ['the', 'banana', 'ban', 'anana', 'bread', 'river', 'rivers', 'café', 'north', 'naan', 'x'];
    const pick = (): string => vocabulary[Math.floor(random() ** 2 * vocabulary.length)]!;
    const words = (count: number): string => Array.from({ length: count }, pick).join(' ');
    // Mostly spaces, sometimes punctuation or a line break: words side by side that a phrase with a space does not match.
    const joiners = [' ', ' ', ' ', ' ', ', ', '. ', '\n'];
    const prose = (count: number): string =>
      Array.from({ length: count }, (_, at) => (at === 0 ? '' : joiners[Math.floor(random() * joiners.length)]!) + pick()).join('');
    const library = Array.from({ length: 300 }, (_, index) => ({
      summary: summary(`d${index}`, `${words(1 + Math.floor(random() * 2))} ${index}`, {
        openedAt: random() < 0.3 ? null : `2026-0${1 + Math.floor(random() * 3)}-01T00:00:00.000Z`,
      }),
      document: {
        markdown: prose(Math.floor(random() ** 3 * 400)),
        highlights: random() < 0.3 ? [highlight(`h${index}`, words(2), words(3), [pick()])] : [],
        documentNote: random() < 0.1 ? { text: words(4), updatedAt: '2026-01-01T00:00:00.000Z' } : null,
        readingPosition: null,
      },
    }));
    const queries = [
      'banana',
      'ana',
      'the',
      'the banana',
      'river bread',
      'cafe',
      'n',
      "banana's",
      "s'ban",
      'ban-ana',
      '-- x',
      'x the',
      'bread naan ban',
      'absent',
      // Phrases: pairs side by side in some texts only, outer words inside longer ones, short words at either end, inner words whole.
      'banana bread',
      'the ban',
      'he banana',
      'ana bre',
      'x the banana',
      'naan x',
      'the river the',
      'bread, naan',
    ];
    await expectRankedAsIfEveryTextWereRead(library, queries, [1, 3, 10, 50]);
  });

  it('ranks phrases as if it read every text, where how often each pair of words stands together decides', async () => {
    const random = seededRandom(12);
    const vocabulary = ['the', 'river', 'bank', 'riverbank', 'of', 'a', 'banks', 'thereof'];
    const joiners = [' ', ' ', ' ', ' ', ' ', ', ', '\n'];
    // Titles and annotations without the query's words: the texts alone decide, with phrase counts from none to past the cap.
    const library = Array.from({ length: 200 }, (_, index) => ({
      summary: summary(`d${index}`, `Document ${index}`, { openedAt: `2026-0${1 + Math.floor(random() * 9)}-01T00:00:00.000Z` }),
      document: {
        markdown:
          Array.from(
            { length: Math.floor(random() ** 2 * 600) },
            (_, at) =>
              (at === 0 ? '' : joiners[Math.floor(random() * joiners.length)]!) +
              vocabulary[Math.floor(random() ** 1.5 * vocabulary.length)]!,
          ).join('') +
          // A rare phrase a few times at most, whose words occur little apart: only the counts of pairs used seldom tell these texts apart.
          ' zephyr quill.'.repeat(Math.floor(random() * 4)) +
          ' zephyr.'.repeat(Math.floor(random() * 2)),
        highlights: [],
        documentNote: null,
        readingPosition: null,
      },
    }));
    await expectRankedAsIfEveryTextWereRead(
      library,
      [
        'the river',
        'river bank',
        'the river bank',
        'bank of the',
        'he riverb',
        'of a',
        'riverbank the',
        'banks a bank',
        'thereof banks',
        'banks thereof the',
        'a riverbank of',
        'bank a',
        'zephyr quill',
        'river, bank',
        'zephyr quill.',
      ],
      [1, 3, 10],
    );
  });

  it('ranks any piece of any text as if it read every text: scripts, marks, emoji, digits and punctuation', async () => {
    const random = seededRandom(13);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    // Words of several scripts, with accents (precomposed and combining), a dotted capital, digits, an emoji and CJK runs without spaces.
    const vocabulary = [
      'Straße',
      'café',
      'cafe\u0301',
      'İstanbul',
      'naïve',
      '東京大学',
      '東京',
      'の',
      'Ελλάδα',
      'שלום',
      '2024',
      'x1',
      '😀',
      'don’t',
      'co-op',
    ];
    const joiners = [' ', ' ', ' ', '  ', ', ', '; ', '\n', '—', '“', '” ', "'"];
    const text = (count: number): string =>
      Array.from({ length: count }, (_, at) => (at === 0 ? '' : pick(joiners)) + pick(vocabulary)).join('');
    const library = Array.from({ length: 120 }, (_, index) => ({
      summary: summary(`d${index}`, random() < 0.2 ? text(2) : `Document ${index}`, {
        openedAt: `2026-0${1 + Math.floor(random() * 9)}-01T00:00:00.000Z`,
      }),
      document: {
        markdown: text(Math.floor(random() ** 2 * 300)),
        highlights: random() < 0.2 ? [highlight(`h${index}`, text(2), text(3), [pick(vocabulary)])] : [],
        documentNote: null,
        readingPosition: null,
      },
    }));
    // Pieces of the texts as a reader would select and type them, cut anywhere, and words put together that may never meet.
    const queries = Array.from({ length: 150 }, () => {
      if (random() < 0.3) return text(1 + Math.floor(random() * 3));
      const source = pick(library).document.markdown;
      const start = Math.floor(random() * source.length);
      return source.slice(start, start + 1 + Math.floor(random() * 24));
    });
    await expectRankedAsIfEveryTextWereRead(library, queries, [1, 5]);
  });

  it('reads each document once, again only after it is marked changed, and drops deleted ones', async () => {
    const library = new Map([
      ['a', { summary: summary('a', 'Alpha'), markdown: 'first words' }],
      ['b', { summary: summary('b', 'Beta'), markdown: 'second words' }],
    ]);
    const loads: string[] = [];
    const index = new SearchIndex({
      summaries: () => [...library.values()].map((document) => document.summary),
      load: async (id) => {
        loads.push(id);
        return { markdown: library.get(id)!.markdown, highlights: [], documentNote: null, readingPosition: null };
      },
    });
    expect((await index.search('words')).length).toBe(2);
    await index.search('words');
    expect(loads).toEqual(['a', 'b']);

    library.get('a')!.markdown = 'changed text';
    expect((await index.search('changed')).length).toBe(0);
    index.invalidate('a');
    expect((await index.search('changed')).map((result) => result.documentId)).toEqual(['a']);
    expect(loads).toEqual(['a', 'b', 'a']);

    library.delete('b');
    expect(await index.search('second')).toEqual([]);
  });

  it('reads each document once when searches are typed while the index is first built', async () => {
    const loads: string[] = [];
    const index = new SearchIndex({
      summaries: () => ['a', 'b', 'c'].map((id) => summary(id, `Document ${id}`)),
      load: async (id) => {
        loads.push(id);
        return { markdown: 'some words', highlights: [], documentNote: null, readingPosition: null };
      },
    });
    const results = await Promise.all([index.search('s'), index.search('so'), index.search('some')]);
    expect(results.map((found) => found.length)).toEqual([3, 3, 3]);
    expect(loads.sort()).toEqual(['a', 'b', 'c']);
  });

  it('is built ahead of the first search when warmed, which then reads nothing; a search typed while a few documents are read waits for them', async () => {
    const loads: string[] = [];
    const index = new SearchIndex({
      summaries: () => ['a', 'b'].map((id) => summary(id, `Document ${id}`)),
      load: async (id) => {
        loads.push(id);
        return { markdown: 'warm words', highlights: [], documentNote: null, readingPosition: null };
      },
    });
    const warming = index.warm();
    const during = index.search('warm');
    await warming;
    expect(loads.sort()).toEqual(['a', 'b']);
    expect((await during).length).toBe(2);
    expect((await index.search('words')).length).toBe(2);
    expect(loads).toHaveLength(2);
  });

  /**
   * An index over 100 documents (three batches and some) whose entries from
   * document `heldFrom` on are built only once `release` is called.
   */
  function heldIndex(heldFrom: number, onProgress?: (progress: { done: number; total: number }) => void) {
    const documents = Array.from({ length: 100 }, (_, n) => summary(`d${n}`, `Document ${n}`));
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const index = new SearchIndex(
      {
        summaries: () => documents,
        load: async () => ({ markdown: 'shared words', highlights: [], documentNote: null, readingPosition: null }),
      },
      async (request) => {
        if (Number(request.summary.id.slice(1)) >= heldFrom) await released;
        return indexDocument(request);
      },
      onProgress,
    );
    return { index, release };
  }

  it('answers a search typed while a big library is first read from the documents read so far, and says how far it is', async () => {
    const progress: { done: number; total: number }[] = [];
    let firstBatchRead: () => void = () => undefined;
    const firstBatch = new Promise<void>((resolve) => (firstBatchRead = resolve));
    // The first batch is read at once, the rest when the test lets it.
    const { index, release } = heldIndex(32, (report) => {
      progress.push(report);
      if (report.done === 32) firstBatchRead();
    });
    expect(index.reading()).toBeNull();
    const building = index.warm();
    await firstBatch;
    expect(index.reading()).toEqual({ done: 32, total: 100 });
    expect((await index.search('shared', 200)).length).toBe(32);
    release();
    await building;
    expect(index.reading()).toBeNull();
    expect(progress).toEqual([
      { done: 0, total: 100 },
      { done: 32, total: 100 },
      { done: 64, total: 100 },
      { done: 96, total: 100 },
      { done: 100, total: 100 },
    ]);
    expect((await index.search('shared', 200)).length).toBe(100);
  });

  it('answers each search after its own reading of what changed, even when an earlier reading ends first', async () => {
    const library = new Map([
      ['a', 'alpha words'],
      ['b', 'beta words'],
    ]);
    let gate: Promise<void> = Promise.resolve();
    let bRequested: () => void = () => undefined;
    const index = new SearchIndex({
      summaries: () => ['a', 'b'].map((id) => summary(id, `Document ${id}`)),
      load: async (id) => {
        if (id === 'b') {
          bRequested();
          await gate;
        }
        return { markdown: library.get(id)!, highlights: [], documentNote: null, readingPosition: null };
      },
    });
    expect((await index.search('words')).length).toBe(2);
    let open: () => void = () => undefined;
    gate = new Promise((resolve) => (open = resolve));
    const bReading = new Promise<void>((resolve) => (bRequested = resolve));
    library.set('b', 'first change');
    index.invalidate('b');
    const first = index.search('first');
    await bReading;
    // Changed while the first search's reading waits on b.
    library.set('a', 'second change');
    index.invalidate('a');
    const second = index.search('second');
    open();
    expect((await first).map((result) => result.documentId)).toEqual(['b']);
    expect((await second).map((result) => result.documentId)).toEqual(['a']);
  });

  it('does not make the search that starts a big library’s first read wait for all of it', async () => {
    const { index, release } = heldIndex(0);
    expect(await index.search('shared', 200)).toEqual([]);
    expect(index.reading()).toEqual({ done: 0, total: 100 });
    release();
    await index.warm();
    expect((await index.search('shared', 200)).length).toBe(100);
  });

  it('lets other work run between documents while it builds, so main keeps answering the window', async () => {
    let indexed = 0;
    const documents = Array.from({ length: 10 }, (_, n) => summary(`d${n}`, `Document ${n}`));
    const index = new SearchIndex({
      summaries: () => documents,
      load: async () => ({
        // Indexing reads the text: counting reads counts documents indexed.
        get markdown() {
          indexed++;
          return 'text';
        },
        highlights: [],
        documentNote: null,
        readingPosition: null,
      }),
    });
    // Other work queued as the search starts (setImmediate: a 1 ms timer may not be due before ten quick documents are done).
    let indexedWhenOtherWorkRan = -1;
    setImmediate(() => (indexedWhenOtherWorkRan = indexed));
    await index.search('text');
    expect(indexed).toBe(documents.length);
    expect(indexedWhenOtherWorkRan).toBeGreaterThanOrEqual(0);
    expect(indexedWhenOtherWorkRan).toBeLessThan(documents.length);
  });

  it('leaves out a document it cannot read instead of failing the search', async () => {
    const index = new SearchIndex({
      summaries: () => [summary('ok', 'Fine'), summary('bad', 'Broken'), summary('odd', 'Odd')],
      load: async (id) => {
        if (id === 'bad') throw new Error('damaged');
        // A file that parses but lacks its highlights' fields cannot be indexed either.
        if (id === 'odd') return { markdown: 'fine text', highlights: [{} as Highlight], documentNote: null, readingPosition: null };
        return { markdown: 'fine text', highlights: [], documentNote: null, readingPosition: null };
      },
    });
    expect((await index.search('fine')).map((result) => result.documentId)).toEqual(['ok']);
  });
});

/** A document of `text` alone, as the word index takes it. */
const textOnly = (text: string) => documentWords({ title: '', text: foldText(text), annotations: [] });
const documentsOf = (found: Map<string, unknown> | null) => found && new Set(found.keys());

describe('WordIndex', () => {
  it('narrows to documents having a word that contains each term, and forgets a removed document', () => {
    const words = new WordIndex();
    words.set('a', textOnly('International cooperation works'));
    words.set('b', textOnly('Operators and more'));
    words.set('c', textOnly('Nothing related'));
    expect(documentsOf(words.candidates(['operat']))).toEqual(new Set(['a', 'b']));
    expect(documentsOf(words.candidates(['operat', 'works']))).toEqual(new Set(['a']));
    expect(documentsOf(words.candidates(["country's"]))).toEqual(new Set());
    expect(words.candidates(['--'])).toBeNull();
    words.delete('a');
    expect(documentsOf(words.candidates(['operat']))).toEqual(new Set(['b']));
    words.set('b', textOnly('replaced'));
    expect(documentsOf(words.candidates(['operat']))).toEqual(new Set());
    // A document added after a deletion takes the freed place without inheriting its words.
    words.set('d', textOnly('Cooperative works'));
    expect(documentsOf(words.candidates(['operat']))).toEqual(new Set(['d']));
    expect(documentsOf(words.candidates(['works']))).toEqual(new Set(['d']));
    expect(documentsOf(words.candidates(['international']))).toEqual(new Set());
    words.delete('d');
    words.delete('d');
    expect(documentsOf(words.candidates(['works']))).toEqual(new Set());
    expect(documentsOf(words.candidates(['replaced', 'nothing']))).toEqual(new Set());
    expect(documentsOf(words.candidates(['related']))).toEqual(new Set(['c']));
  });

  it('knows, for the first term, at least how often the text holds it and whether the annotations may', () => {
    const words = new WordIndex();
    words.set(
      'counted',
      documentWords({ title: foldText('Banana title'), text: foldText('Banana bread, banana split; bandanas'), annotations: [] }),
    );
    words.set(
      'noted',
      documentWords({ title: '', text: foldText('One banana'), annotations: [foldText('a banana note'), foldText('tag')] }),
    );
    words.set('titled', documentWords({ title: foldText('Bananas'), text: foldText('Nothing'), annotations: [] }));
    words.set('many', textOnly('ana '.repeat(40)));
    const found = words.candidates(['ana']);
    // Counted as ranking counts, without overlaps: "banana" holds "ana" once, "bandanas" once; a title adds nothing.
    expect(found?.get('counted')).toEqual({ textOccurrences: 3, inAnnotations: false, phraseOccurrences: countCap });
    expect(found?.get('noted')).toEqual({ textOccurrences: 1, inAnnotations: true, phraseOccurrences: countCap });
    expect(found?.get('titled')).toEqual({ textOccurrences: 0, inAnnotations: false, phraseOccurrences: countCap });
    expect(found?.get('many')).toEqual({ textOccurrences: countCap, inAnnotations: false, phraseOccurrences: countCap });
    // A first term with punctuation occurs no more often than its longest word.
    expect(words.candidates(["banana's"])?.get('counted')).toEqual({
      textOccurrences: 2,
      inAnnotations: false,
      phraseOccurrences: countCap,
    });
    // One with no word at all rules nothing out.
    expect(words.candidates(['--', 'bread'])?.get('counted')).toEqual({
      textOccurrences: countCap,
      inAnnotations: true,
      phraseOccurrences: countCap,
    });
    // Other terms only narrow.
    expect(words.candidates(['ana', 'bread'])).toEqual(
      new Map([['counted', { textOccurrences: 3, inAnnotations: false, phraseOccurrences: countCap }]]),
    );
  });

  it('knows when a text cannot hold the query as a phrase: two of its words never side by side', () => {
    const words = new WordIndex();
    words.set('together', textOnly('On the riverbank, the rivers met.'));
    words.set('apart', textOnly('The river; and then the bank of the other rivers.'));
    words.set('lines', textOnly('the\nriver'));
    const phraseIn = (query: string) => {
      const found = words.candidates(queryTerms(query), queryPhrase(query));
      return found && Object.fromEntries([...found].map(([id, evidence]) => [id, evidence.phraseOccurrences > 0]));
    };
    expect(phraseIn('the river')).toEqual({ together: true, apart: true, lines: true });
    // The outer words may sit inside longer ones, as the phrase matches: "he riverb" is in "the riverbank".
    expect(phraseIn('he riverb')).toEqual({ together: true });
    expect(phraseIn('e riverba')).toEqual({ together: true });
    expect(phraseIn('riverbank the')).toEqual({ together: true });
    expect(phraseIn('bank the')).toEqual({ together: true, apart: false });
    expect(phraseIn('the bank')).toEqual({ together: false, apart: true });
    expect(phraseIn('river met')).toEqual({ together: false });
    expect(phraseIn('on the riverbank the')).toEqual({ together: true });
    // Punctuation between two words is not the query's space: ranking reads such texts itself, never rules them out.
    expect(phraseIn('river and')).toEqual({ apart: true });
    expect(phraseIn('river; and')).toEqual({ apart: true });
    expect(phraseIn('river, met')).toEqual({ together: false });
    // One word leaves the text in.
    expect(phraseIn('rivers')).toEqual({ together: true, apart: true });
  });
});
