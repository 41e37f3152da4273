import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GlossError } from '../../../main/core/errors';
import { createGlossService, type GlossServiceOptions } from '../../../main/core/service';
import { markdownFileName } from '../../../main/core/export/markdown';
import { indexOnThisThread } from '../../../main/core/search/search-index';
import { sortDocuments } from '../../../common/library-order';
import { generateLibrary } from '../../support/generated-library';

/** Where the fake save dialog answers; null cancels. */
let dialogAnswer: string | null = null;
const chooseExportDestination = vi.fn(async () => dialogAnswer);
const onReadyToClose = vi.fn();
const seedArticlePath = fileURLToPath(new URL('../../../resources/articles/global-cooperation.md', import.meta.url));

let parent: string;
let dataDir: string;

beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'gloss-service-'));
  dataDir = join(parent, 'data');
});

afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

function setup(extra: Partial<GlossServiceOptions> = {}) {
  const opener = vi.fn<(url: string) => Promise<void>>(async () => undefined);
  const service = createGlossService({
    ...extra,
    dataDir,
    seedArticlePath,
    openExternal: opener,
    chooseExportDestination,
    appVersion: 'test',
    onReadyToClose,
  });
  return { opener, service };
}

describe('openExternal', () => {
  it.each([
    'https://example.com/article?x=1#part',
    'http://example.com',
    'mailto:someone@example.com',
    'mailto:someone@example.com?subject=Hello%20there',
    'HTTPS://EXAMPLE.COM/UPPER',
    'https://user@example.com:8443/path',
    'http://127.0.0.1:8080/',
    'https://xn--caf-dma.example/',
  ])('passes %s to the opener in its normalised form', async (url) => {
    const { opener, service } = setup();

    await expect(service.openExternal(url)).resolves.toBeUndefined();

    expect(opener).toHaveBeenCalledTimes(1);
    expect(opener).toHaveBeenCalledWith(new URL(url).href);
  });

  it('hands on the link it checked, not the raw string with a tab hidden in the scheme', async () => {
    const { opener, service } = setup();

    await service.openExternal('ht\ttps://example.com/');

    expect(opener).toHaveBeenCalledWith('https://example.com/');
  });

  it.each([
    ['javascript:', 'javascript:alert(1)'],
    ['javascript: in mixed case', 'JavaScript:alert(document.cookie)'],
    ['javascript: after spaces', '  javascript:alert(1)'],
    ['javascript: split by a tab', 'java\tscript:alert(1)'],
    ['javascript: split by a newline', 'java\nscript:alert(1)'],
    ['vbscript:', 'vbscript:msgbox("x")'],
    ['file:', 'file:///etc/passwd'],
    ['a Windows file: path', 'file:///C:/Windows/System32/calc.exe'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['gloss:', 'gloss://document/abc'],
    ['about:', 'about:blank'],
    ['blob:', 'blob:https://example.com/1234'],
    ['ftp:', 'ftp://example.com/file'],
    ['a custom app scheme', 'ms-settings:privacy'],
    ['an absolute path', '/etc/passwd'],
    ['a relative path', 'relative/path.html'],
    ['a protocol-relative link', '//example.com/page'],
    ['a bare domain', 'example.com'],
    ['a fragment', '#section-2'],
    ['an empty string', ''],
    ['garbage', 'not a url at all'],
    ['a scheme without its colon', 'https//example.com'],
    ['a scheme with nothing after it', 'https://'],
  ])('refuses %s with GlossError forbidden and never calls the opener', async (_label, url) => {
    const { opener, service } = setup();

    const error = await service.openExternal(url).then(
      () => null,
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(GlossError);
    expect((error as GlossError).code).toBe('forbidden');
    expect(opener).not.toHaveBeenCalled();
  });

  it('quotes a refused link in its message only in part', async () => {
    const { service } = setup();
    const url = `javascript:${'a'.repeat(10_000)}`;

    const error = (await service.openExternal(url).catch((caught: unknown) => caught)) as GlossError;

    expect(error.code).toBe('forbidden');
    expect(error.message.length).toBeLessThan(300);
  });

  it('passes on a failure of the opener', async () => {
    const { opener, service } = setup();
    opener.mockRejectedValueOnce(new Error('no browser'));

    await expect(service.openExternal('https://example.com')).rejects.toThrow('no browser');
  });

  it('does not open the library just to open a link', async () => {
    const { service } = setup();

    await service.openExternal('https://example.com');
    await service.flush();

    expect(existsSync(dataDir)).toBe(false);
  });
});

describe('the library methods', () => {
  it('open the library on first use, seeded with the seed article', async () => {
    const { service } = setup();

    const library = await service.getLibrary();
    const [seed] = library.documents;
    const opened = await service.openDocument(seed!.id);
    await service.saveReadingPosition(seed!.id, { blockIndex: 2, blockOffset: 0.5, progress: 0.1 });
    await service.close();

    expect(library.documents).toHaveLength(1);
    expect(seed!.title).toBe('The coronavirus outbreak has raised a question about global cooperation');
    expect(opened.markdown.startsWith('The coronavirus outbreak')).toBe(true);
    expect(existsSync(join(dataDir, 'library.json'))).toBe(true);
    const reopened = createGlossService({
      dataDir,
      seedArticlePath,
      openExternal: vi.fn(),
      chooseExportDestination,
      appVersion: 'test',
      onReadyToClose,
    });
    expect((await reopened.openDocument(seed!.id)).readingPosition).toEqual({ blockIndex: 2, blockOffset: 0.5, progress: 0.1 });
    await reopened.close();
  });

  it('refuses a second writer on the same data folder until the first closes', async () => {
    const { service } = setup();
    await service.getLibrary();
    const second = createGlossService({
      dataDir,
      seedArticlePath,
      openExternal: vi.fn(),
      chooseExportDestination,
      appVersion: 'test',
      onReadyToClose,
    });

    await expect(second.getLibrary()).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringContaining('is using this data folder'),
    });
    await service.close();
    await expect(second.getLibrary()).resolves.toMatchObject({ documents: [expect.objectContaining({ title: expect.any(String) })] });
    await second.close();
  });

  it('open the library before the first call when asked to; a failed early open is tried again, and reported, by that call', async () => {
    const { service } = setup({ openLibraryAtOnce: true });
    await vi.waitFor(() => expect(existsSync(join(dataDir, 'library.json'))).toBe(true));
    expect(existsSync(join(dataDir, 'gloss.lock'))).toBe(true);

    const second = setup({ openLibraryAtOnce: true }).service;
    await expect(second.getLibrary()).rejects.toMatchObject({ code: 'conflict' });
    await service.close();
    await expect(second.getLibrary()).resolves.toMatchObject({ documents: [expect.objectContaining({ title: expect.any(String) })] });
    await second.close();
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    await mkdir(dataDir, { recursive: true });
    await writeFile(
      join(dataDir, 'gloss.lock'),
      JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), holder: 'A crashed Gloss', since: '2020-01-01T00:00:00Z' }),
    );
    const { service } = setup();

    await expect(service.getLibrary()).resolves.toMatchObject({ documents: expect.any(Array) });
    await service.close();
    expect(existsSync(join(dataDir, 'gloss.lock'))).toBe(false);
  });
  it('trusts the list details in the index after a clean close, and works them out again after a crash', async () => {
    const first = setup().service;
    const [seed] = (await first.getLibrary()).documents;
    expect((await first.getLibraryDetails())[0]).toMatchObject({ documentId: seed!.id, highlightCount: 0 });
    await first.close();
    // An index whose details lag behind the documents, as a crash between the two writes would leave it.
    const libraryPath = join(dataDir, 'library.json');
    const library = JSON.parse(await readFile(libraryPath, 'utf8')) as { details: Record<string, { highlightCount: number }> };
    library.details[seed!.id]!.highlightCount = 7;
    await writeFile(libraryPath, JSON.stringify(library));

    const afterCleanClose = setup().service;
    expect((await afterCleanClose.getLibraryDetails())[0]).toMatchObject({ highlightCount: 7 });
    await afterCleanClose.close();
    await writeFile(join(dataDir, 'gloss.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), holder: 'A crashed Gloss' }));
    const afterCrash = setup().service;
    expect((await afterCrash.getLibraryDetails())[0]).toMatchObject({ highlightCount: 0 });
    await afterCrash.close();
  });
});

