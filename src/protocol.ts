/**
 * Every message between the extension host and its two webviews, the spec editor
 * (webview/editor ⇄ src/extension/specEditor) and the results panel (webview/results ⇄
 * src/extension/results), in one file.
 *
 * - Host → webview messages are typed here and built by the host; a webview trusts their shape and
 *   only checks `type` (`isHostToEditorMessage`, `isHostToResultsMessage`), to ignore messages
 *   that are not ours.
 * - Webview → host messages are untrusted input: the host acts on one only when its strict
 *   validator (`validateEditorToHost`, `validateResultsToHost`) says yes: a known `type`, exactly
 *   the known fields, each of the right type and within limits. Anything else is logged and ignored.
 *
 * Layering: no `vscode`, no Node built-ins, nothing from `src/extension`; from the engine only its
 * types and the spec's enum values, so both webview bundles import this file too.
 *
 * Sections: shared (version, `ready`, `log`, validation helpers), spec editor, results panel,
 * spatial views, comparison panel.
 */
import type { FitResult } from './core/result';
import type { FamilyComparison } from './core/compare/family';
import type { ModelType } from './core/spec/types';
import { DISTANCES, LOGDETS, MODELS, SES, STYLES, WEIGHT_TYPES } from './core/spec/parse';
import { TERM_TRANSFORMS, type ColumnRole, type TermTransform } from './core/spec/roles';
import type { ContiguityWeightsSpec } from './core/spec/types';

// =============================================================================================
// Shared

/** Bumped when a message changes incompatibly (the webview bundles and the host ship together). */
export const PROTOCOL_VERSION = 1;

/** Webview → host: the page is loaded (first load, or reload after it was discarded) and wants its state. */
export interface ReadyMessage {
  type: 'ready';
  version: number;
}

/** Webview → host: a line for the host's log (e.g. a chart that failed to render). */
export interface WebviewLogMessage {
  type: 'log';
  level: 'info' | 'warn' | 'error';
  message: string;
}

export const MAX_LOG_CHARS = 10_000;
/** Largest row, column or observation index accepted (the host also checks it against its data). */
export const MAX_INDEX = 2 ** 31 - 2;

// Validation helpers: each check returns undefined when the value is fine, else the reason.

type Check = (v: unknown) => string | undefined;

/** A plain object (JSON-like): not an array, a class instance or an object with a foreign prototype. */
function isRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

const str = (max: number): Check => (v) =>
  typeof v !== 'string' ? 'not a string' : v.length > max ? `longer than ${max} characters` : undefined;

const oneOf = <T extends string | number>(values: readonly T[]): Check => (v) =>
  (values as readonly unknown[]).includes(v) ? undefined : `not one of ${values.join(', ')}`;

const literal = (value: string | number): Check => (v) => (v === value ? undefined : `not ${JSON.stringify(value)}`);

const int = (min: number, max: number): Check => (v) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max ? undefined : `not an integer from ${min} to ${max}`;

const index = int(0, MAX_INDEX);
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

type MessageChecks<T extends string> = Record<T, (v: Record<string, unknown>) => string | undefined>;

/** Why `m` is not a valid message under `checks` (one per type), undefined when it is. Never echoes the payload. */
function validateWith<T extends string>(checks: MessageChecks<T>, m: unknown): string | undefined {
  if (!isRecord(m)) return 'not a plain object';
  const t = m.type;
  if (typeof t !== 'string' || !Object.prototype.hasOwnProperty.call(checks, t)) {
    return `unknown message type ${typeof t === 'string' ? JSON.stringify(t.slice(0, 40)) : typeof t}`;
  }
  return checks[t as T](m);
}

const checkReady = (v: unknown) => checkFields(v, { type: literal('ready'), version: literal(PROTOCOL_VERSION) });
const checkLog = (v: unknown) => checkFields(v, { type: literal('log'), level: oneOf(['info', 'warn', 'error'] as const), message: str(MAX_LOG_CHARS) });

