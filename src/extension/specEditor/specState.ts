/**
 * The model form's state read from the spec text, tolerant of half-typed JSON (jsonc-parser), and
 * problems mapped to the form field they belong to. Pure: no `vscode`.
 */
import { getLocation, parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { MAX_JSON_DEPTH, withinJsonDepth } from '../../core/spec/json';
import type { Problem } from '../../core/problems';
import type { EditorProblem, SpecFormState } from '../../protocol';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export function parseSpecObject(text: string): { value?: Obj; error?: string } {
  // jsonc-parser recurses once per nesting level: a hostile depth would overflow the stack.
  if (!withinJsonDepth(text)) return { error: `The spec nests deeper than ${MAX_JSON_DEPTH} levels.` };
  const errors: ParseError[] = [];
  const value: unknown = parse(text.replace(/^\uFEFF/, ''), errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) return { error: `Invalid JSON: ${printParseErrorCode(errors[0].error)}`, value: isObj(value) ? value : undefined };
  if (!isObj(value)) return { error: 'The spec must be a JSON object.' };
  return { value };
}

export function specFormState(text: string): SpecFormState {
  const { value, error } = parseSpecObject(text);
  const o = value ?? {};
  const w = isObj(o.weights) ? o.weights : {};
  const coords = Array.isArray(w.coordinates) ? w.coordinates : [];
  const g = o.geometry;
  return {
    syntaxError: error,
    title: str(o.title),
    data: str(o.data),
    dependent: str(o.dependent),
    independent: Array.isArray(o.independent) ? o.independent.filter((x): x is string => typeof x === 'string') : [],
    intercept: o.intercept !== false,
    model: str(o.model) ?? 'lag',
    logdet: str(o.logdet) ?? 'auto',
    se: str(o.se) ?? 'asymptotic',
    weights: {
      type: str(w.type),
      path: str(w.path),
      idColumn: str(w.idColumn),
      style: str(w.style) ?? 'W',
      allowIslands: w.allowIslands === true,
      k: num(w.k),
      coordinates: [str(coords[0]), str(coords[1])],
      distance: str(w.distance) ?? 'euclidean',
      threshold: num(w.threshold),
      inversePower: num(w.inversePower) ?? 0,
      geometry: str(w.geometry),
      criterion: str(w.criterion) ?? 'queen',
      idProperty: str(w.idProperty),
    },
    geometryIdColumn: isObj(g) ? str(g.idColumn) : undefined,
  };
}

/** 1-based line/column → offset. */
export function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', offset);
    if (nl < 0) return text.length;
    offset = nl + 1;
  }
  return Math.min(text.length, offset + Math.max(0, column - 1));
}

/** The spec field at a position, e.g. "independent" for a regressor, "weights.k" (indices dropped). */
export function fieldAt(text: string, line: number, column: number): string | undefined {
  const clean = text.replace(/^\uFEFF/, '');
  if (!withinJsonDepth(clean)) return undefined; // getLocation recurses once per level
  const loc = getLocation(clean, offsetOf(clean, line, column));
  const path = loc.path.filter((s): s is string => typeof s === 'string' && s !== '');
  return path.length ? path.join('.') : undefined;
}

/** Engine problems for display: which file they point into, and the form field for spec ones. */
export function editorProblems(problems: readonly Problem[], specPath: string, specText: string, dataPath: string | undefined, base: (p: string) => string): EditorProblem[] {
  return problems.map((p) => {
    const where: EditorProblem['where'] = p.file === specPath ? 'spec' : dataPath && p.file && samePath(p.file, dataPath) ? 'data' : 'other';
    const line = p.range?.line;
    const column = p.range?.column;
    return {
      severity: p.severity,
      message: p.message,
      where,
      fileName: base(p.file ?? specPath),
      line,
      column,
      field: where === 'spec' && line !== undefined ? fieldAt(specText, line, column ?? 1) : undefined,
    };
  });
}

function samePath(a: string, b: string): boolean {
  return a === b || a.endsWith('/' + b) || b.endsWith('/' + a);
}
