/**
 * Building and writing exports (main/core/export/build.ts): the names the save
 * dialog is offered before anything is read, one file per document in a
 * folder export even when two ids start alike, and writing many files at once
 * with progress that stays as sparse as reading's.
 */
import { mkdir, mkdtemp, open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DocumentSummary, ExportProgress } from '../../../../common/contract';
import { buildExport, exportDestination, writeExport } from '../../../../main/core/export/build';
import type { StoredDocument } from '../../../../main/core/storage/library-reader';
import { options, summary } from './fixture';

// Passed through, and watched: which files and folders are opened (a folder is opened to fsync it) and renamed.
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return { ...real, open: vi.fn(real.open), rename: vi.fn(real.rename) };
});

let parent: string;
beforeEach(async () => {
  parent = await mkdtemp(join(tmpdir(), 'gloss-export-build-'));
});
afterEach(async () => {
  await rm(parent, { recursive: true, force: true });
});

function stored(document: DocumentSummary): StoredDocument {
  const data = { schemaVersion: 5 as const, ...document, readingPosition: null, revision: 0, documentNote: null, highlights: [] };
  return { summary: document, data, problem: null };
}

const twins = [
  summary({ id: 'd0c00000-aaaa-4000-8000-000000000001', title: 'Field notes' }),
  summary({ id: 'd0c00000-bbbb-4000-8000-000000000002', title: 'FIELD NOTES' }),
];

describe('exportDestination', () => {
  it('names one document’s export after it, and a library’s “Gloss highlights”, a folder for Markdown', () => {
    expect(exportDestination('csv', twins[0]!)).toEqual({ destination: 'file', suggestedName: 'Field notes (d0c00000).csv' });
    expect(exportDestination('markdown', twins[0]!)).toEqual({ destination: 'file', suggestedName: 'Field notes (d0c00000).md' });
    expect(exportDestination('json', null)).toEqual({ destination: 'file', suggestedName: 'Gloss highlights.json' });
    expect(exportDestination('markdown', null)).toEqual({ destination: 'folder', suggestedName: 'Gloss highlights' });
  });

  it('is what the built export says', async () => {
    for (const format of ['markdown', 'csv'] as const) {
      const one = await buildExport(parent, [stored(twins[0]!)], [twins[0]!.id], format, options);
      expect({ destination: one.destination, suggestedName: one.suggestedName }).toEqual(exportDestination(format, twins[0]!));
      const all = await buildExport(parent, twins.map(stored), 'all', format, options);
      expect({ destination: all.destination, suggestedName: all.suggestedName }).toEqual(exportDestination(format, null));
    }
  });
});

describe('a Markdown export into a folder', () => {
  it('gives two documents whose ids start alike a file each, whatever the case of their titles', async () => {
    const built = await buildExport(parent, twins.map(stored), 'all', 'markdown', options);
    expect(built.files.map(({ name }) => name)).toEqual([
      'Field notes (d0c00000).md',
      'FIELD NOTES (d0c00000-bbbb-4000-8000-000000000002).md',
    ]);
    const { leftAlone } = await writeExport(built, join(parent, 'vault'));
    expect(leftAlone).toEqual([]);
    expect(await readdir(join(parent, 'vault'))).toHaveLength(2);
  });

  it('leaves a file as it is when exporting again would change only its time of export, and rewrites the one whose document changed', async () => {
    const folder = join(parent, 'vault');
    const texts = async () => Promise.all((await readdir(folder)).sort().map((name) => readFile(join(folder, name), 'utf8')));
    await writeExport(await buildExport(parent, twins.map(stored), 'all', 'markdown', options), folder);
    const first = await texts();
    const nextDay = { ...options, exportedAt: new Date('2024-06-02T12:00:00.000Z') };
    vi.mocked(rename).mockClear();
    await writeExport(await buildExport(parent, twins.map(stored), 'all', 'markdown', nextDay), folder);
    expect(vi.mocked(rename)).not.toHaveBeenCalled();
    expect(await texts()).toEqual(first);

    const changed = [stored({ ...twins[0]!, author: 'Ada Lovelace' }), stored(twins[1]!)];
    await writeExport(await buildExport(parent, changed, 'all', 'markdown', nextDay), folder);
    expect(vi.mocked(rename)).toHaveBeenCalledTimes(1);
    // Sorted by name: FIELD NOTES (the second document's file, untouched), then Field notes (the first's).
    const [untouched, rewritten] = await texts();
    expect(rewritten).toContain('author: Ada Lovelace');
    expect(rewritten).toContain('exported: 2024-06-02T12:00:00.000Z');
    expect(untouched).toBe(first[0]);
  });
});

