/**
 * GeoJSON (RFC 7946) FeatureCollections of Polygon / MultiPolygon (contiguity weights, maps)
 * and Point (maps) features, joined to data rows by id.
 *
 * The happy path is one `JSON.parse` and one pass of the iterative scanner (io/jsonScan) that
 * refuses nesting beyond `MAX_JSON_DEPTH`; only when something is wrong does the scanner re-read
 * the text to turn a JSON path (features[12].geometry.coordinates) into a line and column.
 * Nothing here recurses on the depth of the input.
 * Coordinates are taken as they are (x = first = longitude in lon/lat data); a third ordinate
 * is ignored.
 */
import { insideRings } from '../map/rings';
import { error, Problem, ProblemError, Range } from '../problems';
import { MAX_JSON_DEPTH } from '../spec/json';
import { scanJson, type JsonPath } from './jsonScan';
import { firstFew, idKey, rowIds } from './neighbourFile';
import { ProblemList } from './problemList';
import type { Table } from './table';
import { TextPositions } from './textPosition';

export type FeatureKind = 'polygon' | 'point' | 'empty';

export interface GeoFeature {
  /** Position in the `features` array (0-based). */
  readonly index: number;
  /** The value of `idProperty` as text, or the 1-based feature number when there is no idProperty. */
  readonly id: string;
  readonly kind: FeatureKind;
  /** Polygon rings as flat [x0, y0, x1, y1, …], as written (closing vertex included when present). */
  readonly rings: readonly Float64Array[];
  /** Part (polygon of a MultiPolygon) of each ring; a part's first ring is its outer ring. */
  readonly ringPart: Int32Array;
  /** Point features: the point. */
  readonly point?: readonly [number, number];
  readonly properties: Readonly<Record<string, unknown>>;
}

export interface GeoCollection {
  readonly file: string;
  readonly idProperty?: string;
  readonly features: readonly GeoFeature[];
}

export interface GeoJsonOptions {
  /** Property holding each feature's id (a top-level Feature `id` is used when idProperty is "id" and no such property exists). */
  idProperty?: string;
}

