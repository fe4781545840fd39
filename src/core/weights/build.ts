/**
 * Spec + Table (+ parsed geometry / GAL / GWT) → SpatialWeights: neighbours with raw weights,
 * checks of what can be fitted with, style, symmetry, similarity transform and components.
 *
 * What is refused, each at the place to change it:
 * - weights that are not numbers one can compute with (1/0 or an overflow for inverse distances of
 *   (nearly) coincident points, an underflow for far ones, subnormal GWT weights): the pair named;
 * - rows without a usable neighbour: islands (no links), and rows that are islands in all but
 *   name — all weights 0, or (style W) weights that sum to ≤ 0 and cannot be row-standardised;
 *   an error unless allowIslands, then zero rows reported as islands;
 * - weights with no links at all (even with allowIslands): nothing spatial to fit. For a distance
 *   band the message gives the smallest threshold that gives every observation a neighbour;
 * - more than MAX_LINKS links;
 * - a style that cannot be applied (C, U or S with a total ≤ 0, B with an overflowing row).
 * Negative weights are a warning.
 */
import { MAX_LINKS } from '../limits';
import type { Csr } from '../sparse/csr';
import type { WeightsSpec } from '../spec/types';
import { error, info, Problem, ProblemError, Range, warning } from '../problems';
import { columnIndex, numericColumn } from '../io/csv';
import { GeoCollection, joinFeatures } from '../io/geojson';
import { firstFew, idKey, matchNeighbours, NeighbourFile, RowIds, rowIds } from '../io/neighbourFile';
import { ProblemList } from '../io/problemList';
import { cellLocation, Table } from '../io/table';
import { contiguityNeighbours, DEFAULT_SNAP } from './contiguity';
import { components, componentsVia, symmetrise, symmetry, TooManyLinksError } from './neighbours';
import { higherOrderNeighbours } from './higherOrder';
import { kernelWeights } from './kernel';
import { ceilSignif, minimumThreshold } from './connectivityFix';
import { distanceBandNeighbours, isUsableWeight, knnNeighbours, WeightValueError } from './points';
import { applyStyle, similarityDiagonal } from './style';
import type { SpatialWeights } from './types';

export interface BuildWeightsOptions {
  /** Parsed geometry, for contiguity weights. */
  geometry?: GeoCollection;
  /** Parsed GAL file, for `type: "gal"`. */
  gal?: NeighbourFile;
  /** Parsed GWT file, for `type: "gwt"`. */
  gwt?: NeighbourFile;
  /** The spec file, for problems about what the spec says (unknown column, k too large). */
  specFile?: string;
  /** Where a spec value is written, by JSON path such as "weights.k" or "weights.coordinates[0]". */
  rangeOf?: (path: string) => Range | undefined;
  /** Contiguity snapping distance (default: spdep's sqrt(double eps) ≈ 1.49e-8). */
  snap?: number;
  /** Most links allowed (default MAX_LINKS). */
  maxLinks?: number;
}

interface Where {
  file: string;
  range: Range;
}

/** What a weights type produced, and how to point at its rows and links. */
interface Source {
  raw: Csr;
  labels: readonly string[];
  /** Whether `labels` are ids from a column (else row numbers). */
  hasIds: boolean;
  /** The weights' source as the user knows it, for messages: a file name, or "the distance band". */
  name: string;
  /** The spec field to change when the weights as a whole cannot be used. */
  field: string;
  /** Where row i's own problems (e.g. being an island) are shown. */
  rowWhere(i: number): Where;
  /** Where the weight of i → j is written (the GWT line; the data row of i otherwise). */
  linkWhere(i: number, j: number): Where;
  localityOrder?: Int32Array;
  /** `raw` relabelled into `localityOrder`, when the source made it. */
  localRaw?: Csr;
  problems: Problem[];
}

