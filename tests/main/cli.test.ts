import { execFile } from 'node:child_process';
import { lstat, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../main/cli';
import { seedArticlePath } from '../../main/config';
import { renderedText } from '../../main/core/import/rendered-text';
import { dataLayout } from '../../main/core/storage/layout';
import { readLibrary } from '../../main/core/storage/library-reader';
import { describeTextRange } from '../../common/anchoring';
import { LibraryStore } from '../../main/core/storage/library-store';
import { buildEpub, pngBytes } from '../support/epub-builder';

const projectRoot = new URL('../..', import.meta.url).pathname;
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'gloss-cli-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

/** Every file under a folder with its bytes, to prove a command wrote nothing. */
async function folderBytes(folder: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) files[join(entry.parentPath, entry.name)] = (await readFile(join(entry.parentPath, entry.name))).toString('base64');
  }
  return files;
}

function io(env: NodeJS.ProcessEnv = {}): CliIo & { out: string; err: string } {
  const captured = {
    out: '',
    err: '',
    env,
    cwd: dataDir,
    stdout(text: string) {
      captured.out += text;
    },
    stderr(text: string) {
      captured.err += text;
    },
  };
  return captured;
}

async function libraryWithTwoDocuments(): Promise<{ seedId: string; otherId: string }> {
  const store = await LibraryStore.open({ dataDir, seedArticlePath: seedArticlePath(projectRoot) });
  const other = await store.importMarkdown('---\ntitle: Second, with a comma\n---\nBody.\n');
  await store.putHighlight(other.id, {
    id: '0f0e0d0c-0000-4000-8000-000000000001',
    // Selectors over the rendered text, as the reader makes them.
    ...describeTextRange(renderedText('Body.\n'), 0, 4),
    revision: 0,
    color: 'green',
    note: '',
    tags: [],
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  });
  await store.flush();
  return { seedId: store.state().documents[0]!.id, otherId: other.id };
}

describe('gloss list', () => {
  it('lists every document with its id, title and highlight count', async () => {
    const { seedId, otherId } = await libraryWithTwoDocuments();
    const run = io();

    expect(await runCli(['list', '--data-dir', dataDir], run)).toBe(0);
    expect(run.out.split('\n').filter(Boolean)).toEqual([
      `${seedId}  The coronavirus outbreak has raised a question about global cooperation  (0 highlights)`,
      `${otherId}  Second, with a comma  (1 highlight)`,
    ]);
    expect(run.err).toBe('');
  });

  it('prints JSON with --json, and finds the folder through GLOSS_DATA_DIR', async () => {
    const { otherId } = await libraryWithTwoDocuments();
    const run = io({ GLOSS_DATA_DIR: dataDir });

    expect(await runCli(['list', '--json'], run)).toBe(0);
    expect(JSON.parse(run.out)).toContainEqual({ id: otherId, title: 'Second, with a comma', highlights: 1 });
  });

  it('reports a damaged document instead of failing, and changes nothing', async () => {
    const { otherId } = await libraryWithTwoDocuments();
    const damagedPath = join(dataDir, 'documents', otherId, 'document.json');
    await writeFile(damagedPath, '{"schemaVersion": 2, "id"');
    const run = io();

    expect(await runCli(['list', '--json', '--data-dir', dataDir], run)).toBe(0);
    const rows = JSON.parse(run.out) as { id: string; highlights: number | null; problem?: string }[];
    expect(rows.find((row) => row.id === otherId)).toMatchObject({ highlights: null, problem: expect.stringContaining('not valid JSON') });
  });

  it('prints control characters in titles as visible escapes, so a title cannot drive the terminal', async () => {
    await libraryWithTwoDocuments();
    const store = await LibraryStore.open({ dataDir, seedArticlePath: seedArticlePath(projectRoot) });
    await store.importMarkdown('---\ntitle: "Evil\\e[2K\\e]52;c;cm0gLXJmIH4=\\a\\u202Egnp.exe"\n---\nBody two.\n');
    await store.flush();
    const run = io();

    expect(await runCli(['list', '--data-dir', dataDir], run)).toBe(0);
    expect(run.out).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F\u202E]/);
    expect(run.out).toContain('Evil\\x1b[2K\\x1b]52;c;cm0gLXJmIH4=\\x07\\u{202e}gnp.exe');
    const json = io();
    await runCli(['list', '--json', '--data-dir', dataDir], json);
    expect((JSON.parse(json.out) as { title: string }[]).map((row) => row.title)).toContain(
      'Evil\u001b[2K\u001b]52;c;cm0gLXJmIH4=\u0007\u202Egnp.exe',
    );
  });

  it('exits 1 with one line when the folder holds no library', async () => {
    const run = io();
    expect(await runCli(['list', '--data-dir', join(dataDir, 'nothing-here')], run)).toBe(1);
    expect(run.err.trim().split('\n')).toHaveLength(1);
    expect(run.err).toContain('holds no Gloss library');
  });
});

