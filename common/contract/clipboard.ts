/** Highlights as Markdown for the clipboard (Copy quote, Copy all); reading the clipboard is the import domain's. */
import { z } from 'zod';
import { method } from './define';
import { documentIdSchema, highlightIdSchema } from './primitives';

export const clipboardMethods = {
  /**
   * Markdown to paste elsewhere (the clipboard): one highlight with where it is
   * from and its note, or, when `highlightId` is null, the document's title,
   * note and every highlight.
   */
  clipboardMarkdown: method<(documentId: string, highlightId: string | null) => Promise<string>>({
    channel: 'export:clipboard-markdown',
    args: z.tuple([documentIdSchema, highlightIdSchema.nullable()]),
    description: 'copy the highlights',
  }),
};
