/**
 * Spec + Table (+ parsed geometry / GAL / GWT) → SpatialWeights: neighbours with raw weights,
 * island check, style, symmetry, similarity transform and connected components.
 */
import type { Csr } from '../sparse/csr';
import type { WeightsSpec } from '../spec/types';
import { error, Problem, ProblemError, Range } from '../problems';
import { columnIndex, numericColumn } from '../io/csv';
import { GeoCollection, joinFeatures } from '../io/geojson';
import { firstFew, idKey, matchNeighbours, NeighbourFile, rowIds } from '../io/neighbourFile';
import { cellLocation, Table } from '../io/table';
import { contiguityNeighbours, DEFAULT_SNAP } from './contiguity';
import { components, islandsOf, symmetry } from './neighbours';
import { CoincidentPointsError, distanceBandNeighbours, knnNeighbours } from './points';
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
}

/** Build the weights the spec describes, in data-row order. Throws ProblemError. */
export function buildWeights(spec: WeightsSpec, table: Table, opts: BuildWeightsOptions = {}): SpatialWeights {
  const n = table.nrows;
  const specFile = opts.specFile;
  const at = (path: string): Range | undefined => opts.rangeOf?.(path);
  const specProblem = (msg: string, path: string, code: string): ProblemError =>
    new ProblemError(error(msg, specFile ?? table.file, specFile ? at(path) ?? { line: 1, column: 1 } : { line: 1, column: 1 }, code));

  let raw: Csr;
  let labels: readonly string[];
  let localityOrder: Int32Array | undefined;
  /** Where to point for row i's island: the file and range. */
  let islandWhere = (i: number): { file: string; range: Range } => ({ file: table.file, range: { line: table.lineOfRow[i] ?? 1, column: 1 } });

  switch (spec.type) {
    case 'gal':
    case 'gwt': {
      const nf = spec.type === 'gal' ? opts.gal : opts.gwt;
      if (!nf) throw new Error(`buildWeights: a parsed ${spec.type.toUpperCase()} file is required for weights of type "${spec.type}"`);
      const ids = rowIds(table, spec.idColumn, specFile, at('weights.idColumn'));
      labels = ids.labels;
      raw = matchNeighbours(nf, ids, n);
      if (nf.format === 'gal') {
        // An island's own record line ("id 0") is the place to point at.
        const lineOfRow = new Int32Array(n);
        nf.ids.forEach((id, k) => {
          const r = ids.rowOf.get(idKey(id));
          if (r !== undefined) lineOfRow[r] = nf.recordLine[k];
        });
        islandWhere = (i) => ({ file: nf.file, range: { line: lineOfRow[i] || 1, column: 1 } });
      }
      break;
    }
    case 'knn':
    case 'distance': {
      const [xName, yName] = spec.coordinates;
      const x = numericColumn(table, xName, specFile, at('weights.coordinates[0]'));
      const y = numericColumn(table, yName, specFile, at('weights.coordinates[1]'));
      labels = rowLabels(n);
      if (spec.distance === 'greatCircle') checkLonLat(table, spec.coordinates, x, y);
      if (spec.type === 'knn') {
        if (!(Number.isInteger(spec.k) && spec.k >= 1)) throw specProblem(`k must be a positive integer, got ${spec.k}`, 'weights.k', 'knn-k');
        if (spec.k >= n) {
          throw specProblem(`k = ${spec.k} nearest neighbours need more than ${spec.k} observations; the data have ${n}`, 'weights.k', 'knn-k');
        }
        const r = knnNeighbours(x, y, spec.k, spec.distance);
        raw = r.nb;
        localityOrder = r.treeOrder;
      } else {
        if (!(spec.threshold > 0 && Number.isFinite(spec.threshold))) {
          throw specProblem(`threshold must be a positive number, got ${spec.threshold}`, 'weights.threshold', 'distance-threshold');
        }
        try {
          raw = distanceBandNeighbours(x, y, spec.threshold, spec.distance, spec.inversePower).nb;
        } catch (e) {
          if (!(e instanceof CoincidentPointsError)) throw e;
          const c = columnIndex(table, xName);
          throw new ProblemError([
            error(`rows ${e.i + 1} and ${e.j + 1} have the same coordinates: inverse-distance weights (inversePower ${spec.inversePower}) would divide by zero; use inversePower 0 or remove duplicates`,
              table.file, cellLocation(table, Math.max(e.i, e.j), c), 'coincident-points'),
          ]);
        }
      }
      break;
    }
    case 'contiguity': {
      const geo = opts.geometry;
      if (!geo) throw new Error('buildWeights: parsed geometry is required for contiguity weights');
      const featureOfRow = joinFeatures(geo, table, { idColumn: spec.idColumn, specFile, specRange: at('weights.idColumn') });
      const notPolygons: string[] = [];
      const rows = Array.from(featureOfRow, (f) => {
        const feat = geo.features[f];
        if (feat.kind !== 'polygon') notPolygons.push(`feature ${f} (id ${JSON.stringify(feat.id)}, ${feat.kind === 'point' ? 'a Point' : 'no geometry'})`);
        return feat.rings;
      });
      if (notPolygons.length) {
        throw new ProblemError(error(`contiguity weights need polygons: ${firstFew(notPolygons, 3)}`, geo.file, { line: 1, column: 1 }, 'not-polygon'));
      }
      labels = spec.idColumn ? rowIds(table, spec.idColumn).labels : rowLabels(n);
      raw = contiguityNeighbours(rows, { criterion: spec.criterion, snap: opts.snap ?? DEFAULT_SNAP });
      islandWhere = (i) => ({ file: table.file, range: { line: table.lineOfRow[i] ?? 1, column: 1 } });
      break;
    }
    default: {
      const never: never = spec;
      throw new Error(`unknown weights type ${JSON.stringify(never)}`);
    }
  }

  const islands = islandsOf(raw);
  if (islands.length && !spec.allowIslands) {
    const problems: Problem[] = [];
    const names = islands.map((i) => labelOf(labels, i, spec));
    const hint = spec.type === 'contiguity' ? ' (if unexpected, the polygons may not share vertices exactly: try a larger snap)'
      : spec.type === 'distance' ? ' (the threshold is shorter than its distance to any other point)' : '';
    islands.slice(0, 20).forEach((i, t) => {
      const w = islandWhere(i);
      problems.push(error(
        t === 0
          ? `${islands.length} observation${islands.length > 1 ? 's have' : ' has'} no neighbours: ${firstFew(names, 10)}${hint}; set "allowIslands": true to keep ${islands.length > 1 ? 'them' : 'it'} with zero weights (spdep zero.policy = TRUE)`
          : `${labelOf(labels, i, spec)} has no neighbours`,
        w.file, w.range, 'island'));
    });
    throw new ProblemError(problems);
  }

  const w = applyStyle(raw, spec.style);
  const sym = symmetry(raw);
  const comp = components(raw);
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
    localityOrder,
  };
}

