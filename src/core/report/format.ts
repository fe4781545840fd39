/**
 * R-like number formatting, so that the text report reads like R's printed summaries:
 * - `formatReal(xs, digits)`: R's `format(x, digits = d)` for a vector (common format: each element
 *   shows at least `digits` significant digits where the smallest needs them, fixed notation unless
 *   scientific is narrower; R's format.c `formatReal` / `scientific`);
 * - `formatNumber(x, digits)`: the same for one number (`format(x, digits)`, `cat(x)` with digits 7);
 * - `formatSignif(x, digits)`: `format(signif(x, digits))` as spatialreg's summary lines use;
 * - `formatPval(ps, digits)`: R's `format.pval` (`< 2.2e-16` below machine epsilon);
 * - `signifStars(p)`: `***` `**` `*` `.` as `printCoefmat`;
 * - `coefTableCells(...)`: the cells of R's `printCoefmat` (estimates and SEs rounded jointly so
 *   that the smallest keeps `digits` significant digits, test statistics to `digits − 1` decimals,
 *   p-values by `format.pval`), which the text report, the exports and the results panel all use;
 *   `formatCoefTable(...)` lays them out as R prints them;
 * - `formatNamedVector`, `formatMatrix`: R's `print()` of a named vector and of a numeric matrix.
 * Never a fixed number of decimals: 0.004189 stays 0.004189 and 343733.063 keeps its digits.
 * Rounding uses JavaScript's exact-decimal conversions (toFixed / toExponential / toPrecision), which
 * round the exact binary value; R's sprintf rounds ties to even, so exact binary ties (e.g. 0.125 to
 * two decimals) may differ in the last digit.
 */

/** .Machine$double.eps, R's default `eps` in format.pval / printCoefmat. */
export const DOUBLE_EPS = 2.220446049250313e-16;

/** An undefined statistic (result.ts `defined`: any non-finite value) prints as R's NA. */
const UNDEFINED_TEXT = 'NA';

interface SciParts {
  neg: boolean;
  /** Decimal exponent of x rounded to `digits` significant digits. */
  kpower: number;
  /** Significant digits needed (≤ digits) after dropping trailing zeros. */
  nsig: number;
  /** Rounding to `digits` pushed the exponent up although |x| < 10^kpower. */
  roundingWidens: boolean;
}

/** R's `scientific()`: exponent and number of significant digits of x at `digits` precision. */
function scientific(x: number, digits: number): SciParts {
  if (x === 0) return { neg: false, kpower: 0, nsig: 1, roundingWidens: false };
  const neg = x < 0;
  const s = Math.abs(x).toExponential(Math.max(0, Math.min(digits, 100) - 1));
  const [mant, exp] = s.split('e');
  const kpower = Number(exp);
  const mdigits = mant.replace('.', '');
  let nsig = mdigits.length;
  while (nsig > 1 && mdigits[nsig - 1] === '0') nsig--;
  const roundingWidens = kpower > 0 && kpower <= 22 && Math.abs(x) < Math.pow(10, kpower);
  return { neg, kpower, nsig, roundingWidens };
}

/** The common format R chooses for a set of numbers: fixed with `decimals`, or scientific with `mantissa` digits. */
export interface RealFormat {
  scientific: boolean;
  /** Digits after the decimal point in fixed notation. */
  decimals: number;
  /** Digits after the point of the mantissa in scientific notation. */
  mantissa: number;
  /** Exponent digits (2 or 3) in scientific notation. */
  expDigits: number;
  /** Common width. */
  width: number;
}

