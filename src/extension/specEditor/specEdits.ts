/**
 * Minimal edits to the spec text for the model form and the grid's column roles. Every change is
 * made on the text itself (jsonc-parser's tree gives the ranges), touching only the value that
 * changes: the user's layout, comments elsewhere and key order stay as they were. (jsonc-parser's
 * own `modify` re-formats whole objects and arrays, so it is not used.) Pure: no `vscode`.
 */
import { findNodeAtLocation, parseTree, type Node } from 'jsonc-parser';
import { withinJsonDepth } from '../../core/spec/json';
import { regressorTerms, termColumnName, termText } from '../../core/spec/roles';
import type { ColumnRole, SpecField, SpecFormState, TermTransform } from '../../protocol';
import { specFormState } from './specState';

export interface TextEdit {
  offset: number;
  length: number;
  content: string;
}

export type EditResult = { text: string } | { error: string };

type Path = (string | number)[];
type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** JSON on one line, as people write small values: `["x", "y"]`, `{ "type": "knn", "k": 6 }`. */
export function inlineJson(v: Json): string {
  if (Array.isArray(v)) return `[${v.map(inlineJson).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    const parts = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${inlineJson(x)}`);
    return parts.length ? `{ ${parts.join(', ')} }` : '{}';
  }
  return JSON.stringify(v);
}

function tree(text: string): Node | undefined {
  // jsonc-parser recurses once per nesting level: no tree (no edit) for a hostile depth.
  return withinJsonDepth(text) ? parseTree(text, [], { allowTrailingComma: true, disallowComments: false }) : undefined;
}

function splice(text: string, offset: number, length: number, content: string): string {
  return text.slice(0, offset) + content + text.slice(offset + length);
}

/** Indentation of the line holding `offset`. */
function indentAt(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(start))![0];
}

function isMultiline(text: string, node: Node): boolean {
  return text.slice(node.offset, node.offset + node.length).includes('\n');
}

/** Adds an item (`"key": value` or an array element) at the end of an object or array node. */
function appendItem(text: string, container: Node, item: string): string {
  const children = container.children ?? [];
  const close = container.offset + container.length - 1; // the closing bracket
  if (children.length === 0) {
    const inner = text.slice(container.offset + 1, close);
    return splice(text, container.offset + 1, inner.length, container.type === 'object' ? ` ${item} ` : item);
  }
  const last = children[children.length - 1];
  const end = last.offset + last.length;
  const sep = isMultiline(text, container) ? `\n${indentAt(text, last.offset)}` : ' ';
  return splice(text, end, 0, `,${sep}${item}`);
}

/** Removes child `i` (a property or an array element) with its comma. */
function removeItem(text: string, container: Node, i: number): string {
  const children = container.children ?? [];
  const child = children[i];
  if (children.length === 1) {
    const inner = text.slice(container.offset + 1, container.offset + container.length - 1);
    return splice(text, container.offset + 1, inner.length, '');
  }
  if (i > 0) {
    const prev = children[i - 1];
    const from = prev.offset + prev.length;
    return splice(text, from, child.offset + child.length - from, '');
  }
  const next = children[1];
  return splice(text, child.offset, next.offset - child.offset, '');
}

/** Sets (value !== undefined) or removes the value at `path`, creating missing objects on the way. */
export function setPath(text: string, path: Path, value: Json | undefined): string {
  const root = tree(text);
  if (!root || root.type !== 'object') throw new Error('the spec is not a JSON object');
  const node = findNodeAtLocation(root, path);
  if (node) {
    if (value === undefined) {
      const parent = node.parent?.type === 'property' ? node.parent.parent : node.parent;
      const item = node.parent?.type === 'property' ? node.parent : node;
      if (!parent) return text;
      return removeItem(text, parent, (parent.children ?? []).indexOf(item));
    }
    const content = inlineJson(value);
    if (text.slice(node.offset, node.offset + node.length) === content) return text;
    return splice(text, node.offset, node.length, content);
  }
  if (value === undefined) return text;
  // Find the deepest existing container and add what is missing below it.
  for (let depth = path.length - 1; depth >= 0; depth--) {
    const parent = depth === 0 ? root : findNodeAtLocation(root, path.slice(0, depth));
    if (!parent) continue;
    let built: Json = value;
    for (let k = path.length - 1; k > depth; k--) {
      const seg = path[k];
      built = typeof seg === 'number' ? [built] : { [seg]: built };
    }
    const seg = path[depth];
    if (parent.type === 'object' && typeof seg === 'string') return appendItem(text, parent, `${JSON.stringify(seg)}: ${inlineJson(built)}`);
    if (parent.type === 'array' && typeof seg === 'number' && seg >= (parent.children?.length ?? 0)) return appendItem(text, parent, inlineJson(built));
    // A scalar where a container is needed: replace it whole.
    return setPath(text, path.slice(0, depth + 1), built);
  }
  return text;
}