describe('the library list’s first page at launch', () => {
  it('holds the most recently opened documents with their details, and counts the whole library and its tags', async () => {
    // An index without the list's details (a library from before they were kept): the first page works them out.
    await generateLibrary(dataDir, 150);
    const { service } = setup();
    const whole = await service.getLibrary();
    // The oldest document, on no first page, is the only one to use this tag.
    const oldest = whole.documents.find((summary) => summary.title === 'Generated article 0')!;
    const tagged = (await service.openDocument(oldest.id)).highlights[0]!;
    await service.putHighlight(oldest.id, { ...tagged, tags: ['far-away'], updatedAt: '2026-02-01T00:00:00.000Z' });
    const recent = whole.documents.find((summary) => summary.title === 'Generated article 7')!;
    await service.openDocument(recent.id);
    await service.openDocument(oldest.id);

    const firstPage = await service.getLibraryFirstPage(100);
    const wholeNow = await service.getLibrary();
    const expected = sortDocuments(wholeNow.documents, 'opened').slice(0, 100);
    expect(firstPage.documents.map((summary) => summary.id)).toEqual(expected.map((summary) => summary.id));
    expect(firstPage.documents.slice(0, 2).map((summary) => summary.title)).toEqual(['Generated article 0', 'Generated article 7']);
    expect(firstPage.details.map((details) => details.documentId).sort()).toEqual(expected.map((summary) => summary.id).sort());
    expect(firstPage.total).toBe(150);
    expect(firstPage.lastOpenedDocumentId).toBe(oldest.id);
    const allTags = [...new Set((await service.getLibraryDetails()).flatMap((details) => details.tags))].sort();
    expect(firstPage.tags).toEqual(allTags);
    expect(firstPage.tags).toContain('far-away');
    await service.close();
  });

  it('is the whole library when it is shorter than a page', async () => {
    const { service } = setup();
    const firstPage = await service.getLibraryFirstPage(100);
    expect(firstPage.documents).toEqual((await service.getLibrary()).documents);
    expect(firstPage.total).toBe(1);
    expect(firstPage.details).toEqual(await service.getLibraryDetails());
    await service.close();
  });
});

