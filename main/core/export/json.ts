/**
 * JSON export in the W3C Web Annotation Data Model
 * (https://www.w3.org/TR/annotation-model/): one AnnotationCollection holding
 * every highlight as an Annotation on its document. What the model has no
 * term for (the color, the document metadata) goes under a `gloss:` prefix
 * declared in the @context, so JSON-LD tools read it as Gloss's own vocabulary.
 */
import type { Highlight } from '../../../common/contract';
import { stableId } from '../stable-id';
import { allInReadingOrder, hasNote, webUrl } from './common';
import type { ExportDocument, ExportOptions } from './types';

export const annotationContext = 'http://www.w3.org/ns/anno.jsonld';
/**
 * Gloss has no web address to own a namespace at (it is offline), so its terms
 * live under a URN, like the documents they describe (`urn:gloss:document:<id>`).
 */
export const glossNamespace = 'urn:gloss:vocab#';

/** A document's own URN: its `gloss:documents` entry's id, and the `target.source` of a document without a web address. */
export function documentUrn(documentId: string): string {
  return `urn:gloss:document:${documentId}`;
}

/**
 * The `target.source` of a document's annotations: its web address when it
 * has one, so that other tools (Hypothesis, a W3C annotation server) know which
 * page is annotated; else its URN. `gloss:documentId` on each annotation keeps
 * the link to its Gloss document either way.
 */
export function targetSource(doc: ExportDocument): string {
  return webUrl(doc.document.source) ?? documentUrn(doc.document.id);
}

/**
 * `urn:uuid:<id>` (RFC 9562) for the UUIDs Gloss makes; an id that is not a
 * UUID (allowed by the schema, e.g. from an import) would make that URN
 * invalid, so it gets a Gloss URN instead.
 */
export function annotationId(highlightId: string): string {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  return uuid.test(highlightId) ? `urn:uuid:${highlightId.toLowerCase()}` : `urn:gloss:highlight:${highlightId}`;
}

/** The collection as pretty-printed JSON, ending in a newline. */
export function toWebAnnotationJson(docs: readonly ExportDocument[], options: ExportOptions): string {
  return `${JSON.stringify(toAnnotationCollection(docs, options), null, 2)}\n`;
}

/** The collection as a plain object (what `toWebAnnotationJson` serializes). */
export function toAnnotationCollection(docs: readonly ExportDocument[], options: ExportOptions) {
  const items = docs.flatMap((doc) => allInReadingOrder(doc).map((highlight) => annotation(doc, highlight)));
  const only = docs.length === 1 ? docs[0] : undefined;
  const generated = options.exportedAt.toISOString();
  // The model requires an id (an IRI) on the collection and on its page. An export has no address
  // to be fetched from, so it is named by a UUID made from what it holds: the same export, the same id.
  const id = `urn:uuid:${stableId('gloss export', generated, ...docs.map((doc) => doc.document.id))}`;
  return {
    '@context': [annotationContext, { gloss: glossNamespace }],
    id,
    type: 'AnnotationCollection',
    label: only ? `Highlights from ${only.document.title}` : `Highlights from ${docs.length} documents`,
    total: items.length,
    generator: { type: 'Software', name: `Gloss ${options.appVersion}` },
    generated,
    'gloss:documents': docs.map(documentMetadata),
    // One page holds everything: a file export has no use for paging.
    first: { id: `${id}#page-1`, type: 'AnnotationPage', partOf: id, startIndex: 0, items },
  };
}

function annotation(doc: ExportDocument, highlight: Highlight) {
  const body = [
    ...(hasNote(highlight) ? [{ type: 'TextualBody', value: highlight.note, format: 'text/markdown', purpose: 'commenting' }] : []),
    ...highlight.tags.map((tag) => ({ type: 'TextualBody', value: tag, purpose: 'tagging' })),
  ];
  const { exact, prefix, suffix } = highlight.quote;
  return {
    id: annotationId(highlight.id),
    type: 'Annotation',
    motivation: hasNote(highlight) ? 'commenting' : 'highlighting',
    created: highlight.createdAt,
    modified: highlight.updatedAt,
    // The model says to leave out a body that is not there rather than give an empty one.
    ...(body.length > 0 ? { body } : {}),
    target: {
      source: targetSource(doc),
      selector: [
        { type: 'TextQuoteSelector', exact, prefix, suffix },
        { type: 'TextPositionSelector', start: highlight.position.start, end: highlight.position.end },
      ],
    },
    'gloss:color': highlight.color,
    // The selectors describe this revision of the document's text.
    'gloss:revision': highlight.revision,
    'gloss:orphaned': doc.orphanIds.has(highlight.id),
    'gloss:documentId': doc.document.id,
    // What the file it was imported from said (a Kindle location and page, a date as written).
    ...(highlight.imported ? { 'gloss:imported': glossTerms(highlight.imported) } : {}),
  };
}

function documentMetadata(doc: ExportDocument) {
  const { id, title, author, date, source, addedAt, openedAt } = doc.document;
  return {
    id: documentUrn(id),
    'gloss:id': id,
    'gloss:title': title,
    'gloss:author': author,
    'gloss:date': date,
    'gloss:source': source,
    'gloss:addedAt': addedAt,
    'gloss:openedAt': openedAt,
    'gloss:documentNote': doc.documentNote ? { 'gloss:text': doc.documentNote.text, 'gloss:updatedAt': doc.documentNote.updatedAt } : null,
    ...(doc.importedDetails ? { 'gloss:importedDetails': glossTerms(doc.importedDetails) } : {}),
    // The model's own terms for a resource's language and direction.
    ...(doc.lang ? { language: doc.lang } : {}),
    ...(doc.dir ? { textDirection: doc.dir } : {}),
    // The model has no term for lines set vertically; Gloss's own, so a restored book is shown as it was.
    ...(doc.writingMode ? { 'gloss:writingMode': doc.writingMode } : {}),
    // The text itself: with it an export is a complete backup that imports into an empty library.
    ...(doc.markdown !== undefined ? { 'gloss:body': doc.markdown } : {}),
  };
}

/**
 * Gloss's own plain data with every key under the gloss prefix (as the
 * document note is), so that no key of it reads as a W3C term to a JSON-LD
 * tool (`start` and `end` mean something else there). The importer strips
 * the prefix again (import/web-annotation.ts).
 */
function glossTerms(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(glossTerms);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [`gloss:${key}`, glossTerms(child)]));
}
