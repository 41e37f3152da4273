/**
 * A ZIP archive read entry by entry, for EPUBs: the central directory is
 * listed without inflating anything, and an entry is inflated only when
 * asked, with Node's zlib told the most it may produce. zlib then stops as
 * soon as the output passes the entry's declared size, so an entry that
 * declares 1,000 bytes but holds gigabytes of deflated zeros costs a few
 * kilobytes of work, not minutes (fflate inflates the whole stream and
 * discards the excess).
 *
 * Layout from the PKWARE APPNOTE: end of central directory record (last 22
 * bytes plus a comment of up to 64 KB), central directory file headers,
 * local file headers followed by the data.
 */
import { crc32, inflateRawSync } from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated; anything else cannot be read. */
  method: number;
  compressedSize: number;
  /** What the central directory declares the entry unpacks to. */
  size: number;
  crc: number;
  localHeaderOffset: number;
}

/** What is wrong with an archive, in words that finish "… is not a readable EPUB: ". */
export class ZipError extends Error {}

const endOfDirectorySignature = 0x06054b50;
const directoryHeaderSignature = 0x02014b50;
const localHeaderSignature = 0x04034b50;
const endOfDirectoryLength = 22;
const maxCommentLength = 0xffff;
/** ZIP64 marks its sizes and offsets with these; a file within Gloss's 50 MB limit never needs them. */
const zip64Marker = 0xffffffff;

/** The archive's entries by name, folders left out; throws ZipError when there is no readable central directory. */
export function listZip(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndOfDirectory(view);
  if (end < 0) throw new ZipError('it is not a ZIP archive (an EPUB is one)');
  const count = view.getUint16(end + 10, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (directoryOffset === zip64Marker || count === 0xffff) throw new ZipError('it is a ZIP64 archive, which no EPUB needs; save it again');
  const entries = new Map<string, ZipEntry>();
  const names = new TextDecoder('utf-8');
  let offset = directoryOffset;
  for (let index = 0; index < count; index++) {
    if (offset + 46 > view.byteLength || view.getUint32(offset, true) !== directoryHeaderSignature) {
      throw new ZipError('its archive is damaged (its list of files is cut short)');
    }
    const nameLength = view.getUint16(offset + 28, true);
    const entry: ZipEntry = {
      name: names.decode(bytes.subarray(offset + 46, offset + 46 + nameLength)),
      method: view.getUint16(offset + 10, true),
      crc: view.getUint32(offset + 16, true),
      compressedSize: view.getUint32(offset + 20, true),
      size: view.getUint32(offset + 24, true),
      localHeaderOffset: view.getUint32(offset + 42, true),
    };
    if (entry.size === zip64Marker || entry.compressedSize === zip64Marker || entry.localHeaderOffset === zip64Marker) {
      throw new ZipError('it is a ZIP64 archive, which no EPUB needs; save it again');
    }
    if (!entry.name.endsWith('/')) entries.set(entry.name, entry);
    offset += 46 + nameLength + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true);
  }
  return entries;
}

/**
 * The entry's bytes, never more than it declares: zlib is stopped as soon as
 * the output passes that size. Throws ZipError when the data does not match
 * what the directory says (size or checksum) or uses another compression.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const header = entry.localHeaderOffset;
  if (header + 30 > view.byteLength || view.getUint32(header, true) !== localHeaderSignature) {
    throw new ZipError(`${entry.name} is damaged (its data is not where the archive says)`);
  }
  const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true);
  if (start + entry.compressedSize > bytes.byteLength) throw new ZipError(`${entry.name} is damaged (its data is cut short)`);
  const data = bytes.subarray(start, start + entry.compressedSize);
  let content: Uint8Array;
  // A copy, so that a stored image kept as an asset does not hold the whole archive in memory.
  if (entry.method === 0) content = data.slice();
  else if (entry.method === 8) {
    try {
      // maxOutputLength must be at least 1; an empty entry then still fails the size check below if it holds anything.
      const inflated = inflateRawSync(data, { maxOutputLength: Math.max(entry.size, 1) });
      content = new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength);
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new ZipError(
        code === 'ERR_BUFFER_TOO_LARGE'
          ? `${entry.name} holds more than the ${entry.size} bytes it declares (a damaged file or a zip bomb)`
          : `${entry.name} is damaged (${(error as Error).message})`,
      );
    }
  } else throw new ZipError(`${entry.name} uses a compression method (${entry.method}) EPUBs do not use`);
  if (content.byteLength !== entry.size) {
    throw new ZipError(`${entry.name} holds ${content.byteLength} bytes, not the ${entry.size} it declares (a damaged file)`);
  }
  if (crc32(content) >>> 0 !== entry.crc) throw new ZipError(`${entry.name} is damaged (its checksum does not match)`);
  return content;
}

/** The end of central directory record's offset, or -1; searched backwards past a comment of any length. */
function findEndOfDirectory(view: DataView): number {
  const earliest = Math.max(0, view.byteLength - endOfDirectoryLength - maxCommentLength);
  for (let offset = view.byteLength - endOfDirectoryLength; offset >= earliest; offset--) {
    if (view.getUint32(offset, true) === endOfDirectorySignature) return offset;
  }
  return -1;
}
