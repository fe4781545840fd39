/**
 * Every message between the extension host and its webviews, in one file.
 *
 * - Host → webview messages are typed here and built by the host; the webview trusts their
 *   shape (it checks only `type`, see `isHostToResultsMessage`).
 * - Webview → host messages are untrusted input: the host accepts a message only when a strict
 *   validator below says yes (known `type`, exactly the known fields, each of the right type and
 *   within limits). Anything else is logged and ignored.
 *
 * Layering: this file imports only types from the engine (`src/core`) and nothing from `vscode`,
 * so the webview bundles can import it too.
 *
 * Adding a webview (e.g. the spec editor): add its `HostToX` / `XToHost` unions in a new section
 * below, write its validators with the same `check*` helpers, and add the union to `WebviewToHost`.
 */
import type { FitResult } from './core/result';

/** Bumped when a message changes incompatibly (the webview bundle and the host ship together). */
export const PROTOCOL_VERSION = 1;

// =============================================================================================
// Map data: what the results panel's spillover map draws (built host-side from the spec's
// geometry or coordinates; see src/extension/results/mapData.ts).

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

// =============================================================================================
// Results panel (webview/results) ⇄ host (src/extension/results)

/** Host → results: show a fit. Sent after every fit and again whenever the webview says `ready`. */
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

/** Host → results: highlight one observation (0-based data row) in every chart, or none. */
export interface HighlightMessage {
  type: 'highlight';
  observation: number | null;
}

/** Host → results: a fit of this spec is running / failed / done (the shown result may be stale). */
export interface StatusMessage {
  type: 'status';
  state: 'fitting' | 'idle' | 'failed';
  text?: string;
}

export type HostToResults = ShowResultsMessage | HighlightMessage | StatusMessage;

