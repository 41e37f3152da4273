/**
 * Annotations of a page the library does not have are kept on a placeholder
 * for that address, unplaced, and placed when the page is added.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { importFiles } from '../../../../main/core/import/import-files';
import { readLibrary, orphanIds } from '../../../../main/core/storage/library-reader';
import { freshLibrary, removeLibraries } from './library';

afterAll(removeLibraries);

const address = 'https://example.org/essays/tides';
const hypothesis = JSON.stringify({
  annotations: [
    {
      id: 'hyp-1',
      uri: address,
      text: 'The key sentence.',
      tags: ['sea'],
      created: '2024-02-01T10:00:00Z',
      updated: '2024-02-01T10:00:00Z',
      document: { title: ['On Tides'] },
      target: [{ source: address, selector: [{ type: 'TextQuoteSelector', exact: 'The moon pulls the sea', prefix: '', suffix: '' }] }],
    },
    {
      id: 'hyp-2',
      uri: address,
      text: '',
      created: '2024-02-01T10:01:00Z',
      document: { title: ['On Tides'] },
      target: [
        { source: address, selector: [{ type: 'TextQuoteSelector', exact: 'a passage the page no longer has', prefix: '', suffix: '' }] },
      ],
    },
    // A page note: no passage, a note on the page as a whole.
    { id: 'hyp-3', uri: address, text: 'Read with the almanac.', created: '2024-02-02T09:00:00Z', target: [{ source: address }] },
  ],
});
const page = `<!doctype html><html lang="en-GB"><head><title>On Tides</title><link rel="canonical" href="${address}"></head>
<body><article><h1>On Tides</h1><p>Twice a day the water comes and goes. The moon pulls the sea, and the sea answers.</p>
<p>Sailors have always known it, long before anyone could say why.</p></article></body></html>`;

describe('annotations of a page the library does not have', () => {
  it('are kept on a placeholder for its address, unplaced, and placed when the page is added', async () => {
    const library = await freshLibrary();
    const [outcome] = await importFiles(library.store, library.dataDir, [{ name: 'hypothesis.json', content: hypothesis }]);
    expect(outcome).toMatchObject({ status: 'annotations' });
    const placeholder = library.store.state().documents.find((summary) => summary.source === address)!;
    expect(placeholder.title).toBe('On Tides');
    const before = await library.store.readDocument(placeholder.id);
    expect(before).toMatchObject({ awaitingPage: true, markdown: '' });
    expect(before.highlights.map((highlight) => highlight.quote.exact).sort()).toEqual([
      'The moon pulls the sea',
      'a passage the page no longer has',
    ]);
    expect(orphanIds(before).size).toBe(2);
    expect(before.documentNote?.text).toContain('Page note, 2024-02-02:\n\nRead with the almanac.');

    const [added] = await importFiles(library.store, library.dataDir, [{ name: 'tides.html', content: page }]);
    expect(added).toMatchObject({ status: 'added', documentId: placeholder.id });
    expect(library.store.state().documents.filter((summary) => summary.source === address)).toHaveLength(1);
    const after = await library.store.readDocument(placeholder.id);
    expect(after.awaitingPage).toBe(false);
    expect(after.markdown).toContain('The moon pulls the sea');
    const placed = after.highlights.find((highlight) => highlight.id === 'hyp-1')!;
    expect(placed).toMatchObject({ revision: after.revision, note: 'The key sentence.', tags: ['sea'] });
    // The one whose passage the page does not have stays listed as unplaced.
    expect([...orphanIds(after)]).toEqual(['hyp-2']);
    expect(after.documentNote?.text).toBe(before.documentNote?.text);
    await library.store.flush();
    const stored = (await readLibrary(library.dataDir)).find((entry) => entry.summary.id === placeholder.id)?.data;
    expect(stored?.awaitingPage).toBeUndefined();
    // The page brings its language with its text.
    expect(stored?.lang).toBe('en-GB');
  }, 60_000);
});