describe('export', () => {
  it('previews the start of the export and writes the file the dialog chose', async () => {
    const { service } = setup();
    const [seed] = (await service.getLibrary()).documents;
    const request = { format: 'csv' as const, scope: { kind: 'document' as const, documentId: seed!.id } };

    const preview = await service.previewExport(request);
    expect(preview).toMatchObject({ documentCount: 1, highlightCount: 0, destination: 'file', truncated: false });
    expect(preview.text.startsWith('Highlight,Title,Author,URL,Note,Location,Date')).toBe(true);

    dialogAnswer = join(dataDir, 'out.csv');
    const result = await service.exportToFile(request);
    expect(result).toEqual({ path: dialogAnswer, fileCount: 1, highlightCount: 0, leftAlone: [], skipped: [] });
    expect(chooseExportDestination).toHaveBeenLastCalledWith({
      suggestedName: markdownFileName(seed!).replace(/\.md$/, '.csv'),
      destination: 'file',
    });
    expect(await readFile(dialogAnswer, 'utf8')).toBe(preview.text);
    await service.close();
  });

  it('exports the rest of the library when a document’s file cannot be read, and says which it left out', async () => {
    const { service } = setup();
    const [added] = await service.importDocuments([{ name: 'pond.md', content: '# Pond\n\nStill water.' }]);
    if (added?.status !== 'added') throw new Error('the document was not added');
    await service.flush();
    await writeFile(join(dataDir, 'documents', added.documentId, 'document.json'), '{"schemaVersion": 4');
    dialogAnswer = join(dataDir, 'out.json');
    const result = await service.exportToFile({ format: 'json', scope: { kind: 'library' } });
    expect(result).toMatchObject({ fileCount: 1, skipped: [expect.stringMatching(/^“Pond”: .*not valid JSON/)] });
    await service.close();
  });

  it('asks for no destination for a document that is not in the library', async () => {
    const { service } = setup();
    const calls = chooseExportDestination.mock.calls.length;
    await expect(service.exportToFile({ format: 'csv', scope: { kind: 'document', documentId: 'nowhere' } })).rejects.toMatchObject({
      code: 'not-found',
    });
    expect(chooseExportDestination.mock.calls).toHaveLength(calls);
    await service.close();
  });

  it('writes nothing when the dialog is cancelled', async () => {
    const { service } = setup();
    dialogAnswer = null;
    expect(await service.exportToFile({ format: 'json', scope: { kind: 'library' } })).toBeNull();
    await service.close();
  });

  it('asks for a folder for Markdown of the whole library', async () => {
    const { service } = setup();
    dialogAnswer = join(dataDir, 'vault');
    const result = await service.exportToFile({ format: 'markdown', scope: { kind: 'library' } });
    expect(result).toMatchObject({ path: dialogAnswer, fileCount: 1 });
    expect(chooseExportDestination).toHaveBeenLastCalledWith({ suggestedName: expect.any(String), destination: 'folder' });
    const [name] = (await readdir(dialogAnswer)).filter((file) => file.endsWith('.md'));
    expect(name).toBeDefined();

    // The same name, now a file of the user's without Gloss's markers: left as it is, and said.
    const path = join(dialogAnswer, name!);
    await writeFile(path, 'My own page.\n');
    const again = await service.exportToFile({ format: 'markdown', scope: { kind: 'library' } });
    expect(again).toMatchObject({
      fileCount: 0,
      leftAlone: [expect.stringContaining(`${name} was not written by Gloss`)],
    });
    expect(await readFile(path, 'utf8')).toBe('My own page.\n');
    await service.close();
  });
});