/** Build the weights the spec describes, in data-row order. Throws ProblemError. */
export function buildWeights(spec: WeightsSpec, table: Table, opts: BuildWeightsOptions = {}): SpatialWeights {
  const n = table.nrows;
  const specFile = opts.specFile;
  const maxLinks = opts.maxLinks ?? MAX_LINKS;
  /** The place of a spec field (the spec's weights object when the field is not written). */
  const at = (path: string): Where => specFile
    ? { file: specFile, range: opts.rangeOf?.(path) ?? opts.rangeOf?.('weights') ?? { line: 1, column: 1 } }
    : { file: table.file, range: { line: 1, column: 1 } };
  const specError = (msg: string, path: string, code: string): Problem => {
    const w = at(path);
    return error(msg, w.file, w.range, code);
  };

  const src = withOrder(spec, readSource(spec, table, opts, at, specError, maxLinks), maxLinks, specError);
  const { raw, labels } = src;
  const name = (i: number) => (src.hasIds ? `id ${JSON.stringify(labels[i])} (row ${i + 1})` : `row ${i + 1}`);
  const pair = (i: number, j: number) => `${name(i)} → ${name(j)}`;
  const problems = new ProblemList();

  if (raw.colIdx.length > maxLinks) {
    throw new ProblemError(specError(`the weights have ${raw.colIdx.length} links, more than the ${maxLinks} SAR Studio can fit with; use sparser weights`, src.field, 'too-many-links'));
  }

  // Weights one can compute with: finite, and not subnormal (fewer significant digits than written).
  for (let i = 0; i < n; i++) {
    for (let p = raw.rowPtr[i]; p < raw.rowPtr[i + 1]; p++) {
      const v = raw.values[p];
      if (isUsableWeight(v)) continue;
      const j = raw.colIdx[p];
      problems.add('weight-value', () => {
        const w = src.linkWhere(i, j);
        return error(`the weight ${v} of ${pair(i, j)} is ${Number.isFinite(v) ? 'below the smallest normal double (2.2e-308) and has lost its precision' : 'not finite'}; ` +
          `multiply all weights in ${src.name} by one constant (styles W, C, U and S give the same result)`, w.file, w.range, 'weight-value');
      }, (k) => `${k} more weights that cannot be computed with`);
    }
  }
  problems.throwIfAny();

  // Negative weights: unusual enough to say so.
  let negative = 0;
  let first = { i: -1, j: -1 };
  for (let i = 0; i < n; i++) {
    for (let p = raw.rowPtr[i]; p < raw.rowPtr[i + 1]; p++) {
      if (raw.values[p] < 0 && negative++ === 0) first = { i, j: raw.colIdx[p] };
    }
  }
  const warnings: Problem[] = [...src.problems];
  if (negative) {
    const w = src.linkWhere(first.i, first.j);
    warnings.push(warning(`${negative} of the ${raw.values.length} weights in ${src.name} ${negative === 1 ? 'is' : 'are'} negative (the first: ${pair(first.i, first.j)}); ` +
      'spatial weights are normally ≥ 0: check that the file holds weights', w.file, w.range, 'negative-weights'));
  }

  // Islands, and rows that are islands in all but name.
  const reason = emptyRows(raw, spec.style);
  const islands: number[] = [];
  for (let i = 0; i < n; i++) if (reason[i]) islands.push(i);
  if (islands.length === n) throw new ProblemError(noLinks(spec, src, table, reason, specError));
  if (islands.length && !spec.allowIslands) {
    const keep = `set "allowIslands": true to keep ${islands.length > 1 ? 'them' : 'it'} with zero weights (spdep zero.policy = TRUE)`;
    const names = firstFew(islands.map(name), 10);
    const lead = `${islands.length} observation${islands.length > 1 ? 's have' : ' has'} no neighbours`;
    if (spec.type === 'distance') {
      const fix = connectingThreshold(spec, table);
      const k = islands.length;
      problems.add('island', () => specError(`threshold ${spec.threshold} leaves ${k} observation${k > 1 ? 's' : ''} without neighbours: ${names}; ` +
        `raise "weights.threshold" to ${fix}, the smallest value that gives every observation a neighbour, or ${keep}`, 'weights.threshold', 'island'));
    }
    islands.forEach((i, t) => problems.add('island', () => {
      const w = src.rowWhere(i);
      const why = reason[i] === 1 ? '' : ` (${describeEmpty(raw, i, reason[i], spec.style)})`;
      const hint = spec.type === 'contiguity' ? ' (if unexpected, the polygons may not share vertices exactly)' : '';
      return error(t === 0 && spec.type !== 'distance' ? `${lead}: ${names}${why}${hint}; ${keep}` : `${name(i)} has no neighbours${why}`, w.file, w.range, 'island');
    }, (k) => `${k} more observations without neighbours`));
  }
  problems.throwIfAny();

  const style = at('weights.style');
  const w = applyStyle(raw, spec.style, { file: style.file, range: style.range, source: src.name });
  // Styled in the locality order, the same values as W's when each comes from one row (W, B) or
  // from sums of ones (C, U: binary kNN); S sums non-integers across rows in an order-dependent way.
  const localW = src.localRaw && spec.style !== 'S' ? applyStyle(src.localRaw, spec.style) : undefined;
  const sym = symmetry(raw);
  const comp = localW ? componentsVia(localW, src.localityOrder!) : components(w);
  return {
    n,
    w,
    style: spec.style,
    symmetricNeighbours: sym.neighbours,
    similarity: similarityDiagonal(raw, spec.style, sym.weights),
    islands,
    componentOf: comp.componentOf,
    componentCount: comp.count,
    nLinks: raw.colIdx.length,
    raw,
    symmetricWeights: sym.weights,
    ids: labels,
    localityOrder: src.localityOrder,
    localW,
    warnings,
  };
}

