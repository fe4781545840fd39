/**
 * The one place in io/ that touches the file system: read a whole text file for the parsers,
 * which take text plus the file name (so they stay pure and testable).
 */
import { readFileSync } from 'fs';
import { error, ProblemError } from '../problems';

/** Strings longer than this cannot be created by V8 (2^29 − 24 characters in Node 20). */
const MAX_STRING = (1 << 29) - 24;

/**
 * Read `path` as text: UTF-8 (BOM stripped), or UTF-16 when it starts with a UTF-16 BOM
 * (Excel's "Unicode text"). Errors become a ProblemError at `path`.
 */
export function readTextFile(path: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new ProblemError(error(`cannot read ${path}: ${why}`, path, { line: 1, column: 1 }, 'file-read'));
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le', 2);
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (bytes.length - start > MAX_STRING) {
    throw new ProblemError(error(`${path} is too large to read as one text (${(bytes.length / 1e6).toFixed(0)} MB; the limit is about 500 MB)`, path, { line: 1, column: 1 }, 'file-too-large'));
  }
  return bytes.toString('utf8', start);
}
