/**
 * media/sar-spec.schema.json (the plain text editor's completion and validation for *.sar.json):
 * the examples and fixtures validate, typical mistakes do not, and its enums are the parser's.
 * A small validator for the draft-07 subset the schema uses (no schema library is installed).
 * The file is generated from src/core/spec/schema.ts (`npm run schema`).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { specJsonSchemaText } from '../../src/core/spec/jsonSchema';
import { LOGDETS as LOGDET_METHODS, MODELS as MODEL_TYPES, parseSpec, SES as SE_METHODS, STYLES as WEIGHT_STYLES, WEIGHT_TYPES } from '../../src/core/spec/parse';

const ROOT = path.resolve(__dirname, '../../..');
type Schema = Record<string, unknown> | boolean;
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'media', 'sar-spec.schema.json'), 'utf8')) as Record<string, unknown>;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

/** Errors of `v` against `s` (empty: valid). */
function validate(v: unknown, s: Schema, at = '$'): string[] {
  if (s === true) return [];
  if (s === false) return [`${at}: not allowed`];
  const errs: string[] = [];
  if (s.type !== undefined) {
    const t = typeOf(v);
    const ok = s.type === t || (s.type === 'number' && t === 'integer');
    if (!ok) return [`${at}: expected ${String(s.type)}, got ${t}`];
  }
  if (Array.isArray(s.enum) && !s.enum.includes(v as never)) errs.push(`${at}: not one of ${JSON.stringify(s.enum)}`);
  if ('const' in s && s.const !== v) errs.push(`${at}: not ${JSON.stringify(s.const)}`);
  if (typeof v === 'string' && typeof s.minLength === 'number' && v.length < s.minLength) errs.push(`${at}: too short`);
  if (typeof v === 'number') {
    if (typeof s.minimum === 'number' && v < s.minimum) errs.push(`${at}: below ${s.minimum}`);
    if (typeof s.maximum === 'number' && v > s.maximum) errs.push(`${at}: above ${s.maximum}`);
    if (typeof s.exclusiveMinimum === 'number' && v <= s.exclusiveMinimum) errs.push(`${at}: not above ${s.exclusiveMinimum}`);
  }
  if (Array.isArray(v)) {
    if (typeof s.minItems === 'number' && v.length < s.minItems) errs.push(`${at}: fewer than ${s.minItems} items`);
    if (typeof s.maxItems === 'number' && v.length > s.maxItems) errs.push(`${at}: more than ${s.maxItems} items`);
    if (s.uniqueItems === true && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) errs.push(`${at}: items repeat`);
    if (s.items) v.forEach((x, i) => errs.push(...validate(x, s.items as Schema, `${at}[${i}]`)));
  }
  if (typeOf(v) === 'object') {
    const o = v as Record<string, unknown>;
    for (const r of (s.required as string[] | undefined) ?? []) if (!(r in o)) errs.push(`${at}: missing "${r}"`);
    const props = (s.properties as Record<string, Schema> | undefined) ?? {};
    for (const [k, x] of Object.entries(o)) {
      if (k in props) errs.push(...validate(x, props[k], `${at}.${k}`));
      else if (s.additionalProperties === false) errs.push(`${at}: unknown property "${k}"`);
    }
  }
  for (const sub of (s.allOf as Schema[] | undefined) ?? []) errs.push(...validate(v, sub, at));
  if (Array.isArray(s.oneOf)) {
    const passing = s.oneOf.filter((sub) => validate(v, sub as Schema, at).length === 0).length;
    if (passing !== 1) errs.push(`${at}: matches ${passing} of oneOf`);
  }
  if (s.if !== undefined) {
    const cond = validate(v, s.if as Schema, at).length === 0;
    if (cond && s.then !== undefined) errs.push(...validate(v, s.then as Schema, at));
    if (!cond && s.else !== undefined) errs.push(...validate(v, s.else as Schema, at));
  }
  return errs;
}

