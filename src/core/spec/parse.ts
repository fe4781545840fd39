/**
 * Parses and validates `.sar.json` text into a `Spec`, reporting every problem at its exact JSON
 * range (1-based line/column), so the editor can underline it and the CLI can print
 * `FILE:LINE:COL`. The fields and their types are declared once in `schema.ts`; the rules that
 * span fields (a regressor listed twice, `lagX` naming a regressor) are here. Column names are not
 * checked here (that needs the CSV): see `checkColumns`.
 */
import { error, nearestName, type Problem, type Range } from '../problems';
import { nodeAtPath, parseJsonDocument, pathSegments } from './json';
import { SPEC_SCHEMA } from './schema';
import { parseTerm } from './terms';
import type { Spec, WeightsSpec } from './types';
import { checkValue, INVALID } from './validate';

export { lineIndex } from './json';
export { DISTANCES, KERNELS, LOGDETS, MODELS, SES, STYLES, WEIGHT_TYPES } from './schema';

export interface ParsedSpec {
  spec?: Spec;
  problems: Problem[];
  /** Where each field sits in the text, e.g. 'dependent', 'independent.1', 'weights.k'. */
  locate(path: string): Range | undefined;
}

type Raw = Record<string, unknown>;

export function parseSpec(rawText: string, file: string): ParsedSpec {
  const doc = parseJsonDocument(rawText, file, 'the spec');
  const root = doc.root;
  const locate = (path: string): Range | undefined => {
    const node = nodeAtPath(root, pathSegments(path));
    return node ? doc.rangeOf(node.offset, node.length) : undefined;
  };
  const problems = doc.problems;
  if (!root || problems.some((p) => p.severity === 'error')) return { problems, locate };
  if (root.type !== 'object') {
    problems.push(error('the spec must be a JSON object', file, doc.rangeOf(root.offset, root.length), 'spec-not-object'));
    return { problems, locate };
  }
  const checked = checkValue(root, SPEC_SCHEMA, '', { file, rangeOf: doc.rangeOf, problems });
  if (checked === INVALID || problems.length) return { problems, locate };
  const where = (path: string): Range => locate(path) ?? doc.rangeOf(root.offset, 1);
  const fail = (path: string, message: string, code = 'spec-invalid') => problems.push(error(message, file, where(path), code));
  const spec = buildSpec(checked as Raw, fail);
  return problems.length || !spec ? { problems, locate } : { spec, problems, locate };
}

/** The checked fields with their defaults, and the rules that span fields. */
function buildSpec(o: Raw, fail: (path: string, message: string, code?: string) => void): Spec | undefined {
  const dependent = o.dependent as string;
  const y = parseTerm(dependent);
  const independent = o.independent as string[];
  const labels = new Map<string, number>();
  independent.forEach((text, i) => {
    const t = parseTerm(text);
    const first = labels.get(t.label);
    if (first !== undefined) fail(`independent.${i}`, `regressor "${text}" is listed twice (also at independent[${first}])`, 'spec-duplicate');
    else if (text === dependent) fail(`independent.${i}`, `"${text}" is the dependent variable; it cannot also be a regressor`, 'spec-duplicate');
    else if (t.column === y.column) fail(`independent.${i}`, `"${text}" is computed from the dependent variable's column "${y.column}"`, 'spec-duplicate');
    else labels.set(t.label, i);
  });
  const lagX = o.lagX as string[] | undefined;
  lagX?.forEach((text, i) => {
    const label = parseTerm(text).label;
    if (!labels.has(label)) fail(`lagX.${i}`, `"${text}" in "lagX" is not a regressor; "lagX" chooses among "independent"${suggest(text, independent)}`, 'spec-lagx');
    else if (lagX.slice(0, i).some((u) => parseTerm(u).label === label)) fail(`lagX.${i}`, `"${text}" is listed twice in "lagX"`, 'spec-duplicate');
  });
  const intercept = (o.intercept as boolean | undefined) ?? true;
  if (!intercept && independent.length === 0) fail('independent', 'the model has no regressors: add a column or set "intercept": true');
  const model = (o.model as Spec['model'] | undefined) ?? 'lag';
  const weights = buildWeightsSpec(o.weights as Raw, fail);
  const g = o.geometry as string | Raw | undefined;
  const geometry = g === undefined ? undefined : typeof g === 'string' ? { path: g } : { path: g.path as string, idProperty: g.idProperty as string | undefined, idColumn: g.idColumn as string | undefined };
  const impacts = (o.impacts as Raw | undefined) ?? {};
  if (!weights) return undefined;
  return {
    data: o.data as string, dependent, independent, intercept, ...(lagX ? { lagX } : {}), weights, model,
    logdet: (o.logdet as Spec['logdet'] | undefined) ?? 'auto',
    se: (o.se as Spec['se'] | undefined) ?? 'asymptotic',
    geometry,
    impacts: { draws: (impacts.draws as number | undefined) ?? 1000, seed: (impacts.seed as number | undefined) ?? 1 },
  };
}

function suggest(name: string, candidates: readonly string[]): string {
  const near = nearestName(name, candidates);
  return near ? `; did you mean "${near}"?` : '';
}

