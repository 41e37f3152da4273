import type { ImportedFile } from '../../preload/api';

/**
 * Reads files the user chose or dropped as text. Invalid UTF-8 is reported
 * rather than silently turned into replacement characters.
 */
export async function readDroppedFiles(files: Iterable<File>): Promise<{ readable: ImportedFile[]; unreadable: string[] }> {
  const readable: ImportedFile[] = [];
  const unreadable: string[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const file of files) {
    try {
      readable.push({ name: file.name, content: decoder.decode(await file.arrayBuffer()) });
    } catch {
      unreadable.push(`${file.name} is not UTF-8 text; save it as UTF-8 and try again.`);
    }
  }
  return { readable, unreadable };
}
