/**
 * Text files' bytes to text. UTF-8 is the default and must be valid: a
 * replacement character silently standing in for every undecodable byte
 * would corrupt the document, so such a file is refused. UTF-16 is read
 * when a byte-order mark says so (Windows' "Unicode" text files).
 */
import { GlossError } from '../errors';

const byteOrderMarks: { bytes: number[]; encoding: 'utf-8' | 'utf-16le' | 'utf-16be' }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/** Decodes a text file; throws GlossError('invalid-argument') naming `name` when its bytes are not valid text. */
export function decodeText(name: string, bytes: Uint8Array): string {
  const mark = byteOrderMarks.find((candidate) => candidate.bytes.every((byte, index) => bytes[index] === byte));
  const encoding = mark?.encoding ?? 'utf-8';
  try {
    // The mark itself is dropped (ignoreBOM: false is the default).
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    throw new GlossError(
      'invalid-argument',
      encoding === 'utf-8'
        ? `${name} is not UTF-8 text (nor UTF-16 with a byte-order mark); save it as UTF-8 and try again.`
        : `${name} starts as ${encoding.toUpperCase()} text but is not valid ${encoding.toUpperCase()}.`,
    );
  }
}

/** NUL bytes do not occur in UTF-8 text; in UTF-16 they are ordinary, and those files carry a byte-order mark. */
export function looksBinary(bytes: Uint8Array): boolean {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return false;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return false;
  return bytes.includes(0);
}
