/**
 * Character offsets → ranges of one text, for messages, with the spec's line index (lines end at
 * \n, \r\n or a lone \r, as the editor counts them), built on first use: only error paths need it.
 */
import type { Range } from '../problems';
import { lineIndex } from '../spec/json';

export class TextPositions {
  private index?: (offset: number) => { line: number; column: number };

  constructor(private readonly text: string) {}

  /** 1-based line and column of `offset` (clamped to the text). */
  at(offset: number): { line: number; column: number } {
    this.index ??= lineIndex(this.text);
    return this.index(Math.max(0, Math.min(offset, this.text.length)));
  }

  /** Range of `length` characters from `offset`; the end is given when it lies on the same line. */
  range(offset: number, length: number): Range {
    const a = this.at(offset);
    const b = this.at(offset + Math.max(0, length));
    return b.line === a.line ? { line: a.line, column: a.column, endLine: a.line, endColumn: b.column } : { line: a.line, column: a.column };
  }
}
