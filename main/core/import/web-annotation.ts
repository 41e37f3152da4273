/**
 * Reads W3C Web Annotation JSON (https://www.w3.org/TR/annotation-model/):
 * Gloss's own JSON export (main/core/export/json.ts) and what other tools
 * write. Accepted shapes:
 *
 * - one Annotation, or an array of them;
 * - an AnnotationCollection whose `first` page (and the pages its `next`
 *   links embed) holds the items, or a lone AnnotationPage;
 * - Hypothesis: its export file (`{ annotations: [...] }`) and its API's
 *   search results (`{ rows: [...] }`), whose items carry `target[0].selector`,
 *   the note in `text` and the tags in `tags`.
 *
 * All or nothing: the first problem throws a GlossError naming the JSON path
 * (`$.first.items[3].target.selector[1].end`) or, for a syntax error, the line.
 */
import {
  type HighlightColor,
  highlightColors,
  type ImportedDocumentDetails,
  type ImportedHighlightDetails,
  type TextPositionSelector,
  type TextQuoteSelector,
} from '../../../common/contract';
import { languageTag, textDirection, writingMode } from '../../../common/text/language';
import { importedDocumentDetailsSchema, importedHighlightDetailsSchema, limits } from '../storage/schema';
import { stableId } from '../stable-id';
import { checkedNote, checkedTag, glossHighlightId, importError, importTime, isoTime, refuseBinary, uniqueTags } from './common';
import { parseJsonText } from './json-text';
import type { ImportedAnnotation, ImportedDocumentInfo, ImportedSourceDocument, WebAnnotationImport } from './types';

const fileKind = 'Web Annotation JSON';
/** The document URN Gloss's export puts in `target.source`. */
const documentUrnPattern = /^urn:gloss:document:(.+)$/;
/** More pages than this in one file is a loop of `next` links, not a collection. */
const maxPages = 100_000;

type Json = Record<string, unknown>;

export interface WebAnnotationOptions {
  /** The time given to annotations without a `created` date. */
  now?: () => Date;
}

/** Parses the file's text; throws GlossError('invalid-argument') naming the path of the first problem. */
export function parseWebAnnotations(text: string, options: WebAnnotationOptions = {}): WebAnnotationImport {
  const undated = importTime(options.now);
  const source = text.replace(/^\uFEFF/, '');
  if (source.trim() === '') throw importError('line 1', `the file is empty; expected ${fileKind}.`);
  refuseBinary(source, fileKind);
  const root = parseJsonText(source, fileKind);
  const warnings: string[] = [];
  const documents = readGlossDocuments(root);
  const byUrn = new Map(documents.filter((doc) => doc.id !== undefined).map((doc) => [doc.id!, doc]));
  const annotations = annotationItems(root).flatMap(({ item, path }) => readAnnotation(item, path, byUrn, undated, warnings) ?? []);
  answerReplies(annotations);
  return { format: 'web-annotation', annotations, documents, warnings };
}

/** Each reply learns the quote of the annotation it answers (the last of its `references`), when the file holds it. */
function answerReplies(annotations: ImportedAnnotation[]): void {
  // Most files hold no reply (a Gloss export never does): then no map of every annotation's quote is made.
  if (!annotations.some((annotation) => annotation.replyTo)) return;
  const quotes = new Map(
    annotations.flatMap((annotation) => (annotation.id && annotation.quote ? [[annotation.id, annotation.quote.exact]] : [])),
  );
  for (const annotation of annotations) {
    if (annotation.replyTo) annotation.replyTo.quote = quotes.get(annotation.replyTo.id) ?? null;
  }
}

/** Where the annotations are, whatever the container. */
function annotationItems(root: unknown): { item: unknown; path: string }[] {
  if (Array.isArray(root)) return root.map((item, index) => ({ item, path: `$[${index}]` }));
  const object = expectObject(root, '$');
  for (const key of ['annotations', 'rows'] as const) {
    if (Array.isArray(object[key]) && !hasType(object, 'Annotation')) {
      return (object[key] as unknown[]).map((item, index) => ({ item, path: `$.${key}[${index}]` }));
    }
  }
  if (hasType(object, 'AnnotationCollection')) return collectionItems(object);
  if (hasType(object, 'AnnotationPage')) return pageItems(object, '$');
  if (hasType(object, 'Annotation') || object.target !== undefined) return [{ item: object, path: '$' }];
  throw importError(
    '$',
    `this JSON is no annotation, annotation list or AnnotationCollection (its "type" is ${JSON.stringify(object.type ?? null)}).`,
  );
}

