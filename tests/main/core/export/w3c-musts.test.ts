/**
 * The JSON export against the MUST assertions of the W3C Web Annotation test
 * suite (web-platform-tests, annotation-model: collectionMusts, pageMusts and
 * the annotation MUSTs), written again here as plain checks: every id is one
 * string that is an absolute URI, every type is what the model names, the
 * collection's page is embedded with its own id, and each annotation names
 * the page it annotates.
 */
import { describe, expect, it } from 'vitest';
import { toWebAnnotationJson } from '../../../../main/core/export/json';
import { article, essay, handout, library, options } from './fixture';

type Json = Record<string, unknown>;

/** RFC 3986 absolute URI: a scheme, a colon, then no space or character a URI may not hold. */
const absoluteUri = /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/;
const motivations = [
  'assessing',
  'bookmarking',
  'classifying',
  'commenting',
  'describing',
  'editing',
  'highlighting',
  'identifying',
  'linking',
  'moderating',
  'questioning',
  'replying',
  'tagging',
];
/** xsd:dateTime with a time zone, as the model requires for created, modified and generated. */
const dateTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

function expectUri(value: unknown, what: string): void {
  expect(typeof value, `${what} is one string`).toBe('string');
  expect(value as string, `${what} is an absolute URI`).toMatch(absoluteUri);
}

function checkCollection(collection: Json): void {
  expect([collection['@context']].flat(), '@context holds the W3C context').toContain('http://www.w3.org/ns/anno.jsonld');
  expectUri(collection.id, 'the collection id');
  expect(collection.type).toBe('AnnotationCollection');
  expect(typeof collection.label).toBe('string');
  expect(Number.isInteger(collection.total) && (collection.total as number) >= 0, 'total is a whole number').toBe(true);
  expect(collection.generated as string).toMatch(dateTime);
  expect('last' in collection).toBe(false);
  const page = collection.first as Json;
  expect(typeof page, 'first is an embedded page').toBe('object');
  expectUri(page.id, 'the page id');
  expect(page.type).toBe('AnnotationPage');
  expectUri(page.partOf, 'the page’s partOf');
  expect(page.partOf).toBe(collection.id);
  expect(Number.isInteger(page.startIndex) && (page.startIndex as number) >= 0).toBe(true);
  for (const key of ['next', 'prev']) if (key in page) expectUri(page[key], `the page's ${key}`);
  const items = page.items as Json[];
  expect(Array.isArray(items)).toBe(true);
  expect(items).toHaveLength(collection.total as number);
  items.forEach((item, index) => checkAnnotation(item, `items[${index}]`));
}

function checkAnnotation(annotation: Json, where: string): void {
  expectUri(annotation.id, `${where}.id`);
  expect(annotation.type, where).toBe('Annotation');
  expect(motivations, `${where}.motivation`).toContain(annotation.motivation);
  for (const key of ['created', 'modified']) expect(annotation[key] as string, `${where}.${key}`).toMatch(dateTime);
  const target = annotation.target as Json;
  expectUri(target.source, `${where}.target.source`);
  for (const selector of target.selector as Json[]) expect(['TextQuoteSelector', 'TextPositionSelector']).toContain(selector.type);
  if ('body' in annotation) {
    const bodies = annotation.body as Json[];
    expect(bodies.length, `${where}.body is left out rather than empty`).toBeGreaterThan(0);
    for (const body of bodies) {
      expect(body.type).toBe('TextualBody');
      expect(typeof body.value).toBe('string');
      expect(['commenting', 'tagging']).toContain(body.purpose);
    }
  }
}

describe('the JSON export meets the W3C Web Annotation MUSTs', () => {
  it.each([
    ['the whole fixture library', library],
    ['one document with a web address', [essay]],
    ['one document without one', [article]],
    ['a document without highlights', [handout]],
    ['nothing', []],
  ])('for %s', (_name, docs) => {
    checkCollection(JSON.parse(toWebAnnotationJson(docs, options)) as Json);
  });

  it('names the annotated page by its web address when the document has one, and by its Gloss URN otherwise', () => {
    const sources = (docs: typeof library) =>
      new Set(
        ((JSON.parse(toWebAnnotationJson(docs, options)) as Json).first as { items: Json[] }).items.map(
          (item) => (item.target as Json).source,
        ),
      );
    expect(sources([essay])).toEqual(new Set([essay.document.source]));
    expect(sources([article])).toEqual(new Set([`urn:gloss:document:${article.document.id}`]));
  });

  it('gives the same export the same collection id, and another export another', () => {
    const id = (docs: typeof library, exportedAt = options.exportedAt) =>
      (JSON.parse(toWebAnnotationJson(docs, { ...options, exportedAt })) as Json).id;
    expect(id(library)).toBe(id(library));
    expect(id(library)).not.toBe(id([essay]));
    expect(id(library)).not.toBe(id(library, new Date('2025-01-01T00:00:00Z')));
  });
});
