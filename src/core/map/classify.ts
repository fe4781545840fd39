/**
 * Map classifications as GeoDa makes them (CatClassification; Anselin, GeoDa workbook "Basic
 * Mapping"), each returning class bounds, labels and counts for the legend:
 *
 *   continuous          one ramp from min to max (no classes; the legend shows the range)
 *   quantile k          breaks at GeoDa's percentiles 100·i/k (= R `quantile(type = 5)`)
 *   naturalBreaks k     Fisher–Jenks optimal classes (jenks.ts); cut points midway between
 *                       classes, as R classInt `style = "fisher"`
 *   equalInterval k     breaks at min + i (max − min)/k (classInt `style = "equal"`)
 *   standardDeviation   breaks at mean ± 1, 2 standard deviations (n − 1), six classes
 *   boxMap              hinge 1.5 or 3: Tukey's hinges Q1, median, Q3 (GeoDa `HingeStats` = R
 *                       `fivenum`) and fences Q1 − h·IQR, Q3 + h·IQR: lower outlier, < 25 %,
 *                       25–50 %, 50–75 %, > 75 %, upper outlier
 *
 * A value on a break goes to the class nearer the middle, as GeoDa assigns: with b breaks, the
 * first ⌊(b + 1)/2⌋ close their upper class on the left ([b_j, …)), the others their lower
 * class on the right ((…, b_j]). Non-finite values get class −1 ("undefined").
 */
import { formatSignif } from '../report/format';
import { MAX_DISTINCT, naturalBreaks } from './jenks';

export type ClassificationMethod = 'continuous' | 'quantile' | 'naturalBreaks' | 'equalInterval' | 'standardDeviation' | 'boxMap';
export const CLASSIFICATION_METHODS: readonly ClassificationMethod[] = ['continuous', 'quantile', 'naturalBreaks', 'equalInterval', 'standardDeviation', 'boxMap'];

export interface ClassifyOptions {
  method: ClassificationMethod;
  /** Number of classes for quantile, naturalBreaks and equalInterval (default 5). */
  k?: number;
  /** Box map hinge (default 1.5). */
  hinge?: 1.5 | 3;
  /** Significant digits of the numbers in labels (default 4). */
  digits?: number;
}

export interface MapClass {
  /** Interval of the class: [lower, upper] with the closures below (±Infinity for open-ended classes). */
  lower: number;
  upper: number;
  lowerClosed: boolean;
  upperClosed: boolean;
  /** Smallest and largest value in the class (NaN when empty). */
  min: number;
  max: number;
  count: number;
  /** Legend text: the interval, prefixed by the class name where it has one ("Upper outlier"). */
  label: string;
  name?: string;
}

export interface Classification {
  method: ClassificationMethod;
  /** Cut points between consecutive classes, ascending (empty for continuous). */
  breaks: number[];
  classes: MapClass[];
  /** Class index of each value, −1 for non-finite ones. */
  classOf: Int16Array;
  /** Smallest and largest finite value. */
  min: number;
  max: number;
  /** Values that are not finite (shown as "undefined"). */
  undefinedCount: number;
  /** Box map only. */
  hinges?: { q1: number; median: number; q3: number; iqr: number; lowerFence: number; upperFence: number; hinge: number };
  /** Standard deviation map only. */
  meanSd?: { mean: number; sd: number };
  /** Said when natural breaks were computed on a sample. */
  note?: string;
}

const BOX_NAMES = ['Lower outlier', '< 25%', '25% - 50%', '50% - 75%', '> 75%', 'Upper outlier'];

