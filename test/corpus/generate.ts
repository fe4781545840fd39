/**
 * The hostile-input corpus (issue 12): cases over the spec, CSV, GAL, GWT, GeoJSON, the command
 * line's options and degenerate models, plus seeded byte-level fuzzing of the example inputs
 * (examples/ and test/fixtures/columbus/). Generated at test time into a temporary folder, so that
 * only this script lives in git; deterministic for a given seed.
 *
 * Each case is a folder of input files and the command line to run on them. What must happen
 * (test/unit/corpus.test.ts): exit 2 with every error located at a real file, or exit 0 with a
 * finite fit; never exit 1, never a hang; the input files unchanged.
 *
 * Run on its own to look at the cases: `node out/test/corpus/generate.js DIR [SEED]`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { createRng } from '../../src/core/inference/random';
import { COLUMBUS_DIR, REPO_ROOT } from '../helpers/fixtures';

export type Family = 'spec' | 'csv' | 'gal' | 'gwt' | 'geojson' | 'cli' | 'model' | 'fuzz';

export interface CorpusCase {
  /** Unique, `family/what`. */
  name: string;
  family: Family;
  /** The case's folder (absolute). */
  dir: string;
  /** The command line after `sar-studio` (paths absolute). */
  argv: string[];
  /** What must happen beyond the corpus's rules: a refusal, or a fit. */
  expect?: 'error' | 'fit';
  /** A fit that must equal this other case's fit (ρ/λ and logLik to 1e-9 relative): an invariance. */
  sameFitAs?: string;
  /** The first error must be in this file (a name in the case folder) at this line. */
  firstErrorAt?: { file: string; line: number };
  /** When the case is refused, its first error line must match this (e.g. that it says where to fix it). */
  errorMatch?: RegExp;
  /** A warning line must match this. */
  warns?: RegExp;
}

type Files = Record<string, string | Buffer>;
type Json = Record<string, unknown>;

/** Seeded uniforms in [0, 1) (the engine's own generator, src/core/inference/random). */
export function rng(seed: number): () => number {
  const r = createRng(seed);
  return () => r.uniform();
}

const read = (file: string) => fs.readFileSync(file);
const COLUMBUS_EXAMPLE = path.join(REPO_ROOT, 'examples', 'columbus');
const KAZAKHSTAN_EXAMPLE = path.join(REPO_ROOT, 'examples', 'kazakhstan-smart-cities');

/** The Columbus CSV as rows of cells (no quotes in it). */
function columbusRows(): { header: string[]; rows: string[][] } {
  const lines = read(path.join(COLUMBUS_DIR, 'data.csv')).toString('utf8').trimEnd().split('\n');
  return { header: lines[0].split(','), rows: lines.slice(1).map((l) => l.split(',')) };
}

function csvOf(header: readonly string[], rows: readonly (readonly string[])[], eol = '\n'): string {
  return [header.join(','), ...rows.map((r) => r.join(','))].join(eol) + eol;
}

/** The Columbus CSV with column `name` changed cell by cell. */
function editColumn(name: string, f: (v: string, row: number) => string, eol = '\n'): string {
  const { header, rows } = columbusRows();
  const c = header.indexOf(name);
  return csvOf(header, rows.map((r, i) => r.map((v, k) => (k === c ? f(v, i) : v))), eol);
}

/** Columbus' GAL neighbours: row i (0-based) → neighbour rows. */
function columbusNeighbours(): number[][] {
  const lines = read(path.join(COLUMBUS_DIR, 'weights.gal')).toString('utf8').trim().split(/\r?\n/);
  const out: number[][] = [];
  for (let l = 1; l < lines.length; l += 2) {
    const [id, count] = lines[l].trim().split(/\s+/).map(Number);
    out[id - 1] = count > 0 ? lines[l + 1].trim().split(/\s+/).map((j) => Number(j) - 1) : [];
  }
  return out;
}

function galOf(nb: readonly (readonly number[])[], header = `0 ${nb.length} columbus id`, eol = '\n', id = (i: number) => String(i + 1)): string {
  const lines = [header];
  nb.forEach((js, i) => {
    lines.push(`${id(i)} ${js.length}`, js.map(id).join(' '));
  });
  return lines.join(eol) + eol;
}

/** GWT of the Columbus neighbours with weight(i, j). */
function gwtOf(weight: (i: number, j: number) => string, eol = '\n'): string {
  const nb = columbusNeighbours();
  const lines = [`0 ${nb.length} columbus id`];
  nb.forEach((js, i) => js.forEach((j) => lines.push(`${i + 1} ${j + 1} ${weight(i, j)}`)));
  return lines.join(eol) + eol;
}

function utf16le(text: string, bom = true): Buffer {
  return Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, 'utf16le')]);
}

function utf16be(text: string): Buffer {
  return Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
}

/** The base spec: Columbus lag model with its GAL weights (Anselin 1988), exact log-determinant. */
const BASE: Json = {
  data: 'data.csv',
  dependent: 'CRIME',
  independent: ['INC', 'HOVAL'],
  weights: { type: 'gal', path: 'weights.gal', idColumn: 'id' },
  model: 'lag',
  logdet: 'eigen',
};
const KNN: Json = { ...BASE, weights: { type: 'knn', k: 4, coordinates: ['x', 'y'] } };
const BAND: Json = { ...BASE, weights: { type: 'distance', threshold: 1, coordinates: ['x', 'y'] } };
const QUEEN: Json = { ...BASE, weights: { type: 'contiguity', geometry: 'geometry.geojson', idProperty: 'id', idColumn: 'id' } };
const GWT: Json = { ...BASE, weights: { type: 'gwt', path: 'weights.gwt', idColumn: 'id' } };

const withWeights = (base: Json, extra: Json): Json => ({ ...base, weights: { ...(base.weights as Json), ...extra } });

