/**
 * A small RFC 4180 CSV reader that remembers on which line each record
 * starts, so an import error can name it. Written here rather than taking
 * csv-parse into the app's dependencies: the importer needs only this much,
 * and its error messages need the line of the record, not of the parser's
 * read head.
 *
 * Records end at CR LF, LF or a lone CR; quoted fields may hold any of them,
 * and `""` inside one is a quote. Leniency, as spreadsheets need it: a quote
 * in the middle of an unquoted field is kept as a character. Strictness, so a
 * damaged file is refused rather than misread: a quoted field that never
 * closes, or text right after a closing quote, is an error.
 */
import { importError } from './common';

export interface CsvRecord {
  fields: string[];
  /** 1-based line on which the record starts. */
  line: number;
}

/** Every record, empty lines left out. Throws GlossError naming the line of a malformed field. */
export function parseCsvRecords(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let fieldWasQuoted = false;
  let quoteLine = 1;
  let at = 0;
  const endRecord = () => {
    fields.push(field);
    // A line with nothing on it (often the last one) is no record.
    if (!(fields.length === 1 && fields[0] === '' && !fieldWasQuoted)) records.push({ fields, line: recordLine });
    fields = [];
    field = '';
    fieldWasQuoted = false;
  };
  while (at < text.length) {
    const char = text[at]!;
    if (quoted) {
      if (char === '"') {
        if (text[at + 1] === '"') {
          field += '"';
          at += 2;
          continue;
        }
        quoted = false;
        at++;
        const next = text[at];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw importError(`line ${line}`, `text follows the closing quote of a field (${JSON.stringify(text.slice(at, at + 12))}); a quote inside a quoted field must be doubled ("").`);
        }
        continue;
      }
      if (char === '\r' || char === '\n') {
        line++;
        if (char === '\r' && text[at + 1] === '\n') {
          field += '\r\n';
          at += 2;
          continue;
        }
      }
      field += char;
      at++;
      continue;
    }
    if (char === '"' && field === '' && !fieldWasQuoted) {
      quoted = true;
      fieldWasQuoted = true;
      quoteLine = line;
      at++;
    } else if (char === ',') {
      fields.push(field);
      field = '';
      fieldWasQuoted = false;
      at++;
    } else if (char === '\r' || char === '\n') {
      endRecord();
      at += char === '\r' && text[at + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
    } else {
      field += char;
      at++;
    }
  }
  if (quoted) throw importError(`line ${quoteLine}`, 'a quoted field opens here and never closes (a missing " or a file cut short).');
  if (field !== '' || fields.length > 0 || fieldWasQuoted) endRecord();
  return records;
}