/** Parse a GeoJSON FeatureCollection. Errors carry the line/column of the offending JSON value. */
export function parseGeoJson(text: string, file: string, opts: GeoJsonOptions = {}): GeoCollection {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const positions = new TextPositions(text);
  let doc: unknown;
  let parsed = true;
  try {
    doc = JSON.parse(text);
  } catch {
    parsed = false;
  }
  // One iterative pass: the depth limit (and, when JSON.parse failed, where and why).
  const { fault } = scanJson(text, { maxDepth: MAX_JSON_DEPTH });
  if (fault) {
    const msg = fault.code === 'json-depth'
      ? `${fault.message}: a GeoJSON file needs at most 8 (a MultiPolygon's positions); is this file GeoJSON?`
      : `invalid JSON: ${fault.message}`;
    throw new ProblemError(error(msg, file, positions.range(fault.offset, fault.length), fault.code === 'json-depth' ? 'geojson-depth' : 'geojson-syntax'));
  }
  if (!parsed) throw new ProblemError(error('invalid JSON', file, { line: 1, column: 1 }, 'geojson-syntax'));
  const problems = new ProblemList();
  const fail = (msg: string, path: JsonPath): void => {
    problems.add('geojson', () => error(msg, file, pathRange(text, path, positions), 'geojson'), (n) => `${n} more problems in the features`);
  };
  const root = doc as { type?: unknown; features?: unknown };
  if (typeof root !== 'object' || root === null || root.type !== 'FeatureCollection' || !Array.isArray(root.features)) {
    fail('expected a GeoJSON FeatureCollection ({"type": "FeatureCollection", "features": [...]})', []);
    problems.throwIfAny();
  }
  const features: GeoFeature[] = [];
  const raw = root.features as unknown[];
  const seen = new Map<string, number>();
  for (let k = 0; k < raw.length; k++) {
    const f = raw[k] as { type?: unknown; properties?: unknown; geometry?: unknown; id?: unknown };
    if (typeof f !== 'object' || f === null || f.type !== 'Feature') {
      fail(`feature ${k}: expected an object with "type": "Feature"`, ['features', k]);
      continue;
    }
    const properties = (typeof f.properties === 'object' && f.properties !== null ? f.properties : {}) as Record<string, unknown>;
    let id = String(k + 1);
    if (opts.idProperty !== undefined) {
      let v = properties[opts.idProperty];
      let path: (string | number)[] = ['features', k, 'properties', opts.idProperty];
      if (v === undefined && opts.idProperty === 'id' && f.id !== undefined) {
        v = f.id;
        path = ['features', k, 'id'];
      }
      if (typeof v === 'number' || (typeof v === 'string' && v.trim() !== '')) {
        id = String(v).trim();
        const prev = seen.get(idKey(id));
        if (prev !== undefined) fail(`feature ${k}: id ${JSON.stringify(v)} (property "${opts.idProperty}") is also the id of feature ${prev}; ids must be unique`, path);
        else seen.set(idKey(id), k);
      } else {
        fail(`feature ${k}: property "${opts.idProperty}" is ${v === undefined ? 'missing' : `not an id (${JSON.stringify(v)})`}`,
          v === undefined ? ['features', k, 'properties'] : path);
      }
    }
    const g = f.geometry as { type?: unknown; coordinates?: unknown } | null | undefined;
    const base = ['features', k, 'geometry'];
    let kind: FeatureKind = 'empty';
    const rings: Float64Array[] = [];
    const parts: number[] = [];
    let point: [number, number] | undefined;
    if (g === null || g === undefined) {
      kind = 'empty';
    } else if (g.type === 'Polygon') {
      kind = 'polygon';
      readPolygon(g.coordinates, 0, rings, parts, [...base, 'coordinates'], fail, k);
    } else if (g.type === 'MultiPolygon') {
      kind = 'polygon';
      if (!Array.isArray(g.coordinates)) fail(`feature ${k}: MultiPolygon coordinates must be an array of polygons`, [...base, 'coordinates']);
      else g.coordinates.forEach((poly, p) => readPolygon(poly, p, rings, parts, [...base, 'coordinates', p], fail, k));
    } else if (g.type === 'Point') {
      kind = 'point';
      const c = g.coordinates;
      if (isPosition(c)) point = [c[0], c[1]];
      else fail(`feature ${k}: a Point needs coordinates [x, y] with finite numbers`, [...base, 'coordinates']);
    } else {
      fail(`feature ${k}: geometry type ${JSON.stringify(g.type)} is not supported (use Polygon, MultiPolygon or Point)`, [...base, 'type']);
    }
    features.push({ index: k, id, kind, rings, ringPart: Int32Array.from(parts), point, properties });
  }
  problems.throwIfAny();
  return { file, idProperty: opts.idProperty, features };
}

function isPosition(c: unknown): c is number[] {
  return Array.isArray(c) && c.length >= 2 && typeof c[0] === 'number' && typeof c[1] === 'number' && Number.isFinite(c[0]) && Number.isFinite(c[1]);
}

function readPolygon(coords: unknown, part: number, rings: Float64Array[], parts: number[], path: JsonPath,
  fail: (msg: string, path: JsonPath) => void, k: number): void {
  if (!Array.isArray(coords) || coords.length === 0) {
    fail(`feature ${k}: polygon coordinates must be a non-empty array of rings`, path);
    return;
  }
  coords.forEach((ring: unknown, r) => {
    if (!Array.isArray(ring) || ring.length < 3) {
      fail(`feature ${k}: a polygon ring needs at least 3 positions`, [...path, r]);
      return;
    }
    const flat = new Float64Array(ring.length * 2);
    for (let v = 0; v < ring.length; v++) {
      const pos = ring[v] as unknown;
      if (!isPosition(pos)) {
        fail(`feature ${k}: position ${v} of ring ${r} is not [x, y] with finite numbers`, [...path, r, v]);
        return;
      }
      flat[2 * v] = pos[0];
      flat[2 * v + 1] = pos[1];
    }
    rings.push(flat);
    parts.push(part);
  });
}

/**
 * Line/column of the JSON value at `path`, or of its nearest existing ancestor (e.g. a missing
 * property → its object). Error paths only: a scan of the text up to that value.
 */