/** R's `formatReal`: the common format of the finite values of `xs` at `digits` significant digits. */
export function chooseFormat(xs: readonly number[], digits = 7, nsmall = 0): RealFormat {
  let rgt = -Infinity;
  let mxsl = -Infinity;
  let mxns = -Infinity;
  let mxe = -Infinity;
  let mne = Infinity;
  let mxl = -Infinity;
  let anyNeg = false;
  let anyFinite = false;
  let naWidth = 0;
  for (const x of xs) {
    if (!Number.isFinite(x)) {
      naWidth = Math.max(naWidth, UNDEFINED_TEXT.length);
      continue;
    }
    anyFinite = true;
    const sp = scientific(x, digits);
    let left = sp.kpower + 1;
    if (sp.roundingWidens) left--;
    const sleft = (sp.neg ? 1 : 0) + (left <= 0 ? 1 : left);
    const right = sp.nsig - left;
    if (sp.neg) anyNeg = true;
    rgt = Math.max(rgt, right);
    mxl = Math.max(mxl, left);
    mxsl = Math.max(mxsl, sleft);
    mxns = Math.max(mxns, sp.nsig);
    mxe = Math.max(mxe, sp.kpower);
    mne = Math.min(mne, sp.kpower);
  }
  if (!anyFinite) return { scientific: false, decimals: 0, mantissa: 0, expDigits: 2, width: naWidth };
  if (mxl < 0) mxsl = 1 + (anyNeg ? 1 : 0);
  if (rgt < 0) rgt = 0;
  let wF = mxsl + rgt + (rgt !== 0 ? 1 : 0);
  const e = mxe >= 100 || mne <= -99 ? 2 : 1;
  const d = mxns - 1;
  const wE = (anyNeg ? 1 : 0) + (d > 0 ? 1 : 0) + d + 4 + e;
  if (wF <= wE) {
    if (nsmall > rgt) {
      rgt = nsmall;
      wF = mxsl + rgt + 1;
    }
    return { scientific: false, decimals: rgt, mantissa: 0, expDigits: e + 1, width: Math.max(wF, naWidth) };
  }
  return { scientific: true, decimals: 0, mantissa: d, expDigits: e + 1, width: Math.max(wE, naWidth) };
}

/** One number in a given format, without padding. */
export function applyFormat(x: number, f: RealFormat): string {
  if (!Number.isFinite(x)) return UNDEFINED_TEXT;
  let s: string;
  if (f.scientific) {
    const [m, e] = x.toExponential(f.mantissa).split('e');
    const sign = e[0] === '-' ? '-' : '+';
    s = `${m}e${sign}${e.slice(1).padStart(f.expDigits, '0')}`;
  } else {
    s = Math.abs(x) >= 1e21 ? fixedBig(x, f.decimals) : x.toFixed(f.decimals);
  }
  // R prints negative zero without its sign.
  if (/^-0(\.0*)?(e[+-]\d+)?$/.test(s)) s = s.slice(1);
  return s;
}

function fixedBig(x: number, decimals: number): string {
  const int = BigInt(Math.round(x)).toString();
  return decimals > 0 ? `${int}.${'0'.repeat(decimals)}` : int;
}

/** R's `format(xs, digits)`: common format, right-justified to a common width. */
export function formatReal(xs: readonly number[], digits = 7, nsmall = 0): string[] {
  const f = chooseFormat(xs, digits, nsmall);
  return xs.map((x) => applyFormat(x, f).padStart(f.width));
}

/** R's `format(x, digits)` for one number (no padding). */
export function formatNumber(x: number, digits = 7): string {
  return applyFormat(x, chooseFormat([x], digits));
}

/** R's `signif(x, digits)`. */
export function signif(x: number, digits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(Math.max(1, Math.min(digits, 100))));
}

/** `format(signif(x, digits))`: how spatialreg's summary prints ρ, LR, σ², AIC, ... */
export function formatSignif(x: number, digits = 5): string {
  return formatNumber(signif(x, digits), Math.max(7, digits));
}

