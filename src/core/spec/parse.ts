/**
 * Parses and validates `.sar.json` text into a `Spec`, reporting every problem at its
 * exact JSON range (1-based line/column), so the editor can underline it and the CLI can
 * print `FILE:LINE:COL`. Column names are not checked here (that needs the CSV): see
 * `checkColumns`.
 */
import { parseTree, findNodeAtLocation, type Node, type ParseError, printParseErrorCode } from 'jsonc-parser';
import { error, nearestName, type Problem, type Range } from '../problems';
import type { DistanceMetric, LogDetMethod, ModelType, SeMethod, Spec, WeightsSpec, WeightsStyle } from './types';

export interface ParsedSpec {
  spec?: Spec;
  problems: Problem[];
  /** Where each field sits in the text, e.g. 'dependent', 'independent.1', 'weights.k'. */
  locate(path: string): Range | undefined;
}

/** The values each enum field accepts (exported: the spec editor validates its form edits with them). */
export const MODELS: readonly ModelType[] = ['lag', 'error', 'durbin', 'ols'];
export const LOGDETS: readonly LogDetMethod[] = ['auto', 'eigen', 'sparse', 'chebyshev', 'mc'];
export const SES: readonly SeMethod[] = ['asymptotic', 'hessian'];
export const STYLES: readonly WeightsStyle[] = ['W', 'B', 'C', 'U', 'S'];
export const DISTANCES: readonly DistanceMetric[] = ['euclidean', 'greatCircle'];
export const WEIGHT_TYPES = ['gal', 'gwt', 'knn', 'distance', 'contiguity'] as const;
const TOP_LEVEL = ['$schema', 'data', 'dependent', 'independent', 'intercept', 'weights', 'model', 'logdet', 'se', 'geometry', 'impacts', 'title', 'description'];