describe('writeExport', () => {
  const base = { suggestedName: 'x', highlightCount: 0, skipped: [] };
  const record =
    (steps: string[]) =>
    ({ stage, done, total }: ExportProgress) =>
      steps.push(`${stage} ${done}/${total}`);

  it('counts documents written into a folder, and all at once for a single file', async () => {
    const steps: string[] = [];
    const files = ['a', 'b', 'c'].map((name) => ({ name: `${name}.md`, text: name }));
    await writeExport({ ...base, documentCount: 3, destination: 'folder', files }, join(parent, 'out'), record(steps));
    expect(steps).toEqual(['writing 0/3', 'writing 1/3', 'writing 2/3', 'writing 3/3']);
    steps.length = 0;
    await writeExport({ ...base, documentCount: 3, destination: 'file', files: [files[0]!] }, join(parent, 'one.md'), record(steps));
    expect(steps).toEqual(['writing 0/3', 'writing 3/3']);
  });

  it('writes every file of a large folder export, reports at most once per hundredth, and says which it left alone in order', async () => {
    const folder = join(parent, 'vault');
    await mkdir(folder);
    const files = Array.from({ length: 1000 }, (_, index) => ({ name: `note ${index}.md`, text: `Note ${index}\n` }));
    for (const index of [7, 500, 998]) await writeFile(join(folder, files[index]!.name), 'Mine.\n');
    const steps: string[] = [];
    const { leftAlone } = await writeExport({ ...base, documentCount: 1000, destination: 'folder', files }, folder, record(steps));
    expect(leftAlone).toEqual(
      [7, 500, 998].map((index) => `note ${index}.md is already there and Gloss did not write it; Gloss leaves it alone.`),
    );
    expect(await readFile(join(folder, 'note 500.md'), 'utf8')).toBe('Mine.\n');
    expect(await readFile(join(folder, 'note 501.md'), 'utf8')).toBe('Note 501\n');
    expect(await readdir(folder)).toHaveLength(1000);
    expect(steps.length).toBeLessThanOrEqual(101);
    expect(steps.at(0)).toBe('writing 0/1000');
    expect(steps.at(-1)).toBe('writing 1000/1000');
  });

  it('writes each file beside its old self and renames it over, and fsyncs the folder once, after the last rename', async () => {
    const folder = join(parent, 'vault');
    const files = Array.from({ length: 40 }, (_, index) => ({ name: `note ${index}.md`, text: `Note ${index}\n` }));
    vi.mocked(open).mockClear();
    vi.mocked(rename).mockClear();
    await writeExport({ ...base, documentCount: 40, destination: 'folder', files }, folder);
    const opened = vi.mocked(open).mock.calls.map(([path]) => String(path));
    expect(opened.filter((path) => path.endsWith('.tmp'))).toHaveLength(40);
    expect(vi.mocked(rename).mock.calls).toHaveLength(40);
    // The folder is opened to fsync it: once for the whole export (once per file before), after every rename.
    expect(opened.filter((path) => path === folder)).toHaveLength(1);
    const folderSynced = vi.mocked(open).mock.invocationCallOrder[opened.indexOf(folder)]!;
    expect(Math.max(...vi.mocked(rename).mock.invocationCallOrder)).toBeLessThan(folderSynced);
  });
});
