/**
 * Import: 1,000 generated Markdown documents through the same path as Add
 * documents… and `gloss import` (bytes decoded, duplicates looked for, each
 * document written durably and indexed), then the same 1,000 again (all
 * found as duplicates, nothing written). Also HTML pages and EPUB books,
 * fewer of them, since each goes through jsdom. The baseline is the floor:
 * writing each body to its own file with no decoding, index or fsync.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ImportedFile } from '../../common/contract';
import { importFiles } from '../../main/core/import/import-files';
import { LibraryStore } from '../../main/core/storage/library-store';
import { buildBook, buildEpub, xhtmlChapter } from '../support/epub-builder';
import { printTable } from './measure';

const markdownCount = 1000;
const htmlCount = 50;
const epubCount = 20;
const longBookChapters = 4_000;

function markdownDocument(index: number): string {
  const paragraph = `Generated paragraph for document ${index}: a few sentences of prose, long enough to read like an article. `.repeat(6);
  const sections = Array.from({ length: 12 }, (_, section) => `## Section ${section + 1}\n\n${paragraph}\n\n${paragraph}`).join('\n\n');
  return `---\ntitle: "Generated article ${index}"\nauthor: "Bench Writer"\ndate: 2024-01-01\n---\n# Generated article ${index}\n\n${sections}\n`;
}

const encoder = new TextEncoder();

async function timeImport(store: LibraryStore, dataDir: string, files: ImportedFile[]): Promise<{ ms: number; added: number }> {
  const start = performance.now();
  const outcomes = await importFiles(store, dataDir, files);
  const ms = performance.now() - start;
  const refused = outcomes.find((outcome) => outcome.status === 'refused');
  if (refused) throw new Error(`bench import refused a file: ${JSON.stringify(refused)}`);
  return { ms, added: outcomes.filter((outcome) => outcome.status === 'added').length };
}

export async function benchImportDocuments(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'gloss-bench-import-'));
  const seedPath = join(dataDir, 'seed.md');
  await writeFile(seedPath, '# Seed\n\nThe first article.\n');
  const store = await LibraryStore.open({ dataDir, seedArticlePath: seedPath });

  const markdown = Array.from({ length: markdownCount }, (_, index) => markdownDocument(index));
  const markdownFiles = markdown.map((text, index) => ({ name: `article-${index}.md`, content: encoder.encode(text) }));
  const baselineDir = join(dataDir, 'baseline');
  await mkdir(baselineDir);
  const baselineStart = performance.now();
  for (const [index, text] of markdown.entries()) await writeFile(join(baselineDir, `${index}.md`), text);
  const baselineMs = performance.now() - baselineStart;

  const first = await timeImport(store, dataDir, markdownFiles);
  const again = await timeImport(store, dataDir, markdownFiles);

  const page = readFileSync(new URL('../main/core/documents/fixtures/messy-article.html', import.meta.url), 'utf8');
  // Each page differs (its paragraphs carry its number), so none is a duplicate.
  const htmlFiles = Array.from({ length: htmlCount }, (_, index) => ({
    name: `page-${index}.html`,
    content: encoder.encode(page.replaceAll('Every morning', `Page ${index}: every morning`)),
  }));
  const html = await timeImport(store, dataDir, htmlFiles);

  const epubFiles = Array.from({ length: epubCount }, (_, index) => ({
    name: `book-${index}.epub`,
    // A distinct book each time (its first chapter carries its number), so none is a duplicate.
    content: buildEpub({
      extra: {
        'OEBPS/text/c-harbour.xhtml': encoder.encode(
          `<html xmlns="http://www.w3.org/1999/xhtml"><body><h1>Harbour ${index}</h1><p>Boats ${index}.</p></body></html>`,
        ),
      },
    }),
  }));
  const epub = await timeImport(store, dataDir, epubFiles);
  // One long book: jsdom's per-document costs and any lookup that scans the manifest show only at thousands of chapters.
  const longBook = [
    {
      name: 'long-book.epub',
      content: buildBook({
        files: Array.from({ length: longBookChapters }, (_, index) => ({
          id: `c${index}`,
          href: `c${index}.xhtml`,
          content: xhtmlChapter(`<h2>Chapter ${index + 1}</h2><p>The text of chapter ${index + 1}.</p><p>It goes on for a while.</p>`),
        })),
      }),
    },
  ];
  const long = await timeImport(store, dataDir, longBook);
  await store.flush();

  const bytes = (files: { content: Uint8Array }[]): string =>
    `${Math.round(files.reduce((sum, file) => sum + file.content.byteLength, 0) / files.length / 1024)} KB`;
  printTable(
    `Import through importFiles (durable writes, duplicate check); baseline: ${markdownCount} plain writeFile calls, ${Math.round(baselineMs)} ms`,
    [
      {
        files: `${markdownCount} Markdown, new`,
        'size each': bytes(markdownFiles),
        added: first.added,
        'total (s)': first.ms / 1000,
        'per document (ms)': first.ms / markdownCount,
        'vs baseline': first.ms / baselineMs,
      },
      {
        files: `${markdownCount} Markdown, again (all duplicates)`,
        'size each': bytes(markdownFiles),
        added: again.added,
        'total (s)': again.ms / 1000,
        'per document (ms)': again.ms / markdownCount,
        'vs baseline': again.ms / baselineMs,
      },
      {
        files: `${htmlCount} HTML pages`,
        'size each': bytes(htmlFiles),
        added: html.added,
        'total (s)': html.ms / 1000,
        'per document (ms)': html.ms / htmlCount,
        'vs baseline': '',
      },
      {
        files: `${epubCount} EPUB books (3 chapters, 1 image)`,
        'size each': bytes(epubFiles),
        added: epub.added,
        'total (s)': epub.ms / 1000,
        'per document (ms)': epub.ms / epubCount,
        'vs baseline': '',
      },
      {
        files: `1 EPUB book of ${longBookChapters.toLocaleString('en')} chapters`,
        'size each': bytes(longBook),
        added: long.added,
        'total (s)': long.ms / 1000,
        'per document (ms)': long.ms,
        'vs baseline': '',
      },
    ],
  );
  await rm(dataDir, { recursive: true, force: true });
}
