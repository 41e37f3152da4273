/**
 * JSON.parse with an error that says where. V8 gives a position for some
 * syntax errors and not for others (`Unexpected token 'x', "…" is not valid
 * JSON`), so on failure a small scanner walks the text to find the first
 * offending character, and the message names its line and column.
 */
import { importError } from './common';

/**
 * Deeper nesting than this is refused: annotation files are a few levels
 * deep, and the readers walk what they are given recursively.
 */
export const maxJsonDepth = 1_000;

/** Parses JSON or throws a GlossError naming the line and column of the first error. */
export function parseJsonText(text: string, fileKind: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // Said first: the scanner that finds a syntax error cannot walk such depths.
    refuseDeepNesting(text, fileKind);
    if (!(error instanceof SyntaxError)) throw error;
    const offset = firstJsonError(text) ?? text.length;
    const { line, column } = lineAndColumn(text, offset);
    const found =
      offset >= text.length
        ? 'the text ends too early (is the file cut short?)'
        : `unexpected ${describeCharacter(text.codePointAt(offset) ?? 0)}`;
    throw importError(`line ${line}, column ${column}`, `this is not valid JSON, so not ${fileKind}: ${found}.`);
  }
  // Checked on the parsed value, and the text scanned only to say where: JSON.parse takes deep nesting in linear time, and
  // walking a 13 MB export's values takes 6 ms where scanning its text took 46.
  if (parsedNestsBeyond(value, maxJsonDepth)) refuseDeepNesting(text, fileKind);
  return value;
}

/** Whether `value` holds an array or object `levels` levels below its own (itself counting as the first); recursion stops there. */
function parsedNestsBeyond(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels === 0) return true;
  if (Array.isArray(value)) {
    for (const item of value) if (parsedNestsBeyond(item, levels - 1)) return true;
    return false;
  }
  for (const key in value) if (parsedNestsBeyond((value as Record<string, unknown>)[key], levels - 1)) return true;
  return false;
}

function refuseDeepNesting(text: string, fileKind: string): void {
  const tooDeepAt = nestingBeyond(text, maxJsonDepth);
  if (tooDeepAt === null) return;
  const { line, column } = lineAndColumn(text, tooDeepAt);
  throw importError(`line ${line}, column ${column}`, `the JSON is nested more than ${maxJsonDepth} levels deep, so not ${fileKind}.`);
}

const [backslash, quotationMark, openingBracket, openingBrace] = [...'\\"[{'].map((char) => char.charCodeAt(0));

/** The offset of the bracket that opens level `limit + 1` (outside strings), or null when the text stays within it. */
function nestingBeyond(text: string, limit: number): number | null {
  let depth = 0;
  // From one structural character to the next, and over each string in one
  // step: a 2 MB export is mostly strings, and walking them character by
  // character cost as much as JSON.parse itself.
  const structural = /["[\]{}]/g;
  for (let match = structural.exec(text); match !== null; match = structural.exec(text)) {
    const code = text.charCodeAt(match.index);
    if (code === quotationMark) structural.lastIndex = stringEnd(text, match.index + 1);
    else if (code === openingBracket || code === openingBrace) {
      if (++depth > limit) return match.index;
    } else depth--;
  }
  return null;
}

/** The offset just past the quotation mark that closes a string whose text starts at `from` (the text's length if none does). */
function stringEnd(text: string, from: number): number {
  for (let quote = text.indexOf('"', from); quote !== -1; quote = text.indexOf('"', quote + 1)) {
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === backslash) backslashes++;
    // An even run of backslashes escapes itself, not the quotation mark.
    if (backslashes % 2 === 0) return quote + 1;
  }
  return text.length;
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lastBreak = before.lastIndexOf('\n');
  return { line: before.split('\n').length, column: offset - lastBreak };
}

function describeCharacter(code: number): string {
  if (code < 0x20 || code === 0x7f) return `control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `“${String.fromCodePoint(code)}”`;
}

/**
 * The offset of the first character that makes `text` invalid JSON
 * (RFC 8259), `text.length` when it ends too early, or null if it is valid
 * (or nested too deeply to check).
 */
export function firstJsonError(text: string): number | null {
  let at = 0;
  class Invalid {
    constructor(readonly offset: number) {}
  }
  const fail = (offset = at): never => {
    throw new Invalid(offset);
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text[at]!)) at++;
  };
  const literal = (word: string) => {
    for (const char of word) {
      if (text[at] !== char) fail();
      at++;
    }
  };
  const string = () => {
    at++; // the opening quote
    for (;;) {
      if (at >= text.length) fail();
      const char = text[at]!;
      if (char === '"') {
        at++;
        return;
      }
      if (char < ' ') fail();
      if (char === '\\') {
        at++;
        const escape = text[at];
        if (escape === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) fail(at + 1);
          at += 5;
        } else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) at++;
        else fail();
      } else at++;
    }
  };
  const number = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const value = (): void => {
    space();
    const char = text[at];
    if (char === undefined) fail();
    else if (char === '{') {
      at++;
      space();
      if (text[at] === '}') {
        at++;
        return;
      }
      for (;;) {
        space();
        if (text[at] !== '"') fail();
        string();
        space();
        if (text[at] !== ':') fail();
        at++;
        value();
        space();
        if (text[at] === ',') at++;
        else if (text[at] === '}') {
          at++;
          return;
        } else fail();
      }
    } else if (char === '[') {
      at++;
      space();
      if (text[at] === ']') {
        at++;
        return;
      }
      for (;;) {
        value();
        space();
        if (text[at] === ',') at++;
        else if (text[at] === ']') {
          at++;
          return;
        } else fail();
      }
    } else if (char === '"') string();
    else if (char === 't') literal('true');
    else if (char === 'f') literal('false');
    else if (char === 'n') literal('null');
    else {
      number.lastIndex = at;
      const match = number.exec(text);
      if (!match || match[0] === '' || match[0] === '-') fail();
      at += match![0].length;
    }
  };
  try {
    value();
    space();
    if (at < text.length) fail();
    return null;
  } catch (error) {
    if (error instanceof Invalid) return Math.min(error.offset, text.length);
    if (error instanceof RangeError) return null; // too deep for this scanner; JSON.parse said enough
    throw error;
  }
}