/** Neighbours of order k (spdep nblag; cumulative: nblag_cumul) in place of the neighbours, when the spec asks. */
function withOrder(spec: WeightsSpec, src: Source, maxLinks: number, specError: (msg: string, path: string, code: string) => Problem): Source {
  if (spec.type === 'gwt' || spec.type === 'kernel') return src;
  const order = spec.order ?? 1;
  if (order <= 1) return src;
  try {
    const raw = higherOrderNeighbours(src.raw, order, spec.cumulative ?? false, maxLinks);
    return { ...src, raw, localRaw: undefined, name: `${src.name}, order ${order}${spec.cumulative ? ' and below' : ''}` };
  } catch (e) {
    if (!(e instanceof TooManyLinksError)) throw e;
    throw new ProblemError(specError(`neighbours of order ${order} are more than ${e.links} links, more than SAR Studio can fit with; lower "weights.order"`, 'weights.order', 'too-many-links'));
  }
}

/** The neighbours and raw weights of each type, with the places its problems point at. */
function readSource(spec: WeightsSpec, table: Table, opts: BuildWeightsOptions, at: (path: string) => Where,
  specError: (msg: string, path: string, code: string) => Problem, maxLinks: number): Source {
  const n = table.nrows;
  const specFile = opts.specFile;
  const dataRow = (i: number): Where => ({ file: table.file, range: { line: table.lineOfRow[i] ?? 1, column: 1 } });
  const idsOf = (column: string | undefined): RowIds =>
    column === undefined ? rowIds(table) : rowIds(table, column, specFile, at('weights.idColumn').range);
  switch (spec.type) {
    case 'gal':
    case 'gwt': {
      const nf = spec.type === 'gal' ? opts.gal : opts.gwt;
      if (!nf) throw new Error(`buildWeights: a parsed ${spec.type.toUpperCase()} file is required for weights of type "${spec.type}"`);
      const problems: Problem[] = [];
      const ids = neighbourFileIds(nf, table, spec.idColumn, idsOf, at('weights.path'), problems);
      const raw = matchNeighbours(nf, ids, n);
      const rowOfId = Int32Array.from(nf.ids, (id) => ids.rowOf.get(idKey(id)) ?? -1);
      // A row's own place: its GAL record ("id count"), its first GWT line as origin, else its data row.
      const lineOfRow = new Int32Array(n);
      nf.ids.forEach((_, k) => {
        if (rowOfId[k] >= 0) lineOfRow[rowOfId[k]] = nf.recordLine[k];
      });
      return {
        raw, labels: ids.labels, hasIds: ids.column !== undefined, problems,
        name: nf.file,
        field: 'weights.path',
        rowWhere: (i) => (lineOfRow[i] ? { file: nf.file, range: { line: lineOfRow[i], column: 1 } } : dataRow(i)),
        linkWhere: (i, j) => {
          // Error paths only: the link's line, by a scan of the file's links.
          for (let k = 0; k < nf.from.length; k++) {
            if (rowOfId[nf.from[k]] === i && rowOfId[nf.to[k]] === j) return { file: nf.file, range: { line: nf.linkLine[k], column: nf.linkColumn[k] } };
          }
          return { file: nf.file, range: { line: 1, column: 1 } };
        },
      };
    }
    case 'knn':
    case 'distance':
    case 'kernel': {
      const [xName, yName] = spec.coordinates;
      const x = numericColumn(table, xName, specFile, at('weights.coordinates[0]').range);
      const y = numericColumn(table, yName, specFile, at('weights.coordinates[1]').range);
      const ids = idsOf(spec.idColumn);
      if (spec.distance === 'greatCircle') checkLonLat(table, spec.coordinates, x, y);
      const xCol = columnIndex(table, xName);
      const base = {
        labels: ids.labels, hasIds: spec.idColumn !== undefined, problems: [],
        rowWhere: dataRow,
        linkWhere: (i: number) => ({ file: table.file, range: cellLocation(table, i, xCol) }),
      };
      if (spec.type === 'knn') {
        if (!(Number.isInteger(spec.k) && spec.k >= 1)) throw new ProblemError(specError(`k must be a positive integer, got ${spec.k}`, 'weights.k', 'knn-k'));
        if (spec.k >= n) {
          throw new ProblemError(specError(`k = ${spec.k} nearest neighbours need more than ${spec.k} observations; the data have ${n}`, 'weights.k', 'knn-k'));
        }
        if (n * spec.k > maxLinks) {
          throw new ProblemError(specError(`k = ${spec.k} nearest neighbours of ${n} observations are ${n * spec.k} links, more than the ${maxLinks} SAR Studio can fit with; lower "weights.k"`, 'weights.k', 'too-many-links'));
        }
        const r = knnNeighbours(x, y, spec.k, spec.distance);
        // spdep make.sym.nb: i ~ j when either is among the other's k nearest.
        const raw = spec.symmetric ? symmetrise(r.nb) : r.nb;
        const localRaw = spec.symmetric ? symmetrise(r.treeNb) : r.treeNb;
        return { ...base, raw, localityOrder: r.treeOrder, localRaw, name: `the ${spec.k} nearest neighbours${spec.symmetric ? ' (symmetrised)' : ''}`, field: 'weights.k' };
      }
      if (spec.type === 'kernel') {
        if (typeof spec.bandwidth === 'string' && !(spec.k !== undefined && spec.k < n)) {
          throw new ProblemError(specError(`a "${spec.bandwidth}" bandwidth needs k below the number of observations (${n}); got ${spec.k}`, 'weights.k', 'knn-k'));
        }
        try {
          const { w } = kernelWeights(x, y, spec, maxLinks);
          return { ...base, raw: w, name: `the ${spec.function} kernel`, field: 'weights.bandwidth' };
        } catch (e) {
          if (!(e instanceof TooManyLinksError)) throw e;
          throw new ProblemError(specError(`the bandwidth gives more than ${e.links} links, more than SAR Studio can fit with; lower "weights.bandwidth"`, 'weights.bandwidth', 'too-many-links'));
        }
      }
      let threshold: number;
      const notes: Problem[] = [];
      if (spec.threshold === 'minimum') {
        threshold = minimumThreshold(x, y, spec.distance);
        const w = at('weights.threshold');
        notes.push(info(`threshold "minimum" is ${threshold}${spec.distance === 'greatCircle' ? ' km' : ''}: the largest distance of an observation to its nearest neighbour, the smallest band that gives every observation a neighbour`, w.file, w.range, 'minimum-threshold'));
      } else threshold = spec.threshold;
      if (!(threshold > 0 && Number.isFinite(threshold))) {
        throw new ProblemError(specError(`threshold must be a positive number, got ${threshold}`, 'weights.threshold', 'distance-threshold'));
      }
      try {
        const raw = distanceBandNeighbours(x, y, threshold, spec.distance, spec.inversePower, maxLinks).nb;
        return { ...base, problems: notes, raw, name: 'the distance band', field: 'weights.threshold' };
      } catch (e) {
        if (e instanceof TooManyLinksError) {
          throw new ProblemError(specError(`threshold ${threshold} gives more than ${e.links} links, more than SAR Studio can fit with; lower "weights.threshold"`, 'weights.threshold', 'too-many-links'));
        }
        if (!(e instanceof WeightValueError)) throw e;
        throw new ProblemError(inverseDistanceError(e, spec.inversePower, table, ids, base.hasIds, xCol));
      }
    }
    case 'contiguity': {
      const geo = opts.geometry;
      if (!geo) throw new Error('buildWeights: parsed geometry is required for contiguity weights');
      const featureOfRow = joinFeatures(geo, table, { idColumn: spec.idColumn, specFile, specRange: at('weights.idColumn').range });
      const notPolygons: string[] = [];
      const rows = Array.from(featureOfRow, (f) => {
        const feat = geo.features[f];
        if (feat.kind !== 'polygon') notPolygons.push(`feature ${f} (id ${JSON.stringify(feat.id)}, ${feat.kind === 'point' ? 'a Point' : 'no geometry'})`);
        return feat.rings;
      });
      if (notPolygons.length) {
        throw new ProblemError(error(`contiguity weights need polygons: ${firstFew(notPolygons, 3)}`, geo.file, { line: 1, column: 1 }, 'not-polygon'));
      }
      let raw: Csr;
      try {
        raw = contiguityNeighbours(rows, { criterion: spec.criterion, snap: opts.snap ?? DEFAULT_SNAP, maxLinks });
      } catch (e) {
        if (!(e instanceof TooManyLinksError)) throw e;
        throw new ProblemError(specError(`the polygons of ${geo.file} touch in more than ${e.links} pairs, more than SAR Studio can fit with`, 'weights.geometry', 'too-many-links'));
      }
      const ids = idsOf(spec.idColumn);
      return { raw, labels: ids.labels, hasIds: spec.idColumn !== undefined, problems: [], name: geo.file, field: 'weights.geometry', rowWhere: dataRow, linkWhere: dataRow };
    }
    default: {
      const never: never = spec;
      throw new Error(`unknown weights type ${JSON.stringify(never)}`);
    }
  }
}