/** GeoDa's percentile (Gda::percentile) of sorted values: linear between the points (i + ½)/n, i.e. R quantile type 5. */
export function percentileType5(sorted: Float64Array, p: number): number {
  const n = sorted.length;
  const h = n * p - 0.5;
  if (h <= 0) return sorted[0];
  if (h >= n - 1) return sorted[n - 1];
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

/** Tukey's hinges (R `fivenum`, GeoDa `HingeStats`): the medians of the lower and upper halves, the median shared when n is odd. */
export function tukeyHinges(sorted: Float64Array): { q1: number; median: number; q3: number } {
  const n = sorted.length;
  const at = (d: number): number => 0.5 * (sorted[Math.floor(d) - 1] + sorted[Math.ceil(d) - 1]);
  const n4 = Math.floor((n + 3) / 2) / 2;
  return { q1: at(n4), median: at((n + 1) / 2), q3: at(n + 1 - n4) };
}

export function classify(values: ArrayLike<number>, opts: ClassifyOptions): Classification {
  const method = opts.method;
  const digits = opts.digits ?? 4;
  const finite: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) finite.push(values[i]);
  const sorted = Float64Array.from(finite).sort();
  const nf = sorted.length;
  const min = nf ? sorted[0] : NaN;
  const max = nf ? sorted[nf - 1] : NaN;
  const k = opts.k ?? 5;
  if (method === 'quantile' || method === 'naturalBreaks' || method === 'equalInterval') {
    if (!(Number.isInteger(k) && k >= 1 && k <= 64)) throw new RangeError(`the number of classes must be an integer in 1..64, got ${k}`);
  }
  let breaks: number[] = [];
  /** Natural breaks assign by the classes' largest values (a midpoint could round onto a value). */
  let uppers: number[] | undefined;
  let names: string[] | undefined;
  let extra: Partial<Classification> = {};
  if (nf > 0) {
    switch (method) {
      case 'continuous':
        break;
      case 'quantile':
        for (let i = 1; i < k; i++) breaks.push(percentileType5(sorted, i / k));
        break;
      case 'equalInterval':
        for (let i = 1; i < k; i++) breaks.push(min + ((max - min) * i) / k);
        break;
      case 'naturalBreaks': {
        const nb = naturalBreaks(sorted, k);
        uppers = nb.uppers;
        // Cut midway between each class's largest value and the next class's smallest.
        for (let c = 0; c + 1 < nb.uppers.length; c++) {
          const next = sorted[upperIndex(sorted, nb.uppers[c])];
          breaks.push((nb.uppers[c] + next) / 2);
        }
        if (nb.sampled) extra = { note: `more than ${MAX_DISTINCT} distinct values: natural breaks computed on ${MAX_DISTINCT} evenly ranked order statistics` };
        break;
      }
      case 'standardDeviation': {
        let s = 0;
        for (const v of sorted) s += v;
        const mean = s / nf;
        let ss = 0;
        for (const v of sorted) ss += (v - mean) ** 2;
        const sd = nf > 1 ? Math.sqrt(ss / (nf - 1)) : 0;
        breaks = [mean - 2 * sd, mean - sd, mean, mean + sd, mean + 2 * sd];
        names = ['< −2 sd', '−2 sd to −1 sd', '−1 sd to mean', 'mean to +1 sd', '+1 sd to +2 sd', '> +2 sd'];
        extra = { meanSd: { mean, sd } };
        break;
      }
      case 'boxMap': {
        const hinge = opts.hinge ?? 1.5;
        if (hinge !== 1.5 && hinge !== 3) throw new RangeError(`the box map hinge is 1.5 or 3, got ${hinge}`);
        const { q1, median, q3 } = tukeyHinges(sorted);
        const iqr = q3 - q1;
        breaks = [q1 - hinge * iqr, q1, median, q3, q3 + hinge * iqr];
        names = BOX_NAMES;
        extra = { hinges: { q1, median, q3, iqr, lowerFence: breaks[0], upperFence: breaks[4], hinge } };
        break;
      }
      default: {
        const never: never = method;
        throw new RangeError(`unknown classification ${JSON.stringify(never)}`);
      }
    }
  }
  const nClasses = method === 'continuous' ? 1 : breaks.length + 1;
  const lowerHalf = (breaks.length + 1) >> 1;
  const classOf = new Int16Array(values.length);
  const classes: MapClass[] = [];
  for (let c = 0; c < nClasses; c++) {
    const lower = c === 0 ? (method === 'continuous' || !names ? min : -Infinity) : breaks[c - 1];
    const upper = c === nClasses - 1 ? (method === 'continuous' || !names ? max : Infinity) : breaks[c];
    classes.push({
      lower, upper,
      // Break j (0-based) closes class j + 1 on the left when j < lowerHalf, else class j on the right.
      lowerClosed: c === 0 ? Number.isFinite(lower) : c - 1 < lowerHalf,
      upperClosed: c === nClasses - 1 ? Number.isFinite(upper) : c >= lowerHalf,
      min: NaN, max: NaN, count: 0, label: '', name: names?.[c],
    });
  }
  let undefinedCount = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) {
      classOf[i] = -1;
      undefinedCount++;
      continue;
    }
    const c = method === 'continuous' ? 0 : uppers ? upperClass(v, uppers) : classIndex(v, breaks, lowerHalf);
    classOf[i] = c;
    const cl = classes[c];
    if (cl.count === 0 || v < cl.min) cl.min = v;
    if (cl.count === 0 || v > cl.max) cl.max = v;
    cl.count++;
  }
  for (const cl of classes) cl.label = labelOf(cl, digits);
  return { method, breaks, classes, classOf, min, max, undefinedCount, ...extra };
}

/** GeoDa's rule: below the first ⌊(b + 1)/2⌋ breaks by "<", then by "≤". */
function classIndex(v: number, breaks: readonly number[], lowerHalf: number): number {
  for (let j = 0; j < lowerHalf; j++) if (v < breaks[j]) return j;
  for (let j = lowerHalf; j < breaks.length; j++) if (v <= breaks[j]) return j;
  return breaks.length;
}

/** The first class whose largest value is ≥ v. */
function upperClass(v: number, uppers: readonly number[]): number {
  for (let c = 0; c < uppers.length - 1; c++) if (v <= uppers[c]) return c;
  return uppers.length - 1;
}

/** Index of the first sorted value greater than v. */
function upperIndex(sorted: Float64Array, v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function labelOf(c: MapClass, digits: number): string {
  const f = (x: number): string => formatSignif(x, digits);
  let interval: string;
  if (!Number.isFinite(c.lower) && !Number.isFinite(c.upper)) interval = 'all values';
  else if (!Number.isFinite(c.lower)) interval = `${c.upperClosed ? '≤' : '<'} ${f(c.upper)}`;
  else if (!Number.isFinite(c.upper)) interval = `${c.lowerClosed ? '≥' : '>'} ${f(c.lower)}`;
  else interval = `${c.lowerClosed ? '[' : '('}${f(c.lower)}, ${f(c.upper)}${c.upperClosed ? ']' : ')'}`;
  return c.name ? `${c.name} ${interval}` : interval;
}