describe('readyToClose', () => {
  it('makes every accepted write durable, then tells the window it may close', async () => {
    const { service } = setup();
    const [seed] = (await service.getLibrary()).documents;
    onReadyToClose.mockClear();
    void service.setDocumentNote(seed!.id, 'written just before closing');

    await service.readyToClose();

    expect(onReadyToClose).toHaveBeenCalledTimes(1);
    const stored = JSON.parse(await readFile(join(dataDir, 'documents', seed!.id, 'document.json'), 'utf8')) as {
      documentNote: { text: string };
    };
    expect(stored.documentNote.text).toBe('written just before closing');
    await service.close();
  });
});

describe('deleting a document', () => {
  it('moves it to the trash with its highlights, and restoring brings it back exactly; search and details follow', async () => {
    const { service } = setup();
    const [seed] = (await service.getLibrary()).documents;
    const id = seed!.id;
    await service.putHighlight(id, {
      id: '11111111-2222-4333-8444-555555555555',
      quote: { type: 'TextQuoteSelector', exact: 'global cooperation', prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 52, end: 70 },
      revision: 0,
      color: 'yellow',
      note: 'A note about Bretton Woods',
      tags: ['history'],
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    expect((await service.search('bretton')).map((result) => result.documentId)).toEqual([id]);
    expect(await service.getLibraryDetails()).toEqual([expect.objectContaining({ documentId: id, highlightCount: 1, tags: ['history'] })]);
    const before = await readFile(join(dataDir, 'documents', id, 'document.json'), 'utf8');

    const deleted = await service.deleteDocument(id);
    expect(deleted).toMatchObject({ title: seed!.title, highlightCount: 1 });
    expect((await service.getLibrary()).documents).toEqual([]);
    expect(await service.search('bretton')).toEqual([]);
    expect(existsSync(join(dataDir, 'documents', id))).toBe(false);
    expect(await readFile(join(dataDir, 'trash', deleted.trashId, 'document.json'), 'utf8')).toBe(before);
    await expect(service.openDocument(id)).rejects.toMatchObject({ code: 'not-found' });

    const restored = await service.restoreDocument(deleted.trashId);
    expect(restored.id).toBe(id);
    expect((await service.getLibrary()).documents.map((summary) => summary.id)).toEqual([id]);
    expect((await service.openDocument(id)).highlights[0]?.note).toBe('A note about Bretton Woods');
    expect((await service.search('bretton')).map((result) => result.documentId)).toEqual([id]);
    await expect(service.restoreDocument(deleted.trashId)).rejects.toMatchObject({ code: 'not-found' });
    await service.close();
  });
});

describe('editing a document’s details', () => {
  it('renames it in its own file and in the index, and search finds the new title', async () => {
    const { service } = setup();
    const [seed] = (await service.getLibrary()).documents;
    await service.search('anything');
    const edited = await service.editDocumentMetadata(seed!.id, { title: 'Cooperation, renamed', author: 'A. Writer', date: '' });
    expect(edited).toMatchObject({ title: 'Cooperation, renamed', author: 'A. Writer', date: null });
    expect((await service.getLibrary()).documents[0]).toMatchObject({ title: 'Cooperation, renamed', author: 'A. Writer', date: null });
    await service.flush();
    expect(JSON.parse(await readFile(join(dataDir, 'documents', seed!.id, 'document.json'), 'utf8'))).toMatchObject({
      title: 'Cooperation, renamed',
      author: 'A. Writer',
      date: null,
    });
    expect((await service.search('renamed'))[0]?.hits[0]).toMatchObject({ kind: 'title' });
    await service.close();
  });
});

describe('importClipboard (Ctrl/⌘+Shift+V)', () => {
  function withClipboard(content: Record<string, string>) {
    const readClipboard = vi.fn(async () => new Map(Object.entries(content)));
    return createGlossService({
      dataDir,
      seedArticlePath,
      openExternal: vi.fn(),
      chooseExportDestination,
      appVersion: 'test',
      onReadyToClose,
      readClipboard,
    });
  }

  it('adds a copied web page through the HTML importer, preferring it to its plain text', async () => {
    const service = withClipboard({
      'text/html':
        '<article><h1>Clipped page</h1><p>The body of the <em>clipped</em> page, long enough to be an article of its own.</p></article>',
      'text/plain': 'Clipped page The body of the clipped page',
    });
    const [outcome] = await service.importClipboard();
    expect(outcome).toMatchObject({ status: 'added', title: 'Clipped page' });
    const opened = await service.openDocument(outcome!.status === 'added' ? outcome!.documentId : '');
    expect(opened.markdown).toContain('*clipped*');
    await service.close();
  });

  it('refuses an empty clipboard with a message and adds nothing', async () => {
    const service = withClipboard({ 'text/plain': '   ' });
    const before = (await service.getLibrary()).documents.length;
    await expect(service.importClipboard()).rejects.toMatchObject({
      code: 'not-found',
      message: 'The clipboard holds no text to add as a document.',
    });
    expect((await service.getLibrary()).documents).toHaveLength(before);
    await service.close();
  });
});

describe('the search index after launch', () => {
  const withSearchWork = (warmSearchAfterMs?: number, extra: Partial<GlossServiceOptions> = {}) => {
    const indexed: string[] = [];
    const service = createGlossService({
      dataDir,
      seedArticlePath,
      openExternal: async () => undefined,
      chooseExportDestination,
      appVersion: 'test',
      onReadyToClose,
      searchWork: async (request) => {
        indexed.push(request.summary.title);
        return indexOnThisThread(request);
      },
      ...(warmSearchAfterMs === undefined ? {} : { warmSearchAfterMs }),
      ...extra,
    });
    return { service, indexed };
  };

  it('is built in the background soon after the library opens, so the first search reads nothing', async () => {
    const { service, indexed } = withSearchWork(10);
    const { documents } = await service.getLibrary();
    await vi.waitFor(() => expect(indexed).toHaveLength(documents.length));
    const results = await service.search('cooperation');
    expect(results.length).toBeGreaterThan(0);
    expect(indexed).toHaveLength(documents.length);
  });

  it('counts its delay from the first call when the library opened at once, so the build never lands on the launch’s own work', async () => {
    const { service, indexed } = withSearchWork(10, { openLibraryAtOnce: true });
    await vi.waitFor(() => expect(existsSync(join(dataDir, 'library.json'))).toBe(true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(indexed).toEqual([]);
    const { documents } = await service.getLibrary();
    await vi.waitFor(() => expect(indexed).toHaveLength(documents.length));
    await service.close();
  });

  it('waits for a call that finds the library open: a first call refused (another Gloss holds the folder) does not spend it', async () => {
    const holder = setup().service;
    await holder.getLibrary();
    const { service, indexed } = withSearchWork(10, { openLibraryAtOnce: true });
    await expect(service.getLibrary()).rejects.toMatchObject({ code: 'conflict' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(indexed).toEqual([]);
    await holder.close();
    const { documents } = await service.getLibrary();
    await vi.waitFor(() => expect(indexed).toHaveLength(documents.length));
    await service.close();
  });

  it('waits for the first search when the app does not ask for it', async () => {
    const { service, indexed } = withSearchWork();
    await service.getLibrary();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(indexed).toEqual([]);
    await service.search('cooperation');
    expect(indexed.length).toBeGreaterThan(0);
  });
});