/** The weights with defaults; the optional refinements (order, symmetric) only where written. */
function buildWeightsSpec(w: Raw, fail: (path: string, message: string, code?: string) => void): WeightsSpec | undefined {
  const common = { style: (w.style as WeightsSpec['style'] | undefined) ?? 'W', allowIslands: (w.allowIslands as boolean | undefined) ?? false, idColumn: w.idColumn as string | undefined };
  const higher = { ...(w.order !== undefined ? { order: w.order as number } : {}), ...(w.cumulative !== undefined ? { cumulative: w.cumulative as boolean } : {}) };
  const coordinates = w.coordinates as [string, string];
  const distance = (w.distance as 'euclidean' | 'greatCircle' | undefined) ?? 'euclidean';
  switch (w.type as WeightsSpec['type']) {
    case 'gal':
      return { type: 'gal', path: w.path as string, ...higher, ...common };
    case 'gwt':
      return { type: 'gwt', path: w.path as string, ...common };
    case 'knn':
      return { type: 'knn', k: w.k as number, coordinates, distance, ...(w.symmetric !== undefined ? { symmetric: w.symmetric as boolean } : {}), ...higher, ...common };
    case 'distance': {
      const inversePower = (w.inversePower as 0 | 1 | 2 | undefined) ?? 0;
      if (inversePower !== 0 && ((w.order as number | undefined) ?? 1) > 1) {
        fail('weights.order', 'higher-order neighbours are defined for binary neighbours: use "inversePower": 0 with "order"');
        return undefined;
      }
      return { type: 'distance', threshold: w.threshold as number | 'minimum', coordinates, distance, inversePower, ...higher, ...common };
    }
    case 'contiguity':
      return { type: 'contiguity', geometry: w.geometry as string, criterion: (w.criterion as 'queen' | 'rook' | undefined) ?? 'queen', idProperty: w.idProperty as string | undefined, ...higher, ...common };
    case 'kernel': {
      const k = w.k as number | undefined;
      const bandwidth = (w.bandwidth as number | 'fixed' | 'adaptive' | undefined) ?? (k !== undefined ? 'adaptive' : undefined);
      if (bandwidth === undefined) {
        fail('weights', 'kernel weights need a "bandwidth" (a distance, "fixed" or "adaptive") or "k" (the neighbour whose distance sets an adaptive bandwidth)', 'spec-missing');
        return undefined;
      }
      if (typeof bandwidth === 'string' && k === undefined) {
        fail('weights.bandwidth', `a "${bandwidth}" bandwidth is set by the k-th neighbour's distance: add "k"`, 'spec-missing');
        return undefined;
      }
      return {
        type: 'kernel', coordinates, distance, function: (w.function as 'triangular' | undefined) ?? 'triangular', bandwidth,
        ...(k !== undefined ? { k } : {}), diagonal: (w.diagonal as 'kernel' | 'one' | undefined) ?? 'kernel', ...common,
      };
    }
  }
}

/**
 * Every column the spec names, with the JSON path where it is named — used to report an
 * unknown column at its exact place, with the nearest existing name as a suggestion. A term such
 * as `log(HOVAL)` names the column it reads (`columns` decides when a column is literally called so).
 */
export function columnReferences(spec: Spec, columns?: readonly string[]): { column: string; text: string; path: string; role: string }[] {
  const term = (text: string, path: string, role: string) => ({ column: parseTerm(text, columns).column, text, path, role });
  const refs = [term(spec.dependent, 'dependent', 'dependent variable')];
  spec.independent.forEach((c, i) => refs.push(term(c, `independent.${i}`, 'regressor')));
  const plain = (column: string, path: string, role: string) => refs.push({ column, text: column, path, role });
  const w = spec.weights;
  if (w.type === 'knn' || w.type === 'distance' || w.type === 'kernel') w.coordinates.forEach((c, i) => plain(c, `weights.coordinates.${i}`, 'coordinate'));
  if (w.idColumn) plain(w.idColumn, 'weights.idColumn', 'id column');
  if (spec.geometry?.idColumn) plain(spec.geometry.idColumn, 'geometry.idColumn', 'id column');
  return refs;
}

/** Unknown columns as problems at their place in the spec, with a suggestion (the whole corrected entry). */
export function checkColumns(spec: Spec, parsed: ParsedSpec, columns: readonly string[], file: string): Problem[] {
  const out: Problem[] = [];
  for (const ref of columnReferences(spec, columns)) {
    if (columns.includes(ref.column)) continue;
    const near = nearestName(ref.column, columns);
    const inTerm = ref.text !== ref.column;
    const role = inTerm ? `${ref.role} "${ref.text}"` : ref.role;
    const hint = !inTerm && ref.text.includes('(') ? '; the transforms are log(x), sqrt(x), x^2 and scale(x)' : '';
    out.push(error(`unknown column "${ref.column}" (${role}) in the data${near ? `; did you mean "${near}"?` : ''}${hint}`, file, parsed.locate(ref.path), 'unknown-column',
      near && (inTerm ? ref.text.replace(ref.column, near) : near)));
  }
  return out;
}
