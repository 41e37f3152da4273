import { z } from 'zod';
import { highlightColors, readerSettingSchemas } from '../../../common/contract';
import {
  documentIdSchema,
  highlightAnchorSchema,
  highlightIdSchema,
  highlightSchema,
  languageTagSchema,
  limits,
  readingPositionSchema,
  textDirectionSchema,
  writingModeSchema,
} from '../storage/schema';
import { hlcPattern } from './hlc';

/**
 * One change, as a line of a device's change log in the sync folder. Every
 * change names what it touches (a document, or a highlight in one) and one
 * field of it, so that two devices changing different fields of the same
 * highlight both keep their change. `hlc` (see hlc.ts) orders changes and is
 * the change's id: a change read twice (a duplicate, an engine's conflict
 * copy) is applied once.
 *
 * Bodies and images are not in the log: they are content-addressed files
 * (`hash`, SHA-256 of the bytes) beside it.
 */
const hlc = z.string().regex(hlcPattern);
const hash = z.string().regex(/^[0-9a-f]{64}$/);
const isoTime = z.iso.datetime({ offset: true });
const document = documentIdSchema;
const highlight = highlightIdSchema;

export const assetRefSchema = z.object({ name: z.string().min(1).max(255), hash });
/** A document's text and the images it shows, as blobs, and the text's language, direction and writing mode when declared. */
const contentFields = {
  body: hash,
  assets: z.array(assetRefSchema).max(10_000),
  lang: languageTagSchema.optional(),
  dir: textDirectionSchema.optional(),
  writingMode: writingModeSchema.optional(),
};

/** Where a highlight sits, and in which text (a body hash): revisions are per device, the text is not. */
export const anchorValueSchema = highlightAnchorSchema.omit({ id: true, revision: true }).extend({ body: hash });
export type AnchorValue = z.infer<typeof anchorValueSchema>;

/** A note's text, and the versions of it that the writer had seen (see merge.ts: concurrent versions are both kept). */
const noteFields = { text: z.string().max(limits.noteLength), base: z.array(hlc).max(64) };

export const metadataFields = ['title', 'author', 'date', 'source'] as const;
export type MetadataField = (typeof metadataFields)[number];

export const opSchema = z.discriminatedUnion('kind', [
  /** A document added (or brought back from the trash): all its fields at once. */
  z.object({
    kind: z.literal('document'),
    hlc,
    document,
    title: z.string().min(1).max(limits.metadataLength),
    author: z.string().max(limits.metadataLength).nullable(),
    date: z.string().max(limits.metadataLength).nullable(),
    source: z.string().max(limits.metadataLength).nullable(),
    addedAt: isoTime,
    ...contentFields,
  }),
  /** The document's text edited. */
  z.object({ kind: z.literal('body'), hlc, document, ...contentFields }),
  z.object({
    kind: z.literal('metadata'),
    hlc,
    document,
    field: z.enum(metadataFields),
    value: z.string().max(limits.metadataLength).nullable(),
  }),
  z.object({ kind: z.literal('position'), hlc, document, position: readingPositionSchema }),
  z.object({ kind: z.literal('document-note'), hlc, document, ...noteFields }),
  z.object({ kind: z.literal('document-deleted'), hlc, document }),
  /** A highlight made (or brought back by undo): all its fields at once. */
  z.object({
    kind: z.literal('highlight'),
    hlc,
    document,
    highlight,
    anchor: anchorValueSchema,
    color: z.enum(highlightColors),
    tags: highlightSchema.shape.tags,
    createdAt: isoTime,
    ...noteFields,
  }),
  z.object({ kind: z.literal('anchor'), hlc, document, highlight, anchor: anchorValueSchema }),
  z.object({ kind: z.literal('color'), hlc, document, highlight, color: z.enum(highlightColors) }),
  z.object({ kind: z.literal('tags'), hlc, document, highlight, tags: highlightSchema.shape.tags }),
  z.object({ kind: z.literal('note'), hlc, document, highlight, ...noteFields }),
  z.object({ kind: z.literal('highlight-deleted'), hlc, document, highlight }),
  /**
   * Reading settings, from a device that shares them: only the ones it changed (each merges on its own). Library-wide: no document.
   * `offered`: not chosen by the user but a device's own settings, given as it started sharing and saw none shared (merge.ts).
   */
  z.object({
    kind: z.literal('settings'),
    hlc,
    settings: z.object(readerSettingSchemas).partial().strict(),
    offered: z.literal(true).optional(),
  }),
]);

export type Op = z.infer<typeof opSchema>;
/** The changes that belong to one document (all but the library-wide settings). */
export type DocumentOp = Exclude<Op, { kind: 'settings' }>;
export type OpKind = Op['kind'];
/** An op before the clock stamps it. */
export type UnstampedOp = Op extends infer Each ? (Each extends Op ? Omit<Each, 'hlc'> : never) : never;