/** Appends `value` to the array at `path` (created if missing). */
export function appendToArray(text: string, path: Path, value: Json): string {
  const root = tree(text);
  const node = root && findNodeAtLocation(root, path);
  if (node && node.type === 'array') return appendItem(text, node, inlineJson(value));
  return setPath(text, path, [value]);
}

/** Removes every element equal to `value` from the array at `path`. */
export function removeFromArray(text: string, path: Path, value: Json): string {
  for (;;) {
    const root = tree(text);
    const node = root && findNodeAtLocation(root, path);
    if (!node || node.type !== 'array') return text;
    const i = (node.children ?? []).findIndex((c) => c.value === value);
    if (i < 0) return text;
    text = removeItem(text, node, i);
  }
}

/** The smallest single edit turning `before` into `after` (common prefix and suffix kept). */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before.charCodeAt(endB - 1) === after.charCodeAt(endA - 1)) {
    endB--;
    endA--;
  }
  return { offset: start, length: endB - start, content: after.slice(start, endA) };
}

// ---------------------------------------------------------------------------------------------
// Weights: the parameters each type takes.

const COMMON = ['type', 'style', 'allowIslands', 'idColumn'];
const PARAMS: Record<string, string[]> = {
  gal: ['path', 'idColumn'],
  gwt: ['path', 'idColumn'],
  knn: ['k', 'coordinates', 'distance'],
  distance: ['threshold', 'coordinates', 'distance', 'inversePower'],
  contiguity: ['geometry', 'criterion', 'idProperty', 'idColumn'],
};

/** Two coordinate columns guessed from the header (x/y, lon/lat, longitude/latitude, …). */
export function guessCoordinates(columns: readonly string[]): [string, string] | undefined {
  const lower = columns.map((c) => c.toLowerCase());
  for (const [a, b] of [['x', 'y'], ['lon', 'lat'], ['long', 'lat'], ['lng', 'lat'], ['longitude', 'latitude'], ['easting', 'northing']]) {
    const i = lower.indexOf(a);
    const j = lower.indexOf(b);
    if (i >= 0 && j >= 0) return [columns[i], columns[j]];
  }
  return undefined;
}

/** Switches the weights type: keeps what still applies, drops the rest, adds required defaults. */
function setWeightsType(text: string, form: SpecFormState, type: string, columns: readonly string[]): string {
  const root = tree(text);
  const w = root && findNodeAtLocation(root, ['weights']);
  if (!w || w.type !== 'object') {
    return setPath(text, ['weights'], defaultWeights(type, form, columns));
  }
  if (form.weights.type === type) return text;
  text = setPath(text, ['weights', 'type'], type);
  const allowed = new Set([...COMMON, ...(PARAMS[type] ?? [])]);
  // Remove parameters of the old type, one at a time (ranges move after each removal).
  for (;;) {
    const r = tree(text);
    const wn = r && findNodeAtLocation(r, ['weights']);
    const extra = (wn?.children ?? []).find((p) => !allowed.has(String(p.children?.[0]?.value)));
    if (!wn || !extra) break;
    text = removeItem(text, wn, (wn.children ?? []).indexOf(extra));
  }
  const defaults = defaultWeights(type, form, columns) as Record<string, Json>;
  const have = new Set(((tree(text) && findNodeAtLocation(tree(text)!, ['weights']))?.children ?? []).map((p) => String(p.children?.[0]?.value)));
  for (const [k, v] of Object.entries(defaults)) if (!have.has(k)) text = setPath(text, ['weights', k], v);
  return text;
}

function defaultWeights(type: string, form: SpecFormState, columns: readonly string[]): Json {
  const w = form.weights;
  const coords = w.coordinates[0] && w.coordinates[1] ? [w.coordinates[0], w.coordinates[1]] : guessCoordinates(columns) ?? [columns[0] ?? 'x', columns[1] ?? 'y'];
  switch (type) {
    case 'gal':
    case 'gwt':
      return { type, path: w.path && w.path.toLowerCase().endsWith(`.${type}`) ? w.path : `weights.${type}` };
    case 'knn':
      return { type, k: w.k ?? 6, coordinates: coords };
    case 'distance':
      return { type, threshold: w.threshold ?? 1, coordinates: coords };
    default:
      return { type: 'contiguity', geometry: w.geometry ?? 'map.geojson' };
  }
}

