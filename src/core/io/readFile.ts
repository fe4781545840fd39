/**
 * Bytes → text for every file the engine reads (spec, CSV, GAL, GWT, GeoJSON), so that the
 * parsers, which take text plus the file name, stay pure and testable: UTF-8 (a BOM is
 * stripped), or UTF-16 — with a BOM (Excel's "Unicode text", Notepad's "Unicode") or without
 * one when the bytes plainly are (every other byte zero).
 */
import { error, ProblemError } from '../problems';

/** Strings longer than this cannot be created by V8 (2^29 − 24 characters in Node 20). */
const MAX_STRING = (1 << 29) - 24;

export type TextEncoding = 'utf8' | 'utf16le' | 'utf16be';

/** The encoding of `bytes` and the length of its byte order mark. */
export function detectEncoding(bytes: Uint8Array): { encoding: TextEncoding; bom: number } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf16le', bom: 2 };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf16be', bom: 2 };
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf8', bom: 3 };
  // No BOM: UTF-16 of mostly ASCII text has a zero in every other byte; UTF-8 text has none.
  const m = Math.min(bytes.length, 256) & ~1;
  if (m >= 4) {
    let evenZero = 0;
    let oddZero = 0;
    for (let i = 0; i < m; i += 2) {
      if (bytes[i] === 0) evenZero++;
      if (bytes[i + 1] === 0) oddZero++;
    }
    const half = m / 2;
    if (oddZero >= 0.9 * half && evenZero === 0) return { encoding: 'utf16le', bom: 0 };
    if (evenZero >= 0.9 * half && oddZero === 0) return { encoding: 'utf16be', bom: 0 };
  }
  return { encoding: 'utf8', bom: 0 };
}

/** The text of a file's bytes, BOM removed. A text too long for one string is a ProblemError at `file`. */
export function decodeText(bytes: Buffer, file: string): string {
  const { encoding, bom } = detectEncoding(bytes);
  const chars = encoding === 'utf8' ? bytes.length - bom : (bytes.length - bom) >> 1;
  if (chars > MAX_STRING) {
    throw new ProblemError(error(`${file} is too large to read as one text (${(bytes.length / 1e6).toFixed(0)} MB; the limit is about 500 MB)`, file, { line: 1, column: 1 }, 'file-too-large'));
  }
  if (encoding === 'utf8') return bytes.toString('utf8', bom);
  if (encoding === 'utf16le') return bytes.toString('utf16le', bom, bom + 2 * chars);
  const swapped = Buffer.from(bytes.subarray(bom, bom + 2 * chars));
  swapped.swap16();
  return swapped.toString('utf16le');
}