function specFiles(): string[] {
  const out: string[] = [];
  for (const dir of ['examples', 'test/fixtures']) {
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.sar.json')) out.push(p);
      }
    };
    walk(path.join(ROOT, dir));
  }
  return out;
}

suite('editor: the JSON schema of the spec', () => {
  test('the committed file is the one made from the parser\'s own field declarations (npm run schema)', () => {
    assert.strictEqual(fs.readFileSync(path.join(ROOT, 'media', 'sar-spec.schema.json'), 'utf8'), specJsonSchemaText(), 'media/sar-spec.schema.json is stale: run `npm run schema`');
  });

  test('every example and fixture spec the parser accepts is valid by the schema', () => {
    let n = 0;
    for (const file of specFiles()) {
      const text = fs.readFileSync(file, 'utf8');
      if (!parseSpec(text, file).spec) continue;
      n++;
      assert.deepStrictEqual(validate(JSON.parse(text), schema), [], path.relative(ROOT, file));
    }
    assert.ok(n >= 2, `only ${n} valid specs found`);
  });

  const base = { data: 'd.csv', dependent: 'y', independent: ['x'], weights: { type: 'knn', k: 6, coordinates: ['lon', 'lat'] } };
  const bad: [string, unknown][] = [
    ['a misspelled top-level field', { ...base, indepedent: ['x'] }],
    ['an unknown model', { ...base, model: 'sar' }],
    ['k = 0', { ...base, weights: { type: 'knn', k: 0, coordinates: ['lon', 'lat'] } }],
    ['one coordinate', { ...base, weights: { type: 'knn', k: 6, coordinates: ['lon'] } }],
    ['a GAL parameter on kNN weights', { ...base, weights: { type: 'knn', k: 6, coordinates: ['lon', 'lat'], path: 'w.gal' } }],
    ['GAL weights without a path', { ...base, weights: { type: 'gal' } }],
    ['a negative distance threshold', { ...base, weights: { type: 'distance', threshold: -1, coordinates: ['lon', 'lat'] } }],
    ['a repeated regressor', { ...base, independent: ['x', 'x'] }],
    ['no weights', { data: 'd.csv', dependent: 'y', independent: ['x'] }],
  ];
  for (const [what, spec] of bad) {
    test(`rejects ${what} (and so does the parser)`, () => {
      assert.notDeepStrictEqual(validate(spec, schema), [], what);
      assert.strictEqual(parseSpec(JSON.stringify(spec), 's.sar.json').spec, undefined, `the parser accepts ${what}`);
    });
  }

  test('an id column is allowed with every weights type (it labels the observations)', () => {
    for (const w of [{ type: 'knn', k: 4, coordinates: ['lon', 'lat'] }, { type: 'distance', threshold: 2, coordinates: ['lon', 'lat'] }, { type: 'gal', path: 'w.gal' }, { type: 'contiguity', geometry: 'm.geojson' }]) {
      assert.deepStrictEqual(validate({ ...base, weights: { ...w, idColumn: 'city' } }, schema), [], w.type);
    }
  });

  test("its enums are the parser's (and the form's)", () => {
    const p = schema.properties as Record<string, Record<string, unknown>>;
    assert.deepStrictEqual(p.model.enum, [...MODEL_TYPES]);
    assert.deepStrictEqual(p.logdet.enum, [...LOGDET_METHODS]);
    assert.deepStrictEqual(p.se.enum, [...SE_METHODS]);
    const w = p.weights.properties as Record<string, Record<string, unknown>>;
    assert.deepStrictEqual(w.type.enum, [...WEIGHT_TYPES]);
    assert.deepStrictEqual(w.style.enum, [...WEIGHT_STYLES]);
    for (const m of MODEL_TYPES) assert.ok(parseSpec(JSON.stringify({ ...base, model: m }), 's').spec, m);
  });
});
