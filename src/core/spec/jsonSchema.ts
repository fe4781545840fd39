/**
 * `media/sar-spec.schema.json` (the text editor's completion and validation for *.sar.json) made
 * from the spec's declared fields (schema.ts), so the two cannot drift: `npm run schema` writes it,
 * and a unit test checks that the committed file is what this produces. JSON Schema draft-07 with
 * VS Code's `enumDescriptions` and `defaultSnippets`.
 */
import { SPEC_SCHEMA, type FieldSchema, type TaggedSchema } from './schema';

type Json = Record<string, unknown>;

function field(f: FieldSchema): Json {
  const doc = f.description ? { description: f.description } : {};
  switch (f.kind) {
    case 'string':
      return { type: 'string', ...(f.role ? { minLength: 1 } : {}), ...doc };
    case 'boolean':
      return { type: 'boolean', default: f.default, ...doc };
    case 'number':
      return {
        type: f.integer ? 'integer' : 'number',
        ...(f.min !== undefined ? { minimum: f.min } : {}), ...(f.max !== undefined ? { maximum: f.max } : {}),
        ...(f.exclusiveMin !== undefined ? { exclusiveMinimum: f.exclusiveMin } : {}), ...(f.default !== undefined ? { default: f.default } : {}), ...doc,
      };
    case 'enum':
      return { enum: [...f.values], ...(f.descriptions ? { enumDescriptions: [...f.descriptions] } : {}), ...(f.default !== undefined ? { default: f.default } : {}), ...doc };
    case 'array':
      return {
        type: 'array', items: field(f.items), ...(f.minItems !== undefined ? { minItems: f.minItems } : {}), ...(f.maxItems !== undefined ? { maxItems: f.maxItems } : {}),
        ...(f.items.kind === 'string' && f.items.role ? { uniqueItems: true } : {}), ...doc,
        ...(f.minItems === 2 && f.maxItems === 2 ? { defaultSnippets: [{ body: ['${1:x}', '${2:y}'] }] } : {}),
      };
    case 'object':
      return {
        type: 'object', ...(f.required?.length ? { required: [...f.required] } : {}), additionalProperties: false,
        properties: Object.fromEntries(Object.entries(f.properties).map(([k, v]) => [k, field(v)])), ...doc,
      };
    case 'tagged':
      return tagged(f);
    case 'either':
      return { oneOf: f.options.map(field), ...doc };
  }
}

/** The weights: `type` picks the variant; each variant allows exactly its fields and the common ones. */
function tagged(f: TaggedSchema): Json {
  const types = Object.keys(f.variants);
  const allowed = (props: Readonly<Record<string, FieldSchema>>) => Object.fromEntries(['type', ...Object.keys(f.common), ...Object.keys(props)].map((k) => [k, props[k] ? field(props[k]) : true]));
  return {
    type: 'object',
    ...(f.description ? { description: f.description } : {}),
    required: ['type'],
    properties: {
      type: { enum: types, enumDescriptions: types.map((t) => f.variants[t].description) },
      ...Object.fromEntries(Object.entries(f.common).map(([k, v]) => [k, field(v)])),
    },
    allOf: types.map((t) => ({
      if: { properties: { type: { const: t } }, required: ['type'] },
      then: { required: [...f.variants[t].required], properties: allowed(f.variants[t].properties), additionalProperties: false },
    })),
    defaultSnippets: [
      { label: 'k nearest neighbours', body: { type: 'knn', k: 6, coordinates: ['${1:x}', '${2:y}'] } },
      { label: 'GAL file', body: { type: 'gal', path: '${1:weights.gal}' } },
      { label: 'contiguity', body: { type: 'contiguity', geometry: '${1:map.geojson}', criterion: 'queen' } },
    ],
  };
}

export function specJsonSchema(): Json {
  const root = field(SPEC_SCHEMA);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://sar-studio.invalid/sar-spec.schema.json',
    title: 'SAR Studio model spec (*.sar.json)',
    ...root,
    defaultSnippets: [
      {
        label: 'New SAR model',
        body: { data: '${1:data.csv}', dependent: '${2:y}', independent: ['${3:x1}'], weights: { type: 'knn', k: 6, coordinates: ['${4:x}', '${5:y}'] }, model: 'lag' },
      },
    ],
  };
}

/** The file's text: two-space JSON with a final newline. */
export function specJsonSchemaText(): string {
  return JSON.stringify(specJsonSchema(), null, 2) + '\n';
}