describe('gloss export', () => {
  it('writes Readwise CSV to stdout and leaves the data folder byte-identical', async () => {
    await libraryWithTwoDocuments();
    const before = await folderBytes(dataDir);
    const run = io();

    expect(await runCli(['export', '--format', 'csv', '--data-dir', dataDir], run)).toBe(0);
    const rows = parse(run.out, { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([expect.objectContaining({ Highlight: 'Body', Title: 'Second, with a comma', Location: '0' })]);
    expect(run.out.split('\r\n')[0]).toBe('Highlight,Title,Author,URL,Note,Location,Date');
    expect(await folderBytes(dataDir)).toEqual(before);
  });

  it('neutralises cells a spreadsheet would run as formulas, unless --raw-csv asks for the stored text', async () => {
    const { otherId } = await libraryWithTwoDocuments();
    const store = await LibraryStore.open({ dataDir, seedArticlePath: seedArticlePath(projectRoot) });
    const [highlight] = (await store.readDocument(otherId)).highlights;
    await store.putHighlight(otherId, { ...highlight!, note: '=HYPERLINK("https://evil.example","click")' });
    await store.flush();

    const safe = io();
    expect(await runCli(['export', '--format', 'csv', '--data-dir', dataDir], safe)).toBe(0);
    expect((parse(safe.out, { columns: true }) as Record<string, string>[])[0]?.Note).toBe('\'=HYPERLINK("https://evil.example","click")');
    const raw = io();
    expect(await runCli(['export', '--format', 'csv', '--raw-csv', '--data-dir', dataDir], raw)).toBe(0);
    expect((parse(raw.out, { columns: true }) as Record<string, string>[])[0]?.Note).toBe('=HYPERLINK("https://evil.example","click")');
  });

  it('writes W3C Web Annotation JSON for the documents named with --document', async () => {
    const { otherId } = await libraryWithTwoDocuments();
    const out = join(dataDir, 'export.json');
    expect(await runCli(['export', '--format', 'json', '--document', otherId, '--out', out, '--data-dir', dataDir], io())).toBe(0);
    const collection = JSON.parse(await readFile(out, 'utf8')) as { type: string; total: number };
    expect(collection).toMatchObject({ type: 'AnnotationCollection', total: 1 });
  });

  it('writes one Markdown file per document into the --out folder', async () => {
    await libraryWithTwoDocuments();
    const folder = join(dataDir, 'vault');
    expect(await runCli(['export', '--format', 'markdown', '--all', '--out', folder, '--data-dir', dataDir], io())).toBe(0);
    const files = (await readdir(folder)).sort();
    expect(files).toHaveLength(2);
    expect(files.every((name) => name.endsWith('.md'))).toBe(true);
  });

  it('exports the rest of the library when a document cannot be read, and names it', async () => {
    const { otherId } = await libraryWithTwoDocuments();
    await writeFile(dataLayout(dataDir).document(otherId).data, '{"schemaVersion": 4');
    const folder = join(dataDir, 'vault');
    const run = io();
    expect(await runCli(['export', '--format', 'markdown', '--all', '--out', folder, '--data-dir', dataDir], run)).toBe(0);
    expect(await readdir(folder)).toHaveLength(1);
    expect(run.err).toMatch(/^gloss export: skipped “Second, with a comma”: .*not valid JSON.*\ngloss export: wrote 1 Markdown file to /);
  });

  it('exports Markdown into a folder without overwriting files it did not write, and keeps the user’s text around its own', async () => {
    await libraryWithTwoDocuments();
    const folder = join(dataDir, 'vault');
    expect(await runCli(['export', '--format', 'markdown', '--all', '--out', folder, '--data-dir', dataDir], io())).toBe(0);
    const [first, second] = (await readdir(folder)).sort();
    const ownPath = join(folder, first!);
    const written = await readFile(ownPath, 'utf8');
    await writeFile(ownPath, `${written.replace('<!-- gloss:begin', 'My own words above.\n\n<!-- gloss:begin')}\nMy own words below.\n`);
    const foreignPath = join(folder, second!);
    await rm(foreignPath);
    await writeFile(join(dataDir, 'secret.md'), 'not for Gloss');
    await symlink(join(dataDir, 'secret.md'), foreignPath);

    const run = io();
    expect(await runCli(['export', '--format', 'markdown', '--all', '--out', folder, '--data-dir', dataDir], run)).toBe(1);
    const own = await readFile(ownPath, 'utf8');
    expect(own).toContain('My own words above.\n\n<!-- gloss:begin id=');
    expect(own.trimEnd().endsWith('My own words below.')).toBe(true);
    expect(own).toContain('<!-- gloss:begin id=');
    expect(await readFile(join(dataDir, 'secret.md'), 'utf8')).toBe('not for Gloss');
    expect((await lstat(foreignPath)).isSymbolicLink()).toBe(true);
    expect(run.err).toContain('is not a regular file (a link or a folder); Gloss leaves it alone.');
  });

  it.each([
    [['export', '--data-dir', '.'], 2, '--format must be one of'],
    [['export', '--format', 'pdf', '--data-dir', '.'], 2, '--format must be one of'],
    [['export', '--format', 'markdown', '--data-dir', '.'], 2, 'one file per document'],
    [['export', '--format', 'csv', '--document', 'no-such-id', '--data-dir', '.'], 1, 'There is no document with id no-such-id'],
  ])('gloss %j exits %i and says why', async (argv, code, message) => {
    await libraryWithTwoDocuments();
    const run = io();
    expect(
      await runCli(
        argv.map((argument) => (argument === '.' ? dataDir : argument)),
        run,
      ),
    ).toBe(code);
    expect(run.err).toContain(message);
  });
});

describe('gloss import', () => {
  const fixtures = new URL('./core/import/fixtures/', import.meta.url).pathname;

  it('adds a Markdown document, recognises it the second time, and adds Kindle highlights', async () => {
    const article = join(dataDir, 'article.md');
    await writeFile(article, '---\ntitle: Imported here\n---\nSome text worth keeping.\n');
    const library = join(dataDir, 'library');

    const first = io();
    expect(await runCli(['import', article, join(fixtures, 'my-clippings.txt'), '--data-dir', library], first)).toBe(0);
    expect(first.out).toMatch(/article\.md: added “Imported here”/);
    expect(first.out).toMatch(/my-clippings\.txt: \d+ highlights added/);

    const again = io();
    expect(await runCli(['import', article, '--data-dir', library], again)).toBe(0);
    expect(again.out).toContain('already in the library as “Imported here”');
    const list = io();
    await runCli(['list', '--json', '--data-dir', library], list);
    expect((JSON.parse(list.out) as { title: string }[]).filter((row) => row.title === 'Imported here')).toHaveLength(1);
  });

  it('adds an EPUB with its image and an HTML page; a broken EPUB exits 1, the others are still added', { timeout: 30_000 }, async () => {
    const book = join(dataDir, 'lighthouse.epub');
    const broken = join(dataDir, 'broken.epub');
    const page = join(dataDir, 'page.html');
    await writeFile(book, buildEpub());
    await writeFile(broken, buildEpub({ missingChapter: 'OEBPS/text/c-harbour.xhtml' }));
    await writeFile(
      page,
      '<html><head><meta charset="windows-1252"><title>Caf\xe9 notes</title></head><body><p>Written in 1252.</p></body></html>',
      'latin1',
    );
    const library = join(dataDir, 'library');

    const run = io();
    expect(await runCli(['import', book, broken, page, '--data-dir', library], run)).toBe(1);
    expect(run.out).toMatch(/^lighthouse\.epub: added “Nights at the Lighthouse” \(([0-9a-f-]{36})\)$/m);
    expect(run.out).toMatch(/^page\.html: added “Café notes”/m);
    expect(run.err).toContain(
      'gloss import: broken.epub is not a readable EPUB: chapter OEBPS/text/c-harbour.xhtml, listed in its spine, is missing.',
    );
    const id = /lighthouse\.epub: added .* \(([0-9a-f-]{36})\)/.exec(run.out)?.[1] ?? '';
    expect(await readFile(join(library, 'documents', id, 'assets', 'lamp-room.png'))).toEqual(Buffer.from(pngBytes));
    expect(await readFile(join(library, 'documents', id, 'body.md'), 'utf8')).toContain('# The Harbour');
  });

  it('shows on a terminal’s status line which file of a batch, and which chapter of a book, it is on, and clears it before the results', async () => {
    const note = join(dataDir, 'note.md');
    const book = join(dataDir, 'lighthouse.epub');
    await writeFile(note, '# A note\n\nFirst.\n');
    await writeFile(book, buildEpub());
    const lines: (string | null)[] = [];
    const captured = io();
    const terminal: CliIo = { ...captured, status: (text) => lines.push(text) };
    expect(await runCli(['import', note, book, '--data-dir', join(dataDir, 'library')], terminal)).toBe(0);
    expect(lines[0]).toBe('gloss import: file 2 of 2');
    expect(lines[1]).toMatch(/^gloss import: file 2 of 2, chapter 1 of (\d+)$/);
    const chapters = /of (\d+)$/.exec(lines[1] ?? '')?.[1];
    expect(lines.at(-2)).toBe(`gloss import: file 2 of 2, chapter ${chapters} of ${chapters}`);
    expect(lines.at(-1)).toBeNull();
    expect(captured.out).toMatch(/^note\.md: added “A note”/m);
    expect(captured.out).toMatch(/^lighthouse\.epub: added “Nights at the Lighthouse”/m);
    expect(captured.err).toBe('');
  });

  it('refuses a malformed file with exit 1, naming the line, and changes nothing', async () => {
    await libraryWithTwoDocuments();
    const bad = join(dataDir, 'bad.csv');
    await writeFile(bad, 'Quote,Book\n"a","b"\n');
    const before = await folderBytes(join(dataDir, 'documents'));
    const run = io();

    expect(await runCli(['import', bad, '--data-dir', dataDir], run)).toBe(1);
    expect(run.err).toContain('line 1');
    expect(await folderBytes(join(dataDir, 'documents'))).toEqual(before);
  });

  it('refuses to write while the app holds the data folder', async () => {
    await libraryWithTwoDocuments();
    await writeFile(
      join(dataDir, 'gloss.lock'),
      JSON.stringify({ pid: process.pid, host: hostname(), holder: 'The Gloss app', since: new Date().toISOString() }),
    );
    const article = join(dataDir, 'x.md');
    await writeFile(article, '# X\n');
    const run = io();

    expect(await runCli(['import', article, '--data-dir', dataDir], run)).toBe(1);
    expect(run.err).toContain('The Gloss app (process');
    expect(run.err).toContain('is using this data folder');
  });

  it('reports each file of a batch on its own: a missing file, /dev/zero and an 8 MB line do not stop the others', async () => {
    const first = join(dataDir, 'ok1.md');
    const longLine = join(dataDir, 'line8.md');
    const last = join(dataDir, 'ok3.md');
    await writeFile(first, '# First\n\nText one.\n');
    await writeFile(longLine, 'Sentence one. '.repeat(600_000));
    await writeFile(last, '# Third\n\nText three.\n');
    const library = join(dataDir, 'library');
    const run = io();

    expect(await runCli(['import', first, join(dataDir, 'missing.md'), '/dev/zero', longLine, last, '--data-dir', library], run)).toBe(1);
    expect(run.out).toMatch(/^ok1\.md: added “First”/m);
    expect(run.out).toMatch(/^line8\.md: added “Sentence one”/m);
    expect(run.out).toMatch(/^ok3\.md: added “Third”/m);
    expect(run.err).toMatch(/cannot read .*missing\.md: ENOENT/);
    expect(run.err).toContain('/dev/zero is not a regular file');
    expect(run.err).toContain('2 of 5 files were not imported (see above); the others were.');
  });

  it('prints a title and file name from the file with control characters escaped', async () => {
    const page = join(dataDir, 'page\u001b[31m.html');
    await writeFile(page, '<html><head><title>Hi&#27;]8;;https://evil.example&#7;there</title></head><body><p>Text.</p></body></html>');
    const run = io();

    expect(await runCli(['import', page, '--data-dir', join(dataDir, 'library')], run)).toBe(0);
    expect(run.out).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F]/);
    expect(run.out).toContain('page\\x1b[31m.html: added “Hi\\x1b]8;;https://evil.example\\x07there”');
  });

  it.each([[['--data-dir', '']], [['--data-dir=']]])(
    'refuses an empty data folder (%j) with a usage error, writing nothing',
    async (flag) => {
      const article = join(dataDir, 'a.md');
      await writeFile(article, '# A\n');
      const run = io({ HOME: join(dataDir, 'home'), XDG_CONFIG_HOME: join(dataDir, 'config') });
      expect(await runCli(['import', article, ...flag], run)).toBe(2);
      expect(run.err).toContain('--data-dir needs a folder');
      expect(await readdir(dataDir)).toEqual(['a.md']);
    },
  );

  it('says in one sentence that --data-dir names a file', async () => {
    const file = join(dataDir, 'not-a-folder');
    await writeFile(file, 'x');
    const run = io();
    expect(await runCli(['list', '--data-dir', file], run)).toBe(1);
    expect(run.err).toBe(`gloss list: ${file} is a file, not a folder: --data-dir names the folder that holds the library.\n`);
  });

  it('exits 2 without files', async () => {
    const run = io();
    expect(await runCli(['import', '--data-dir', dataDir], run)).toBe(2);
    expect(run.err).toContain('name at least one file');
  });
});