function rowLabels(n: number): string[] {
  return Array.from({ length: n }, (_, i) => String(i + 1));
}

function labelOf(labels: readonly string[], i: number, spec: WeightsSpec): string {
  const hasId = (spec.type === 'gal' || spec.type === 'gwt' || spec.type === 'contiguity') && spec.idColumn;
  return hasId ? `id ${JSON.stringify(labels[i])} (row ${i + 1})` : `row ${i + 1}`;
}

/** Great-circle coordinates are [longitude, latitude] in degrees: catch swapped or projected ones. */
function checkLonLat(table: Table, names: readonly [string, string], x: Float64Array, y: Float64Array): void {
  const problems: Problem[] = [];
  const cy = columnIndex(table, names[1]);
  const cx = columnIndex(table, names[0]);
  for (let i = 0; i < y.length && problems.length < 10; i++) {
    if (Math.abs(y[i]) > 90) {
      problems.push(error(`latitude ${y[i]} (column "${names[1]}") is outside −90..90: greatCircle coordinates are [longitude, latitude] in degrees`,
        table.file, cellLocation(table, i, cy), 'not-lonlat'));
    } else if (Math.abs(x[i]) > 360) {
      problems.push(error(`longitude ${x[i]} (column "${names[0]}") is outside −360..360: greatCircle coordinates are [longitude, latitude] in degrees`,
        table.file, cellLocation(table, i, cx), 'not-lonlat'));
    }
  }
  if (problems.length) throw new ProblemError(problems);
}