/**
 * The row ids a GAL/GWT file is matched to: the spec's idColumn; else the id variable its header
 * names (`0 n layer idVariable`, as GeoDa writes it), when that is a column of the data whose
 * values are the file's ids — matching those ids to row numbers instead would pair the wrong
 * rows whenever the data are not sorted by id; else row numbers 1..n. Either way a choice made
 * from the header is said, at `where`.
 */
function neighbourFileIds(nf: NeighbourFile, table: Table, idColumn: string | undefined, idsOf: (column: string | undefined) => RowIds,
  where: Where, notes: Problem[]): RowIds {
  if (idColumn !== undefined) return idsOf(idColumn);
  const named = nf.idVariable;
  const rowNumbers = idsOf(undefined);
  if (named === undefined || !table.columns.includes(named)) return rowNumbers;
  let byColumn: RowIds | undefined;
  try {
    byColumn = rowIds(table, named);
  } catch (e) {
    if (!(e instanceof ProblemError)) throw e;
  }
  const matches = (ids: RowIds) => nf.ids.every((id) => ids.rowOf.get(idKey(id)) !== undefined);
  const what = `the header of ${nf.file} names the id variable "${named}", a column of ${table.file}`;
  if (byColumn && matches(byColumn)) {
    notes.push(info(`${what}: its ids are matched to that column (set "weights.idColumn" to match another)`, where.file, where.range, 'weights-id-variable'));
    return byColumn;
  }
  if (matches(rowNumbers)) {
    notes.push(warning(`${what}, but the file's ids are not its values: they are matched to row numbers 1..${table.nrows}; set "weights.idColumn" if a column holds them`,
      where.file, where.range, 'weights-id-variable'));
    return rowNumbers;
  }
  return byColumn ?? rowNumbers;
}