describe('a JSON export restores into an empty library', () => {
  it('brings back every document, highlight, note, tag, color and time', async () => {
    const { otherId } = await libraryWithTwoDocuments();
    const store = await LibraryStore.open({ dataDir, seedArticlePath: seedArticlePath(projectRoot) });
    await store.setDocumentNote(otherId, 'A note on the whole document');
    await store.putHighlight(otherId, {
      id: '0f0e0d0c-0000-4000-8000-000000000002',
      ...describeTextRange(renderedText('Body.\n'), 0, 5),
      revision: 0,
      color: 'purple',
      note: 'Overlapping, with **Markdown**, "quotes", commas, and\na line break',
      tags: ['one', 'two words'],
      createdAt: '2026-02-03T04:05:06.000Z',
      updatedAt: '2026-02-04T04:05:06.000Z',
    });
    await store.flush();
    const backup = join(dataDir, 'backup.json');
    expect(await runCli(['export', '--format', 'json', '--all', '--out', backup, '--data-dir', dataDir], io())).toBe(0);

    const restored = join(dataDir, 'restored');
    const run = io();
    expect(await runCli(['import', backup, '--data-dir', restored], run)).toBe(0);

    const original = await readLibrary(dataDir);
    const copy = await readLibrary(restored);
    const byTitle = (documents: Awaited<ReturnType<typeof readLibrary>>) =>
      Object.fromEntries(
        documents.map(({ summary, data }) => [
          summary.title,
          { note: data?.documentNote?.text ?? null, highlights: data?.highlights ?? [] },
        ]),
      );
    // The empty library starts with the seed article, which the export also holds: it is matched, not doubled.
    expect(copy).toHaveLength(original.length);
    expect(byTitle(copy)).toEqual(byTitle(original));
  });
});