/** The text after the form sets `field` (null removes an optional field). */
export function setField(text: string, field: SpecField, value: string | number | boolean | null, columns: readonly string[]): EditResult {
  const form = specFormState(text);
  if (form.syntaxError) return { error: `${form.syntaxError} Fix the spec text first.` };
  const v = value === null ? undefined : value;
  switch (field) {
    case 'weights.type':
      return { text: setWeightsType(text, form, String(value), columns) };
    case 'weights.coordinates.0':
    case 'weights.coordinates.1': {
      const i = field.endsWith('0') ? 0 : 1;
      const pair = [form.weights.coordinates[0] ?? '', form.weights.coordinates[1] ?? ''];
      pair[i] = String(value);
      return { text: setPath(text, ['weights', 'coordinates'], pair) };
    }
    case 'dependent': {
      // The new dependent is no regressor: its regressor terms go (HOVAL, log(HOVAL), …).
      const col = String(value);
      const column = termColumnName(col, columns);
      let out = text;
      for (const t of regressorTerms(form, column, columns)) out = removeFromArray(out, ['independent'], t);
      return { text: setPath(out, ['dependent'], col) };
    }
    default:
      return { text: setPath(text, field.split('.'), v) };
  }
}

/** What a header click does: the spec text with `column` in `role`, or why that is not possible. */
export function setRole(text: string, column: string, role: ColumnRole, columns: readonly string[]): EditResult {
  const form = specFormState(text);
  if (form.syntaxError) return { error: `${form.syntaxError} Fix the spec text first.` };
  if (!columns.includes(column)) return { error: `"${column}" is not a column of the data` };
  const w = form.weights;
  const usesCoords = w.type === 'knn' || w.type === 'distance';
  const usesId = w.type !== undefined;
  const hasGeometryObject = /"geometry"\s*:\s*\{/.test(text);
  switch (role) {
    case 'dependent':
      return setField(text, 'dependent', column, columns);
    case 'regressor':
      if (form.dependent !== undefined && termColumnName(form.dependent, columns) === column) return { error: `"${column}" is the dependent variable: make another column the dependent first` };
      if (regressorTerms(form, column, columns).length) return { text };
      return { text: appendToArray(text, ['independent'], column) };
    case 'coordX':
    case 'coordY':
      if (!usesCoords) return { error: `coordinates are used by kNN and distance weights; these weights are "${w.type ?? 'not set'}"` };
      return setField(text, role === 'coordX' ? 'weights.coordinates.0' : 'weights.coordinates.1', column, columns);
    case 'id': {
      if (!usesId && !hasGeometryObject) return { error: 'an id column belongs to the weights or the geometry; this spec has neither' };
      let out = text;
      if (usesId) out = setPath(out, ['weights', 'idColumn'], column);
      if (hasGeometryObject) out = setPath(out, ['geometry', 'idColumn'], column);
      return { text: out };
    }
    case 'none': {
      if (form.dependent !== undefined && termColumnName(form.dependent, columns) === column) return { error: `"${column}" is the dependent variable: make another column the dependent instead` };
      if (usesCoords && w.coordinates.includes(column)) return { error: `"${column}" is a coordinate of the ${w.type} weights: pick another coordinate column instead` };
      let out = text;
      for (const t of regressorTerms(form, column, columns)) out = removeFromArray(out, ['independent'], t);
      if (w.idColumn === column) out = setPath(out, ['weights', 'idColumn'], undefined);
      if (form.geometryIdColumn === column) out = setPath(out, ['geometry', 'idColumn'], undefined);
      return { text: out };
    }
  }
}

/**
 * The text with `column` used under `transform`: the dependent when it reads that column, else
 * its regressor term (the untransformed one first), else a new regressor.
 */
export function setTransform(text: string, column: string, transform: TermTransform, columns: readonly string[]): EditResult {
  const form = specFormState(text);
  if (form.syntaxError) return { error: `${form.syntaxError} Fix the spec text first.` };
  if (!columns.includes(column)) return { error: `"${column}" is not a column of the data` };
  const term = termText(column, transform);
  if (form.dependent !== undefined && termColumnName(form.dependent, columns) === column) return { text: setPath(text, ['dependent'], term) };
  const terms = regressorTerms(form, column, columns);
  if (terms.includes(term)) return { text };
  if (!terms.length) return { text: appendToArray(text, ['independent'], term) };
  const old = terms.includes(column) ? column : terms[0];
  return { text: setPath(text, ['independent', form.independent.indexOf(old)], term) };
}