/** R's `format.pval(pv, digits, eps)`: fixed for p ≥ 1e-4 (1e-3 when digits = 1), else scientific; `< eps` below eps. */
export function formatPval(ps: readonly number[], digits = Math.max(1, 7 - 2), eps = DOUBLE_EPS): string[] {
  const out: string[] = new Array(ps.length).fill('');
  const is0 = ps.map((p) => p < eps);
  const idx = ps.map((_, i) => i).filter((i) => !is0[i] && !Number.isNaN(ps[i]));
  const expo = (p: number) => Math.floor(Math.log10(p > 0 ? p : 1e-50));
  const fixp = idx.filter((i) => expo(ps[i]) >= -3 || (expo(ps[i]) === -4 && digits > 1));
  const sci = idx.filter((i) => !fixp.includes(i));
  if (fixp.length) {
    const f = chooseFormat(fixp.map((i) => ps[i]), digits);
    fixp.forEach((i) => (out[i] = applyFormat(ps[i], f)));
  }
  if (sci.length) {
    const f = chooseFormat(sci.map((i) => ps[i]), digits);
    sci.forEach((i) => (out[i] = applyFormat(ps[i], f)));
  }
  ps.forEach((p, i) => {
    if (Number.isNaN(p)) out[i] = UNDEFINED_TEXT;
  });
  if (is0.some(Boolean)) {
    let d = Math.max(1, digits - 2);
    let sep: string;
    if (idx.length) {
      const nc = Math.max(...idx.map((i) => out[i].length));
      if (d > 1 && d + 6 > nc) d = Math.max(1, nc - 7);
      sep = d === 1 && nc <= 6 ? '' : ' ';
    } else {
      sep = d === 1 ? '' : ' ';
    }
    const e = `<${sep}${formatNumber(eps, d)}`;
    is0.forEach((z, i) => {
      if (z) out[i] = e;
    });
  }
  return out;
}

/** Significance stars as R's `printCoefmat`: *** < 0.001 ≤ ** < 0.01 ≤ * < 0.05 ≤ . < 0.1. */
export function signifStars(p: number): string {
  if (!(p >= 0)) return '';
  if (p < 0.001) return '***';
  if (p < 0.01) return '**';
  if (p < 0.05) return '*';
  if (p < 0.1) return '.';
  return '';
}

export const SIGNIF_LEGEND = "Signif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1";

/** Lay out a character matrix as R's print(quote = FALSE): row names left, cells right-justified. */
export function layoutTable(rowNames: readonly string[], colNames: readonly string[], cells: readonly (readonly string[])[], opts: { leftAlign?: boolean[] } = {}): string {
  const rw = Math.max(0, ...rowNames.map((r) => r.length));
  const widths = colNames.map((c, j) => Math.max(c.length, ...cells.map((row) => row[j].length)));
  const pad = (s: string, w: number, j: number) => (opts.leftAlign?.[j] ? s.padEnd(w) : s.padStart(w));
  const lines = [' '.repeat(rw) + colNames.map((c, j) => ' ' + pad(c, widths[j], j)).join('')];
  cells.forEach((row, i) => lines.push(rowNames[i].padEnd(rw) + row.map((c, j) => ' ' + pad(c, widths[j], j)).join('')));
  return lines.map((l) => l.replace(/\s+$/, '')).join('\n');
}

export interface CoefTableRow {
  name: string;
  estimate: number;
  stdError: number;
  statistic: number;
  p: number;
}

export interface CoefTableOptions {
  /** printCoefmat's digits (spatialreg's summary: 5; lm's: 4). */
  digits?: number;
  /** Column labels. */
  statLabel?: string;
  pLabel?: string;
  stars?: boolean;
}

export interface CoefTableCells {
  estimate: string;
  stdError: string;
  statistic: string;
  p: string;
  /** `***`, `**`, `*`, `.` or ''. */
  stars: string;
}

/**
 * The cells of R's `printCoefmat`, unpadded: estimates and SEs rounded to max(1, digits − digmin)
 * decimals, where digmin is the number of integer digits of the smallest non-zero |value| (R
 * applies max() to the range: the smallest wins), then formatted together; test statistics to
 * `digits − 1` decimals; p-values by `format.pval`.
 */