/** A safe one-line description of an (invalid) message for the log: its type and field names, no values. */
export function describeMessage(m: unknown): string {
  if (!isRecord(m)) return Array.isArray(m) ? 'an array' : m === null ? 'null' : typeof m;
  const t = typeof m.type === 'string' ? JSON.stringify(m.type.slice(0, 40)) : '(no type)';
  const keys = Object.keys(m).slice(0, 12).map((k) => k.slice(0, 40));
  return `type ${t}, fields ${keys.join(', ')}`;
}

// =============================================================================================
// Spec editor (webview/editor) ⇄ host (src/extension/specEditor)

export type { ColumnRole };
export const COLUMN_ROLES: readonly ColumnRole[] = ['dependent', 'regressor', 'coordX', 'coordY', 'id', 'none'];

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
  /** The rows summarised: the view's when a filter is on (then `filtered`), else the file's. */
  rows: number;
  filtered: boolean;
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

/** Where a file row is in the current view (answer to `locateRow`, or a row revealed from the results panel); the grid moves there. */
export interface LocatedMessage {
  type: 'located';
  gen: number;
  viewId: number;
  row: number;
  column: number;
  /** -1 when the row is filtered out of the view. */
  viewIndex: number;
}

export const CHART_KINDS = ['histogram', 'scatter'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];
/** Most points a chart of the grid gets; above it an even sample of the view's rows (said so). */
export const MAX_CHART_POINTS = 20_000;

/** The numbers behind a chart of the grid's columns (answer to `chartData`), over the view's rows. */
export interface ChartDataMessage {
  type: 'chartData';
  gen: number;
  kind: ChartKind;
  /** Column indices: one for a histogram, x then y for a scatter. */
  columns: number[];
  /** Per column, the values of the rows where every chart column is a number. */
  values: number[][];
  /** The view rows those came from (the filter's, when one is on). */
  viewRows: number;
  filtered: boolean;
  /** Rows left out because a cell is not a number. */
  skipped: number;
  /** True when only an even sample of MAX_CHART_POINTS rows is drawn. */
  sampled: boolean;
}

export interface NoticeMessage {
  type: 'notice';
  level: 'info' | 'warning' | 'error';
  message: string;
}

export type HostToEditor = SpecMessage | TableMessage | ViewMessage | RowsMessage | StatsMessage | IssuesMessage | LocatedMessage | ChartDataMessage | NoticeMessage;

/** The editor webview's light check of what the host sends. */
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
    case 'chartData':
      return typeof m.gen === 'number' && Array.isArray(m.values) && Array.isArray(m.columns);
    case 'rows':
      return typeof m.gen === 'number' && Array.isArray(m.rows) && Array.isArray(m.fileRows);
    case 'notice':
      return typeof m.message === 'string';
    default:
      return false;
  }
}

