/**
 * Messages between the spec editor's webview (webview/editor) and the host
 * (src/extension/specEditor), typed, with strict validators for everything the webview sends.
 *
 * - Host → editor messages are built by the host; the webview only checks `type`
 *   (`isHostToEditorMessage`).
 * - Editor → host messages are untrusted input: `validateEditorToHost` accepts a message only with
 *   a known `type`, exactly the known fields, each of the right type and within limits.
 *
 * Layering: no `vscode`, no Node built-ins, nothing from `src/extension`: the webview bundle imports
 * this file too. (To be merged into src/protocol.ts; it follows that file's `check*` style.)
 */

/** Bumped when a message changes incompatibly (webview bundle and host ship together). */
export const EDITOR_PROTOCOL_VERSION = 1;

// =============================================================================================
// Shared vocabulary

/** What a CSV column does in the model. `coordX`/`coordY` are `weights.coordinates[0|1]` (kNN and distance weights). */
export type ColumnRole = 'dependent' | 'regressor' | 'coordX' | 'coordY' | 'id' | 'none';
export const COLUMN_ROLES: readonly ColumnRole[] = ['dependent', 'regressor', 'coordX', 'coordY', 'id', 'none'];

export const MODEL_TYPES = ['lag', 'error', 'durbin', 'ols'] as const;
export const LOGDET_METHODS = ['auto', 'eigen', 'sparse', 'chebyshev', 'mc'] as const;
export const SE_METHODS = ['asymptotic', 'hessian'] as const;
export const WEIGHT_TYPES = ['gal', 'gwt', 'knn', 'distance', 'contiguity'] as const;
export const WEIGHT_STYLES = ['W', 'B', 'C', 'U', 'S'] as const;
export const DISTANCE_METRICS = ['euclidean', 'greatCircle'] as const;
export const CRITERIA = ['queen', 'rook'] as const;

/** The model form as read from the spec text (tolerant of half-typed JSON: every field optional). */
export interface WeightsFormState {
  type?: string;
  path?: string;
  idColumn?: string;
  style?: string;
  allowIslands: boolean;
  k?: number;
  /** `weights.coordinates`: [x, y] column names (either may be missing). */
  coordinates: [string | undefined, string | undefined];
  distance?: string;
  threshold?: number;
  inversePower?: number;
  geometry?: string;
  criterion?: string;
  idProperty?: string;
}

export interface SpecFormState {
  /** Set when the text is not a JSON object: the form is read-only until the text is fixed. */
  syntaxError?: string;
  title?: string;
  data?: string;
  dependent?: string;
  independent: string[];
  intercept: boolean;
  model: string;
  logdet: string;
  se: string;
  weights: WeightsFormState;
  /** `geometry.idColumn` (the map join column), also an "id" role. */
  geometryIdColumn?: string;
}

/** A problem for display: 1-based position in its file, and the spec field it belongs to when known. */
export interface EditorProblem {
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** Which file the position is in. */
  where: 'spec' | 'data' | 'other';
  /** Display name of that file. */
  fileName: string;
  line?: number;
  column?: number;
  /** Spec field, e.g. "dependent", "independent", "weights.k" (array indices dropped). */
  field?: string;
}

/** Per-column summary (numeric cells only); computed host-side once per table. */
export interface ColumnStats {
  /** Cells that are numbers. */
  count: number;
  /** Empty or NA-like cells. */
  missing: number;
  /** Cells that are neither numbers nor missing (text). */
  text: number;
  mean: number | null;
  sd: number | null;
  min: number | null;
  max: number | null;
}

export type SortDirection = 'asc' | 'desc';
export interface SortSpec {
  column: number;
  dir: SortDirection;
}
export const FILTER_OPS = ['contains', '=', '!=', '<', '<=', '>', '>=', 'empty', 'invalid'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];
export interface FilterSpec {
  column: number;
  op: FilterOp;
  value: string;
}

/** An invalid cell in a model column (empty or not a number), in file-row order. */
export interface CellIssue {
  /** 0-based data row in the file. */
  row: number;
  column: number;
  value: string;
  reason: string;
}

// =============================================================================================
// Host → editor

export interface SpecMessage {
  type: 'spec';
  version: number;
  fileName: string;
  form: SpecFormState;
  problems: EditorProblem[];
  /** The form and the grid accept no edits (restricted mode, or a syntax error in the spec). */
  readOnly: boolean;
  /** False in restricted mode (untrusted workspace): no fits, no edits. */
  trusted: boolean;
}