function collectionItems(collection: Json): { item: unknown; path: string }[] {
  const first = collection.first;
  if (first === undefined) {
    if (collection.total === 0 || collection.total === undefined) return [];
    throw importError('$.first', `the collection says it holds ${String(collection.total)} annotations but has no "first" page.`);
  }
  if (typeof first === 'string')
    throw importError('$.first', 'the annotations are on a separate page (a link); only files that embed their pages can be imported.');
  const items: { item: unknown; path: string }[] = [];
  let page: unknown = first;
  let path = '$.first';
  for (let count = 1; page !== undefined && page !== null; count++) {
    if (count > maxPages) throw importError(path, 'the pages link to each other in a loop.');
    if (typeof page === 'string') throw importError(path, 'the next page is a link; only files that embed their pages can be imported.');
    const object = expectObject(page, path);
    items.push(...pageItems(object, path));
    page = object.next;
    path = `${path}.next`;
  }
  return items;
}

function pageItems(page: Json, path: string): { item: unknown; path: string }[] {
  const items = page.items;
  if (items === undefined) return [];
  if (!Array.isArray(items)) throw importError(`${path}.items`, 'must be a list of annotations.');
  return items.map((item, index) => ({ item, path: `${path}.items[${index}]` }));
}

/** The `gloss:documents` of a Gloss export: metadata and document notes, by document id. */
function readGlossDocuments(root: unknown): ImportedDocumentInfo[] {
  if (typeof root !== 'object' || root === null || Array.isArray(root)) return [];
  const list = (root as Json)['gloss:documents'];
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw importError('$["gloss:documents"]', 'must be a list.');
  return list.map((entry, index) => {
    const path = `$["gloss:documents"][${index}]`;
    const object = expectObject(entry, path);
    const urn = optionalString(object, 'id', path);
    const glossId = optionalString(object, 'gloss:id', path) ?? (urn ? documentUrnPattern.exec(urn)?.[1] : undefined);
    const info: ImportedDocumentInfo = { documentNote: null, origin: path };
    if (glossId !== undefined) info.id = glossId;
    const source = nullableString(object, 'gloss:source', path);
    if (source) info.uri = source;
    const title = nullableString(object, 'gloss:title', path);
    if (title) info.title = title;
    const addedAt = timeField(object, 'gloss:addedAt', path);
    if (addedAt !== undefined) info.addedAt = addedAt;
    const details = object['gloss:importedDetails'];
    if (details !== undefined && details !== null)
      info.importedDetails = importedDocumentDetails(details, `${path}["gloss:importedDetails"]`);
    if ('gloss:author' in object) info.author = nullableString(object, 'gloss:author', path);
    if ('gloss:date' in object) info.date = nullableString(object, 'gloss:date', path);
    // A language, direction or writing mode Gloss cannot use is left out, like an unknown term: the document is still recreated.
    const lang = languageTag(optionalString(object, 'language', path));
    if (lang) info.lang = lang;
    const dir = textDirection(optionalString(object, 'textDirection', path));
    if (dir) info.dir = dir;
    const mode = writingMode(optionalString(object, 'gloss:writingMode', path));
    if (mode) info.writingMode = mode;
    const body = nullableString(object, 'gloss:body', path);
    if (body !== null && body !== undefined) {
      if (body.length > limits.bodyLength) throw importError(`${path}["gloss:body"]`, 'the document is larger than Gloss allows.');
      info.body = body;
    }
    const note = object['gloss:documentNote'];
    if (note !== undefined && note !== null) {
      const notePath = `${path}["gloss:documentNote"]`;
      const noteObject = expectObject(note, notePath);
      const text = checkedNote(requiredString(noteObject, 'gloss:text', notePath), notePath);
      const updatedAt = timeField(noteObject, 'gloss:updatedAt', notePath);
      if (text.trim() !== '') info.documentNote = { text, updatedAt: updatedAt ?? new Date(0).toISOString() };
    }
    return info;
  });
}

