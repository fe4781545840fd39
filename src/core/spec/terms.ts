/**
 * Terms of the model as R formulas write them: a column, or a transform of one —
 * `log(x)`, `sqrt(x)`, `x^2` (R: `I(x^2)`), `scale(x)` (centred, divided by the sd with n − 1, as
 * R's `scale`). The label is R's name of the term in its output (`lagsarlm` prints `log(HOVAL)`,
 * `I(HOVAL^2)`; a Durbin lag is `lag.log(HOVAL)`).
 */
export type Transform = 'log' | 'sqrt' | 'square' | 'scale';

export interface Term {
  /** As written in the spec. */
  text: string;
  /** The data column it reads. */
  column: string;
  transform?: Transform;
  /** R's name for it. */
  label: string;
}

/** What each transform needs of its column, for messages. */
export const TRANSFORM_NEEDS: Readonly<Record<Transform, string>> = {
  log: 'positive values',
  sqrt: 'values ≥ 0',
  square: 'values whose square is finite (|x| < 1.3e154)',
  scale: 'at least two different values',
};

const CALL = /^\s*(log|sqrt|scale|I)\s*\(\s*(.*?)\s*\)\s*$/s;
const SQUARE = /^\s*(.*?)\s*\^\s*2\s*$/s;

/** A name R can write without backticks. */
function syntactic(name: string): boolean {
  return /^((\.[A-Za-z._])|[A-Za-z])[A-Za-z0-9._]*$/.test(name) || name === '.';
}
const quoted = (name: string) => (syntactic(name) ? name : `\`${name.replace(/`/g, '\\`')}\``);
const unquoted = (s: string) => (/^`.*`$/s.test(s) ? s.slice(1, -1).replace(/\\`/g, '`') : s);

/**
 * The term a spec entry denotes. `columns`, when given, wins: a column literally named `log(x)` is
 * that column, not a transform. Anything that is not one of the four forms is a column name.
 */
export function parseTerm(text: string, columns?: readonly string[]): Term {
  if (columns?.includes(text)) return { text, column: text, label: text };
  const call = CALL.exec(text);
  if (call) {
    const [, fn, arg] = call;
    if (fn === 'I') {
      const sq = SQUARE.exec(arg);
      if (sq && sq[1]) return square(text, unquoted(sq[1]));
    } else if (arg) {
      const column = unquoted(arg);
      return { text, column, transform: fn as Transform, label: `${fn}(${quoted(column)})` };
    }
  }
  const sq = SQUARE.exec(text);
  if (sq && sq[1]) return square(text, unquoted(sq[1]));
  return { text, column: text, label: text };
}

function square(text: string, column: string): Term {
  return { text, column, transform: 'square', label: `I(${quoted(column)}^2)` };
}

/**
 * The transformed values, or the first row whose value the transform cannot take (then nothing is
 * computed). Values are assumed finite (the CSV reader checks that).
 */
export function applyTransform(values: Float64Array, transform: Transform | undefined): { values: Float64Array } | { badRow: number } {
  if (!transform) return { values };
  const n = values.length;
  const out = new Float64Array(n);
  switch (transform) {
    case 'log':
    case 'sqrt':
    case 'square':
      for (let i = 0; i < n; i++) {
        const v = values[i];
        const t = transform === 'log' ? (v > 0 ? Math.log(v) : NaN) : transform === 'sqrt' ? (v >= 0 ? Math.sqrt(v) : NaN) : v * v;
        if (!Number.isFinite(t)) return { badRow: i };
        out[i] = t;
      }
      return { values: out };
    case 'scale': {
      // Scaled first by the power of two nearest the largest |x| (exact), so no sum overflows.
      let big = 0;
      for (let i = 0; i < n; i++) big = Math.max(big, Math.abs(values[i]));
      if (n < 2 || big === 0) return { badRow: 0 };
      const s = 2 ** -Math.min(1023, Math.max(-1022, Math.ceil(Math.log2(big))));
      let mean = 0;
      for (let i = 0; i < n; i++) mean += values[i] * s;
      mean /= n;
      let ss = 0;
      for (let i = 0; i < n; i++) ss += (values[i] * s - mean) ** 2;
      const sd = Math.sqrt(ss / (n - 1));
      if (!(sd > 0)) return { badRow: 0 };
      for (let i = 0; i < n; i++) out[i] = (values[i] * s - mean) / sd;
      return { values: out };
    }
  }
}