export interface TableMessage {
  type: 'table';
  /** Bumped whenever the data is re-read; requests carry it and stale ones are ignored. */
  gen: number;
  status: 'none' | 'loading' | 'ready' | 'error';
  /** The data file as the spec names it. */
  file?: string;
  columns: string[];
  nrows: number;
  delimiter: string;
  /** How the file was read: as a VS Code text document (editable) or through the file system (read-only). */
  via?: 'document' | 'filesystem';
  readOnly: boolean;
  /** Shown in the UI when `readOnly`. */
  readOnlyReason?: string;
  sizeBytes?: number;
  /** Load time on the host (ms), for the UI and benchmarks. */
  loadMs?: number;
  /** Why there is no grid (status 'error'), e.g. the file is missing or outside the workspace. */
  error?: string;
  /** Problems reading the CSV (ragged rows, bad quoting), with locations in the data file. */
  problems: EditorProblem[];
}

/** The rows the grid shows: the file's rows, sorted/filtered as a view (the file is never reordered). */
export interface ViewMessage {
  type: 'view';
  gen: number;
  viewId: number;
  nrows: number;
  sort: SortSpec | null;
  filter: FilterSpec | null;
}

export interface RowsMessage {
  type: 'rows';
  gen: number;
  viewId: number;
  /** First view row of this page. */
  start: number;
  rows: string[][];
  /** The file row (0-based data row) of each view row. */
  fileRows: number[];
  /** Invalid cells on this page as flat pairs [offset from start, column, …]. */
  invalid: number[];
}

export interface StatsMessage {
  type: 'stats';
  gen: number;
  /** One entry per column (null: not computed yet). */
  stats: (ColumnStats | null)[];
  done: boolean;
}

export interface IssuesMessage {
  type: 'issues';
  gen: number;
  /** All invalid cells in the model columns. */
  total: number;
  /** The first of them (at most MAX_LISTED_ISSUES). */
  items: CellIssue[];
  /** The model columns that were checked. */
  columns: string[];
}

/** Where a file row is in the current view (answer to `locateRow`); the grid moves there. */
export interface LocatedMessage {
  type: 'located';
  gen: number;
  viewId: number;
  row: number;
  column: number;
  /** -1 when the row is filtered out of the view. */
  viewIndex: number;
}

export interface NoticeMessage {
  type: 'notice';
  level: 'info' | 'warning' | 'error';
  message: string;
}

export type HostToEditor = SpecMessage | TableMessage | ViewMessage | RowsMessage | StatsMessage | IssuesMessage | LocatedMessage | NoticeMessage;

/** The webview's light check (the host is trusted; this only rejects messages that are not ours). */
export function isHostToEditorMessage(m: unknown): m is HostToEditor {
  if (!isRecord(m)) return false;
  switch (m.type) {
    case 'spec':
      return isRecord(m.form) && Array.isArray(m.problems);
    case 'table':
      return Array.isArray(m.columns) && typeof m.gen === 'number';
    case 'view':
    case 'stats':
    case 'issues':
    case 'located':
      return typeof m.gen === 'number';
    case 'rows':
      return typeof m.gen === 'number' && Array.isArray(m.rows) && Array.isArray(m.fileRows);
    case 'notice':
      return typeof m.message === 'string';
    default:
      return false;
  }
}

// =============================================================================================
// Editor → host

export interface EditorReadyMessage {
  type: 'ready';
  version: number;
}
export interface RequestRowsMessage {
  type: 'requestRows';
  gen: number;
  viewId: number;
  start: number;
  count: number;
}
export interface SetViewMessage {
  type: 'setView';
  gen: number;
  sort: SortSpec | null;
  filter: FilterSpec | null;
}
export interface EditCellMessage {
  type: 'editCell';
  gen: number;
  /** 0-based data row in the file (not the view index). */
  row: number;
  column: number;
  value: string;
}
export interface SetRoleMessage {
  type: 'setRole';
  /** Column name (must be a column of the data; the host checks). */
  column: string;
  role: ColumnRole;
}
export interface SetFieldMessage {
  type: 'setField';
  field: SpecField;
  /** null removes an optional field. Checked per field by `checkFieldValue`. */
  value: string | number | boolean | null;
}
export interface FitMessage {
  type: 'fit';
}
export interface UndoRedoMessage {
  type: 'undo' | 'redo';
}
export interface LocateRowMessage {
  type: 'locateRow';
  gen: number;
  row: number;
  column: number;
}
/** Show the spec or the data file as text, at a 1-based position (null: keep the cursor). */
export interface OpenTextMessage {
  type: 'openText';
  target: 'spec' | 'data';
  line: number | null;
  column: number | null;
}
export interface EditorLogMessage {
  type: 'log';
  level: 'info' | 'warn' | 'error';
  message: string;
}

