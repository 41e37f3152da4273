/** Highlights: where they are (W3C Web Annotation selectors), their color, note and tags. */
import { z } from 'zod';
import { method } from './define';
import { documentIdSchema, highlightIdSchema, isoTimeSchema, limits } from './primitives';

/** W3C Web Annotation selectors over the rendered document's text content (UTF-16 offsets). */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

export const highlightColors = ['yellow', 'green', 'blue', 'pink', 'purple'] as const;
export type HighlightColor = (typeof highlightColors)[number];

/** Where a highlight is: its selectors and the document revision they were made on. */
export interface HighlightAnchor {
  id: string;
  quote: TextQuoteSelector;
  position: TextPositionSelector;
  revision: number;
}

export interface Highlight extends HighlightAnchor {
  color: HighlightColor;
  /** Markdown. */
  note: string;
  tags: string[];
  /** ISO 8601 UTC. */
  createdAt: string;
  updatedAt: string;
  /** What the file it was imported from said about it (Kindle, Readwise); absent for highlights made in Gloss. */
  imported?: ImportedHighlightDetails;
}

/** Kept with an imported highlight and carried out again by the exports. */
export interface ImportedHighlightDetails {
  /** The Kindle location (start = end for a single one), or Readwise's Location of type `location`. */
  location?: { start: number; end: number };
  /** The page as the file writes it (`12`, `xiv`). */
  page?: string;
  /** Readwise's Location of another type (`order`, `time_offset`, …), with that type. */
  otherLocation?: { type: string; value: string };
  /** The date as written, kept when Gloss could not read it (the highlight is then dated to the import). */
  dateText?: string;
}

/** What a Readwise file says about a book that Gloss's own fields cannot hold; kept in the document's file. */
export interface ImportedDocumentDetails {
  amazonBookId?: string;
  /** Readwise's document tags (tags on the book, not on a highlight). */
  tags?: string[];
}

const offset = z.number().int().min(0).max(limits.bodyLength);

export const highlightAnchorSchema = z.object({
  id: highlightIdSchema,
  quote: z.object({
    type: z.literal('TextQuoteSelector'),
    exact: z.string().min(1).max(limits.quoteLength),
    prefix: z.string().max(limits.contextLength),
    suffix: z.string().max(limits.contextLength),
  }),
  position: z
    .object({ type: z.literal('TextPositionSelector'), start: offset, end: offset })
    .refine((position) => position.end > position.start, 'a highlight must end after it starts'),
  revision: z.number().int().min(0),
}) satisfies z.ZodType<HighlightAnchor>;

const tag = z
  .string()
  .trim()
  .min(1)
  .max(limits.tagLength)
  .regex(/^[^\n\r\t,]+$/, 'tags cannot contain commas or line breaks');

/** Short texts copied from an imported file (a page, a date as written, a Readwise location type). */
const importedText = z.string().min(1).max(limits.metadataLength);

export const importedHighlightDetailsSchema = z.object({
  location: z
    .object({ start: z.number().int().min(0), end: z.number().int().min(0) })
    .refine((location) => location.end >= location.start, 'a location range must not end before it starts')
    .optional(),
  page: importedText.optional(),
  otherLocation: z.object({ type: importedText, value: importedText }).optional(),
  dateText: importedText.optional(),
}) satisfies z.ZodType<ImportedHighlightDetails>;

export const highlightSchema = highlightAnchorSchema.extend({
  color: z.enum(highlightColors),
  note: z.string().max(limits.noteLength),
  tags: z.array(tag).max(limits.tags),
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
  imported: importedHighlightDetailsSchema.optional(),
}) satisfies z.ZodType<Highlight>;

export const importedDocumentDetailsSchema = z.object({
  amazonBookId: importedText.optional(),
  tags: z.array(tag).max(limits.tags).optional(),
}) satisfies z.ZodType<ImportedDocumentDetails>;

export const highlightMethods = {
  /** Creates the highlight, or replaces the one with the same id. */
  putHighlight: method<(documentId: string, highlight: Highlight) => Promise<void>>({
    channel: 'highlight:put',
    args: z.tuple([documentIdSchema, highlightSchema]),
    description: 'save the highlight',
  }),
  deleteHighlight: method<(documentId: string, highlightId: string) => Promise<void>>({
    channel: 'highlight:delete',
    args: z.tuple([documentIdSchema, highlightIdSchema]),
    description: 'delete the highlight',
  }),
  /** Records where highlights were found after the text changed (re-anchoring). */
  updateAnchors: method<(documentId: string, anchors: HighlightAnchor[]) => Promise<void>>({
    channel: 'highlight:update-anchors',
    args: z.tuple([documentIdSchema, z.array(highlightAnchorSchema).max(limits.anchorsPerCall)]),
    description: 'save where the highlights are',
  }),
};
