import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../../../common/contract';
import { seedArticlePath } from '../../../../main/config';
import { importFiles } from '../../../../main/core/import/import-files';
import { LibraryStore } from '../../../../main/core/storage/library-store';
import { buildBook, buildEpub, pngBytes, xhtmlChapter } from '../../../support/epub-builder';

const projectRoot = new URL('../../../..', import.meta.url).pathname;
let dataDir: string;
const open = () => LibraryStore.open({ dataDir, seedArticlePath: seedArticlePath(projectRoot) });

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gloss-import-documents-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Every path under the data folder, to prove a refused import wrote nothing. */
async function tree(): Promise<string[]> {
  return (await readdir(dataDir, { recursive: true })).sort();
}

// The first test loads jsdom, which takes seconds on a busy machine.
describe('importing an EPUB into a library', { timeout: 30_000 }, () => {
  it('stores the book with its image in the document folder, and recognises it the second time', async () => {
    const store = await open();
    const [added] = await importFiles(store, dataDir, [{ name: 'lighthouse.epub', content: buildEpub() }]);
    expect(added).toMatchObject({ status: 'added', title: 'Nights at the Lighthouse' });
    const id = added?.status === 'added' ? added.documentId : '';
    expect(await readdir(join(dataDir, 'documents', id))).toEqual(['assets', 'body.md', 'document.json']);
    expect(new Uint8Array(await readFile(join(dataDir, 'documents', id, 'assets', 'lamp-room.png')))).toEqual(pngBytes);
    const opened = await store.openDocument(id);
    expect(opened.markdown).toContain(`![The lamp room](/documents/${id}/assets/lamp-room.png)`);
    expect(opened.summary).toMatchObject({ author: 'Ada Keeper, Ben Tide', date: '2019-04-01', source: 'urn:isbn:9780000000002' });

    // The second copy would show its image from another folder; it is the same book all the same.
    const [again] = await importFiles(store, dataDir, [{ name: 'copy.epub', content: buildEpub() }]);
    expect(again).toEqual({ name: 'copy.epub', status: 'duplicate', documentId: id, title: 'Nights at the Lighthouse' });
  });

  it('stores a Japanese book set in vertical lines as vertical, and opens it so', async () => {
    const store = await open();
    const book = buildBook({
      metadata: '<dc:language>ja</dc:language>',
      files: [
        { id: 'c', href: 'c.xhtml', content: xhtmlChapter('<p>吾輩は猫である。</p>') },
        { id: 'css', href: 'book.css', mediaType: 'text/css', content: 'html { -epub-writing-mode: vertical-rl }', inSpine: false },
      ],
    });
    const [added] = await importFiles(store, dataDir, [{ name: 'neko.epub', content: book }]);
    const id = added?.status === 'added' ? added.documentId : '';
    await store.flush();
    expect(JSON.parse(await readFile(join(dataDir, 'documents', id, 'document.json'), 'utf8'))).toMatchObject({
      writingMode: 'vertical-rl',
    });
    expect(await store.openDocument(id)).toMatchObject({ lang: 'ja', dir: 'ltr', writingMode: 'vertical-rl' });
  });

  it('adds a book with a misspelled spine entry and says which entry it skipped', async () => {
    const book = buildBook({
      files: [{ id: 'one', href: 'one.xhtml', content: xhtmlChapter('<p>Words.</p>') }],
      spine: ['one', 'missing-one'],
    });
    const [added] = await importFiles(await open(), dataDir, [{ name: 'typo.epub', content: book }]);
    expect(added).toMatchObject({
      status: 'added',
      warnings: ['typo.epub: Its spine names “missing-one”, which its manifest does not list; that entry was skipped.'],
    });
  });

  it.each([
    ['broken.epub', buildEpub({ withoutContainer: true }), 'broken.epub is not a readable EPUB: META-INF/container.xml is missing.'],
    ['latin1.txt', Uint8Array.from([0x43, 0x61, 0x66, 0xe9]), 'latin1.txt is not UTF-8 text'],
    ['latin1.csv', Uint8Array.from([0x43, 0x61, 0x66, 0xe9]), 'latin1.csv is not UTF-8 text'],
  ])('refuses %s with the reason and writes nothing', async (name, content, reason) => {
    const store = await open();
    await store.flush();
    const before = await tree();
    const [outcome] = await importFiles(store, dataDir, [{ name, content }]);
    expect(outcome).toEqual({ name, status: 'refused', reason: expect.stringContaining(reason) });
    expect(await tree()).toEqual(before);
  });

  it('imports HTML and UTF-16 text given as bytes, and pasted HTML given as text', async () => {
    const store = await open();
    const outcomes = await importFiles(store, dataDir, [
      { name: 'page.html', content: new TextEncoder().encode('<title>A page</title><article><p>Words on a page.</p></article>') },
      { name: 'notes.txt', content: Uint8Array.from([0xff, 0xfe, ...Buffer.from('Notes\n\nWritten in UTF-16.', 'utf16le')]) },
      { name: 'Pasted page.html', content: '<p>Pasted <strong>words</strong>.</p>' },
    ]);
    expect(outcomes.map((outcome) => (outcome.status === 'added' ? outcome.title : outcome.status))).toEqual([
      'A page',
      'Notes',
      'Pasted words',
    ]);
  });
});

