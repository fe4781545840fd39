/**
 * Writing one cell back into CSV text: where the cell's raw text ends (quotes included) and how a
 * new value must be written (quoted only when it has to be). Pure.
 */

/** The value as a CSV field: quoted (quotes doubled) only if it holds the delimiter, a quote or a line break. */
export function quoteCell(value: string, delimiter: string): string {
  if (value.includes(delimiter) || /["\r\n]/.test(value)) return `"${value.replace(/"/g, '""')}"`;
  return value;
}

/**
 * Length of the raw field that starts at `offset` in `text`: a quoted field up to and including
 * its closing quote (and anything up to the next delimiter, as papaparse keeps it), or an unquoted
 * one up to the delimiter or the line break.
 */
export function rawFieldLength(text: string, offset: number, delimiter: string): number {
  let p = offset;
  if (text.charCodeAt(offset) === 34) {
    p = offset + 1;
    for (;;) {
      const close = text.indexOf('"', p);
      if (close < 0) return text.length - offset;
      if (text.charCodeAt(close + 1) === 34) {
        p = close + 2;
        continue;
      }
      p = close + 1;
      break;
    }
  }
  let end = text.length;
  const d = text.indexOf(delimiter, p);
  if (d >= 0) end = d;
  const nl = text.indexOf('\n', p);
  if (nl >= 0 && nl < end) end = nl;
  const cr = text.indexOf('\r', p);
  if (cr >= 0 && cr < end) end = cr;
  return end - offset;
}

/** The value of a raw field (quotes removed, doubled quotes undone). */
export function unquoteField(raw: string): string {
  if (raw.charCodeAt(0) !== 34) return raw;
  const close = raw.lastIndexOf('"');
  if (close <= 0) return raw.slice(1).replace(/""/g, '"');
  return raw.slice(1, close).replace(/""/g, '"') + raw.slice(close + 1);
}