function readAnnotation(
  item: unknown,
  path: string,
  byUrn: ReadonlyMap<string, ImportedDocumentInfo>,
  undated: () => string,
  warnings: string[],
): ImportedAnnotation | null {
  const annotation = expectObject(item, path);
  const { source, selectors } = readTarget(annotation, path);
  // The model lets a selector be given as a link (an IRI) to its description elsewhere; an offline
  // reader cannot follow it. Without a quote or position beside it, that annotation cannot be placed.
  const linked = selectors.filter(({ value }) => typeof value === 'string');
  const { quote, position } = readSelectors(selectors.filter(({ value }) => typeof value !== 'string'));
  if (linked.length > 0 && quote === null && position === null) {
    warnings.push(
      `${linked[0]!.path}: the selector is a link (${shortened(linked[0]!.value as string)}), which Gloss cannot follow offline; that annotation was skipped.`,
    );
    return null;
  }
  const { note, tags } = readBody(annotation, path, warnings);

  const created = timeField(annotation, 'created', path) ?? undated();
  const modified = timeField(annotation, 'modified', path) ?? timeField(annotation, 'updated', path) ?? created;
  const fileId = optionalString(annotation, 'id', path);
  const imported: ImportedAnnotation = {
    sourceDocument: sourceDocument(annotation, source, byUrn, path),
    quote,
    position,
    color: colorField(annotation, path),
    note: checkedNote(note, path),
    tags,
    createdAt: created,
    updatedAt: modified,
    // Without an id, one made from what the annotation says keeps re-imports recognisable.
    id:
      fileId !== undefined
        ? glossHighlightId(fileId)
        : stableId('annotation', source ?? '', quote?.exact ?? '', String(position?.start ?? ''), created),
    origin: path,
  };
  const references = annotation.references;
  const answered = Array.isArray(references) ? references.at(-1) : undefined;
  if (typeof answered === 'string' && quote === null) imported.replyTo = { id: glossHighlightId(answered), quote: null };
  const details = annotation['gloss:imported'];
  if (details !== undefined && details !== null) imported.imported = importedHighlightDetails(details, `${path}["gloss:imported"]`);
  return imported;
}

/** Gloss's plain data as the export writes it, every key under the gloss prefix (export/json.ts glossTerms), as it is stored. */
function withoutGlossPrefix(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutGlossPrefix);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key.replace(/^gloss:/, ''), withoutGlossPrefix(child)]));
}

