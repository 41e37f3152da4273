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

/** Where an unquoted field ends: at a separator or a line break. */
const unquotedEnd = /[,\r\n]/g;
/** A line break as the line count sees it: CR LF, a lone CR or a lone LF. */
const lineBreak = /\r\n?|\n/g;

function countLineBreaks(text: string): number {
  let count = 0;
  lineBreak.lastIndex = 0;
  while (lineBreak.exec(text)) count++;
  return count;
}

/**
 * Every record, empty lines left out, one at a time. Throws GlossError naming
 * the line of a malformed field.
 *
 * Fields are found with indexOf and a regex and sliced out whole: building
 * them a character at a time made a 2 MB file take most of a second.
 * Records are handed out as they are read so that a reader done with each
 * before the next keeps no whole file's worth of them: held at once, they
 * outlived the young generation, and copying them from scavenge to scavenge
 * made a 32,000-row file's parse grow faster than the file.
 */
export function* csvRecords(text: string): Generator<CsvRecord, void, undefined> {
  let line = 1;
  let at = 0;
  while (at < text.length) {
    const recordLine = line;
    const fields: string[] = [];
    let lastWasQuoted = false;
    for (;;) {
      let field: string;
      lastWasQuoted = text[at] === '"';
      if (lastWasQuoted) {
        const quoteLine = line;
        const parts: string[] = [];
        at++;
        for (;;) {
          const quote = text.indexOf('"', at);
          if (quote === -1)
            throw importError(`line ${quoteLine}`, 'a quoted field opens here and never closes (a missing " or a file cut short).');
          const part = text.slice(at, quote);
          line += countLineBreaks(part);
          parts.push(part);
          at = quote + 1;
          // A doubled quote is a quote; a single one closes the field.
          if (text[at] !== '"') break;
          parts.push('"');
          at++;
        }
        field = parts.length === 1 ? parts[0]! : parts.join('');
        const next = text[at];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw importError(
            `line ${line}`,
            `text follows the closing quote of a field (${JSON.stringify(text.slice(at, at + 12))}); a quote inside a quoted field must be doubled ("").`,
          );
        }
      } else {
        // A quote further on in an unquoted field is kept as a character (spreadsheets write such fields).
        unquotedEnd.lastIndex = at;
        const end = unquotedEnd.exec(text)?.index ?? text.length;
        field = text.slice(at, end);
        at = end;
      }
      fields.push(field);
      if (text[at] !== ',') break;
      at++;
    }
    // The record ends at a line break or at the end of the text.
    if (at < text.length) {
      at += text[at] === '\r' && text[at + 1] === '\n' ? 2 : 1;
      line++;
    }
    // A line with nothing on it (often the last one) is no record.
    if (!(fields.length === 1 && fields[0] === '' && !lastWasQuoted)) yield { fields, line: recordLine };
  }
}