/** Maps character offsets to 1-based line/column. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo] + 1 };
  };
}

export function parseSpec(rawText: string, file: string): ParsedSpec {
  const text = rawText.replace(/^\uFEFF/, '');
  const toPos = lineIndex(text);
  const rangeOf = (offset: number, length: number): Range => {
    const a = toPos(offset);
    const b = toPos(offset + Math.max(length, 1));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  };
  const problems: Problem[] = [];
  const parseErrors: ParseError[] = [];
  const root = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  const nodeAt = (path: string): Node | undefined => {
    if (!root) return undefined;
    const segs = path === '' ? [] : path.replace(/\[(\d+)\]/g, '.$1').split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
    return findNodeAtLocation(root, segs);
  };
  const locate = (path: string): Range | undefined => {
    const node = nodeAt(path);
    return node ? rangeOf(node.offset, node.length) : undefined;
  };
  for (const e of parseErrors) {
    problems.push(error(`invalid JSON: ${printParseErrorCode(e.error)}`, file, rangeOf(e.offset, e.length), 'json-syntax'));
  }
  if (!root || parseErrors.length > 0) return { problems, locate };
  if (root.type !== 'object') {
    problems.push(error('the spec must be a JSON object', file, rangeOf(root.offset, root.length), 'spec-not-object'));
    return { problems, locate };
  }

  const where = (path: string): Range => locate(path) ?? rangeOf(root.offset, 1);
  const fail = (path: string, message: string, code = 'spec-invalid', suggestion?: string): undefined => {
    problems.push(error(message, file, where(path), code, suggestion));
    return undefined;
  };
  const value = (path: string): unknown => {
    const n = nodeAt(path);
    return n ? nodeValue(n) : undefined;
  };
  const str = (path: string, required: boolean): string | undefined => {
    const v = value(path);
    if (v === undefined) return required ? fail(parentOf(path), `missing field "${path}"`, 'spec-missing') : undefined;
    if (typeof v !== 'string' || v.trim() === '') return fail(path, `"${path}" must be a non-empty string`);
    return v;
  };
  const oneOf = <T extends string>(path: string, allowed: readonly T[], fallback: T): T | undefined => {
    const v = value(path);
    if (v === undefined) return fallback;
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    const near = typeof v === 'string' ? nearestName(v, allowed) : undefined;
    return fail(path, `"${path}" must be one of ${allowed.map((a) => `"${a}"`).join(', ')}${near ? `; did you mean "${near}"?` : ''}`, 'spec-enum', near);
  };
  const bool = (path: string, fallback: boolean): boolean | undefined => {
    const v = value(path);
    if (v === undefined) return fallback;
    if (typeof v !== 'boolean') return fail(path, `"${path}" must be true or false`);
    return v;
  };
  const num = (path: string, check: (x: number) => boolean, what: string, fallback?: number): number | undefined => {
    const v = value(path);
    if (v === undefined) return fallback === undefined ? fail(parentOf(path), `missing field "${path}" (${what})`, 'spec-missing') : fallback;
    if (typeof v !== 'number' || !check(v)) return fail(path, `"${path}" must be ${what}`);
    return v;
  };
  const pair = (path: string): [string, string] | undefined => {
    const v = value(path);
    if (v === undefined) return fail(parentOf(path), `missing field "${path}": two column names, e.g. ["x", "y"] or ["longitude", "latitude"]`, 'spec-missing');
    if (!Array.isArray(v) || v.length !== 2 || !v.every((s) => typeof s === 'string' && s !== '')) {
      return fail(path, `"${path}" must be an array of two column names`);
    }
    return [v[0] as string, v[1] as string];
  };

  for (const child of root.children ?? []) {
    const key = child.children?.[0]?.value as string;
    if (!TOP_LEVEL.includes(key)) {
      const near = nearestName(key, TOP_LEVEL);
      problems.push(error(`unknown field "${key}"${near ? `; did you mean "${near}"?` : ''}`, file, rangeOf(child.children![0].offset, child.children![0].length), 'spec-unknown-field', near));
    }
  }

  const data = str('data', true);
  const dependent = str('dependent', true);
  let independent: string[] | undefined;
  const indep = value('independent');
  if (indep === undefined) fail('', 'missing field "independent": an array of column names', 'spec-missing');
  else if (!Array.isArray(indep)) fail('independent', '"independent" must be an array of column names');
  else {
    independent = [];
    indep.forEach((v, i) => {
      if (typeof v !== 'string' || v === '') fail(`independent.${i}`, 'each regressor must be a column name (a non-empty string)');
      else if (independent!.includes(v)) fail(`independent.${i}`, `regressor "${v}" is listed twice`, 'spec-duplicate');
      else if (v === dependent) fail(`independent.${i}`, `"${v}" is the dependent variable; it cannot also be a regressor`, 'spec-duplicate');
      else independent!.push(v);
    });
  }
  const intercept = bool('intercept', true);
  const model = oneOf('model', MODELS, 'lag');
  const logdet = oneOf('logdet', LOGDETS, 'auto');
  const se = oneOf('se', SES, 'asymptotic');

  let weights: WeightsSpec | undefined;
  const w = nodeAt('weights');
  if (!w) fail('', 'missing field "weights", e.g. {"type": "knn", "k": 6, "coordinates": ["x", "y"]}', 'spec-missing');
  else if (w.type !== 'object') fail('weights', '"weights" must be an object with a "type"');
  else {
    const type = value('weights.type');
    const style = oneOf('weights.style', STYLES, 'W');
    const allowIslands = bool('weights.allowIslands', false);
    const idColumn = str('weights.idColumn', false);
    const common = style !== undefined && allowIslands !== undefined ? { style, allowIslands, idColumn } : undefined;
    if (type === undefined) fail('weights', `missing field "weights.type": one of ${WEIGHT_TYPES.join(', ')}`, 'spec-missing');
    else if (typeof type !== 'string' || !(WEIGHT_TYPES as readonly string[]).includes(type)) {
      const near = typeof type === 'string' ? nearestName(type, WEIGHT_TYPES) : undefined;
      fail('weights.type', `"weights.type" must be one of ${WEIGHT_TYPES.map((t) => `"${t}"`).join(', ')}${near ? `; did you mean "${near}"?` : ''}`, 'spec-enum', near);
    } else if (type === 'gal' || type === 'gwt') {
      const path = str('weights.path', true);
      if (path && common) weights = { type, path, ...common };
    } else if (type === 'knn') {
      const k = num('weights.k', (x) => Number.isInteger(x) && x >= 1, 'a positive integer');
      const coordinates = pair('weights.coordinates');
      const distance = oneOf('weights.distance', DISTANCES, 'euclidean');
      if (k !== undefined && coordinates && distance && common) weights = { type, k, coordinates, distance, ...common };
    } else if (type === 'distance') {
      const threshold = num('weights.threshold', (x) => Number.isFinite(x) && x > 0, 'a positive number (coordinate units, or km for great-circle distance)');
      const coordinates = pair('weights.coordinates');
      const distance = oneOf('weights.distance', DISTANCES, 'euclidean');
      const inversePower = num('weights.inversePower', (x) => x === 0 || x === 1 || x === 2, '0, 1 or 2', 0) as 0 | 1 | 2 | undefined;
      if (threshold !== undefined && coordinates && distance && inversePower !== undefined && common) {
        weights = { type, threshold, coordinates, distance, inversePower, ...common };
      }
    } else {
      const geometry = str('weights.geometry', true);
      const criterion = oneOf('weights.criterion', ['queen', 'rook'] as const, 'queen');
      const idProperty = str('weights.idProperty', false);
      if (geometry && criterion && common) weights = { type: 'contiguity', geometry, criterion, idProperty, ...common };
    }
  }

  let geometry: Spec['geometry'];
  const g = value('geometry');
  if (g !== undefined) {
    if (typeof g === 'string') geometry = { path: g };
    else if (g && typeof g === 'object' && !Array.isArray(g)) {
      const path = str('geometry.path', true);
      const idProperty = str('geometry.idProperty', false);
      const idColumn = str('geometry.idColumn', false);
      if (path) geometry = { path, idProperty, idColumn };
    } else fail('geometry', '"geometry" must be a GeoJSON path or {"path", "idProperty", "idColumn"}');
  }

  const draws = num('impacts.draws', (x) => Number.isInteger(x) && x >= 0 && x <= 100000, 'an integer from 0 to 100000', 1000);
  const seed = num('impacts.seed', (x) => Number.isInteger(x), 'an integer', 1);

  if (problems.some((p) => p.severity === 'error') || !data || !dependent || !independent || intercept === undefined || !model || !logdet || !se || !weights || draws === undefined || seed === undefined) {
    return { problems, locate };
  }
  if (!intercept && independent.length === 0) fail('independent', 'the model has no regressors: add a column or set "intercept": true');
  if (problems.length) return { problems, locate };
  return {
    spec: { data, dependent, independent, intercept, weights, model, logdet, se, geometry, impacts: { draws, seed } },
    problems,
    locate,
  };
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('.');
  return i < 0 ? '' : path.slice(0, i);
}

function nodeValue(node: Node): unknown {
  switch (node.type) {
    case 'object': {
      const o: Record<string, unknown> = {};
      for (const p of node.children ?? []) if (p.children?.length === 2) o[p.children[0].value as string] = nodeValue(p.children[1]);
      return o;
    }
    case 'array':
      return (node.children ?? []).map(nodeValue);
    default:
      return node.value;
  }
}

/**
 * Every column the spec names, with the JSON path where it is named — used to report an
 * unknown column at its exact place, with the nearest existing name as a suggestion.
 */