function shortened(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

/** A Gloss export's `gloss:imported`: checked against the storage schema, so a hand-edited file cannot store a bad shape. */
function importedHighlightDetails(value: unknown, path: string): ImportedHighlightDetails {
  const checked = importedHighlightDetailsSchema.safeParse(withoutGlossPrefix(value));
  if (!checked.success) throw importError(path, `is not valid (${checked.error.issues[0]?.message ?? 'wrong shape'}).`);
  return checked.data;
}

function importedDocumentDetails(value: unknown, path: string): ImportedDocumentDetails {
  const checked = importedDocumentDetailsSchema.safeParse(withoutGlossPrefix(value));
  if (!checked.success) throw importError(path, `is not valid (${checked.error.issues[0]?.message ?? 'wrong shape'}).`);
  return checked.data;
}

/** The first target's source and selectors (a Hypothesis item has a list of one target). */
function readTarget(annotation: Json, path: string): { source: string | undefined; selectors: { value: unknown; path: string }[] } {
  const raw = annotation.target;
  if (raw === undefined) throw importError(`${path}.target`, 'is missing: an annotation must say what it annotates.');
  let target: unknown = raw;
  let targetPath = `${path}.target`;
  if (Array.isArray(raw)) {
    if (raw.length === 0) throw importError(targetPath, 'is an empty list.');
    target = raw[0];
    targetPath = `${targetPath}[0]`;
  }
  // The Hypothesis item's own `uri` names the page when its target does not.
  const fallbackSource = typeof annotation.uri === 'string' ? annotation.uri : undefined;
  if (typeof target === 'string') return { source: target, selectors: [] };
  const object = expectObject(target, targetPath);
  let source: string | undefined = fallbackSource;
  if (typeof object.source === 'string') source = object.source;
  else if (typeof object.source === 'object' && object.source !== null && typeof (object.source as Json).id === 'string')
    source = (object.source as Json).id as string;
  else if (object.source !== undefined) throw importError(`${targetPath}.source`, 'must be an address.');
  const selector = object.selector;
  if (selector === undefined) return { source, selectors: [] };
  if (Array.isArray(selector))
    return { source, selectors: selector.map((value, index) => ({ value, path: `${targetPath}.selector[${index}]` })) };
  return { source, selectors: [{ value: selector, path: `${targetPath}.selector` }] };
}

/** The first TextQuoteSelector and TextPositionSelector; other kinds (XPath ranges, fragments) are not needed. */
function readSelectors(selectors: { value: unknown; path: string }[]): {
  quote: TextQuoteSelector | null;
  position: TextPositionSelector | null;
} {
  let quote: TextQuoteSelector | null = null;
  let position: TextPositionSelector | null = null;
  for (const { value, path } of selectors) {
    const selector = expectObject(value, path);
    if (hasType(selector, 'TextQuoteSelector') && quote === null) {
      const exact = requiredString(selector, 'exact', path);
      if (exact === '') throw importError(`${path}.exact`, 'is empty: a highlight must cover some text.');
      if (exact.length > limits.quoteLength)
        throw importError(`${path}.exact`, `is longer than Gloss allows (${limits.quoteLength} characters).`);
      // Context is only a hint for anchoring: what lies beyond Gloss's limit is cut, nearest the quote kept.
      const prefix = (optionalString(selector, 'prefix', path) ?? '').slice(-limits.contextLength);
      const suffix = (optionalString(selector, 'suffix', path) ?? '').slice(0, limits.contextLength);
      quote = { type: 'TextQuoteSelector', exact, prefix, suffix };
    } else if (hasType(selector, 'TextPositionSelector') && position === null) {
      const start = offsetField(selector, 'start', path);
      const end = offsetField(selector, 'end', path);
      if (end <= start) throw importError(`${path}.end`, `(${end}) must be after start (${start}).`);
      position = { type: 'TextPositionSelector', start, end };
    }
  }
  return { quote, position };
}

/**
 * The note and the tags. W3C: TextualBody items, `purpose: tagging` for a
 * tag and anything else (commenting, describing, none) for the note;
 * `bodyValue` for a plain-text note. Hypothesis: `text` and `tags`.
 */
function readBody(annotation: Json, path: string, warnings: string[]): { note: string; tags: string[] } {
  const notes: string[] = [];
  const tags: string[] = [];
  const bodyValue = optionalString(annotation, 'bodyValue', path);
  if (bodyValue !== undefined) notes.push(bodyValue);
  const body = annotation.body;
  const bodies =
    body === undefined
      ? []
      : Array.isArray(body)
        ? body.map((value, index) => ({ value, path: `${path}.body[${index}]` }))
        : [{ value: body, path: `${path}.body` }];
  for (const { value, path: bodyPath } of bodies) {
    if (typeof value === 'string') {
      warnings.push(`${bodyPath}: a body that is only a link (${value}) was not imported.`);
      continue;
    }
    const object = expectObject(value, bodyPath);
    if (typeof object.value !== 'string') {
      warnings.push(`${bodyPath}: a body without text (type ${JSON.stringify(object.type ?? null)}) was not imported.`);
      continue;
    }
    const purposes = [object.purpose].flat();
    if (purposes.includes('tagging')) tags.push(checkedTag(object.value, `${bodyPath}.value`));
    else notes.push(object.value);
  }
  const text = optionalString(annotation, 'text', path);
  if (text !== undefined) notes.push(text);
  if (annotation.tags !== undefined) {
    if (!Array.isArray(annotation.tags)) throw importError(`${path}.tags`, 'must be a list of tags.');
    annotation.tags.forEach((tag, index) => {
      if (typeof tag !== 'string') throw importError(`${path}.tags[${index}]`, 'must be text.');
      tags.push(checkedTag(tag, `${path}.tags[${index}]`));
    });
  }
  if (tags.length > limits.tags) throw importError(path, `${tags.length} tags on one annotation; Gloss keeps at most ${limits.tags}.`);
  // A Gloss export never repeats a tag; tags from elsewhere are kept once each.
  return { note: notes.filter((note) => note.trim() !== '').join('\n\n'), tags: uniqueTags(tags, path) };
}

function sourceDocument(
  annotation: Json,
  source: string | undefined,
  byUrn: ReadonlyMap<string, ImportedDocumentInfo>,
  path: string,
): ImportedSourceDocument {
  const result: ImportedSourceDocument = {};
  // A Gloss export names the document on each annotation, since target.source is its web address when it has one.
  const named = optionalString(annotation, 'gloss:documentId', path);
  const glossId = named ?? (source === undefined ? undefined : documentUrnPattern.exec(source)?.[1]);
  if (glossId !== undefined) {
    result.id = glossId;
    const info = byUrn.get(glossId);
    if (info?.uri) result.uri = info.uri;
    if (info?.title) result.title = info.title;
    return result;
  }
  if (source !== undefined) result.uri = source;
  // Hypothesis: document.title is a list of the page's titles.
  const document = annotation.document;
  if (typeof document === 'object' && document !== null) {
    const title = (document as Json).title;
    const first = Array.isArray(title) ? title[0] : title;
    if (typeof first === 'string' && first.trim() !== '') result.title = first.trim();
    else if (title !== undefined && typeof first !== 'string')
      throw importError(`${path}.document.title`, 'must be text or a list of texts.');
  }
  return result;
}

function colorField(annotation: Json, path: string): HighlightColor {
  const color = annotation['gloss:color'];
  if (color === undefined) return 'yellow';
  if (typeof color === 'string' && (highlightColors as readonly string[]).includes(color)) return color as HighlightColor;
  throw importError(`${path}["gloss:color"]`, `must be one of ${highlightColors.join(', ')}; it is ${JSON.stringify(color)}.`);
}

function timeField(object: Json, key: string, path: string): string | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw importError(fieldPath(path, key), 'must be a date and time (ISO 8601 text).');
  const time = isoTime(value);
  if (time === null)
    throw importError(fieldPath(path, key), `“${value}” is not a date and time Gloss can read (ISO 8601, e.g. 2024-01-02T10:00:00Z).`);
  return time;
}