export type EditorToHost =
  | EditorReadyMessage
  | RequestRowsMessage
  | SetViewMessage
  | EditCellMessage
  | SetRoleMessage
  | SetFieldMessage
  | FitMessage
  | UndoRedoMessage
  | LocateRowMessage
  | OpenTextMessage
  | EditorLogMessage;

/** The spec fields the form may set, each with the values it accepts. */
export const SPEC_FIELDS = [
  'title', 'data', 'dependent', 'intercept', 'model', 'logdet', 'se',
  'weights.type', 'weights.path', 'weights.idColumn', 'weights.style', 'weights.allowIslands',
  'weights.k', 'weights.coordinates.0', 'weights.coordinates.1', 'weights.distance', 'weights.threshold',
  'weights.inversePower', 'weights.geometry', 'weights.criterion', 'weights.idProperty',
] as const;
export type SpecField = (typeof SPEC_FIELDS)[number];

// =============================================================================================
// Limits

/** Longest column name, path or title accepted. */
export const MAX_NAME_CHARS = 1000;
/** Longest cell value a grid edit may write. */
export const MAX_CELL_CHARS = 100_000;
/** Most rows one request may ask for. */
export const MAX_PAGE_ROWS = 2000;
/** Largest row / column index accepted (the host also checks against the table). */
export const MAX_INDEX = 2 ** 31 - 2;
/** At most this many invalid cells are listed (the total is always given). */
export const MAX_LISTED_ISSUES = 500;
export const MAX_LOG_CHARS = 10_000;
export const MAX_FILTER_CHARS = 1000;

// =============================================================================================
// Validation helpers: each check returns undefined when the value is fine, else the reason.

type Check = (v: unknown) => string | undefined;

function isRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

const str = (max: number): Check => (v) =>
  typeof v !== 'string' ? 'not a string' : v.length > max ? `longer than ${max} characters` : undefined;

const name: Check = (v) => str(MAX_NAME_CHARS)(v) ?? ((v as string).trim() === '' ? 'empty' : /[\u0000-\u001f]/.test(v as string) ? 'contains control characters' : undefined);

const oneOf = <T extends string | number>(values: readonly T[]): Check => (v) =>
  (values as readonly unknown[]).includes(v) ? undefined : `not one of ${values.join(', ')}`;

const literal = (value: string | number): Check => (v) => (v === value ? undefined : `not ${JSON.stringify(value)}`);

const int = (min: number, max: number): Check => (v) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max ? undefined : `not an integer from ${min} to ${max}`;

const index = int(0, MAX_INDEX);
const gen = int(0, MAX_INDEX);
const bool: Check = (v) => (typeof v === 'boolean' ? undefined : 'not true or false');
const orNull = (check: Check): Check => (v) => (v === null ? undefined : check(v));

/** An object with exactly these fields (all required), each passing its check. */
function checkFields(v: unknown, fields: Record<string, Check>): string | undefined {
  if (!isRecord(v)) return 'not a plain object';
  for (const key of Object.keys(v)) if (!Object.prototype.hasOwnProperty.call(fields, key)) return `unknown field "${key}"`;
  for (const [key, check] of Object.entries(fields)) {
    if (!Object.prototype.hasOwnProperty.call(v, key)) return `missing field "${key}"`;
    const why = check(v[key]);
    if (why) return `field "${key}": ${why}`;
  }
  return undefined;
}

const sortSpec: Check = (v) => checkFields(v, { column: index, dir: oneOf(['asc', 'desc'] as const) });
const filterSpec: Check = (v) => checkFields(v, { column: index, op: oneOf(FILTER_OPS), value: str(MAX_FILTER_CHARS) });

const positiveNumber: Check = (v) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? undefined : 'not a positive number');

