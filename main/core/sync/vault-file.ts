/**
 * One document's Markdown file in a synced folder (an Obsidian vault): what
 * Gloss writes, and how it updates a file the user has added to. Pure text in,
 * text out; reading and writing files is vault-sync.ts's job.
 *
 * A synced file is:
 *
 *   ---                                   frontmatter: Gloss owns the keys it writes
 *   id: …                                 (id, title, author, source, date, tags, exported);
 *   mykey: …                              every other line is the user's and kept as it is
 *   ---
 *   (the user's text, kept byte for byte)
 *   <!-- gloss:begin id=<document id> -->
 *   (the Markdown export's body: heading, document note, highlights)
 *   <!-- gloss:end -->
 *   (the user's text, kept byte for byte)
 *
 * The frontmatter cannot live inside the marked region: Obsidian reads it only
 * at the very top of the file, and the user may write above the region.
 */

import { frontmatterKeys, markdownFileName } from '../export/markdown';
import type { ExportDocument } from '../export/types';

/**
 * A document's file name in the synced folder: the Markdown export's name
 * (sanitized for Windows, macOS, Linux and Obsidian links, with the short id
 * so two documents of the same title do not share a file), or, when another
 * document already has that name (their ids share their first 8 hex digits),
 * the whole id instead. Compared case-insensitively, as macOS and Windows do:
 * `takenLowercase` holds the names taken, in lower case.
 */
export function vaultFileName(doc: ExportDocument, takenLowercase: ReadonlySet<string>): string {
  const name = markdownFileName(doc.document);
  return takenLowercase.has(name.toLowerCase()) ? name.replace(/ \([0-9a-f]{8}\)\.md$/, ` (${doc.document.id}).md`) : name;
}

/** Why an existing file is left alone. */
export type VaultRefusal = 'foreign' | 'other-document' | 'corrupted';

export type VaultMerge = { ok: true; text: string } | { ok: false; reason: VaultRefusal; message: string };

const beginPattern = /^<!-- gloss:begin id=([A-Za-z0-9-]{1,64}) -->$/;
const endLine = '<!-- gloss:end -->';

export function beginMarker(documentId: string): string {
  return `<!-- gloss:begin id=${documentId} -->`;
}

/**
 * The text to write for `documentId`, given the file as it is now (null when
 * there is none) and the document's Markdown export (`toMarkdown`). Refuses,
 * without guessing, a file Gloss did not write, one it wrote for another
 * document, and one whose markers were damaged: writing then could destroy
 * the user's text.
 */
export function mergeVaultFile(existing: string | null, documentId: string, exportMarkdown: string, fileName = 'The file'): VaultMerge {
  const { frontmatter, body } = splitExport(exportMarkdown);
  const region = `${beginMarker(documentId)}\n${escapeMarkerLines(body)}\n${endLine}`;
  if (existing === null) return { ok: true, text: `---\n${frontmatter}---\n\n${region}\n` };

  const bom = existing.startsWith('\uFEFF') ? '\uFEFF' : '';
  const text = existing.slice(bom.length);
  // Gloss's lines follow the file's own line endings (a file saved on Windows keeps CR LF).
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const withNewlines = (value: string): string => (newline === '\n' ? value : value.replace(/\n/g, newline));

  const markers = findMarkers(text);
  if (markers.kind === 'refused') return { ok: false, reason: markers.reason, message: `${fileName} ${markers.message}` };
  const { begin, end } = markers;
  if (begin.id !== documentId) {
    return {
      ok: false,
      reason: 'other-document',
      message: `${fileName} holds Gloss's highlights of another document (id ${begin.id}); Gloss leaves it alone.`,
    };
  }
  const before = mergeFrontmatter(text.slice(0, begin.start), frontmatter, newline);
  const after = text.slice(end.end);
  return { ok: true, text: bom + before + withNewlines(region) + after };
}

/** Gloss's `exported:` frontmatter line: the one line an export changes when nothing else did. */
const exportTimeLine = /^exported: [^\r\n]*$/m;

/**
 * Whether writing `merged` over `existing` would change nothing but the time
 * of export: such a file is left as it is, so a sync at start-up or a whole
 * library exported again into a vault touches only the documents that
 * changed (a vault's own sync, search and history see no churn).
 */
export function sameButForExportTime(existing: string | null, merged: string): boolean {
  return existing !== null && existing.replace(exportTimeLine, '') === merged.replace(exportTimeLine, '');
}

/** Splits `toMarkdown`'s output into its YAML (ending in a newline) and the body after it. */
function splitExport(markdown: string): { frontmatter: string; body: string } {
  const match = /^---\n([\s\S]*?\n)---\n+([\s\S]*?)\n*$/.exec(markdown);
  if (!match) throw new Error('The Markdown export has no frontmatter to sync');
  return { frontmatter: match[1]!, body: match[2]! };
}

/**
 * A note may contain a line that looks like a marker; inside the region it
 * would end the region early on the next update. Such lines get `gloss&#58;`
 * instead of `gloss:` (inside an HTML comment it is invisible either way).
 */
function escapeMarkerLines(body: string): string {
  return body
    .split('\n')
    .map((line) => (isMarkerCandidate(line) ? line.replace(/gloss:(begin|end)/g, 'gloss&#58;$1') : line))
    .join('\n');
}