function offsetField(object: Json, key: string, path: string): number {
  const value = object[key];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > limits.bodyLength) {
    throw importError(
      fieldPath(path, key),
      `must be a whole number from 0 to ${limits.bodyLength}; it is ${JSON.stringify(value ?? null)}.`,
    );
  }
  return value;
}

function expectObject(value: unknown, path: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw importError(path, `must be a JSON object; it is ${Array.isArray(value) ? 'a list' : JSON.stringify(value)}.`);
  }
  return value as Json;
}

function requiredString(object: Json, key: string, path: string): string {
  const value = object[key];
  if (typeof value !== 'string') throw importError(`${fieldPath(path, key)}`, value === undefined ? 'is missing.' : 'must be text.');
  return value;
}

function optionalString(object: Json, key: string, path: string): string | undefined {
  const value = object[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw importError(`${fieldPath(path, key)}`, 'must be text.');
  return value;
}

function nullableString(object: Json, key: string, path: string): string | null | undefined {
  const value = object[key];
  if (value === null) return null;
  return optionalString(object, key, path);
}

/** `$.a.b` for plain keys, `$.a["gloss:x"]` for the rest. */
function fieldPath(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}["${key}"]`;
}

function hasType(object: Json, type: string): boolean {
  const value = object.type;
  return value === type || (Array.isArray(value) && value.includes(type));
}
