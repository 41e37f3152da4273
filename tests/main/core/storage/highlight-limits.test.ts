import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type Highlight, limits } from '../../../../common/contract';
import { checkHighlightLimits } from '../../../../main/core/storage/highlight-limits';
import { dataLayout } from '../../../../main/core/storage/layout';
import { LibraryStore } from '../../../../main/core/storage/library-store';
import { sampleHighlight } from '../../../support/sample-highlight';

const seedArticlePath = fileURLToPath(new URL('../../../../resources/articles/global-cooperation.md', import.meta.url));

const highlight = (id: string, quoteLength = 10, noteLength = 0) =>
  sampleHighlight(id, { exact: 'q'.repeat(quoteLength), note: 'n'.repeat(noteLength) });

const many = (count: number, prefix = 'h'): Highlight[] => Array.from({ length: count }, (_, index) => highlight(`${prefix}${index}`));

describe('highlight limits per document', () => {
  it('lets a document reach the count limit, and refuses one more with a sentence naming it', () => {
    const full = many(limits.highlightsPerDocument);
    expect(() => checkHighlightLimits([], full, 'A book')).not.toThrow();
    expect(() => checkHighlightLimits(full, [highlight('one-more')], 'A book')).toThrow(/“A book” cannot have more than 10,000 highlights/);
    // Editing one of them is not adding.
    expect(() => checkHighlightLimits(full, [{ ...highlight('h5'), note: 'edited' }], 'A book')).not.toThrow();
  });

  it('refuses quotes and notes past the text limit, but lets a document already over it shrink', () => {
    const perHighlight = limits.quoteLength;
    const fitting = Math.floor(limits.highlightTextPerDocument / perHighlight);
    const big = Array.from({ length: fitting }, (_, index) => highlight(`big${index}`, perHighlight));
    expect(() => checkHighlightLimits([], big, 'Long')).not.toThrow();
    expect(() => checkHighlightLimits(big, [highlight('over', perHighlight)], 'Long')).toThrow(
      /cannot hold more than 8 million characters/,
    );
    const over = [...big, highlight('over', perHighlight)];
    expect(() => checkHighlightLimits(over, [{ ...highlight('over', 5) }], 'Long')).not.toThrow();
  });

  it('leaves the document file untouched when the store refuses', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gloss-limits-'));
    try {
      const store = await LibraryStore.open({ dataDir, seedArticlePath });
      const { id } = store.state().documents[0]!;
      await store.putHighlights(id, many(limits.highlightsPerDocument));
      await store.flush();
      const file = dataLayout(dataDir).document(id).data;
      const before = await readFile(file, 'utf8');
      await expect(store.putHighlight(id, highlight('one-more'))).rejects.toMatchObject({ code: 'invalid-argument' });
      await expect(store.putHighlights(id, many(2, 'batch'))).rejects.toThrow(/cannot have more than/);
      await store.flush();
      expect(await readFile(file, 'utf8')).toBe(before);
      expect((await store.readDocument(id)).highlights).toHaveLength(limits.highlightsPerDocument);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('creates a document with its highlights in one write, and refuses one over the limit without adding it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'gloss-limits-'));
    try {
      const store = await LibraryStore.open({ dataDir, seedArticlePath });
      const highlights = many(3);
      const { id } = await store.importMarkdown('# With highlights\n\nText.', { highlights });
      highlights[0]!.note = 'changed by the caller afterwards';
      await store.flush();
      const written = JSON.parse(await readFile(dataLayout(dataDir).document(id).data, 'utf8')) as { highlights: Highlight[] };
      expect(written.highlights.map((highlight) => [highlight.id, highlight.note])).toEqual([
        ['h0', ''],
        ['h1', ''],
        ['h2', ''],
      ]);
      const listed = store.state().documents.length;
      await expect(store.importMarkdown('# Too many\n\nText.', { highlights: many(limits.highlightsPerDocument + 1) })).rejects.toThrow(
        /“Too many” cannot have more than 10,000 highlights/,
      );
      expect(store.state().documents).toHaveLength(listed);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