export function coefTableCells(rows: readonly CoefTableRow[], digits = 5): CoefTableCells[] {
  const digTst = Math.max(1, Math.min(5, digits - 1));
  const cs = rows.flatMap((r) => [r.estimate, r.stdError]);
  const acs = cs.map(Math.abs).filter((v) => Number.isFinite(v) && v !== 0);
  const digmin = acs.length ? 1 + Math.floor(Math.log10(Math.min(...acs))) : 1;
  const dec = Math.max(1, digits - digmin);
  const csText = formatReal(cs.map((v) => roundDecimals(v, dec)), digits).map((s) => s.trim());
  // Values that are not zero but print as zero get their own format (printCoefmat's fix-up).
  cs.forEach((v, i) => {
    if (v !== 0 && Number.isFinite(v) && Number(csText[i]) === 0) csText[i] = formatNumber(v, Math.max(1, digits - 1));
  });
  const tst = formatReal(rows.map((r) => roundDecimals(r.statistic, digTst)), digits).map((s) => s.trim());
  const pv = formatPval(rows.map((r) => r.p), digTst);
  return rows.map((r, i) => ({ estimate: csText[2 * i], stdError: csText[2 * i + 1], statistic: tst[i], p: pv[i], stars: signifStars(r.p) }));
}

/** R's `printCoefmat` for a table of estimates, SEs, test statistics and p-values. */
export function formatCoefTable(rows: readonly CoefTableRow[], opts: CoefTableOptions = {}): string {
  const stars = opts.stars && rows.some((r) => r.p < 0.1);
  const colNames = ['Estimate', 'Std. Error', opts.statLabel ?? 'z value', opts.pLabel ?? 'Pr(>|z|)'];
  if (stars) colNames.push('');
  const tc = coefTableCells(rows, opts.digits ?? 5);
  const starWidth = Math.max(...tc.map((c) => c.stars.length));
  const cells = tc.map((c) => (stars ? [c.estimate, c.stdError, c.statistic, c.p, c.stars.padEnd(starWidth)] : [c.estimate, c.stdError, c.statistic, c.p]));
  // format() pads estimates and SEs to one common width.
  const w0 = Math.max(...cells.map((c) => Math.max(c[0].length, c[1].length)));
  cells.forEach((c) => {
    c[0] = c[0].padStart(w0);
    c[1] = c[1].padStart(w0);
  });
  let text = layoutTable(
    rows.map((r) => r.name),
    colNames,
    cells,
    { leftAlign: stars ? [false, false, false, false, true] : undefined },
  );
  if (stars) text += `\n---\n${SIGNIF_LEGEND}`;
  return text;
}

/** R's round(x, d) for d ≥ 0 via the exact decimal expansion. */
export function roundDecimals(x: number, d: number): number {
  if (!Number.isFinite(x)) return x;
  if (d >= 20) return x;
  const v = Number(x.toFixed(d));
  return v === 0 ? 0 : v;
}

/** R's print of a named numeric vector (common format, names right-aligned above, wrapped at `width`). */
export function formatNamedVector(names: readonly string[], values: readonly number[], digits = 7, width = 80): string {
  const vals = formatReal(values, digits).map((s) => s.trim());
  const w = Math.max(...vals.map((v) => v.length), ...names.map((n) => n.length));
  const perLine = Math.max(1, Math.floor(width / (w + 1)));
  const lines: string[] = [];
  for (let start = 0; start < values.length; start += perLine) {
    const idx = values.map((_, i) => i).slice(start, start + perLine);
    lines.push(idx.map((i) => names[i].padStart(w)).join(' '));
    lines.push(idx.map((i) => vals[i].padStart(w)).join(' '));
  }
  return lines.join('\n');
}

/** R's print of a numeric matrix: each column formatted on its own at `digits`. */
export function formatMatrix(rowNames: readonly string[], colNames: readonly string[], columns: readonly (readonly number[])[], digits = 7): string {
  const colText = columns.map((col) => formatReal(col, digits).map((s) => s.trim()));
  const cells = rowNames.map((_, i) => colText.map((c) => c[i]));
  // Within a column R pads to the common width; right-justification in layoutTable does the same.
  return layoutTable(rowNames, colNames, cells);
}

/** R's `zapsmall(x, digits)`: round so that values tiny relative to the largest become 0. */
export function zapsmall(xs: readonly number[], digits = 7): number[] {
  const finite = xs.filter(Number.isFinite).map(Math.abs);
  const mx = finite.length ? Math.max(...finite) : 0;
  const d = mx > 0 ? Math.max(0, digits - Math.ceil(Math.log10(mx))) : digits;
  return xs.map((x) => roundDecimals(x, d));
}
