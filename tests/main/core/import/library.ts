/** Temporary libraries for the import tests: open, fill, export, snapshot. */
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Highlight, HighlightColor } from '../../../../common/contract';
import { describeTextRange } from '../../../../common/anchoring';
import { selectForExport } from '../../../../main/core/export/from-library';
import { toReadwiseCsv } from '../../../../main/core/export/csv';
import { toWebAnnotationJson } from '../../../../main/core/export/json';
import { renderedText } from '../../../../main/core/import/rendered-text';
import { readLibrary } from '../../../../main/core/storage/library-reader';
import { LibraryStore } from '../../../../main/core/storage/library-store';

export const seedArticlePath = fileURLToPath(new URL('../../../../resources/articles/global-cooperation.md', import.meta.url));
export const exportOptions = { exportedAt: new Date('2024-06-01T12:00:00.000Z'), appVersion: '0.1.0' };

/** Documents with the Markdown the reader has to render faithfully: lists, a table, code, emphasis, task lists, CJK and emoji. */
export const documents = {
  essay: `---
title: Notes on Reading
author: Ada Example
source: https://example.com/notes-on-reading
---
# Notes on Reading

Reading *slowly* is a **skill**, and \`code\` is text too.

- first point, with a [link](https://example.com)
- second point
  - nested point

1. one
2. two

| Tool | Use |
| --- | ---: |
| pencil | margins |
| index card | quotes |

- [x] read it
- [ ] write about it

\`\`\`
const quote = "kept verbatim";
\`\`\`

> A quoted paragraph, the last one.
`,
  cjk: `---
title: 日本語の記事
---
東京は日本の首都です。人口は約1400万人です。

絵文字も使えます 😀👩‍👩‍👧 e\u0301 — «guillemets».

Same words. Same words. Same words.
`,
};

export interface TempLibrary {
  dataDir: string;
  store: LibraryStore;
}

const folders: string[] = [];

/** A fresh library (holding the seed article, as every new library does), plus the given Markdown documents. */
export async function freshLibrary(markdownFiles: readonly string[] = []): Promise<TempLibrary> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gloss-import-'));
  folders.push(dataDir);
  const store = await LibraryStore.open({ dataDir, seedArticlePath, now: steppingClock() });
  for (const text of markdownFiles) await store.importMarkdown(text);
  await store.flush();
  return { dataDir, store };
}

/** A copy of a library's folder, opened: cheaper than importing the documents again for every property run. */
export async function copyLibrary(template: TempLibrary): Promise<TempLibrary> {
  await template.store.flush();
  const dataDir = await mkdtemp(join(tmpdir(), 'gloss-import-'));
  folders.push(dataDir);
  await cp(template.dataDir, dataDir, { recursive: true });
  const store = await LibraryStore.open({ dataDir, seedArticlePath, now: steppingClock() });
  return { dataDir, store };
}

/** Removes every folder made so far (for afterAll). */
export async function removeLibraries(): Promise<void> {
  await Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
}

function steppingClock(start = '2026-03-01T08:00:00.000Z'): () => Date {
  let time = Date.parse(start);
  return () => new Date((time += 1000));
}

/** Every file under the folder with its bytes. */
export async function snapshot(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (folder: string): Promise<void> => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) await walk(path);
      else files.set(relative(root, path), (await readFile(path)).toString('base64'));
    }
  };
  await walk(root);
  return files;
}

/** The text a document's highlights are anchored against. */
export async function documentText(store: LibraryStore, documentId: string): Promise<string> {
  return renderedText((await store.readDocument(documentId)).markdown);
}

export interface HighlightSpec {
  start: number;
  length: number;
  color: HighlightColor;
  note: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

/** A highlight as the reader makes one: selectors from describeTextRange over the rendered text, at the document's revision. */
export function readerHighlight(text: string, id: string, spec: HighlightSpec, revision = 0): Highlight {
  const start = Math.min(spec.start, text.length - 1);
  const end = Math.min(text.length, start + Math.max(1, spec.length));
  return {
    id,
    ...describeTextRange(text, start, end),
    revision,
    color: spec.color,
    note: spec.note,
    tags: spec.tags,
    createdAt: spec.createdAt,
    updatedAt: spec.updatedAt,
  };
}

/** The library as Gloss's JSON export writes it. */
export async function exportJson(library: TempLibrary): Promise<string> {
  await library.store.flush();
  return toWebAnnotationJson(selectForExport(await readLibrary(library.dataDir), 'all').documents, exportOptions);
}

/** The library as Gloss's Readwise CSV export writes it. */
export async function exportCsv(library: TempLibrary): Promise<string> {
  await library.store.flush();
  return toReadwiseCsv(selectForExport(await readLibrary(library.dataDir), 'all').documents);
}

/** Each document's title with its highlights sorted by id, as stored on disk. */
export async function highlightsByTitle(
  library: TempLibrary,
): Promise<Map<string, { revision: number; highlights: Highlight[]; note: string | null }>> {
  await library.store.flush();
  const result = new Map<string, { revision: number; highlights: Highlight[]; note: string | null }>();
  for (const { summary, data } of await readLibrary(library.dataDir)) {
    if (!data) throw new Error(`${summary.title} cannot be read`);
    result.set(summary.title, {
      revision: data.revision,
      highlights: [...data.highlights].sort((a, b) => (a.id < b.id ? -1 : 1)),
      note: data.documentNote?.text ?? null,
    });
  }
  return result;
}