export function generateCorpus(root: string, seed = 20261207): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const columbus = (): Files => ({
    'data.csv': read(path.join(COLUMBUS_DIR, 'data.csv')),
    'weights.gal': read(path.join(COLUMBUS_DIR, 'weights.gal')),
    'geometry.geojson': read(path.join(COLUMBUS_DIR, 'geometry.geojson')),
  });
  const geometryText = read(path.join(COLUMBUS_DIR, 'geometry.geojson')).toString('utf8');

  /**
   * A case: `files` over the Columbus inputs, `spec` written as model.sar.json (an object is
   * pretty-printed; text or bytes are written as they are), `args` after the spec.
   */
  const add = (name: string, family: Family, spec: Json | string | Buffer | undefined, files: Files = {},
    opts: Omit<CorpusCase, 'name' | 'family' | 'dir' | 'argv'> & { args?: string[]; argv?: (dir: string) => string[]; base?: Files } = {}) => {
    if (cases.some((c) => c.name === name)) throw new Error(`duplicate corpus case ${name}`);
    const dir = path.join(root, `${String(cases.length).padStart(3, '0')}-${name.replace(/[^\w.-]+/g, '_')}`);
    fs.mkdirSync(dir, { recursive: true });
    const all: Files = { ...(opts.base ?? columbus()), ...files };
    if (spec !== undefined) all['model.sar.json'] = typeof spec === 'string' || Buffer.isBuffer(spec) ? spec : JSON.stringify(spec, null, 2);
    for (const [file, content] of Object.entries(all)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), content);
    }
    const { args, argv, base: _base, ...rest } = opts;
    const specPath = path.join(dir, 'model.sar.json');
    cases.push({ name, family, dir, argv: argv ? argv(dir) : ['fit', specPath, '--json', '--draws', '50', ...(args ?? [])], ...rest });
  };
  const fit = { expect: 'fit' as const };
  const refused = { expect: 'error' as const };

  // ---------------------------------------------------------------- reference fits
  add('model/base-gal', 'model', BASE, {}, fit);
  add('model/base-knn', 'model', KNN, {}, fit);
  add('model/base-band', 'model', BAND, {}, fit);
  add('model/base-queen', 'model', QUEEN, {}, fit);

  // ---------------------------------------------------------------- spec
  const specText = JSON.stringify(BASE, null, 2);
  add('spec/empty', 'spec', '', {}, refused);
  add('spec/whitespace', 'spec', '  \n\t\n', {}, refused);
  for (const v of ['null', '[]', '"model"', '42', 'true', '[{}]']) add(`spec/not-an-object-${v}`, 'spec', v, {}, refused);
  add('spec/utf8-bom', 'spec', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(specText)]), {}, fit);
  add('spec/utf16le-bom', 'spec', utf16le(specText), {}, fit);
  add('spec/utf16be-bom', 'spec', utf16be(specText), {}, fit);
  add('spec/utf16le-no-bom', 'spec', utf16le(specText, false), {}, fit);
  add('spec/crlf', 'spec', specText.replace(/\n/g, '\r\n'), {}, fit);
  add('spec/cr-only', 'spec', specText.replace(/\n/g, '\r'), {}, fit);
  add('spec/cr-only-unknown-column', 'spec', JSON.stringify({ ...BASE, dependent: 'CRIMEE' }, null, 2).replace(/\n/g, '\r'), {},
    { ...refused, firstErrorAt: { file: 'model.sar.json', line: 3 } });
  add('spec/crlf-unknown-column', 'spec', JSON.stringify({ ...BASE, dependent: 'CRIMEE' }, null, 2).replace(/\n/g, '\r\n'), {},
    { ...refused, firstErrorAt: { file: 'model.sar.json', line: 3 } });
  add('spec/trailing-garbage', 'spec', specText + ' x', {}, refused);
  add('spec/unclosed-brace', 'spec', specText.slice(0, -1), {}, refused);
  add('spec/comments-and-trailing-comma', 'spec', specText.replace('{', '{ // a model\n').replace('"eigen"', '"eigen",'), {}, fit);
  add('spec/title-100k-nested-arrays', 'spec', specText.replace('{', `{ "title": ${'['.repeat(100_000)}${']'.repeat(100_000)},`), {}, refused);
  add('spec/title-100k-unclosed-brackets', 'spec', specText.replace('{', `{ "title": ${'['.repeat(100_000)}`), {}, refused);
  add('spec/description-1000-nested-objects', 'spec', specText.replace('{', `{ "description": ${'{"a":'.repeat(1000)}1${'}'.repeat(1000)},`), {}, refused);
  add('spec/title-5MB', 'spec', specText.replace('{', `{ "title": "${'x'.repeat(5_000_000)}",`), {}, fit);
  add('spec/title-control-characters', 'spec', specText.replace('{', '{ "title": "a\u0000b\u0007",'), {}, refused);
  add('spec/duplicate-key', 'spec', specText.replace('"dependent": "CRIME",', '"dependent": "CRIME",\n  "dependent": "HOVAL",'), {}, refused);
  add('spec/unknown-top-level-key', 'spec', { ...BASE, modle: 'lag' }, {}, refused);
  add('spec/unknown-nested-key-weights', 'spec', withWeights(BASE, { distanse: 3 }), {}, refused);
  add('spec/unknown-nested-key-impacts', 'spec', { ...BASE, impacts: { draw: 10 } }, {}, refused);
  add('spec/unknown-nested-key-geometry', 'spec', { ...BASE, geometry: { path: 'geometry.geojson', idProp: 'id' } }, {}, refused);
  add('spec/impacts-number', 'spec', { ...BASE, impacts: 5 }, {}, refused);
  add('spec/impacts-string', 'spec', { ...BASE, impacts: 'none' }, {}, refused);
  for (const d of [-1, 1.5, 100_001, 1e300, '1000']) add(`spec/impacts-draws-${d}`, 'spec', { ...BASE, impacts: { draws: d } }, {}, { ...refused, args: [] });
  add('spec/impacts-draws-0', 'spec', { ...BASE, impacts: { draws: 0, seed: 3 } }, {}, { ...fit, argv: (dir) => ['fit', path.join(dir, 'model.sar.json'), '--json'] });
  for (const s of [1.5, 'x', 1e300]) add(`spec/impacts-seed-${s}`, 'spec', { ...BASE, impacts: { draws: 10, seed: s } }, {}, {});
  for (const k of [0, -1, 1.5, 49, 1e300, '4']) add(`spec/knn-k-${k}`, 'spec', withWeights(KNN, { k }), {}, refused);
  for (const t of [0, -1, 'x', 1e309]) add(`spec/threshold-${t}`, 'spec', typeof t === 'number' && !Number.isFinite(t) ? JSON.stringify(BAND).replace('"threshold":1', '"threshold":1e309') : withWeights(BAND, { threshold: t }), {}, refused);
  add('spec/inverse-power-3', 'spec', withWeights(BAND, { inversePower: 3 }), {}, refused);
  add('spec/style-X', 'spec', withWeights(BASE, { style: 'X' }), {}, refused);
  add('spec/style-lowercase', 'spec', withWeights(BASE, { style: 'w' }), {}, refused);
  add('spec/model-sar', 'spec', { ...BASE, model: 'sar' }, {}, refused);
  add('spec/logdet-cholesky', 'spec', { ...BASE, logdet: 'cholesky' }, {}, refused);
  add('spec/se-robust', 'spec', { ...BASE, se: 'robust' }, {}, refused);
  add('spec/missing-dependent', 'spec', { ...BASE, dependent: undefined }, {}, refused);
  add('spec/dependent-empty', 'spec', { ...BASE, dependent: '' }, {}, refused);
  add('spec/dependent-number', 'spec', { ...BASE, dependent: 5 }, {}, refused);
  add('spec/dependent-unknown-column', 'spec', { ...BASE, dependent: 'CRIMEE' }, {}, refused);
  add('spec/dependent-with-line-breaks', 'spec', { ...BASE, dependent: 'CRI\nME\r\u2028' }, {}, refused);
  add('spec/dependent-1MB-name', 'spec', { ...BASE, dependent: 'C'.repeat(1_000_000) }, {}, refused);
  add('spec/independent-string', 'spec', { ...BASE, independent: 'INC' }, {}, refused);
  add('spec/independent-empty-no-intercept', 'spec', { ...BASE, independent: [], intercept: false }, {}, refused);
  add('spec/independent-has-dependent', 'spec', { ...BASE, independent: ['INC', 'CRIME'] }, {}, refused);
  add('spec/independent-twice', 'spec', { ...BASE, independent: ['INC', 'INC'] }, {}, refused);
  add('spec/independent-100k-names', 'spec', { ...BASE, independent: Array.from({ length: 100_000 }, (_, i) => `X${i}`) }, {}, refused);
  add('spec/intercept-yes', 'spec', { ...BASE, intercept: 'yes' }, {}, refused);
  add('spec/data-missing-file', 'spec', { ...BASE, data: 'nope.csv' }, {}, refused);
  add('spec/data-directory', 'spec', { ...BASE, data: '.' }, {}, refused);
  add('spec/data-dev-zero', 'spec', { ...BASE, data: '/dev/zero' }, {}, refused);
  add('spec/data-absent-field', 'spec', { ...BASE, data: undefined }, {}, refused);
  add('spec/weights-missing', 'spec', { ...BASE, weights: undefined }, {}, refused);
  add('spec/weights-type-queen', 'spec', withWeights(BASE, { type: 'queen' }), {}, refused);
  add('spec/weights-array', 'spec', { ...BASE, weights: [] }, {}, refused);
  add('spec/weights-path-missing', 'spec', withWeights(BASE, { path: 'nope.gal' }), {}, refused);
  add('spec/weights-id-column-unknown', 'spec', withWeights(BASE, { idColumn: 'ID' }), {}, refused);
  add('spec/geometry-number', 'spec', { ...BASE, geometry: 5 }, {}, refused);
  add('spec/geometry-missing-file', 'spec', { ...BASE, geometry: { path: 'nope.geojson', idProperty: 'id', idColumn: 'id' } }, {}, { ...fit, warns: /geometry/ });
  add('spec/geometry-directory', 'spec', { ...BASE, geometry: { path: '.', idProperty: 'id', idColumn: 'id' } }, {}, { ...fit, warns: /geometry/ });
  add('spec/geometry-wrong-id-property', 'spec', { ...BASE, geometry: { path: 'geometry.geojson', idProperty: 'NOPE', idColumn: 'id' } }, {}, { ...fit, warns: /geometry/ });
  add('spec/huge-whitespace', 'spec', specText.replace('{', `{${' '.repeat(5_000_000)}`), {}, fit);

  // ---------------------------------------------------------------- CSV
  const { header, rows } = columbusRows();
  add('csv/empty', 'csv', BASE, { 'data.csv': '' }, refused);
  add('csv/bom-only', 'csv', BASE, { 'data.csv': Buffer.from([0xef, 0xbb, 0xbf]) }, refused);
  add('csv/header-only', 'csv', BASE, { 'data.csv': header.join(',') + '\n' }, refused);
  add('csv/blank-lines-only', 'csv', BASE, { 'data.csv': '\n\n\n \n' }, refused);
  add('csv/duplicate-column-names-with-line-breaks', 'csv', BASE, { 'data.csv': csvOf(['"a\nb\rc"', '"a\nb\rc"', ...header.slice(2)], rows) }, refused);
  add('csv/header-1M-fields', 'csv', BASE, { 'data.csv': Array.from({ length: 1_000_000 }, (_, i) => `c${i}`).join(',') + '\n1\n' }, refused);
  add('csv/header-500k-duplicates', 'csv', BASE, { 'data.csv': [...header, ...new Array<string>(500_000).fill('CRIME')].join(',') + '\n' }, refused);
  add('csv/ragged-100k-rows', 'csv', BASE, { 'data.csv': header.join(',') + '\n' + '1,2\n'.repeat(100_000) }, refused);
  add('csv/dependent-all-NA', 'csv', BASE, { 'data.csv': editColumn('CRIME', () => 'NA') }, refused);
  add('csv/unclosed-quote-in-header', 'csv', BASE, { 'data.csv': '"' + csvOf(header, rows) }, refused);
  add('csv/unclosed-quote-in-row-20', 'csv', BASE, { 'data.csv': editColumn('HOVAL', (v, r) => (r === 19 ? `"${v}` : v)) }, refused);
  add('csv/quoted-cells', 'csv', BASE, { 'data.csv': editColumn('HOVAL', (v) => `"${v}"`) }, fit);
  add('csv/quoted-newlines-in-a-text-column', 'csv', BASE, { 'data.csv': editColumn('NEIG', (v) => `"line\nbreak ""${v}"""`) }, fit);
  add('csv/quote-at-the-very-end', 'csv', BASE, { 'data.csv': csvOf(header, rows) + '"' }, refused);
  add('csv/cr-only', 'csv', BASE, { 'data.csv': csvOf(header, rows, '\r') }, fit);
  add('csv/cr-only-bad-cell-row-7', 'csv', BASE, { 'data.csv': editColumn('INC', (v, r) => (r === 6 ? 'abc' : v), '\r') },
    { ...refused, firstErrorAt: { file: 'data.csv', line: 8 } });
  add('csv/crlf-bad-cell-row-7', 'csv', BASE, { 'data.csv': editColumn('INC', (v, r) => (r === 6 ? 'abc' : v), '\r\n') },
    { ...refused, firstErrorAt: { file: 'data.csv', line: 8 } });
  {
    // Row 3 spans lines 4–6 (a quoted cell with two line breaks): row 10's bad cell is on line 13.
    const cells = rows.map((r) => [...r]);
    cells[2][header.indexOf('NEIG')] = '"a\nb\nc"';
    cells[9][header.indexOf('INC')] = 'abc';
    add('csv/quoted-newlines-then-a-bad-cell', 'csv', BASE, { 'data.csv': csvOf(header, cells) }, { ...refused, firstErrorAt: { file: 'data.csv', line: 13 } });
  }
  add('csv/utf8-bom', 'csv', BASE, { 'data.csv': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvOf(header, rows))]) }, fit);
  add('csv/utf16le-bom', 'csv', BASE, { 'data.csv': utf16le(csvOf(header, rows)) }, fit);
  add('csv/utf16be-bom', 'csv', BASE, { 'data.csv': utf16be(csvOf(header, rows)) }, fit);
  add('csv/utf16le-no-bom', 'csv', BASE, { 'data.csv': utf16le(csvOf(header, rows), false) }, fit);
  add('csv/utf16le-bad-cell-row-3', 'csv', BASE, { 'data.csv': utf16le(editColumn('INC', (v, r) => (r === 2 ? 'x' : v))) },
    { ...refused, firstErrorAt: { file: 'data.csv', line: 4 } });
  add('csv/latin1-bytes', 'csv', BASE, { 'data.csv': Buffer.from(editColumn('NEIG', (v) => `caf\u00e9${v}`), 'latin1') }, fit);
  add('csv/nul-bytes-in-a-cell', 'csv', BASE, { 'data.csv': editColumn('NEIG', (v) => `a\u0000${v}`) }, fit);
  add('csv/nul-in-a-model-column', 'csv', BASE, { 'data.csv': editColumn('INC', (v, r) => (r === 4 ? `\u0000${v}` : v)) }, refused);
  add('csv/semicolons-decimal-commas', 'csv', BASE, { 'data.csv': csvOf(header, rows).replace(/,/g, ';').replace(/(\d)\.(\d)/g, '$1,$2') }, fit);
  add('csv/tabs', 'csv', BASE, { 'data.csv': csvOf(header, rows).replace(/,/g, '\t') }, fit);
  for (const [label, value] of [['1e309', '1e309'], ['Inf', 'Inf'], ['NaN', 'NaN'], ['dash', '-'], ['empty', ''], ['hex', '0x10'], ['spaces', '   ']]) {
    add(`csv/cell-${label}`, 'csv', BASE, { 'data.csv': editColumn('HOVAL', (v, r) => (r === 10 ? value : v)) }, refused);
  }
  add('csv/cell-a-megabyte-of-digits-and-a-letter', 'csv', BASE, { 'data.csv': editColumn('HOVAL', (v, r) => (r === 3 ? `${'1'.repeat(1_000_000)}x` : v)) }, refused);
  add('csv/cell-plus-sign-and-spaces', 'csv', BASE, { 'data.csv': editColumn('HOVAL', (v) => ` +${v} `) }, fit);
  add('csv/dependent-constant', 'csv', BASE, { 'data.csv': editColumn('CRIME', () => '3') }, refused);
  add('csv/regressor-constant', 'csv', BASE, { 'data.csv': editColumn('INC', () => '3') }, refused);
  add('csv/regressor-collinear', 'csv', { ...BASE, independent: ['INC', 'OPEN'] }, { 'data.csv': editColumn('OPEN', (_, r) => String(2 * Number(rows[r][header.indexOf('INC')]) + 1)) }, refused);
  add('csv/id-duplicate', 'csv', BASE, { 'data.csv': editColumn('id', (v, r) => (r === 5 ? '3' : v)) }, refused);
  add('csv/id-empty', 'csv', BASE, { 'data.csv': editColumn('id', (v, r) => (r === 5 ? '' : v)) }, refused);
  add('csv/one-row', 'csv', KNN, { 'data.csv': csvOf(header, rows.slice(0, 1)) }, refused);
  add('csv/two-rows', 'csv', withWeights(KNN, { k: 1 }), { 'data.csv': csvOf(header, rows.slice(0, 2)) }, refused);
  add('csv/three-rows', 'csv', withWeights(KNN, { k: 1 }), { 'data.csv': csvOf(header, rows.slice(0, 3)) }, refused);
  add('csv/more-rows-than-the-gal', 'csv', BASE, { 'data.csv': csvOf(header, [...rows, rows[0].map((v, k) => (k === 0 ? '50' : v))]) }, refused);
  add('csv/a-5MB-cell', 'csv', BASE, { 'data.csv': editColumn('NEIG', (v, r) => (r === 0 ? 'y'.repeat(5_000_000) : v)) }, fit);
  add('csv/a-5MB-column-name', 'csv', BASE, { 'data.csv': csvOf([...header.slice(0, -1), 'N'.repeat(5_000_000)], rows) }, fit);
  add('csv/a-5MB-column-name-and-a-typo', 'csv', { ...BASE, dependent: 'CRIMEE' }, { 'data.csv': csvOf([...header.slice(0, -1), 'N'.repeat(5_000_000)], rows) }, refused);
  add('csv/200k-blank-lines', 'csv', BASE, { 'data.csv': csvOf(header, rows) + '\n'.repeat(200_000) }, fit);
  // σ² ≈ 1e±602 does not fit in a double: refused, naming the variable and the factor to rescale by.
  add('csv/y-times-1e300', 'csv', BASE, { 'data.csv': editColumn('CRIME', (v) => String(Number(v) * 1e300)) }, refused);
  add('csv/y-times-1e-300', 'csv', BASE, { 'data.csv': editColumn('CRIME', (v) => String(Number(v) * 1e-300)) }, refused);
  add('csv/y-one-value-1.7e308', 'csv', BASE, { 'data.csv': editColumn('CRIME', (v, r) => (r === 0 ? '1.7e308' : v)) }, {});
  add('csv/x-times-1e300', 'csv', BASE, { 'data.csv': editColumn('INC', (v) => String(Number(v) * 1e300)) }, fit);
  add('csv/x-times-1e-300', 'csv', BASE, { 'data.csv': editColumn('INC', (v) => String(Number(v) * 1e-300)) }, fit);
  add('csv/y-outlier-1e15', 'csv', BASE, { 'data.csv': editColumn('CRIME', (v, r) => (r === 7 ? '1e15' : v)) }, fit);

  // ---------------------------------------------------------------- GAL
  const nb = columbusNeighbours();
  const gal = (text: string | Buffer, spec: Json = BASE, o: Parameters<typeof add>[4] = {}) => ['gal', spec, { 'weights.gal': text }, o] as const;
  const galCases: [string, ...ReturnType<typeof gal>][] = [
    ['empty', ...gal('', BASE, refused)],
    ['header-only', ...gal('0 49 columbus id\n', BASE, refused)],
    ['header-n-1e15', ...gal('0 1000000000000000 columbus id\n1 1\n2\n', BASE, refused)],
    ['header-n-1e21', ...gal('0 999999999999999999999 columbus id\n', BASE, refused)],
    ['header-n-0', ...gal('0\n', BASE, refused)],
    ['header-n-negative', ...gal('-3\n', BASE, refused)],
    ['header-garbage', ...gal('hello world\n', BASE, refused)],
    ['old-one-number-header', ...gal(galOf(nb, '49'), BASE, fit)],
    ['fewer-records', ...gal(galOf(nb.slice(0, 40)).replace('0 40', '0 49'), BASE, refused)],
    ['count-says-more', ...gal(galOf(nb).replace(/\n1 (\d+)\n/, (_, k) => `\n1 ${Number(k) + 3}\n`), BASE, refused)],
    ['count-huge', ...gal(galOf(nb).replace(/\n1 (\d+)\n/, '\n1 999999999999\n'), BASE, refused)],
    ['self-link', ...gal(galOf(nb.map((js, i) => (i === 0 ? [...js, 0] : js))), BASE, refused)],
    ['duplicate-link', ...gal(galOf(nb.map((js, i) => (i === 0 ? [...js, js[0]] : js))), BASE, refused)],
    ['unknown-ids', ...gal(galOf(nb, undefined, '\n', (i) => String(i + 101)), BASE, refused)],
    ['ids-written-as-decimals', ...gal(galOf(nb, undefined, '\n', (i) => `${i + 1}.0`), BASE, fit)],
    ['all-islands', ...gal(galOf(nb.map(() => [])), BASE, refused)],
    ['all-islands-allowed', ...gal(galOf(nb.map(() => [])), withWeights(BASE, { allowIslands: true }), { ...refused, errorMatch: /"weights"|weights\.gal/ })],
    ['all-islands-allowed-style-C', ...gal(galOf(nb.map(() => [])), withWeights(BASE, { allowIslands: true, style: 'C' }), { ...refused, errorMatch: /"weights"|weights\.gal/ })],
    ['one-island', ...gal(galOf(nb.map((js, i) => (i === 4 ? [] : js.filter((j) => j !== 4)))), BASE, refused)],
    ['one-island-allowed', ...gal(galOf(nb.map((js, i) => (i === 4 ? [] : js.filter((j) => j !== 4)))), withWeights(BASE, { allowIslands: true }), { ...fit, warns: /no neighbours/ })],
    ['complete-graph', ...gal(galOf(nb.map((_, i) => nb.map((__, j) => j).filter((j) => j !== i))), BASE, fit)],
    ['cr-only', ...gal(galOf(nb, undefined, '\r'), BASE, fit)],
    ['cr-only-bad-line-7', ...gal(galOf(nb, undefined, '\r').replace(/^((?:[^\r]*\r){6})[^\r]*/, '$1x y z'), BASE, { ...refused, firstErrorAt: { file: 'weights.gal', line: 7 } })],
    ['crlf', ...gal(galOf(nb, undefined, '\r\n'), BASE, fit)],
    ['utf16le-bom', ...gal(utf16le(galOf(nb)), BASE, fit)],
    ['tabs-and-spaces', ...gal(galOf(nb).replace(/ /g, ' \t  '), BASE, fit)],
    ['nul-in-a-token', ...gal(galOf(nb).replace('\n2 ', '\n2\u0000 '), BASE, refused)],
    ['100k-unknown-neighbours-on-one-line', ...gal(`0 49 columbus id\n1 100000\n${Array.from({ length: 100_000 }, (_, j) => j + 1000).join(' ')}\n`, BASE, refused)],
    ['an-id-of-a-megabyte-of-digits-and-a-letter', ...gal(galOf(nb).replace('\n1 2\n', `\n${'1'.repeat(1_000_000)}x 2\n`), BASE, refused)],
    ['truncated-in-a-record', ...gal(galOf(nb).slice(0, 300), BASE, refused)],
    ['asymmetric-links', ...gal(galOf(nb.map((js, i) => (i === 0 ? js.slice(1) : js))), BASE, fit)],
  ];
  for (const [label, family, spec, files, o] of galCases) add(`gal/${label}`, family, spec, files, o);
  // The header names the id variable POLYID (a column): the rows shuffled, it must still pair the right rows.
  {
    const r = rng(seed + 1);
    const order = rows.map((_, i) => i).sort(() => r() - 0.5);
    const shuffled = csvOf(header, order.map((i) => rows[i]));
    add('gal/header-id-variable-is-a-column-rows-shuffled', 'gal', withWeights(BASE, { idColumn: undefined }),
      { 'data.csv': shuffled, 'weights.gal': galOf(nb, '0 49 columbus POLYID') }, { ...fit, sameFitAs: 'model/base-gal' });
    add('gal/header-id-variable-not-a-column', 'gal', withWeights(BASE, { idColumn: undefined }), { 'weights.gal': galOf(nb, '0 49 columbus NOSUCH') }, { ...fit, sameFitAs: 'model/base-gal' });
  }

  // ---------------------------------------------------------------- GWT
  const gwt = (label: string, text: string | Buffer, spec: Json = GWT, o: Parameters<typeof add>[4] = {}) => add(`gwt/${label}`, 'gwt', spec, { 'weights.gwt': text }, o);
  gwt('binary', gwtOf(() => '1'), GWT, { ...fit, sameFitAs: 'model/base-gal' });
  gwt('inverse-distances', gwtOf((i, j) => String(1 / (1 + Math.abs(i - j)))), GWT, fit);
  gwt('all-zero', gwtOf(() => '0'), GWT, { ...refused, errorMatch: /weights\.gwt|"weights/ });
  gwt('all-zero-allowed', gwtOf(() => '0'), withWeights(GWT, { allowIslands: true }), { ...refused, errorMatch: /weights\.gwt|"weights/ });
  gwt('row-sums-zero-1-and-minus-1', gwtOf((i, j) => (i === 3 ? (j === nb[3][0] ? '1' : '-1') : '1')), GWT, refused);
  gwt('row-sums-zero-allowed', gwtOf((i, j) => (i === 3 ? (nb[3].indexOf(j) % 2 === 0 ? '1' : '-1') : '1')), withWeights(GWT, { allowIslands: true }), {});
  gwt('all-negative', gwtOf(() => '-1'), GWT, refused);
  gwt('one-row-negative', gwtOf((i) => (i === 7 ? '-2' : '1')), GWT, refused);
  gwt('some-negative-weights', gwtOf((i, j) => (j === nb[i][0] && nb[i].length > 2 ? '-0.1' : '1')), GWT, { warns: /negative/ });
  gwt('weights-1e308', gwtOf(() => '1e308'), GWT, { ...fit, sameFitAs: 'model/base-gal' });
  gwt('weights-1e308-style-B', gwtOf(() => '1e308'), withWeights(GWT, { style: 'B' }), { ...refused, errorMatch: /weights\.style/ });
  gwt('weights-1e-320', gwtOf(() => '1e-320'), GWT, { ...refused, errorMatch: /weights\.gwt:\d+:\d+: error: the weight .* of id "\d+" \(row \d+\) → id "\d+" \(row \d+\)/ });
  gwt('one-weight-1e-320', gwtOf((i, j) => (i === 2 && j === nb[2][0] ? '1e-320' : '1')), GWT, refused);
  gwt('weights-1e-300', gwtOf(() => '1e-300'), GWT, { ...fit, sameFitAs: 'model/base-gal' });
  gwt('weights-1e-300-style-B', gwtOf(() => '1e-300'), withWeights(GWT, { style: 'B' }), {});
  gwt('weight-1e309', gwtOf((i) => (i === 1 ? '1e309' : '1')), GWT, refused);
  gwt('weight-NaN', gwtOf((i) => (i === 1 ? 'NaN' : '1')), GWT, refused);
  gwt('weight-Infinity', gwtOf((i) => (i === 1 ? 'Infinity' : '1')), GWT, refused);
  gwt('weight-a-megabyte-of-digits-and-a-letter', gwtOf((i) => (i === 1 ? `${'1'.repeat(1_000_000)}x` : '1')), GWT, refused);
  gwt('missing-weight', gwtOf(() => '1').replace(/\n(\d+ \d+) 1\n/, '\n$1\n'), GWT, refused);
  for (const style of ['C', 'U', 'S']) {
    // Each pair's weights cancel: the total is 0 for C and U (S normalises rows first: either way).
    gwt(`total-zero-style-${style}`, gwtOf((i, j) => (i < j ? '1' : '-1')), withWeights(GWT, { style }), { ...(style === 'S' ? {} : refused), errorMatch: /"weights\.style"/ });
  }
  gwt('style-C', gwtOf(() => '2'), withWeights(GWT, { style: 'C' }), fit);
  gwt('style-S', gwtOf((i, j) => String(1 + ((i + j) % 3))), withWeights(GWT, { style: 'S' }), fit);
  gwt('self-link', gwtOf(() => '1') + '5 5 1\n', GWT, refused);
  gwt('duplicate-link', gwtOf(() => '1') + '1 2 1\n', GWT, refused);
  gwt('unknown-origin', gwtOf(() => '1') + '77 2 1\n', GWT, refused);
  gwt('cr-only', gwtOf(() => '1', '\r'), GWT, { ...fit, sameFitAs: 'model/base-gal' });
  gwt('utf16le-bom', utf16le(gwtOf(() => '1')), GWT, { ...fit, sameFitAs: 'model/base-gal' });
  gwt('header-only', '0 49 columbus id\n', GWT, refused);
  gwt('header-only-allowed', '0 49 columbus id\n', withWeights(GWT, { allowIslands: true }), refused);
  {
    // n = 100,000: one origin lists every other row, in reverse order (a comparison sort, not insertion
    // sort); the dependent variable is constant, so the run stops after the weights with an error.
    const n = 100_000;
    const data = ['id,y,x', ...Array.from({ length: n }, (_, i) => `${i + 1},1,${i % 7}`)].join('\n') + '\n';
    const lines = [`0 ${n} big id`];
    for (let j = n; j >= 2; j--) lines.push(`1 ${j} 1`);
    for (let i = 2; i <= n; i++) lines.push(`${i} 1 1`);
    add('gwt/one-row-of-100k-links-in-reverse-order', 'gwt', { data: 'data.csv', dependent: 'y', independent: ['x'], weights: { type: 'gwt', path: 'weights.gwt', idColumn: 'id' }, logdet: 'mc' },
      { 'data.csv': data, 'weights.gwt': lines.join('\n') + '\n' }, { ...refused, base: {} });
  }

  // ---------------------------------------------------------------- GeoJSON
  const geo = (label: string, text: string | Buffer, spec: Json = QUEEN, o: Parameters<typeof add>[4] = {}) => add(`geojson/${label}`, 'geojson', spec, { 'geometry.geojson': text }, o);
  const doc = JSON.parse(geometryText) as { type: string; features: { type: string; properties: Record<string, unknown>; geometry: { type: string; coordinates: unknown } | null }[] };
  const withFeatures = (f: (feats: typeof doc.features) => unknown): string => JSON.stringify({ ...doc, features: f(JSON.parse(JSON.stringify(doc.features))) });
  const mapCoords = (f: (x: number, y: number) => [number, number]): string => withFeatures((feats) => feats.map((ft) => ({
    ...ft,
    geometry: ft.geometry && { ...ft.geometry, coordinates: JSON.parse(JSON.stringify(ft.geometry.coordinates), (_k, v) => (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' ? f(v[0], v[1]) : v)) },
  })));
  const deep = '['.repeat(100_000) + ']'.repeat(100_000);
  geo('coordinates-100k-nested-arrays', geometryText.replace(/"coordinates": \[/, `"coordinates": [ ${deep},`), QUEEN, refused);
  geo('100k-unclosed-brackets', `{"type": "FeatureCollection", "features": ${'['.repeat(100_000)}`, QUEEN, refused);
  geo('30-unclosed-brackets', `{"type": "FeatureCollection", "features": ${'['.repeat(30)}`, QUEEN, refused);
  geo('properties-1000-deep', geometryText.replace(/"properties": \{/, `"properties": { "deep": ${'{"a":'.repeat(1000)}1${'}'.repeat(1000)},`), QUEEN, refused);
  geo('map-geometry-100k-nested-arrays', geometryText.replace(/"coordinates": \[/, `"coordinates": [ ${deep},`), { ...BASE, geometry: { path: 'geometry.geojson', idProperty: 'id', idColumn: 'id' } }, { ...fit, warns: /geometry/ });
  geo('map-geometry-broken-json', geometryText.slice(0, 5000), { ...BASE, geometry: { path: 'geometry.geojson', idProperty: 'id', idColumn: 'id' } }, { ...fit, warns: /geometry/ });
  geo('map-geometry-ok', geometryText, { ...BASE, geometry: { path: 'geometry.geojson', idProperty: 'id', idColumn: 'id' } }, fit);
  geo('empty', '', QUEEN, refused);
  geo('null', 'null', QUEEN, refused);
  geo('array', '[]', QUEEN, refused);
  geo('a-feature-not-a-collection', JSON.stringify(doc.features[0]), QUEEN, refused);
  geo('features-not-an-array', JSON.stringify({ type: 'FeatureCollection', features: {} }), QUEEN, refused);
  geo('no-features', JSON.stringify({ type: 'FeatureCollection', features: [] }), QUEEN, refused);
  geo('a-null-feature', withFeatures((f) => [null, ...f.slice(1)]), QUEEN, refused);
  geo('a-null-geometry', withFeatures((f) => f.map((ft, k) => (k === 3 ? { ...ft, geometry: null } : ft))), QUEEN, refused);
  geo('points-for-contiguity', withFeatures((f) => f.map((ft) => ({ ...ft, geometry: { type: 'Point', coordinates: [1, 2] } }))), QUEEN, refused);
  geo('a-line-string', withFeatures((f) => f.map((ft, k) => (k === 0 ? { ...ft, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } } : ft))), QUEEN, refused);
  geo('a-ring-of-two-positions', withFeatures((f) => f.map((ft, k) => (k === 0 ? { ...ft, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] } } : ft))), QUEEN, refused);
  geo('a-position-of-strings', withFeatures((f) => f.map((ft, k) => (k === 0 ? { ...ft, geometry: { type: 'Polygon', coordinates: [[['a', 'b'], [1, 1], [2, 0], [0, 0]]] } } : ft))), QUEEN, refused);
  geo('duplicate-ids', withFeatures((f) => f.map((ft, k) => (k === 5 ? { ...ft, properties: { ...ft.properties, id: 1 } } : ft))), QUEEN, refused);
  geo('id-property-missing', withFeatures((f) => f.map((ft, k) => (k === 5 ? { ...ft, properties: {} } : ft))), QUEEN, refused);
  geo('an-extra-feature', withFeatures((f) => [...f, { ...f[0], properties: { ...f[0].properties, id: 99 } }]), QUEEN, refused);
  geo('coordinates-plus-1e10', mapCoords((x, y) => [x + 1e10, y + 1e10]), QUEEN, fit);
  geo('coordinates-times-1e10', mapCoords((x, y) => [x * 1e10, y * 1e10]), QUEEN, fit);
  geo('coordinates-times-1e300', mapCoords((x, y) => [x * 1e300, y * 1e300]), QUEEN, fit);
  geo('coordinates-times-1e-300', mapCoords((x, y) => [x * 1e-300, y * 1e-300]), QUEEN, {});
  geo('coordinates-near-max-double', mapCoords((x, y) => [x * 1e307, -y * 1e307]), QUEEN, {});
  geo('no-polygons-touch', withFeatures((f) => f.map((ft, k) => ({ ...ft, geometry: { type: 'Polygon', coordinates: [[[3 * k, 0], [3 * k + 1, 0], [3 * k + 1, 1], [3 * k, 0]]] } }))), QUEEN, { ...refused, errorMatch: /weights\.geometry|geometry\.geojson|"weights/ });
  geo('every-polygon-shares-one-vertex', withFeatures((f) => f.map((ft, k) => ({
    ...ft, geometry: { type: 'Polygon', coordinates: [[[0, 0], [Math.cos(k / 8), Math.sin(k / 8)], [Math.cos((k + 0.5) / 8), Math.sin((k + 0.5) / 8)], [0, 0]]] },
  }))), QUEEN, fit);
  geo('rook', geometryText, withWeights(QUEEN, { criterion: 'rook' }), fit);
  geo('utf16le-bom', utf16le(geometryText), QUEEN, { ...fit, sameFitAs: 'model/base-queen' });
  geo('cr-only', geometryText.replace(/\n/g, '\r'), QUEEN, { ...fit, sameFitAs: 'model/base-queen' });
  geo('cr-only-bad-value-line-6', geometryText.replace(/\n/g, '\r').replace(/^((?:[^\r]*\r){5}[^\r]*?)"type": "Feature"/, '$1"type": Feature'), QUEEN,
    { ...refused, firstErrorAt: { file: 'geometry.geojson', line: 6 } });
  geo('a-10MB-string-property', geometryText.replace(/"properties": \{/, `"properties": { "note": "${'z'.repeat(10_000_000)}",`), QUEEN, fit);
  geo('invalid-escape', geometryText.replace(/"properties": \{/, '"properties": { "bad": "\\x",'), QUEEN, refused);
  geo('trailing-comma', geometryText.replace(/\]\s*\}\s*$/, ',]}'), QUEEN, refused);

  // ---------------------------------------------------------------- command line
  const cli = (label: string, args: (specPath: string) => string[], o: Parameters<typeof add>[4] = {}) =>
    add(`cli/${label}`, 'cli', BASE, {}, { ...o, argv: (dir) => args(path.join(dir, 'model.sar.json')) });
  cli('no-arguments', () => [], refused);
  cli('help', () => ['--help']);
  cli('version', () => ['--version']);
  cli('unknown-option', (s) => ['fit', s, '--frobnicate'], refused);
  cli('unknown-command', (s) => ['run', s], refused);
  cli('fit-without-spec', () => ['fit'], refused);
  cli('two-specs', (s) => ['fit', s, s], refused);
  for (const d of ['100001', '1e3', '-1', '99999999999999999999', '', 'NaN', '9'.repeat(1_000)]) cli(`draws-${d.length > 20 ? 'huge' : d || 'empty'}`, (s) => ['fit', s, '--draws', d], refused);
  cli('draws-0', (s) => ['fit', s, '--json', '--draws', '0'], fit);
  cli('draws-missing-value', (s) => ['fit', s, '--draws'], refused);
  for (const seed of ['-1', 'abc', '1e3', '9007199254740993']) cli(`seed-${seed}`, (s) => ['fit', s, '--seed', seed], refused);
  cli('seed-big', (s) => ['fit', s, '--json', '--draws', '20', '--seed', '9007199254740991'], fit);
  for (const m of ['auto', 'eigen', 'sparse', 'chebyshev', 'mc']) cli(`logdet-${m}`, (s) => ['fit', s, '--json', '--draws', '20', '--logdet', m], fit);
  cli('logdet-foo', (s) => ['fit', s, '--logdet=foo'], refused);
  cli('se-hessian', (s) => ['fit', s, '--json', '--draws', '20', '--se', 'hessian'], fit);
  cli('se-empty', (s) => ['fit', s, '--se='], refused);
  cli('double-dash', (s) => ['fit', '--json', '--draws', '10', '--', s], fit);
  cli('text-report', (s) => ['fit', s, '--draws', '20'], fit);
  cli('json-twice', (s) => ['fit', s, '--json', '--json', '--draws', '10'], fit);
  cli('spec-missing', (s) => ['fit', path.join(path.dirname(s), 'nope.sar.json')], refused);
  cli('spec-is-a-directory', (s) => ['fit', path.dirname(s)], refused);
  cli('spec-dev-null', () => ['fit', '/dev/null'], refused);
  cli('spec-empty-string', () => ['fit', ''], refused);
  cli('spec-path-1MB', (s) => ['fit', path.join(path.dirname(s), 'x'.repeat(1_000_000))], refused);
  cli('option-1MB', (s) => ['fit', s, `--${'y'.repeat(1_000_000)}`], refused);

  // ---------------------------------------------------------------- degenerate models
  const model = (label: string, spec: Json | Buffer, files: Files = {}, o: Parameters<typeof add>[4] = {}) => add(`model/${label}`, 'model', spec, files, o);
  for (const m of ['error', 'durbin', 'ols']) model(`${m}-model`, { ...BASE, model: m }, {}, fit);
  for (const style of ['B', 'C', 'U', 'S']) model(`style-${style}`, withWeights(BASE, { style }), {}, fit);
  model('knn-k-1', withWeights(KNN, { k: 1 }), {}, fit);
  model('knn-k-n-minus-1', withWeights(KNN, { k: 48 }), {}, fit);
  model('threshold-above-every-distance', withWeights(BAND, { threshold: 1e6 }), {}, fit);
  model('threshold-below-every-distance', withWeights(BAND, { threshold: 1e-6 }), {}, { ...refused, errorMatch: /weights\.threshold|"threshold"|threshold .* at least \d/ });
  model('threshold-below-every-distance-allowed', withWeights(BAND, { threshold: 1e-6, allowIslands: true }), {}, { ...refused, errorMatch: /at least 0\.618865/ });
  model('threshold-leaves-islands', withWeights(BAND, { threshold: 0.45 }), {}, { ...refused, errorMatch: /0\.618865|no neighbours/ });
  model('threshold-at-the-smallest-connecting-value', withWeights(BAND, { threshold: 0.618865 }), {}, fit);
  model('threshold-leaves-islands-allowed', withWeights(BAND, { threshold: 0.45, allowIslands: true }), {}, { ...fit, warns: /no neighbours/ });
  model('lag-without-regressors', { ...BASE, independent: [] }, {}, fit);
  model('lag-without-regressors-text', { ...BASE, independent: [] }, {}, { ...fit, args: [], argv: (dir) => ['fit', path.join(dir, 'model.sar.json'), '--draws', '20'] });
  model('no-intercept-one-regressor', { ...BASE, independent: ['INC'], intercept: false }, {}, fit);
  model('two-components', withWeights(BASE, {}), { 'weights.gal': galOf(nb.map((js, i) => js.filter((j) => (i < 25) === (j < 25)))) }, { ...fit, warns: /disconnected/ });
  const coords = (f: (x: number, y: number, r: number) => [number, number]) => {
    const cx = header.indexOf('x');
    const cy = header.indexOf('y');
    return csvOf(header, rows.map((r, i) => {
      const [x, y] = f(Number(r[cx]), Number(r[cy]), i);
      return r.map((v, k) => (k === cx ? String(x) : k === cy ? String(y) : v));
    }));
  };
  model('inverse-distance-coincident-points', withWeights(BAND, { inversePower: 1 }), { 'data.csv': coords((x, y, r) => (r === 9 ? [Number(rows[3][1]), Number(rows[3][2])] : [x, y])) },
    { ...refused, errorMatch: /row 4 \(line 5\) and row 10 \(line 11\)/ });
  model('inverse-distance-1e-200-apart', withWeights(BAND, { inversePower: 2 }), { 'data.csv': coords((x, y, r) => (r === 9 ? [Number(rows[3][1]) + 1e-200, Number(rows[3][2])] : [x, y])) },
    { ...refused, errorMatch: /row 4 \(line 5\) and row 10 \(line 11\)/ });
  model('inverse-distance-coordinates-times-1e300', withWeights(BAND, { inversePower: 2, threshold: 1e300 }), { 'data.csv': coords((x, y) => [x * 1e300, y * 1e300]) }, {});
  model('knn-coordinates-times-1e300', KNN, { 'data.csv': coords((x, y) => [x * 1e300, y * 1e300]) }, { ...fit, sameFitAs: 'model/base-knn' });
  model('knn-coordinates-times-1e-300', KNN, { 'data.csv': coords((x, y) => [x * 1e-300, y * 1e-300]) }, { ...fit, sameFitAs: 'model/base-knn' });
  model('knn-coordinates-times-2^-1060', KNN, { 'data.csv': coords((x, y) => [x * 2 ** -1060, y * 2 ** -1060]) }, {});
  model('band-coordinates-times-1e300', withWeights(BAND, { threshold: 1e300 }), { 'data.csv': coords((x, y) => [x * 1e300, y * 1e300]) }, { ...fit, sameFitAs: 'model/base-band' });
  model('band-coordinates-times-2^-1000', withWeights(BAND, { threshold: 2 ** -1000 }), { 'data.csv': coords((x, y) => [x * 2 ** -1000, y * 2 ** -1000]) }, { ...fit, sameFitAs: 'model/base-band' });
  model('knn-all-points-identical', KNN, { 'data.csv': coords(() => [1, 1]) }, {});
  model('knn-great-circle-latitude-over-90', withWeights(KNN, { distance: 'greatCircle' }), { 'data.csv': coords((x, y) => [y, x * 20]) }, refused);
  model('y-equals-a-regressor', { ...BASE, independent: ['INC'] }, { 'data.csv': editColumn('CRIME', (_, r) => rows[r][header.indexOf('INC')]) }, {});
  model('eigen-beyond-its-size-limit', { data: 'data.csv', dependent: 'y', independent: ['x'], weights: { type: 'knn', k: 4, coordinates: ['x', 'y2'] }, logdet: 'eigen' },
    { 'data.csv': ['x,y2,y', ...Array.from({ length: 5000 }, (_, i) => `${Math.sin(i)},${Math.cos(1.3 * i)},${(i * 7919) % 101}`)].join('\n') + '\n' },
    { ...refused, errorMatch: /model\.sar\.json:\d+:\d+: error: logdet "eigen"/, base: {} });
  model('kazakhstan-example', read(path.join(KAZAKHSTAN_EXAMPLE, 'kazakhstan.sar.json')), { 'cities-illustrative.csv': read(path.join(KAZAKHSTAN_EXAMPLE, 'cities-illustrative.csv')) }, { ...fit, base: {} });

  // ---------------------------------------------------------------- byte-level fuzzing of the examples
  const targets: { label: string; dir: string; files: string[]; spec: string | Json; fuzz: string }[] = [
    { label: 'columbus-spec', dir: COLUMBUS_EXAMPLE, files: ['data.csv', 'weights.gal', 'geometry.geojson'], spec: read(path.join(COLUMBUS_EXAMPLE, 'columbus.sar.json')).toString('utf8'), fuzz: 'model.sar.json' },
    { label: 'columbus-csv', dir: COLUMBUS_EXAMPLE, files: ['data.csv', 'weights.gal', 'geometry.geojson'], spec: read(path.join(COLUMBUS_EXAMPLE, 'columbus.sar.json')).toString('utf8'), fuzz: 'data.csv' },
    { label: 'columbus-gal', dir: COLUMBUS_EXAMPLE, files: ['data.csv', 'weights.gal', 'geometry.geojson'], spec: read(path.join(COLUMBUS_EXAMPLE, 'columbus.sar.json')).toString('utf8'), fuzz: 'weights.gal' },
    { label: 'columbus-map-geometry', dir: COLUMBUS_EXAMPLE, files: ['data.csv', 'weights.gal', 'geometry.geojson'], spec: read(path.join(COLUMBUS_EXAMPLE, 'columbus.sar.json')).toString('utf8'), fuzz: 'geometry.geojson' },
    { label: 'fixtures-csv-knn', dir: COLUMBUS_DIR, files: ['data.csv'], spec: KNN, fuzz: 'data.csv' },
    { label: 'fixtures-gal', dir: COLUMBUS_DIR, files: ['data.csv', 'weights.gal'], spec: BASE, fuzz: 'weights.gal' },
    { label: 'fixtures-queen-geometry', dir: COLUMBUS_DIR, files: ['data.csv', 'geometry.geojson'], spec: QUEEN, fuzz: 'geometry.geojson' },
    { label: 'kazakhstan-spec', dir: KAZAKHSTAN_EXAMPLE, files: ['cities-illustrative.csv'], spec: read(path.join(KAZAKHSTAN_EXAMPLE, 'kazakhstan.sar.json')).toString('utf8'), fuzz: 'model.sar.json' },
    { label: 'kazakhstan-csv', dir: KAZAKHSTAN_EXAMPLE, files: ['cities-illustrative.csv'], spec: read(path.join(KAZAKHSTAN_EXAMPLE, 'kazakhstan.sar.json')).toString('utf8'), fuzz: 'cities-illustrative.csv' },
  ];
  const FUZZ_PER_TARGET = 18;
  const r = rng(seed);
  for (const t of targets) {
    for (let k = 0; k < FUZZ_PER_TARGET; k++) {
      const files: Files = {};
      for (const f of t.files) files[f] = read(path.join(t.dir, f));
      const specBytes = Buffer.from(typeof t.spec === 'string' ? t.spec : JSON.stringify(t.spec, null, 2));
      const original = t.fuzz === 'model.sar.json' ? specBytes : (files[t.fuzz] as Buffer);
      const mutated = mutate(original, r);
      if (t.fuzz === 'model.sar.json') add(`fuzz/${t.label}-${k}`, 'fuzz', mutated, files, { base: {} });
      else add(`fuzz/${t.label}-${k}`, 'fuzz', specBytes, { ...files, [t.fuzz]: mutated }, { base: {} });
    }
  }
  return cases;
}

/** Tokens that parsers care about, spliced in by the fuzzer. */
const TOKENS = ['"', ',', ';', '\t', '\n', '\r', '\r\n', '\u0000', '[', ']', '{', '}', ':', '-', '.', 'e', '1e308', '1e-320', 'NaN', '-0', '999999999999', '\\', '\\u', '\ufeff', '\u00e9', 'null', 'true'];

/** 1–6 seeded byte-level mutations (one, half the time): flips, deletions, duplications, insertions, truncation, swaps. */
export function mutate(input: Buffer, r: () => number): Buffer {
  let b = Buffer.from(input);
  const int = (n: number) => Math.floor(r() * n);
  const count = r() < 0.5 ? 1 : 1 + int(6); // half with one mutation: more of them get past the parsers
  for (let m = 0; m < count; m++) {
    const at = int(b.length + 1);
    const len = 1 + int(Math.min(64, Math.max(1, b.length - at)));
    switch (int(7)) {
      case 0: // flip a bit
        if (b.length) b[Math.min(at, b.length - 1)] ^= 1 << int(8);
        break;
      case 1: // delete a range
        b = Buffer.concat([b.subarray(0, at), b.subarray(at + len)]);
        break;
      case 2: // duplicate a range, up to 50 times
        b = Buffer.concat([b.subarray(0, at), ...new Array<Buffer>(1 + int(50)).fill(b.subarray(at, at + len)), b.subarray(at)]);
        break;
      case 3: // random bytes
        b = Buffer.concat([b.subarray(0, at), Buffer.from(Array.from({ length: 1 + int(8) }, () => int(256))), b.subarray(at)]);
        break;
      case 4: // a token that matters to some parser
        b = Buffer.concat([b.subarray(0, at), Buffer.from(TOKENS[int(TOKENS.length)]), b.subarray(at)]);
        break;
      case 5: // truncate
        if (r() < 0.3) b = b.subarray(0, at);
        break;
      default: { // swap two ranges
        const other = int(b.length + 1);
        const [p, q] = at < other ? [at, other] : [other, at];
        if (q - p > 2 * len) b = Buffer.concat([b.subarray(0, p), b.subarray(q - len, q), b.subarray(p + len, q - len), b.subarray(p, p + len), b.subarray(q)]);
        break;
      }
    }
  }
  return b;
}

if (require.main === module) {
  const [dir, seed] = process.argv.slice(2);
  if (!dir) {
    process.stderr.write('usage: node out/test/corpus/generate.js DIR [SEED]\n');
    process.exit(2);
  }
  const cases = generateCorpus(path.resolve(dir), seed ? Number(seed) : undefined);
  for (const c of cases) process.stdout.write(`${c.name}\t${c.argv.map((a) => (a.length > 80 ? `${a.slice(0, 80)}…` : a)).join(' ')}\n`);
  process.stdout.write(`${cases.length} cases in ${path.resolve(dir)}\n`);
}
