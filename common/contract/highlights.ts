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

export const highlightSchema = highlightAnchorSchema.extend({
  color: z.enum(highlightColors),
  note: z.string().max(limits.noteLength),
  tags: z.array(tag).max(limits.tags),
  createdAt: isoTimeSchema,
  updatedAt: isoTimeSchema,
}) satisfies z.ZodType<Highlight>;

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
