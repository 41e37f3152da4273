/** Reads an exported CSV back with csv-parse, for comparing every field with its source. */
import { parse } from 'csv-parse/sync';
import { allInReadingOrder } from '../../../../main/core/export/common';
import { type ReadwiseRow, readwiseRow } from '../../../../main/core/export/csv';
import type { ExportDocument } from '../../../../main/core/export/types';

/**
 * Parses strictly: header row as column names, CR LF as the only record
 * separator, nothing relaxed (no stray quotes, no ragged rows).
 */
export function parseCsv(csv: string): ReadwiseRow[] {
  // Typed by the header the tests check: a missing or extra column fails their toEqual.
  return parse(csv, { columns: true, record_delimiter: '\r\n' }) as ReadwiseRow[];
}

/** The rows the export should hold, in its order. */
export function expectedRows(docs: readonly ExportDocument[]) {
  return docs.flatMap((doc) => allInReadingOrder(doc).map((h) => readwiseRow(doc, h)));
}