/** What each spec field accepts (null = remove the field, only for optional ones). */
const FIELD_CHECKS: Record<SpecField, Check> = {
  title: orNull(str(MAX_NAME_CHARS)),
  data: name,
  dependent: name,
  intercept: bool,
  model: oneOf(MODEL_TYPES),
  logdet: oneOf(LOGDET_METHODS),
  se: oneOf(SE_METHODS),
  'weights.type': oneOf(WEIGHT_TYPES),
  'weights.path': name,
  'weights.idColumn': orNull(name),
  'weights.style': oneOf(WEIGHT_STYLES),
  'weights.allowIslands': bool,
  'weights.k': int(1, 10_000),
  'weights.coordinates.0': name,
  'weights.coordinates.1': name,
  'weights.distance': oneOf(DISTANCE_METRICS),
  'weights.threshold': positiveNumber,
  'weights.inversePower': oneOf([0, 1, 2]),
  'weights.geometry': name,
  'weights.criterion': oneOf(CRITERIA),
  'weights.idProperty': orNull(name),
};

export function checkFieldValue(field: SpecField, value: unknown): string | undefined {
  return FIELD_CHECKS[field](value);
}

const editorToHostChecks: Record<EditorToHost['type'], (v: Record<string, unknown>) => string | undefined> = {
  ready: (v) => checkFields(v, { type: literal('ready'), version: literal(EDITOR_PROTOCOL_VERSION) }),
  requestRows: (v) => checkFields(v, { type: literal('requestRows'), gen, viewId: index, start: index, count: int(1, MAX_PAGE_ROWS) }),
  setView: (v) => checkFields(v, { type: literal('setView'), gen, sort: orNull(sortSpec), filter: orNull(filterSpec) }),
  editCell: (v) => checkFields(v, { type: literal('editCell'), gen, row: index, column: index, value: str(MAX_CELL_CHARS) }),
  setRole: (v) => checkFields(v, { type: literal('setRole'), column: name, role: oneOf(COLUMN_ROLES) }),
  setField: (v) => {
    const why = checkFields(v, { type: literal('setField'), field: oneOf(SPEC_FIELDS), value: () => undefined });
    if (why) return why;
    const fieldWhy = checkFieldValue(v.field as SpecField, v.value);
    return fieldWhy ? `field "value": ${fieldWhy}` : undefined;
  },
  fit: (v) => checkFields(v, { type: literal('fit') }),
  undo: (v) => checkFields(v, { type: literal('undo') }),
  redo: (v) => checkFields(v, { type: literal('redo') }),
  locateRow: (v) => checkFields(v, { type: literal('locateRow'), gen, row: index, column: index }),
  openText: (v) => checkFields(v, { type: literal('openText'), target: oneOf(['spec', 'data'] as const), line: orNull(int(1, MAX_INDEX)), column: orNull(int(1, MAX_INDEX)) }),
  log: (v) => checkFields(v, { type: literal('log'), level: oneOf(['info', 'warn', 'error'] as const), message: str(MAX_LOG_CHARS) }),
};

/** Why `m` is not a valid spec-editor message (undefined when it is). Never echoes the payload. */
export function validateEditorToHost(m: unknown): string | undefined {
  if (!isRecord(m)) return 'not a plain object';
  const t = m.type;
  if (typeof t !== 'string' || !Object.prototype.hasOwnProperty.call(editorToHostChecks, t)) {
    return `unknown message type ${typeof t === 'string' ? JSON.stringify(t.slice(0, 40)) : typeof t}`;
  }
  return editorToHostChecks[t as EditorToHost['type']](m);
}

export function isEditorToHostMessage(m: unknown): m is EditorToHost {
  return validateEditorToHost(m) === undefined;
}

// =============================================================================================
// Shared by host and webview

/** The roles a column has in a spec (several at once, e.g. a coordinate that is also a regressor). */
export function columnRoles(form: SpecFormState, column: string): ColumnRole[] {
  const roles: ColumnRole[] = [];
  if (form.dependent === column) roles.push('dependent');
  if (form.independent.includes(column)) roles.push('regressor');
  const t = form.weights.type;
  if (t === 'knn' || t === 'distance') {
    if (form.weights.coordinates[0] === column) roles.push('coordX');
    if (form.weights.coordinates[1] === column) roles.push('coordY');
  }
  // weights.idColumn joins GAL/GWT files and geometries, and labels the observations for any weights.
  if (form.weights.idColumn === column || form.geometryIdColumn === column) roles.push('id');
  return roles;
}

/** The columns a fit reads as numbers: y, the regressors and (kNN, distance weights) the coordinates. */
export function modelColumns(form: SpecFormState): string[] {
  const out: string[] = [];
  const add = (c: string | undefined) => {
    if (c && !out.includes(c)) out.push(c);
  };
  add(form.dependent);
  form.independent.forEach(add);
  if (form.weights.type === 'knn' || form.weights.type === 'distance') form.weights.coordinates.forEach(add);
  return out;
}