/**
 * Why each row has no usable neighbour (0: it has one): 1 no links, 2 all its weights are 0,
 * 3 (style W) its weights sum to ≤ 0, which row-standardising cannot divide by.
 */
function emptyRows(raw: Csr, style: WeightsSpec['style']): Uint8Array {
  const out = new Uint8Array(raw.nrows);
  for (let i = 0; i < raw.nrows; i++) {
    const a = raw.rowPtr[i];
    const b = raw.rowPtr[i + 1];
    if (a === b) {
      out[i] = 1;
      continue;
    }
    let m = 0;
    for (let p = a; p < b; p++) m = Math.max(m, Math.abs(raw.values[p]));
    if (m === 0) {
      out[i] = 2;
      continue;
    }
    if (style === 'W') {
      let s = 0;
      for (let p = a; p < b; p++) s += raw.values[p] / m; // scaled: the sign without overflow
      if (!(s > 0)) out[i] = 3;
    }
  }
  return out;
}

function describeEmpty(raw: Csr, i: number, reason: number, style: string): string {
  const k = raw.rowPtr[i + 1] - raw.rowPtr[i];
  if (reason === 2) return `its ${k} weight${k > 1 ? 's are' : ' is'} 0`;
  const shown = Array.from(raw.values.subarray(raw.rowPtr[i], Math.min(raw.rowPtr[i + 1], raw.rowPtr[i] + 4))).join(', ');
  return `its weights ${shown}${k > 4 ? ', …' : ''} sum to ≤ 0, and style "${style}" divides each row by its sum`;
}