describe('usage', () => {
  it.each([
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['list', '--bogus'], "Unknown option '--bogus'"],
    [['list', '--data-dir'], "Option '--data-dir <value>' argument missing"],
  ])('gloss %j exits 2 and says what is wrong', async (argv, message) => {
    const run = io();
    expect(await runCli(argv, run)).toBe(2);
    expect(run.err).toContain(message);
  });

  it('prints the command list for --help and exits 0; with no command it prints it and exits 2', async () => {
    const help = io();
    expect(await runCli(['--help'], help)).toBe(0);
    expect(help.out).toContain('list');
    const bare = io();
    expect(await runCli([], bare)).toBe(2);
    expect(bare.out).toBe(help.out);
  });

  it('prints a command’s own usage for --help', async () => {
    const run = io();
    expect(await runCli(['list', '--help'], run)).toBe(0);
    expect(run.out).toContain('Usage: gloss list [--data-dir DIR] [--json]');
  });
});

describe('the gloss launcher', () => {
  it('runs as a real process and exits with the command’s code', async () => {
    const { otherId } = await libraryWithTwoDocuments();
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, [join(projectRoot, 'scripts', 'gloss.mjs'), 'list', '--data-dir', dataDir]);
    expect(stdout).toContain(otherId);
    await expect(run(process.execPath, [join(projectRoot, 'scripts', 'gloss.mjs'), 'nope'])).rejects.toMatchObject({ code: 2 });
    // Two cold starts of Node with tsx: about a second each on an idle machine, several under load.
  }, 30_000);
});