function pathRange(text: string, path: JsonPath, positions: TextPositions): Range {
  const { found } = scanJson(text, { path });
  return found ? positions.range(found.offset, found.length) : { line: 1, column: 1 };
}

// ---------------------------------------------------------------------------------------------
// Joining features to data rows

export interface JoinOptions {
  /** Data column holding the ids (default: row numbers 1..n). */
  idColumn?: string;
  /** Features whose id is not in the data: an error (default) or ignored (e.g. a map of a larger area). */
  extraFeatures?: 'error' | 'ignore';
  /** For an unknown idColumn: where the name was written. */
  specFile?: string;
  specRange?: Range;
}

/**
 * featureOfRow[r] = index of the feature for data row r. Feature ids (idProperty, or 1-based
 * feature numbers) are matched to the idColumn values, or to row numbers 1..n without one.
 * With idColumn but no idProperty, a property named like the id column is used if every
 * feature has one.
 * Rows without a feature are errors; so are features without a row unless extraFeatures = 'ignore'.
 */
export function joinFeatures(geo: GeoCollection, table: Table, opts: JoinOptions = {}): Int32Array {
  const ids = rowIds(table, opts.idColumn, opts.specFile, opts.specRange);
  // Only idColumn given: when every feature has a property of that name, it holds the ids
  // (the usual case: the same "id" on both sides), rather than matching feature numbers to it.
  let idProperty = geo.idProperty;
  let featureId = (f: GeoFeature): string => f.id;
  if (idProperty === undefined && opts.idColumn !== undefined && geo.features.length > 0 &&
    geo.features.every((f) => isId(f.properties[opts.idColumn!]))) {
    idProperty = opts.idColumn;
    featureId = (f) => String(f.properties[opts.idColumn!]).trim();
  }
  const featureOfRow = new Int32Array(table.nrows).fill(-1);
  const extra: string[] = [];
  const seen = new Map<string, number>();
  for (const f of geo.features) {
    const id = featureId(f);
    const key = idKey(id);
    if (idProperty !== geo.idProperty) {
      const prev = seen.get(key);
      if (prev !== undefined) {
        throw new ProblemError(error(`features ${prev} and ${f.index} have the same id ${JSON.stringify(id)} (property "${idProperty}"); ids must be unique`,
          geo.file, { line: 1, column: 1 }, 'geojson'));
      }
      seen.set(key, f.index);
    }
    const r = ids.rowOf.get(key);
    if (r === undefined) extra.push(id);
    else featureOfRow[r] = f.index;
  }
  const problems: Problem[] = [];
  const idName = idProperty ? `property "${idProperty}"` : 'feature number (no idProperty given)';
  if (extra.length && opts.extraFeatures !== 'ignore') {
    problems.push(error(
      `${extra.length} feature${extra.length > 1 ? 's' : ''} of ${geo.file} (ids from ${idName}) ${extra.length > 1 ? 'have' : 'has'} no row in the data (${ids.describe}): ${firstFew(extra.map((id) => JSON.stringify(id)))}`,
      geo.file, { line: 1, column: 1 }, 'unmatched-feature'));
  }
  const missing: string[] = [];
  for (let r = 0; r < table.nrows; r++) if (featureOfRow[r] < 0) missing.push(JSON.stringify(ids.labels[r]));
  if (missing.length) {
    problems.push(error(
      `${missing.length} row${missing.length > 1 ? 's' : ''} of the data (${ids.describe}) ${missing.length > 1 ? 'have' : 'has'} no feature in ${geo.file} (ids from ${idName}): ${firstFew(missing)}`,
      table.file, { line: table.lineOfRow[featureOfRow.indexOf(-1)] ?? 1, column: 1 }, 'unmatched-row'));
  }
  if (problems.length) throw new ProblemError(problems);
  return featureOfRow;
}

function isId(v: unknown): boolean {
  return typeof v === 'number' || (typeof v === 'string' && v.trim() !== '');
}

// ---------------------------------------------------------------------------------------------
// Centroids, bounding boxes, label points