/** Results → host: the page is loaded (first load, or reload after the panel was hidden) and wants the current result. */
export interface ReadyMessage {
  type: 'ready';
  version: number;
}

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
 * Results → host: save `data` to a file the user picks (the host always asks with a save dialog;
 * `suggestedName` is only the dialog's proposal). `png`: a `data:image/png;base64,…` URL;
 * every other format: the file's text.
 */
export interface ExportMessage {
  type: 'export';
  format: ExportFormat;
  suggestedName: string;
  data: string;
}

export const COPY_FORMATS = ['tsv', 'markdown', 'text'] as const;
export type CopyFormat = (typeof COPY_FORMATS)[number];

/** Results → host: put `text` on the clipboard; `what` names it for the confirmation ("Coefficients"). */
export interface CopyMessage {
  type: 'copy';
  format: CopyFormat;
  what: string;
  text: string;
}

/** Results → host: show observation `observation` (0-based data row) in the data (e.g. the CSV line). */
export interface RevealMessage {
  type: 'reveal';
  observation: number;
}

/** Results → host: the pointer / focus is on a coefficient's cells (`null`: left them). */
export interface HoverCoefficientMessage {
  type: 'hoverCoefficient';
  name: string | null;
}

/** Results → host: the user asked to fit the spec again. */
export interface RefitMessage {
  type: 'refit';
}

/** Results → host: something for the output channel (e.g. a chart that failed to render). */
export interface WebviewLogMessage {
  type: 'log';
  level: 'info' | 'warn' | 'error';
  message: string;
}

export type ResultsToHost = ReadyMessage | ExportMessage | CopyMessage | RevealMessage | HoverCoefficientMessage | RefitMessage | WebviewLogMessage;

// =============================================================================================
// Spec editor (webview/editor) ⇄ host: to be moved here from src/extension/specEditor/messages.ts
// (HostToEditor / EditorToHost), with validators written like the results panel's below.

/** Everything any webview may send to the host. */
export type WebviewToHost = ResultsToHost;

// =============================================================================================
// Limits on what a webview may send.

/** Longest text (or PNG data URL) an export or copy may carry: 64 Mi characters. */
export const MAX_PAYLOAD_CHARS = 64 * 1024 * 1024;
/** Longest `what`, coefficient name or log message. */
export const MAX_LABEL_CHARS = 1000;
export const MAX_LOG_CHARS = 10_000;
/** Largest observation index accepted (the host also checks it against the result's n). */
export const MAX_OBSERVATION = 2 ** 31 - 2;
/**
 * A suggested file name: a plain base name (no folders, no "..", no leading dot or dash), at most
 * 120 characters of letters, digits, space and `._()+-`, ending with the format's extension.
 */
const SAFE_NAME = /^[A-Za-z0-9_(][A-Za-z0-9 _.()+-]{0,119}$/;
const PNG_DATA_URL = /^data:image\/png;base64,[A-Za-z0-9+/]+={0,2}$/;

// =============================================================================================
// Validation helpers: each `check*` returns undefined when the value is fine, else the reason.

type Check = (v: unknown) => string | undefined;

function isRecord(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

const str = (max: number): Check => (v) =>
  typeof v !== 'string' ? 'not a string' : v.length > max ? `longer than ${max} characters` : undefined;

const oneOf = <T extends string>(values: readonly T[]): Check => (v) =>
  typeof v === 'string' && (values as readonly string[]).includes(v) ? undefined : `not one of ${values.join(', ')}`;

const literal = (value: string | number): Check => (v) => (v === value ? undefined : `not ${JSON.stringify(value)}`);

const index: Check = (v) =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 && v <= MAX_OBSERVATION ? undefined : 'not an observation index (integer ≥ 0)';

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

// =============================================================================================
// Results → host validators

const resultsToHostChecks: Record<ResultsToHost['type'], (v: Record<string, unknown>) => string | undefined> = {
  ready: (v) => checkFields(v, { type: literal('ready'), version: literal(PROTOCOL_VERSION) }),
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
  hoverCoefficient: (v) => checkFields(v, { type: literal('hoverCoefficient'), name: orNull(str(MAX_LABEL_CHARS)) }),
  refit: (v) => checkFields(v, { type: literal('refit') }),
  log: (v) => checkFields(v, { type: literal('log'), level: oneOf(['info', 'warn', 'error'] as const), message: str(MAX_LOG_CHARS) }),
};

/** Why `m` is not a valid results-panel message (undefined when it is). For logs: never echoes the payload. */
export function validateResultsToHost(m: unknown): string | undefined {
  if (!isRecord(m)) return 'not a plain object';
  const t = m.type;
  if (typeof t !== 'string' || !Object.prototype.hasOwnProperty.call(resultsToHostChecks, t)) {
    return `unknown message type ${typeof t === 'string' ? JSON.stringify(t.slice(0, 40)) : typeof t}`;
  }
  return resultsToHostChecks[t as ResultsToHost['type']](m);
}

export function isResultsToHostMessage(m: unknown): m is ResultsToHost {
  return validateResultsToHost(m) === undefined;
}

const isType = <T extends ResultsToHost>(type: T['type']) => (m: unknown): m is T =>
  isRecord(m) && m.type === type && validateResultsToHost(m) === undefined;

export const isReadyMessage = isType<ReadyMessage>('ready');
export const isExportMessage = isType<ExportMessage>('export');
export const isCopyMessage = isType<CopyMessage>('copy');
export const isRevealMessage = isType<RevealMessage>('reveal');
export const isHoverCoefficientMessage = isType<HoverCoefficientMessage>('hoverCoefficient');
export const isRefitMessage = isType<RefitMessage>('refit');
export const isWebviewLogMessage = isType<WebviewLogMessage>('log');

/** Every message a webview may send (today: the results panel's). */
export function isWebviewToHostMessage(m: unknown): m is WebviewToHost {
  return isResultsToHostMessage(m);
}

/** A safe one-line description of an (invalid) message for the log: its type and field names, no values. */
export function describeMessage(m: unknown): string {
  if (!isRecord(m)) return Array.isArray(m) ? 'an array' : m === null ? 'null' : typeof m;
  const t = typeof m.type === 'string' ? JSON.stringify(m.type.slice(0, 40)) : '(no type)';
  const keys = Object.keys(m).slice(0, 12).map((k) => k.slice(0, 40));
  return `type ${t}, fields ${keys.join(', ')}`;
}

// =============================================================================================
// Host → results: the webview's light check (the host is trusted; this only guards against
// messages that are not ours, e.g. from browser extensions in a test page).

export function isHostToResultsMessage(m: unknown): m is HostToResults {
  if (!isRecord(m)) return false;
  switch (m.type) {
    case 'show':
      return typeof m.title === 'string' && isRecord(m.result) && Array.isArray((m.result as { coefficients?: unknown }).coefficients);
    case 'highlight':
      return m.observation === null || (typeof m.observation === 'number' && Number.isInteger(m.observation) && m.observation >= 0);
    case 'status':
      return m.state === 'fitting' || m.state === 'idle' || m.state === 'failed';
    default:
      return false;
  }
}
