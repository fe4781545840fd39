/**
 * Character offsets → 1-based line and column, for messages. Lines end at \n, \r\n or a lone \r
 * (old Mac files), the three line ends VS Code itself recognises; columns count UTF-16 code
 * units, as VS Code does.
 */
import type { Range } from '../problems';

export class TextPositions {
  /** Offsets where lines start (built on first use: only error paths need it). */
  private starts?: Int32Array | number[];

  constructor(private readonly text: string) {}

  private lineStarts(): Int32Array | number[] {
    if (this.starts) return this.starts;
    const t = this.text;
    const starts: number[] = [0];
    let n = t.indexOf('\n');
    let r = t.indexOf('\r');
    while (n >= 0 || r >= 0) {
      let end: number;
      if (r >= 0 && (n < 0 || r < n)) {
        end = t.charCodeAt(r + 1) === 10 ? r + 2 : r + 1;
      } else {
        end = n + 1;
      }
      starts.push(end);
      if (n >= 0 && n < end) n = t.indexOf('\n', end);
      if (r >= 0 && r < end) r = t.indexOf('\r', end);
    }
    return (this.starts = starts);
  }

  /** 1-based line and column of `offset` (clamped to the text). */
  at(offset: number): { line: number; column: number } {
    const starts = this.lineStarts();
    const off = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= off) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: off - starts[lo] + 1 };
  }

  /** Range of `length` characters from `offset`; the end is given when it lies on the same line. */
  range(offset: number, length: number): Range {
    const a = this.at(offset);
    const b = this.at(offset + Math.max(0, length));
    return b.line === a.line ? { line: a.line, column: a.column, endLine: a.line, endColumn: b.column } : { line: a.line, column: a.column };
  }

  /** Number of lines (a text without a line end has one; a final line end starts an empty last line). */
  get lineCount(): number {
    return this.lineStarts().length;
  }
}