export interface FeatureShape {
  /** [minX, minY, maxX, maxY]; NaN for empty features. */
  readonly bbox: readonly [number, number, number, number];
  /** Area-weighted centroid (holes subtracted); the point itself for Points. */
  readonly centroid: readonly [number, number];
  /** A point inside the largest part, for labels: the centroid when it is inside, else the middle of the widest span of that part on the centroid's horizontal line. */
  readonly labelPoint: readonly [number, number];
  /** Area (holes subtracted); 0 for points. */
  readonly area: number;
}

/** Signed area and area-weighted centroid numerators of a ring (shoelace). */
function ringMoments(r: Float64Array): { a: number; cx: number; cy: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  const m = r.length / 2;
  for (let i = 0; i < m; i++) {
    const j = (i + 1) % m;
    const x0 = r[2 * i];
    const y0 = r[2 * i + 1];
    const x1 = r[2 * j];
    const y1 = r[2 * j + 1];
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return { a: a / 2, cx: cx / 6, cy: cy / 6 };
}

/** Shape summaries for each feature (maps, labels, centroid-based weights). */
export function featureShapes(geo: GeoCollection): FeatureShape[] {
  return geo.features.map(featureShape);
}

export function featureShape(f: GeoFeature): FeatureShape {
  if (f.kind === 'point' && f.point) {
    const [x, y] = f.point;
    return { bbox: [x, y, x, y], centroid: [x, y], labelPoint: [x, y], area: 0 };
  }
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let sx = 0;
  let sy = 0;
  let nv = 0;
  // Per part: |area of outer ring| − |areas of holes|, whatever the ring orientation.
  const partArea = new Map<number, number>();
  let A = 0;
  let CX = 0;
  let CY = 0;
  f.rings.forEach((r, k) => {
    for (let v = 0; v < r.length; v += 2) {
      minX = Math.min(minX, r[v]);
      maxX = Math.max(maxX, r[v]);
      minY = Math.min(minY, r[v + 1]);
      maxY = Math.max(maxY, r[v + 1]);
      sx += r[v];
      sy += r[v + 1];
      nv++;
    }
    const m = ringMoments(r);
    const isOuter = k === 0 || f.ringPart[k] !== f.ringPart[k - 1];
    const s = (isOuter ? 1 : -1) * Math.sign(m.a || 1);
    A += s * m.a;
    CX += s * m.cx;
    CY += s * m.cy;
    partArea.set(f.ringPart[k], (partArea.get(f.ringPart[k]) ?? 0) + s * m.a);
  });
  if (nv === 0) return { bbox: [NaN, NaN, NaN, NaN], centroid: [NaN, NaN], labelPoint: [NaN, NaN], area: 0 };
  const centroid: [number, number] = Math.abs(A) > 0 ? [CX / A, CY / A] : [sx / nv, sy / nv];
  // Label point: inside the largest part.
  let best = 0;
  let bestArea = -Infinity;
  for (const [p, a] of partArea) if (a > bestArea) { bestArea = a; best = p; }
  const partRings = f.rings.filter((_, k) => f.ringPart[k] === best);
  let labelPoint: [number, number] = centroid;
  if (!insideRings(partRings, centroid[0], centroid[1])) {
    let py = centroid[1];
    let pminY = Infinity;
    let pmaxY = -Infinity;
    for (const r of partRings) for (let v = 1; v < r.length; v += 2) { pminY = Math.min(pminY, r[v]); pmaxY = Math.max(pmaxY, r[v]); }
    if (!(py > pminY && py < pmaxY)) py = (pminY + pmaxY) / 2;
    const xs: number[] = [];
    for (const r of partRings) {
      const m = r.length / 2;
      for (let i = 0, j = m - 1; i < m; j = i++) {
        const yi = r[2 * i + 1];
        const yj = r[2 * j + 1];
        if (yi > py !== yj > py) xs.push(r[2 * i] + ((r[2 * j] - r[2 * i]) * (py - yi)) / (yj - yi));
      }
    }
    xs.sort((a, b) => a - b);
    let width = -1;
    for (let t = 0; t + 1 < xs.length; t += 2) {
      if (xs[t + 1] - xs[t] > width) {
        width = xs[t + 1] - xs[t];
        labelPoint = [(xs[t] + xs[t + 1]) / 2, py];
      }
    }
  }
  return { bbox: [minX, minY, maxX, maxY], centroid, labelPoint, area: Math.abs(A) };
}
