/** The pieces of the wire format every domain shares: ids, times and size limits. */
import { z } from 'zod';

/** Ids are generated UUIDs; the pattern also keeps them safe as folder names. */
export const documentIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
export const highlightIdSchema = documentIdSchema;

/** ISO 8601 with an offset, as every stored time is written. */
export const isoTimeSchema = z.iso.datetime({ offset: true });

/** Generous limits that no real document reaches but that stop a runaway or hostile call. */
export const limits = {
  quoteLength: 200_000,
  contextLength: 1_000,
  noteLength: 200_000,
  tags: 64,
  tagLength: 100,
  bodyLength: 50 * 1024 * 1024,
  anchorsPerCall: 100_000,
  /** A search box's text; longer is a paste gone wrong, and scanning for it would only be slow. */
  searchQueryLength: 1_000,
  /** A title or an author's name. */
  metadataLength: 1_000,
  /** Rows of the library list sent at launch: a screen's worth, never the whole list. */
  libraryFirstPage: 1_000,
  /**
   * Highlights in one document, and the text of their quotes and notes
   * together: far beyond a real reader (a heavily marked book has a few
   * hundred), and small enough that the document's file, rewritten on every
   * save, stays quick to write.
   */
  highlightsPerDocument: 10_000,
  highlightTextPerDocument: 8 * 1024 * 1024,
} as const;

/** How much of something is done: `done` of `total`. */
export interface PartsDone {
  done: number;
  total: number;
}

/** The part under way, counting from 1: the one after those done, or the last once all are. */
export const partUnderWay = ({ done, total }: PartsDone): number => Math.min(done + 1, total);

/** PartsDone's fields, for a schema that adds more (see partsDoneSchema for the rule across them). */
export const partsDoneFields = { done: z.number().int().min(0), total: z.number().int().min(1) };
export const notMoreDoneThanThere = (progress: PartsDone): boolean => progress.done <= progress.total;

/** A PartsDone: whole numbers, at least one part, never more done than there are. */
export const partsDoneSchema = z
  .object(partsDoneFields)
  .refine(notMoreDoneThanThere, 'more done than there is') satisfies z.ZodType<PartsDone>;