/** A line that is meant as a marker, well formed or not: an HTML comment at the start of the line naming gloss:begin or gloss:end. */
function isMarkerCandidate(line: string): boolean {
  return line.startsWith('<!--') && /gloss:(begin|end)/.test(line);
}

interface Line {
  /** Offset of its first character. */
  start: number;
  /** Offset just after its content, before its line break. */
  end: number;
  content: string;
}

function lines(text: string): Line[] {
  const result: Line[] = [];
  const pattern = /([^\r\n]*)(\r\n|\n|\r|$)/g;
  for (let match = pattern.exec(text); match && match.index < text.length; match = pattern.exec(text)) {
    result.push({ start: match.index, end: match.index + match[1]!.length, content: match[1]! });
    if (match[2] === '') break;
  }
  return result;
}

type Markers = { kind: 'found'; begin: Line & { id: string }; end: Line } | { kind: 'refused'; reason: VaultRefusal; message: string };

function findMarkers(text: string): Markers {
  const begins: (Line & { id: string })[] = [];
  const ends: Line[] = [];
  for (const line of lines(text)) {
    if (!isMarkerCandidate(line.content)) continue;
    const begin = beginPattern.exec(line.content.trimEnd());
    if (begin) begins.push({ ...line, id: begin[1]! });
    else if (line.content.trimEnd() === endLine) ends.push(line);
    else return corrupted(`has a damaged Gloss marker (“${line.content.slice(0, 80)}”)`);
  }
  if (begins.length === 0 && ends.length === 0) {
    return { kind: 'refused', reason: 'foreign', message: 'was not written by Gloss (it has no Gloss marker); Gloss leaves it alone.' };
  }
  if (begins.length > 1 || ends.length > 1) return corrupted('has more than one Gloss region (duplicated markers)');
  const [begin] = begins;
  const [end] = ends;
  if (!begin) return corrupted('has the end of a Gloss region but not its beginning');
  if (!end) return corrupted('has the beginning of a Gloss region but not its end');
  if (end.start < begin.start) return corrupted('has its Gloss markers in the wrong order');
  return { kind: 'found', begin, end };
}

function corrupted(what: string): Markers {
  return {
    kind: 'refused',
    reason: 'corrupted',
    message: `${what}, so Gloss cannot tell its text from yours and does not update it. Restore the markers, or move the file away for Gloss to write a new one.`,
  };
}

/**
 * The part of the file above the region, with Gloss's frontmatter keys
 * replaced where they are and every other line kept byte for byte. A file
 * whose frontmatter was removed gets Gloss's back at the top.
 */
const ownedKeys: ReadonlySet<string> = new Set(frontmatterKeys);

function mergeFrontmatter(before: string, glossYaml: string, newline: string): string {
  const glossEntries = topLevelEntries(glossYaml.replace(/\n$/, '').split('\n'));
  const fresh = (entry: Entry): string => entry.lines.join(newline) + newline;
  const all = lines(before);
  const opening = all[0];
  const closing =
    opening?.content === '---' ? all.findIndex((line, index) => index > 0 && (line.content === '---' || line.content === '...')) : -1;
  if (!opening || closing === -1) {
    const block = `---${newline}${glossEntries.map(fresh).join('')}---${newline}`;
    return before === '' ? `${block}${newline}` : block + before;
  }
  // The frontmatter lines, each with its own line break, exactly as in the file.
  const yamlStart = all[1]!.start;
  const yamlText = before.slice(yamlStart, all[closing]!.start);
  const existing = topLevelEntries(splitKeepingBreaks(yamlText));
  const byKey = new Map(glossEntries.map((entry) => [entry.key, entry]));
  const written = new Set<string>();
  let merged = '';
  for (const entry of existing) {
    const replacement = entry.key === null ? undefined : byKey.get(entry.key);
    // A key Gloss writes but no longer has a value for (an author removed) goes, rather than keeping the old value.
    if (!replacement && ownedKeys.has(entry.key ?? '')) continue;
    if (!replacement) merged += entry.lines.join('');
    else if (!written.has(replacement.key!)) {
      written.add(replacement.key!);
      merged += fresh(replacement);
    }
  }
  for (const entry of glossEntries) if (!written.has(entry.key!)) merged += fresh(entry);
  return before.slice(0, yamlStart) + merged + before.slice(all[closing]!.start);
}

interface Entry {
  /** The top-level key, or null for a line that belongs to no key (a comment, a blank line). */
  key: string | null;
  lines: string[];
}

/** Groups YAML lines by top-level key: a `key:` line and the indented or `- ` lines under it. */
function topLevelEntries(yamlLines: readonly string[]): Entry[] {
  const entries: Entry[] = [];
  for (const line of yamlLines) {
    const key = /^([^\s#\-?:][^:]*?|"[^"]*"|'[^']*'):(?:[ \t]|\r?\n?$)/.exec(line)?.[1];
    const continues = /^[ \t]|^-(?:[ \t]|\r?\n?$)/.test(line);
    const last = entries[entries.length - 1];
    if (key !== undefined) entries.push({ key: unquote(key), lines: [line] });
    else if (continues && last?.key) last.lines.push(line);
    else entries.push({ key: null, lines: [line] });
  }
  return entries;
}

function unquote(key: string): string {
  return /^(["']).*\1$/.test(key) ? key.slice(1, -1) : key;
}

function splitKeepingBreaks(text: string): string[] {
  return text.match(/[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$/g) ?? [];
}