/** Weights without a single usable link: there is no spatial model to fit. */
function noLinks(spec: WeightsSpec, src: Source, table: Table, reason: Uint8Array,
  specError: (msg: string, path: string, code: string) => Problem): Problem {
  const n = reason.length;
  const m = src.raw.colIdx.length;
  const rule = 'the weights have no links, so there is no spatial model to fit';
  switch (spec.type) {
    case 'distance': {
      const fix = connectingThreshold(spec, table);
      return specError(`threshold ${spec.threshold} is shorter than the distance between any two observations: ${rule}; ` +
        `set "weights.threshold" to at least ${fix}, the smallest value that gives every observation a neighbour`, 'weights.threshold', 'no-links');
    }
    case 'contiguity':
      return specError(`no two polygons of ${src.name} share a boundary point: ${rule}; check the geometry, or use knn or distance weights`, 'weights.geometry', 'no-links');
    case 'gal':
    case 'gwt': {
      const zeros = reason.some((r) => r === 2);
      const sums = reason.some((r) => r === 3);
      const why = m === 0 ? `none of its ${n} regions has a neighbour`
        : zeros && !sums ? `all its ${m} weights are 0`
          : `no row has weights that ${spec.style === 'W' ? 'sum to more than 0 (style "W" divides each row by its sum)' : 'are not 0'}`;
      return specError(`${src.name}: ${why}; ${rule}; give the regions neighbours in ${src.name}, or name other weights in "weights"`, 'weights.path', 'no-links');
    }
    default:
      return specError(`${rule}; change "weights"`, 'weights', 'no-links');
  }
}

/** The smallest threshold that gives every observation a neighbour, rounded up to 6 digits. */
function connectingThreshold(spec: Extract<WeightsSpec, { type: 'distance' }>, table: Table): string {
  const x = numericColumn(table, spec.coordinates[0]);
  const y = numericColumn(table, spec.coordinates[1]);
  return String(ceilSignif(minimumThreshold(x, y, spec.distance))) + (spec.distance === 'greatCircle' ? ' (km)' : '');
}

/** An inverse-distance weight of two points that is not a number to compute with: the pair, at the data. */
function inverseDistanceError(e: WeightValueError, power: number, table: Table, ids: RowIds, hasIds: boolean, xCol: number): Problem {
  const row = (i: number) => `${hasIds ? `id ${JSON.stringify(ids.labels[i])}, ` : ''}row ${i + 1} (line ${table.lineOfRow[i]})`;
  const [a, b] = e.i < e.j ? [e.i, e.j] : [e.j, e.i];
  const pairText = `${row(a)} and ${row(b)} of ${table.file}`;
  const w = `${power === 1 ? '1/d' : '1/d²'} (inversePower ${power})`;
  const [what, fix] = e.distance === 0
    ? [`${pairText} have the same coordinates: the inverse-distance weight ${w} would divide by zero`, 'merge or remove the coincident points, or use "inversePower": 0']
    : e.weight === Infinity
      ? [`${pairText} are only ${e.distance} apart: the inverse-distance weight ${w} is too large for a double`, 'merge or remove the nearly coincident points, or use "inversePower": 0']
      : [`${pairText} are ${e.distance} apart: the inverse-distance weight ${w} is too small for a double`, 'rescale the coordinates (e.g. metres to km), or use "inversePower": 0'];
  return error(`${what}; ${fix}`, table.file, cellLocation(table, b, xCol), 'weight-value');
}

/** Great-circle coordinates are [longitude, latitude] in degrees: catch swapped or projected ones. */
function checkLonLat(table: Table, names: readonly [string, string], x: Float64Array, y: Float64Array): void {
  const problems = new ProblemList(10);
  const cy = columnIndex(table, names[1]);
  const cx = columnIndex(table, names[0]);
  for (let i = 0; i < y.length; i++) {
    if (Math.abs(y[i]) > 90) {
      problems.add('not-lonlat', () => error(`latitude ${y[i]} (column "${names[1]}") is outside −90..90: greatCircle coordinates are [longitude, latitude] in degrees`,
        table.file, cellLocation(table, i, cy), 'not-lonlat'), (k) => `${k} more coordinates outside the longitude/latitude ranges`);
    } else if (Math.abs(x[i]) > 360) {
      problems.add('not-lonlat', () => error(`longitude ${x[i]} (column "${names[0]}") is outside −360..360: greatCircle coordinates are [longitude, latitude] in degrees`,
        table.file, cellLocation(table, i, cx), 'not-lonlat'), (k) => `${k} more coordinates outside the longitude/latitude ranges`);
    }
  }
  problems.throwIfAny();
}
