import { describe, expect, it } from 'vitest';
import { toMarkdown } from '../../../../main/core/export/markdown';
import type { ExportDocument } from '../../../../main/core/export/types';
import { beginMarker, mergeVaultFile, vaultFileName, type VaultMerge } from '../../../../main/core/sync/vault-file';
import { highlight, options, summary } from '../export/fixture';

const id = 'd0c00000-0000-4000-8000-000000000001';

function doc(highlights: ReturnType<typeof highlight>[], note = ''): ExportDocument {
  return {
    document: summary({ id, title: 'A title: with colon', author: 'Ann Author' }),
    documentNote: note ? { text: note, updatedAt: '2024-01-01T00:00:00.000Z' } : null,
    highlights,
    orphanIds: new Set(),
  };
}

const first = highlight({ id: 'aaaaaaaa-0001-4000-8000-000000000001', quote: 'First passage', start: 0, note: 'First note' });
const second = highlight({ id: 'bbbbbbbb-0002-4000-8000-000000000002', quote: 'Second passage', start: 50, tags: ['idea'] });

function merged(result: VaultMerge): string {
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  return result.text;
}

describe('mergeVaultFile', () => {
  it('writes a new file as frontmatter, then the marked region holding the Markdown export', () => {
    const text = merged(mergeVaultFile(null, id, toMarkdown(doc([first]), options)));
    expect(text.startsWith('---\nid: ')).toBe(true);
    expect(text).toContain(`---\n\n${beginMarker(id)}\n# A title: with colon\n`);
    expect(text).toContain('> First passage ^gloss-aaaaaaaa');
    expect(text.endsWith('<!-- gloss:end -->\n')).toBe(true);
  });

  it('keeps the user’s text above and below the region byte for byte across 3 successive updates', () => {
    let text = merged(mergeVaultFile(null, id, toMarkdown(doc([first]), options)));
    const above = 'My own thoughts  \n\n- [ ] todo with trailing spaces   \n\n';
    const below = '\n\n## My section\n\nText *after*, with no final newline';
    text = text.replace(beginMarker(id), `${above}${beginMarker(id)}`) + below;
    // A property the user added in Obsidian, between Gloss's keys, and a comment.
    text = text.replace('author: Ann Author\n', 'author: Ann Author\nrating: 5  # mine\n');
    const versions = [doc([first, second]), doc([{ ...first, note: 'Edited note' }, second], 'A document note'), doc([second])];
    for (const version of versions) {
      text = merged(mergeVaultFile(text, id, toMarkdown(version, { ...options, exportedAt: new Date('2025-01-01T00:00:00.000Z') })));
      expect(text).toContain(`---\n\n${above}${beginMarker(id)}\n`);
      expect(text.endsWith(`<!-- gloss:end -->\n${below}`)).toBe(true);
      expect(text).toContain('\nrating: 5  # mine\n');
    }
    expect(text).toContain('exported: 2025-01-01T00:00:00.000Z');
    expect(text.match(/^exported:/gm)).toHaveLength(1);
  });

  it('drops the author line once the document has no author, keeping the user’s own keys', () => {
    const withAuthor = merged(mergeVaultFile(null, id, toMarkdown(doc([first]), options)));
    const edited = withAuthor.replace('author: Ann Author\n', 'author: Ann Author\nrating: 5\n');
    const noAuthor: ExportDocument = { ...doc([first]), document: summary({ id, title: 'A title: with colon' }) };
    const after = merged(mergeVaultFile(edited, id, toMarkdown(noAuthor, options)));
    expect(withAuthor).toContain('\nauthor: Ann Author\n');
    expect(after).not.toMatch(/^author:/m);
    expect(after).not.toMatch(/: null$/m);
    expect(after).toContain('\nrating: 5\n');
  });

  it('drops a highlight deleted in Gloss, and its note, from the file', () => {
    const before = merged(mergeVaultFile(null, id, toMarkdown(doc([first, second]), options)));
    const after = merged(mergeVaultFile(before, id, toMarkdown(doc([second]), options)));
    expect(before).toContain('First passage');
    expect(after).not.toContain('First passage');
    expect(after).not.toContain('First note');
    expect(after).toContain('Second passage');
  });

  it.each([
    ['a file Gloss did not write', '# My note\n\nAll mine.\n', 'foreign', 'was not written by Gloss'],
    ['an empty file', '', 'foreign', 'was not written by Gloss'],
    [
      'a file with the region of another document',
      `${beginMarker('other-doc')}\nx\n<!-- gloss:end -->\n`,
      'other-document',
      'another document (id other-doc)',
    ],
    ['a file whose end marker is missing', `${beginMarker(id)}\nx\n`, 'corrupted', 'not its end'],
    ['a file whose begin marker is missing', 'x\n<!-- gloss:end -->\n', 'corrupted', 'not its beginning'],
    [
      'a file with two regions',
      `${beginMarker(id)}\n<!-- gloss:end -->\n${beginMarker(id)}\n<!-- gloss:end -->\n`,
      'corrupted',
      'more than one Gloss region',
    ],
    ['a file with markers in the wrong order', `<!-- gloss:end -->\n${beginMarker(id)}\n`, 'corrupted', 'wrong order'],
    ['a file with a damaged marker', `<!-- gloss:begin id= -->\nx\n<!-- gloss:end -->\n`, 'corrupted', 'damaged Gloss marker'],
  ])('refuses %s with a clear message, and leaves it as it is', (_case, existing, reason, message) => {
    const result = mergeVaultFile(existing, id, toMarkdown(doc([first]), options), 'Notes.md');
    expect(result).toEqual({ ok: false, reason, message: expect.stringContaining(message) });
    if (!result.ok) expect(result.message.startsWith('Notes.md ')).toBe(true);
  });

  it('keeps CR LF line endings: the user’s lines untouched, Gloss’s lines in CR LF too', () => {
    const lf = merged(mergeVaultFile(null, id, toMarkdown(doc([first]), options)));
    const crlf = `${lf.replace(/\n/g, '\r\n')}Mine\r\n`;
    const text = merged(mergeVaultFile(crlf, id, toMarkdown(doc([first, second]), options)));
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(text.endsWith('<!-- gloss:end -->\r\nMine\r\n')).toBe(true);
    expect(text).toContain('Second passage');
  });

  it('keeps a byte order mark, and puts back frontmatter the user removed', () => {
    const existing = `\uFEFFIntro\n${beginMarker(id)}\nold\n<!-- gloss:end -->\n`;
    const text = merged(mergeVaultFile(existing, id, toMarkdown(doc([first]), options)));
    expect(text.startsWith('\uFEFF---\nid: ')).toBe(true);
    expect(text).toContain(`---\nIntro\n${beginMarker(id)}\n# A title`);
  });

  it('escapes a note line that looks like a marker, so the next update still finds one region', () => {
    const sneaky = doc([first], '<!-- gloss:end -->\n<!-- gloss:begin id=x -->');
    const once = merged(mergeVaultFile(null, id, toMarkdown(sneaky, options)));
    const twice = mergeVaultFile(once, id, toMarkdown(sneaky, options));
    expect(twice).toEqual({ ok: true, text: once });
    expect(once).toContain('<!-- gloss&#58;end -->');
  });
});

describe('vaultFileName', () => {
  it('is the Markdown export’s sanitized name, with the short id', () => {
    const name = vaultFileName({ ...doc([]), document: summary({ id, title: 'What? A <title>: "quoted" / slashed|piped.' }) }, new Set());
    expect(name).toBe('What A title quoted slashed piped (d0c00000).md');
  });

  it('takes the whole id when another document already has the name, whatever its case', () => {
    const first = vaultFileName(doc([]), new Set());
    const twin = { ...doc([]), document: summary({ id: 'd0c00000-ffff-4000-8000-000000000002', title: 'A title: with colon' }) };
    expect(vaultFileName(twin, new Set([first.toLowerCase()]))).toBe('A title with colon (d0c00000-ffff-4000-8000-000000000002).md');
  });
});
