import { describe, expect, it } from 'vitest';
import { webUrl } from '../../../../main/core/export/common';
import { annotationId, glossNamespace, toAnnotationCollection, toWebAnnotationJson } from '../../../../main/core/export/json';
import { essay, handout, library, options } from './fixture';
import { expectGolden } from './golden';

type Json = Record<string, unknown>;
const parsed = () => JSON.parse(toWebAnnotationJson(library, options)) as Json;
const annotations = (collection: Json) => (collection.first as { items: Json[] }).items;

describe('toWebAnnotationJson', () => {
  it('matches golden/annotations.json', async () => {
    await expectGolden('annotations.json', toWebAnnotationJson(library, options));
  });

  it('parses back to exactly the collection it was made from', () => {
    expect(parsed()).toEqual(toAnnotationCollection(library, options));
  });

  it('is an AnnotationCollection with the W3C context, a label, a total and one page holding every highlight', () => {
    const collection = parsed();
    expect(collection['@context']).toEqual(['http://www.w3.org/ns/anno.jsonld', { gloss: glossNamespace }]);
    expect(collection.type).toBe('AnnotationCollection');
    expect(collection.label).toBe('Highlights from 3 documents');
    expect(collection.total).toBe(10);
    expect(collection.first).toMatchObject({ type: 'AnnotationPage', startIndex: 0 });
    expect(annotations(collection)).toHaveLength(10);
    expect(JSON.parse(toWebAnnotationJson([essay], options)).label).toBe(`Highlights from ${essay.document.title}`);
  });

  it('gives every annotation the fields the model requires, with both selectors', () => {
    const byId = new Map(
      library.flatMap((doc) => doc.highlights.map((highlight) => [annotationId(highlight.id), { doc, highlight }] as const)),
    );
    for (const item of annotations(parsed())) {
      const source = byId.get(item.id as string);
      expect(source, `annotation ${String(item.id)}`).toBeDefined();
      const { doc, highlight } = source!;
      expect(item).toMatchObject({
        type: 'Annotation',
        motivation: highlight.note.trim() ? 'commenting' : 'highlighting',
        created: highlight.createdAt,
        modified: highlight.updatedAt,
        'gloss:color': highlight.color,
        'gloss:orphaned': doc.orphanIds.has(highlight.id),
      });
      // A document's web address when it has one (so other tools know the page), else its Gloss URN.
      expect(item['gloss:documentId']).toBe(doc.document.id);
      expect(item.target).toEqual({
        source: webUrl(doc.document.source) ?? `urn:gloss:document:${doc.document.id}`,
        selector: [
          { type: 'TextQuoteSelector', exact: highlight.quote.exact, prefix: highlight.quote.prefix, suffix: highlight.quote.suffix },
          { type: 'TextPositionSelector', start: highlight.position.start, end: highlight.position.end },
        ],
      });
      const body = (item.body ?? []) as Json[];
      for (const part of body) {
        expect(part.type).toBe('TextualBody');
        expect(typeof part.value).toBe('string');
        expect(['commenting', 'tagging']).toContain(part.purpose);
      }
      expect(body.filter((part) => part.purpose === 'commenting')).toEqual(
        highlight.note.trim() ? [{ type: 'TextualBody', value: highlight.note, format: 'text/markdown', purpose: 'commenting' }] : [],
      );
      expect(body.filter((part) => part.purpose === 'tagging').map((part) => part.value)).toEqual(highlight.tags);
      // No body at all rather than an empty one.
      expect('body' in item).toBe(body.length > 0);
    }
  });

  it('uses urn:uuid for UUIDs and a Gloss URN for any other id', () => {
    expect(annotationId('A1B2C3D4-0001-4000-8000-000000000001')).toBe('urn:uuid:a1b2c3d4-0001-4000-8000-000000000001');
    expect(annotationId('legacy-h1')).toBe('urn:gloss:highlight:legacy-h1');
    expect(annotations(parsed()).map((item) => item.id)).toContain('urn:gloss:highlight:legacy-h1');
  });

  it('carries each document’s metadata and note under the gloss prefix, documents without highlights included', () => {
    const documents = parsed()['gloss:documents'] as Json[];
    expect(documents.map((doc) => doc.id)).toEqual(library.map((doc) => `urn:gloss:document:${doc.document.id}`));
    expect(documents[2]).toEqual({
      id: `urn:gloss:document:${handout.document.id}`,
      'gloss:id': handout.document.id,
      'gloss:title': 'Empty, "quoted" title',
      'gloss:author': 'Anon',
      'gloss:date': null,
      'gloss:source': 'Printed handout',
      'gloss:addedAt': handout.document.addedAt,
      'gloss:openedAt': null,
      'gloss:documentNote': { 'gloss:text': handout.documentNote!.text, 'gloss:updatedAt': handout.documentNote!.updatedAt },
    });
  });

  it('only uses terms the W3C context defines or the gloss prefix', () => {
    const known = new Set([
      '@context',
      'id',
      'type',
      'label',
      'total',
      'first',
      'partOf',
      'items',
      'startIndex',
      'generator',
      'generated',
      'name',
      'motivation',
      'created',
      'modified',
      'body',
      'value',
      'format',
      'purpose',
      'target',
      'source',
      'selector',
      'exact',
      'prefix',
      'suffix',
      'start',
      'end',
    ]);
    const check = (value: unknown): void => {
      if (Array.isArray(value)) return value.forEach(check);
      if (typeof value !== 'object' || value === null) return;
      for (const [key, child] of Object.entries(value)) {
        if (!key.startsWith('gloss:')) expect(known, key).toContain(key);
        // Gloss's own objects (the document note) carry their plain data under the prefix too.
        if (key !== '@context') check(child);
      }
    };
    check(parsed());
  });

  it('is an empty collection for no documents', () => {
    expect(JSON.parse(toWebAnnotationJson([], options))).toMatchObject({ total: 0, first: { items: [] }, 'gloss:documents': [] });
  });
});
