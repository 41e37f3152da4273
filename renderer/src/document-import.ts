import { type ImportedFile, maxDocumentBytes } from '../../common/contract';

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