describe('the store adds a document with its images all or nothing', { timeout: 30_000 }, () => {
  it('refuses an image name that is not a plain file name, and an id already taken, writing nothing', async () => {
    const store = await open();
    await store.flush();
    const before = await tree();
    await expect(store.importMarkdown('# Book', { assets: [{ name: '../escape.png', bytes: pngBytes }] })).rejects.toThrow(
      'is not a valid name',
    );
    const taken = store.state().documents[0]!.id;
    await expect(store.importMarkdown('# Book', { id: taken })).rejects.toThrow(`A document with id ${taken} is already in the library.`);
    expect(await tree()).toEqual(before);
  });

  it('after a crash before the index was written, adds the complete folder with its images', async () => {
    const writer = await open();
    const [added] = await importFiles(writer, dataDir, [{ name: 'lighthouse.epub', content: buildEpub() }]);
    const id = added?.status === 'added' ? added.documentId : '';
    await writer.flush();
    // The crash: the index never learned of the book.
    const libraryPath = join(dataDir, 'library.json');
    const index = JSON.parse(await readFile(libraryPath, 'utf8')) as { documents: { id: string }[] };
    await writeFile(libraryPath, JSON.stringify({ ...index, documents: index.documents.filter((summary) => summary.id !== id) }));

    const store = await open();
    expect(store.notices).toContainEqual({
      level: 'info',
      message: '“Nights at the Lighthouse”, whose import was interrupted, has been added to the library.',
    });
    expect((await store.openDocument(id)).markdown).toContain(`/documents/${id}/assets/lamp-room.png`);
    expect(new Uint8Array(await readFile(join(dataDir, 'documents', id, 'assets', 'lamp-room.png')))).toEqual(pngBytes);
  });

  it('after a crash, sets aside a folder whose images and body were written but not its document file', async () => {
    await (await open()).flush();
    const id = '6f1c1e8e-0000-4000-8000-0000000000e1';
    const folder = join(dataDir, 'documents', id);
    await mkdir(join(folder, 'assets'), { recursive: true });
    await writeFile(join(folder, 'assets', 'cover.png'), pngBytes);
    await writeFile(join(folder, 'body.md'), '![cover](/documents/x/assets/cover.png)');

    const store = await open();
    expect(store.state().documents.map((summary) => summary.id)).not.toContain(id);
    expect(existsSync(folder)).toBe(false);
    expect(existsSync(join(dataDir, 'backups', 'interrupted-imports', id, 'assets', 'cover.png'))).toBe(true);
  });
});

describe('importing a batch', () => {
  it('reports progress once each file is done, whatever its outcome, from 1 to all of them', async () => {
    const store = await open();
    const progress: [number, number][] = [];
    const outcomes = await importFiles(
      store,
      dataDir,
      [
        { name: 'one.md', content: '# One\n\nFirst.' },
        { name: 'empty.md', content: '' },
        { name: 'one-again.md', content: '# One\n\nFirst.' },
        { name: 'two.md', content: '# Two\n\nSecond.' },
      ],
      { onProgress: ({ done, total }) => progress.push([done, total]) },
    );
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['added', 'refused', 'duplicate', 'added']);
    expect(progress).toEqual([
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 4],
    ]);
  });

  it('reports a book’s chapters as they are converted, within the file being read', async () => {
    const chapter = (index: number) => ({
      id: `c${index}`,
      href: `c${index}.xhtml`,
      content: xhtmlChapter(`<h1>Chapter ${index}</h1><p>Words of chapter ${index}.</p>`),
    });
    const book = buildBook({ files: Array.from({ length: 3 }, (_, index) => chapter(index + 1)) });
    const progress: ImportProgress[] = [];
    await importFiles(
      await open(),
      dataDir,
      [
        { name: 'note.md', content: '# Note\n\nFirst.' },
        { name: 'book.epub', content: book },
      ],
      { onProgress: (report) => progress.push(report) },
    );
    expect(progress).toEqual([
      { done: 1, total: 2 },
      { done: 1, total: 2, chapters: { done: 0, total: 3 } },
      { done: 1, total: 2, chapters: { done: 1, total: 3 } },
      { done: 1, total: 2, chapters: { done: 2, total: 3 } },
      { done: 1, total: 2, chapters: { done: 3, total: 3 } },
      { done: 2, total: 2 },
    ]);
  });
});
