import { type ImportedFile, type ImportProgress, maxDocumentBytes, partUnderWay } from '../../common/contract';
import type { BusyState } from './notices';

/**
 * Reads files the user chose or dropped as bytes; main decodes them (UTF-8,
 * UTF-16, an HTML page's charset, an EPUB archive) and says what it refused.
 * Files over the limit are refused here, so they are never read into memory.
 */
export async function readDroppedFiles(files: Iterable<File>): Promise<{ readable: ImportedFile[]; unreadable: string[] }> {
  const readable: ImportedFile[] = [];
  const unreadable: string[] = [];
  for (const file of files) {
    if (file.size > maxDocumentBytes) {
      unreadable.push(`${file.name} is larger than ${maxDocumentBytes / 1024 / 1024} MB, Gloss's limit for one document.`);
      continue;
    }
    try {
      readable.push({ name: file.name, content: new Uint8Array(await file.arrayBuffer()) });
    } catch {
      unreadable.push(`${file.name} could not be read.`);
    }
  }
  return { readable, unreadable };
}

/** What the busy notice says while a batch is imported: the file being worked on, "Importing 3 of 10…", or that all are done. */
export function importProgressMessage(done: number, total: number): string {
  if (total <= 1) return 'Adding to your library…';
  if (done >= total) return `Imported ${total.toLocaleString()} of ${total.toLocaleString()}.`;
  return `Importing ${(done + 1).toLocaleString()} of ${total.toLocaleString()}…`;
}

/**
 * The busy notice for an import: files done, and within the book being
 * converted its chapters, which move the bar and show "Chapter 12 of 94".
 */
export function describeImportProgress({ done, total, chapters }: ImportProgress): BusyState {
  const message = importProgressMessage(done, total);
  if (!chapters || done >= total) return { done, total, message };
  const chapter = partUnderWay(chapters);
  return {
    done: done + chapters.done / chapters.total,
    total,
    message,
    detail: `Chapter ${chapter.toLocaleString()} of ${chapters.total.toLocaleString()}`,
  };
}