export function columnReferences(spec: Spec): { column: string; path: string; role: string }[] {
  const refs = [{ column: spec.dependent, path: 'dependent', role: 'dependent variable' }];
  spec.independent.forEach((c, i) => refs.push({ column: c, path: `independent.${i}`, role: 'regressor' }));
  const w = spec.weights;
  if (w.type === 'knn' || w.type === 'distance') {
    w.coordinates.forEach((c, i) => refs.push({ column: c, path: `weights.coordinates.${i}`, role: 'coordinate' }));
  }
  if (w.idColumn) refs.push({ column: w.idColumn, path: 'weights.idColumn', role: 'id column' });
  if (spec.geometry?.idColumn) refs.push({ column: spec.geometry.idColumn, path: 'geometry.idColumn', role: 'id column' });
  return refs;
}

/** Unknown columns as problems at their place in the spec, with a suggestion. */
export function checkColumns(spec: Spec, parsed: ParsedSpec, columns: readonly string[], file: string): Problem[] {
  const out: Problem[] = [];
  for (const ref of columnReferences(spec)) {
    if (columns.includes(ref.column)) continue;
    const near = nearestName(ref.column, columns);
    out.push(error(`unknown column "${ref.column}" (${ref.role}) in the data${near ? `; did you mean "${near}"?` : ''}`, file, parsed.locate(ref.path), 'unknown-column', near));
  }
  return out;
}