// Editor → host

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
/** "Compare models": the spec's model family side by side (the comparison command). */
export interface CompareMessage {
  type: 'compare';
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
export { TERM_TRANSFORMS, type TermTransform };
/** Use `column` transformed in the model (where it is the dependent or a regressor; else as a new regressor). */
export interface SetTransformMessage {
  type: 'setTransform';
  column: string;
  transform: TermTransform;
}
/** Ask for the numbers behind a histogram of one column or a scatter of two (answered by `chartData`). */
export interface RequestChartMessage {
  type: 'chartData';
  gen: number;
  kind: ChartKind;
  columns: number[];
}
/** Show the spec or the data file as text, at a 1-based position (null: keep the cursor). */
export interface OpenTextMessage {
  type: 'openText';
  target: 'spec' | 'data';
  line: number | null;
  column: number | null;
}

export type EditorToHost =
  | ReadyMessage
  | RequestRowsMessage
  | SetViewMessage
  | EditCellMessage
  | SetRoleMessage
  | SetFieldMessage
  | SetTransformMessage
  | RequestChartMessage
  | FitMessage
  | CompareMessage
  | UndoRedoMessage
  | LocateRowMessage
  | OpenTextMessage
  | WebviewLogMessage;

/** The spec fields the form may set, each with the values it accepts. */
export const SPEC_FIELDS = [
  'title', 'data', 'dependent', 'intercept', 'model', 'logdet', 'se',
  'weights.type', 'weights.path', 'weights.idColumn', 'weights.style', 'weights.allowIslands',
  'weights.k', 'weights.coordinates.0', 'weights.coordinates.1', 'weights.distance', 'weights.threshold',
  'weights.inversePower', 'weights.geometry', 'weights.criterion', 'weights.idProperty',
] as const;
export type SpecField = (typeof SPEC_FIELDS)[number];

/** Longest column name, path or title accepted. */
export const MAX_NAME_CHARS = 1000;
/** Longest cell value a grid edit may write. */
export const MAX_CELL_CHARS = 100_000;
/** Most rows one request may ask for. */
export const MAX_PAGE_ROWS = 2000;
/** At most this many invalid cells are listed (the total is always given). */
export const MAX_LISTED_ISSUES = 500;
export const MAX_FILTER_CHARS = 1000;

const name: Check = (v) => str(MAX_NAME_CHARS)(v) ?? ((v as string).trim() === '' ? 'empty' : /[\u0000-\u001f]/.test(v as string) ? 'contains control characters' : undefined);
const gen = index;
const sortSpec: Check = (v) => checkFields(v, { column: index, dir: oneOf(['asc', 'desc'] as const) });
const filterSpec: Check = (v) => checkFields(v, { column: index, op: oneOf(FILTER_OPS), value: str(MAX_FILTER_CHARS) });
const positiveNumber: Check = (v) => (typeof v === 'number' && Number.isFinite(v) && v > 0 ? undefined : 'not a positive number');
/** The parser takes this one inline; typed against the spec's own type. */
const CRITERIA: readonly ContiguityWeightsSpec['criterion'][] = ['queen', 'rook'];

/** What each spec field accepts (null = remove the field, only for optional ones). */
const FIELD_CHECKS: Record<SpecField, Check> = {
  title: orNull(str(MAX_NAME_CHARS)),
  data: name,
  dependent: name,
  intercept: bool,
  model: oneOf(MODELS),
  logdet: oneOf(LOGDETS),
  se: oneOf(SES),
  'weights.type': oneOf(WEIGHT_TYPES),
  'weights.path': name,
  'weights.idColumn': orNull(name),
  'weights.style': oneOf(STYLES),
  'weights.allowIslands': bool,
  'weights.k': int(1, 10_000),
  'weights.coordinates.0': name,
  'weights.coordinates.1': name,
  'weights.distance': oneOf(DISTANCES),
  'weights.threshold': positiveNumber,
  'weights.inversePower': oneOf([0, 1, 2]),
  'weights.geometry': name,
  'weights.criterion': oneOf(CRITERIA),
  'weights.idProperty': orNull(name),
};

export function checkFieldValue(field: SpecField, value: unknown): string | undefined {
  return FIELD_CHECKS[field](value);
}

const editorToHostChecks: MessageChecks<EditorToHost['type']> = {
  ready: checkReady,
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
  setTransform: (v) => checkFields(v, { type: literal('setTransform'), column: name, transform: oneOf(TERM_TRANSFORMS) }),
  chartData: (v) => {
    const why = checkFields(v, { type: literal('chartData'), gen, kind: oneOf(CHART_KINDS), columns: (c) => (Array.isArray(c) && c.length <= 2 && c.every((x) => index(x) === undefined) ? undefined : 'not a list of column indices') });
    if (why) return why;
    const n = (v.columns as number[]).length;
    return n === (v.kind === 'histogram' ? 1 : 2) ? undefined : `field "columns": a ${String(v.kind)} takes ${v.kind === 'histogram' ? 'one column' : 'two columns'}`;
  },
  fit: (v) => checkFields(v, { type: literal('fit') }),
  compare: (v) => checkFields(v, { type: literal('compare') }),
  undo: (v) => checkFields(v, { type: literal('undo') }),
  redo: (v) => checkFields(v, { type: literal('redo') }),
  locateRow: (v) => checkFields(v, { type: literal('locateRow'), gen, row: index, column: index }),
  openText: (v) => checkFields(v, { type: literal('openText'), target: oneOf(['spec', 'data'] as const), line: orNull(int(1, MAX_INDEX)), column: orNull(int(1, MAX_INDEX)) }),
  log: checkLog,
};

/** Why `m` is not a valid spec-editor message (undefined when it is). Never echoes the payload. */
export function validateEditorToHost(m: unknown): string | undefined {
  return validateWith(editorToHostChecks, m);
}

// =============================================================================================
// Results panel (webview/results) ⇄ host (src/extension/results)

// Map data: what the spillover map draws (built host-side from the spec's geometry or
// coordinates; see src/extension/results/mapData.ts).

/** How the map's coordinates are to be drawn: planar (identity projection, y up) or lon/lat (Mercator). */
export type CoordinateSystem = 'planar' | 'lonlat';

/** A flat ring [x0, y0, x1, y1, …] (closing vertex may or may not repeat the first). */
export type FlatRing = number[];

export interface PolygonMapData {
  kind: 'polygons';
  coordinates: CoordinateSystem;
  /**
   * One entry per observation, in data-row order: its polygons (the parts of a MultiPolygon),
   * each a list of rings whose first is the outer ring and the rest holes. Empty when the
   * observation has no geometry.
   */
  shapes: FlatRing[][][];
  /** The label of each observation (the join id), in data-row order. */
  ids: string[];
  /** Where the geometry came from (file name), for captions. */
  source?: string;
}

export interface PointMapData {
  kind: 'points';
  coordinates: CoordinateSystem;
  /** x (or longitude) and y (or latitude) per observation, in data-row order. */
  x: number[];
  y: number[];
  ids: string[];
  source?: string;
}

export type MapData = PolygonMapData | PointMapData;

// Host → results

/** Show a fit. Sent after every fit and again whenever the webview says `ready`. */
export interface ShowResultsMessage {
  type: 'show';
  /** Panel heading, e.g. the spec's title or file name. */
  title: string;
  result: FitResult;
  map?: MapData;
  /** W·e: the spatial lag of the model's residuals, data-row order (the Moran scatterplot's y). */
  laggedResiduals?: number[];
  /** Moran's I of the model's residuals, n/S0 · e'We / e'e (the Moran scatterplot's slope when W is row-standardised). */
  residualMoranI?: number;
  /** Short file name of the spec, used in suggested export file names. */
  specName?: string;
  /** When the fit finished (ISO 8601). */
  fittedAt?: string;
}

/** A fit of this spec is running / failed / done (the shown result may be stale). */
export interface StatusMessage {
  type: 'status';
  state: 'fitting' | 'idle' | 'failed';
  text?: string;
}

export type HostToResults = ShowResultsMessage | StatusMessage;

/** The results webview's light check of what the host sends. */
export function isHostToResultsMessage(m: unknown): m is HostToResults {
  if (!isRecord(m)) return false;
  switch (m.type) {
    case 'show':
      return typeof m.title === 'string' && isRecord(m.result) && Array.isArray((m.result as { coefficients?: unknown }).coefficients);
    case 'status':
      return m.state === 'fitting' || m.state === 'idle' || m.state === 'failed';
    default:
      return false;
  }
}

// Results → host

export const EXPORT_FORMATS = ['png', 'svg', 'csv', 'tsv', 'markdown', 'txt'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** File extension each export format must carry in `suggestedName`. */
export const EXPORT_EXTENSIONS: Readonly<Record<ExportFormat, string>> = {
  png: '.png',
  svg: '.svg',
  csv: '.csv',
  tsv: '.tsv',
  markdown: '.md',
  txt: '.txt',
};

/**
 * Save `data` to a file the user picks (the host always asks with a save dialog; `suggestedName`
 * is only the dialog's proposal). `png`: a `data:image/png;base64,…` URL; every other format: the
 * file's text.
 */
export interface ExportMessage {
  type: 'export';
  format: ExportFormat;
  suggestedName: string;
  data: string;
}

export const COPY_FORMATS = ['tsv', 'markdown', 'text'] as const;
export type CopyFormat = (typeof COPY_FORMATS)[number];

/** Put `text` on the clipboard; `what` names it for the confirmation ("Coefficients"). */
export interface CopyMessage {
  type: 'copy';
  format: CopyFormat;
  what: string;
  text: string;
}

/** Show observation `observation` (0-based data row) in the data: its row in the open spec editor, else its CSV line. */
export interface RevealMessage {
  type: 'reveal';
  observation: number;
}

/** The user asked to fit the spec again. */
export interface RefitMessage {
  type: 'refit';
}

/** The user asked to add the fit's per-observation values (fitted, residuals, local spillover) to the data as columns. */
export interface AddColumnsMessage {
  type: 'addColumns';
}

export type ResultsToHost = ReadyMessage | ExportMessage | CopyMessage | RevealMessage | RefitMessage | AddColumnsMessage | CompareMessage | WebviewLogMessage;

/** Longest text (or PNG data URL) an export or copy may carry: 64 Mi characters. */
export const MAX_PAYLOAD_CHARS = 64 * 1024 * 1024;
/** Longest `what` of a copy. */
export const MAX_LABEL_CHARS = 1000;
/**
 * A suggested file name: a plain base name (no folders, no "..", no leading dot or dash), at most
 * 120 characters of letters, digits, space and `._()+-`, ending with the format's extension.
 */
const SAFE_NAME = /^[A-Za-z0-9_(][A-Za-z0-9 _.()+-]{0,119}$/;
const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;

const resultsToHostChecks: MessageChecks<ResultsToHost['type']> = {
  ready: checkReady,
  export: (v) => {
    const why = checkFields(v, { type: literal('export'), format: oneOf(EXPORT_FORMATS), suggestedName: str(120), data: str(MAX_PAYLOAD_CHARS) });
    if (why) return why;
    const m = v as unknown as ExportMessage;
    if (!SAFE_NAME.test(m.suggestedName) || m.suggestedName.includes('..')) return 'field "suggestedName": not a plain file name';
    if (!m.suggestedName.toLowerCase().endsWith(EXPORT_EXTENSIONS[m.format])) return `field "suggestedName": must end with ${EXPORT_EXTENSIONS[m.format]}`;
    if (m.format === 'png' && !PNG_DATA_URL.test(m.data)) return 'field "data": not a base64 PNG data URL';
    return undefined;
  },
  copy: (v) => checkFields(v, { type: literal('copy'), format: oneOf(COPY_FORMATS), what: str(MAX_LABEL_CHARS), text: str(MAX_PAYLOAD_CHARS) }),
  reveal: (v) => checkFields(v, { type: literal('reveal'), observation: index }),
  refit: (v) => checkFields(v, { type: literal('refit') }),
  addColumns: (v) => checkFields(v, { type: literal('addColumns') }),
  compare: (v) => checkFields(v, { type: literal('compare') }),
  log: checkLog,
};

/** Why `m` is not a valid results-panel message (undefined when it is). Never echoes the payload. */
export function validateResultsToHost(m: unknown): string | undefined {
  return validateWith(resultsToHostChecks, m);
}

// =============================================================================================
// Spatial views (webview/spatial ⇄ src/extension/spatial): the weights inspector and the local
// statistics (LISA, G*) of a spec. Built off the host's thread by dist/spatialWorker.js.

/** Neighbour lists as CSR (0-based rows): row i's neighbours are colIdx[rowPtr[i] .. rowPtr[i+1]). */
export interface NeighbourLists {
  rowPtr: number[];
  colIdx: number[];
}

/** What the weights inspector shows: spdep's `summary.nb` and the graph, per observation in data-row order. */
export interface WeightsViewData {
  n: number;
  ids: string[];
  /** How the weights were made, e.g. "GAL file weights.gal, style W". */
  description: string;
  /** spdep's `summary(nb2listw(nb))` as R prints it. */
  summaryText: string;
  nLinks: number;
  percentNonzero: number;
  meanNeighbours: number;
  minNeighbours: number;
  maxNeighbours: number;
  symmetric: boolean;
  style: string;
  constants: { n: number; S0: number; S1: number; S2: number };
  histogram: { neighbours: number; regions: number }[];
  leastConnected?: { neighbours: number; rows: number[] };
  mostConnected?: { neighbours: number; rows: number[] };
  cardinalities: number[];
  islands: number[];
  components: { count: number; componentOf: number[]; sizes: number[] };
  /** What to change to connect every observation (`connectivityFix`). */
  fix: { suggestions: string[]; note?: string; islands: { row: number; nearest?: { to: number; distance: number } }[]; components: { component: number; size: number; rows?: number[]; nearest?: { row: number; to: number; distance: number } }[] };
  neighbours: NeighbourLists;
  /** The spec's `weights.order` (1 unless higher-order weights). */
  order: number;
}

/** What the local statistics view shows for one variable (`localReport`), per observation in data-row order. */
export interface LocalViewData {
  variable: string;
  n: number;
  ids: string[];
  nsim: number;
  seed: number;
  /** The variable itself (the classed map). */
  values: number[];
  moran: {
    randomisation: { I: number; expectation: number; variance: number; z: number; p: number };
    normality: { I: number; expectation: number; variance: number; z: number; p: number };
    permutation: { statistic: number; p: number; nsim: number; seed: number; rank: number };
  };
  Ii: number[];
  /** localmoran's analytic two-sided p (conditional randomisation). */
  p: number[];
  /** localmoran_perm's folded pseudo p (GeoDa, esda). */
  pSim: number[];
  /** z = x − mean and Wz. */
  centred: number[];
  lag: number[];
  /** 'High-High' | 'Low-Low' | 'High-Low' | 'Low-High', or 'none' for an observation without neighbours. */
  quadrant: string[];
  gStarZ: number[];
  gStarP: number[];
  cardinalities: number[];
  neighbours: NeighbourLists;
}

/** Which variable the local statistics are of: a column or term, or the model's residuals. */
export interface LocalVariableChoice {
  column: string | null;
  residuals: boolean;
}

export interface ShowWeightsMessage {
  type: 'weights';
  title: string;
  specName: string;
  view: WeightsViewData;
  map?: MapData;
  /** Warnings and notes of the reading, one line each. */
  notes: string[];
}

export interface ShowLocalMessage {
  type: 'local';
  title: string;
  specName: string;
  view: LocalViewData;
  map?: MapData;
  notes: string[];
  /** The numeric columns of the data (choices besides the residuals). */
  variables: string[];
  /** The spec's model, for "Residuals of the lag model". */
  model: string;
  choice: LocalVariableChoice;
  /** "lag model: CRIME ~ INC + HOVAL, weights weights.gal (W)" for exports. */
  modelLine: string;
}

export interface SpatialStatusMessage {
  type: 'status';
  state: 'computing' | 'idle' | 'failed';
  text?: string;
}

export type HostToSpatial = ShowWeightsMessage | ShowLocalMessage | SpatialStatusMessage;

export function isHostToSpatialMessage(m: unknown): m is HostToSpatial {
  if (!isRecord(m)) return false;
  switch (m.type) {
    case 'weights':
    case 'local':
      return typeof m.title === 'string' && isRecord(m.view);
    case 'status':
      return m.state === 'computing' || m.state === 'idle' || m.state === 'failed';
    default:
      return false;
  }
}

/** Compute the local statistics of another variable, or with other permutations. */
export interface ComputeLocalMessage {
  type: 'compute';
  column: string | null;
  residuals: boolean;
  nsim: number;
  seed: number;
}

/** Save the inspected weights as GAL or GWT (the host asks for the format and the file). */
export interface SaveWeightsMessage {
  type: 'saveWeights';
}

export interface RefreshMessage {
  type: 'refresh';
}

export type SpatialToHost = ReadyMessage | ComputeLocalMessage | SaveWeightsMessage | RefreshMessage | RevealMessage | ExportMessage | WebviewLogMessage;

/** Permutations the local statistics accept (GeoDa offers 99 … 99999). */
export const MAX_PERMUTATIONS = 99_999;

const spatialToHostChecks: MessageChecks<SpatialToHost['type']> = {
  ready: checkReady,
  compute: (v) => checkFields(v, { type: literal('compute'), column: orNull(name), residuals: bool, nsim: int(1, MAX_PERMUTATIONS), seed: int(0, 2 ** 31 - 1) }),
  saveWeights: (v) => checkFields(v, { type: literal('saveWeights') }),
  refresh: (v) => checkFields(v, { type: literal('refresh') }),
  reveal: resultsToHostChecks.reveal,
  export: (v) => (v.format === 'png' || v.format === 'svg' ? resultsToHostChecks.export(v) : 'field "format": not png or svg'),
  log: checkLog,
};

/** Why `m` is not a valid spatial-view message (undefined when it is). Never echoes the payload. */
export function validateSpatialToHost(m: unknown): string | undefined {
  return validateWith(spatialToHostChecks, m);
}

// =============================================================================================
// Comparison panel (webview/compare ⇄ src/extension/compare): the model family side by side
// ("SAR Studio: Compare models"), from one `compareSpecFile` run in the fit worker.

/** Show a comparison. Sent after every comparison and again whenever the webview says `ready`. */
export interface ShowComparisonMessage {
  type: 'comparison';
  /** Panel heading: the spec's title or file name. */
  title: string;
  /** Short file name of the spec (copies, labels). */
  specName: string;
  comparison: FamilyComparison;
  /** The `model` the spec names now (its row is marked; undefined when the spec does not parse). */
  specModel?: ModelType;
  /** The comparison's problems (warnings, notes), formatted. */
  notes: string[];
  /** When the comparison finished (ISO 8601). */
  comparedAt: string;
}

/** The spec's `model` changed (e.g. after "Use this model" or an edit of the spec). */
export interface SpecModelMessage {
  type: 'specModel';
  model?: ModelType;
}

/** A comparison of this spec is running / failed / done (the shown one may be stale). */
export interface ComparisonStatusMessage {
  type: 'status';
  state: 'comparing' | 'idle' | 'failed';
  text?: string;
}

export type HostToCompare = ShowComparisonMessage | SpecModelMessage | ComparisonStatusMessage;

/** The comparison webview's light check of what the host sends. */
export function isHostToCompareMessage(m: unknown): m is HostToCompare {
  if (!isRecord(m)) return false;
  switch (m.type) {
    case 'comparison':
      return typeof m.title === 'string' && isRecord(m.comparison) && Array.isArray((m.comparison as { models?: unknown }).models);
    case 'specModel':
      return m.model === undefined || (MODELS as readonly unknown[]).includes(m.model);
    case 'status':
      return m.state === 'comparing' || m.state === 'idle' || m.state === 'failed';
    default:
      return false;
  }
}

/** Write `model` into the spec (one undoable edit of the spec document). */
export interface UseModelMessage {
  type: 'useModel';
  model: ModelType;
}

/** Open the results panel with this model's fit from the comparison (no refit). */
export interface OpenResultsMessage {
  type: 'openResults';
  model: ModelType;
}

/** Run the comparison again. */
export interface RecompareMessage {
  type: 'recompare';
}

export type CompareToHost = ReadyMessage | UseModelMessage | OpenResultsMessage | RecompareMessage | CopyMessage | WebviewLogMessage;

const compareToHostChecks: MessageChecks<CompareToHost['type']> = {
  ready: checkReady,
  useModel: (v) => checkFields(v, { type: literal('useModel'), model: oneOf(MODELS) }),
  openResults: (v) => checkFields(v, { type: literal('openResults'), model: oneOf(MODELS) }),
  recompare: (v) => checkFields(v, { type: literal('recompare') }),
  copy: resultsToHostChecks.copy,
  log: checkLog,
};

/** Why `m` is not a valid comparison-panel message (undefined when it is). Never echoes the payload. */
export function validateCompareToHost(m: unknown): string | undefined {
  return validateWith(compareToHostChecks, m);
}
