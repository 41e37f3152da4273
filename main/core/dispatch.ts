import { z } from 'zod';
import {
  channels,
  type DocumentMetadata,
  exportFormats,
  maxDocumentBytes,
  type ExportRequest,
  type GlossApi,
  type GlossMethod,
  type IpcResult,
} from '../../common/contract';
import { GlossError } from './errors';
import { readerSettingsSchema } from './settings/settings-store';
import {
  documentIdSchema,
  highlightAnchorSchema,
  highlightIdSchema,
  highlightSchema,
  limits,
  readingPositionSchema,
} from './storage/schema';

const exportRequestSchema = z.object({
  format: z.enum(exportFormats),
  scope: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('document'), documentId: documentIdSchema }),
    z.object({ kind: z.literal('library') }),
  ]),
}) satisfies z.ZodType<ExportRequest>;

const documentMetadataSchema = z
  .object({
    title: z.string().trim().min(1, 'a document needs a title').max(limits.metadataLength),
    author: z.string().trim().max(limits.metadataLength).nullable(),
    date: z.string().trim().max(100).nullable(),
  })
  .strict() satisfies z.ZodType<DocumentMetadata>;

/** The runtime check of every method's arguments; a method left out fails the typecheck. */
export const argumentSchemas = {
  getLibrary: z.tuple([]),
  openDocument: z.tuple([documentIdSchema]),
  saveReadingPosition: z.tuple([documentIdSchema, readingPositionSchema]),
  putHighlight: z.tuple([documentIdSchema, highlightSchema]),
  deleteHighlight: z.tuple([documentIdSchema, highlightIdSchema]),
  updateAnchors: z.tuple([documentIdSchema, z.array(highlightAnchorSchema).max(limits.anchorsPerCall)]),
  setDocumentNote: z.tuple([documentIdSchema, z.string().max(limits.noteLength)]),
  saveDocumentBody: z.tuple([documentIdSchema, z.string().max(limits.bodyLength), z.number().int().min(0)]),
  openExternal: z.tuple([z.string().max(8192)]),
  previewExport: z.tuple([exportRequestSchema]),
  exportToFile: z.tuple([exportRequestSchema]),
  readyToClose: z.tuple([]),
  importClipboard: z.tuple([]),
  importDocuments: z.tuple([
    z
      .array(
        z.object({
          name: z.string().min(1).max(1024),
          // The page refuses larger files itself, with the reason; a call carrying one is not the page's.
          content: z.union([
            z.string().max(limits.bodyLength),
            z.instanceof(Uint8Array).refine((bytes) => bytes.byteLength <= maxDocumentBytes, 'too large'),
          ]),
        }),
      )
      .min(1)
      .max(1000),
  ]),
  // Vault sync, copy all, export progress (issue #4): the folder itself comes from the system's dialog in main, never from the page.
  chooseVaultFolder: z.tuple([]),
  getVaultSyncStatus: z.tuple([]),
  stopVaultSync: z.tuple([]),
  resolveVaultConflict: z.tuple([documentIdSchema]),
  clipboardMarkdown: z.tuple([documentIdSchema, highlightIdSchema.nullable()]),
  getExportProgress: z.tuple([]),
  // Library and reading: search, reader settings.
  search: z.tuple([z.string().max(limits.searchQueryLength)]),
  getSettings: z.tuple([]),
  saveSettings: z.tuple([readerSettingsSchema]),
  getLibraryDetails: z.tuple([]),
  deleteDocument: z.tuple([documentIdSchema]),
  // <time>-<document id>, as trashDocument names it; the pattern keeps it a plain folder name.
  editDocumentMetadata: z.tuple([documentIdSchema, documentMetadataSchema]),
  restoreDocument: z.tuple([z.string().regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9-]{12}Z-[A-Za-z0-9-]{1,64}$/)]),
  // Library sync (issue #16): the folder comes from the system's dialog in main, never from the page.
  chooseLibrarySyncFolder: z.tuple([]),
  getLibrarySyncStatus: z.tuple([]),
  stopLibrarySync: z.tuple([]),
} satisfies { [M in GlossMethod]: z.ZodType<Parameters<GlossApi[M]>> };

const methodByChannel = new Map<string, GlossMethod>(Object.entries(channels).map(([method, channel]) => [channel, method as GlossMethod]));

export type Dispatch = (channel: string, args: unknown) => Promise<IpcResult<unknown>>;

/**
 * Routes a raw IPC call to the service: unknown channels and invalid
 * arguments are answered with a typed error before anything runs, so a bad
 * call changes nothing.
 */
export function createDispatcher(service: GlossApi, log: (message: string, error: unknown) => void = console.error): Dispatch {
  return async (channel, args) => {
    const method = methodByChannel.get(channel);
    if (!method) return failure('invalid-argument', `Unknown channel ${JSON.stringify(String(channel).slice(0, 64))}.`);
    const parsed = argumentSchemas[method].safeParse(args);
    if (!parsed.success) return failure('invalid-argument', describeInvalidArguments(method, parsed.error));
    try {
      // `parsed.data` matches Parameters<GlossApi[method]> by the schema map's type.
      const call = service[method] as (...values: unknown[]) => Promise<unknown>;
      return { ok: true, value: await call.apply(service, parsed.data) };
    } catch (error) {
      if (error instanceof GlossError) return failure(error.code, error.message);
      log(`Gloss: ${method} failed`, error);
      return failure('internal', `Gloss could not ${methodDescriptions[method]}: ${(error as Error)?.message ?? String(error)}`);
    }
  };
}

function failure(code: GlossError['code'], message: string): IpcResult<never> {
  return { ok: false, error: { code, message } };
}

function describeInvalidArguments(method: GlossMethod, error: z.ZodError): string {
  const issue = error.issues[0];
  const where =
    issue && issue.path.length > 0
      ? `argument ${Number(issue.path[0]) + 1}${issue.path.length > 1 ? ` (${issue.path.slice(1).join('.')})` : ''}`
      : 'its arguments';
  return `${method}: ${where} is not valid: ${issue?.message ?? 'unknown problem'}.`;
}

const methodDescriptions: Record<GlossMethod, string> = {
  getLibrary: 'load the library',
  openDocument: 'open the document',
  saveReadingPosition: 'save the reading position',
  putHighlight: 'save the highlight',
  deleteHighlight: 'delete the highlight',
  updateAnchors: 'save where the highlights are',
  setDocumentNote: 'save the document note',
  saveDocumentBody: 'save the document',
  openExternal: 'open the link',
  previewExport: 'prepare the export preview',
  exportToFile: 'export',
  readyToClose: 'close the window',
  importDocuments: 'add the documents',
  importClipboard: 'add the clipboard as a document',
  chooseVaultFolder: 'start syncing to the folder',
  getVaultSyncStatus: 'read the folder sync status',
  stopVaultSync: 'stop syncing',
  resolveVaultConflict: 'write the document under another name',
  clipboardMarkdown: 'copy the highlights',
  getExportProgress: 'read the export progress',
  search: 'search the library',
  getSettings: 'load the reader settings',
  saveSettings: 'save the reader settings',
  getLibraryDetails: 'load the library details',
  deleteDocument: 'delete the document',
  restoreDocument: 'restore the document',
  editDocumentMetadata: 'save the document’s details',
  chooseLibrarySyncFolder: 'start syncing the library',
  getLibrarySyncStatus: 'read the library sync status',
  stopLibrarySync: 'stop syncing the library',
};
