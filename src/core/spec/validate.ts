/**
 * Checks a JSON tree against a `FieldSchema` (spec/schema.ts) and returns its plain value, with
 * every problem at the range of the offending token: wrong types, values out of range, unknown
 * keys at any level (with the nearest allowed key), missing required fields, fields of another
 * weights type. Recursion follows the schema, never the input: a value nested deeper than its
 * schema is a type error at that value, so hostile depth cannot reach this code (and
 * `parseJsonDocument` has already refused anything deeper than MAX_JSON_DEPTH).
 */
import type { Node } from 'jsonc-parser';
import { error, nearestName, type Problem, type Range } from '../problems';
import type { FieldSchema, TaggedSchema } from './schema';

export interface ValidationContext {
  file: string;
  rangeOf(offset: number, length: number): Range;
  problems: Problem[];
}

/** Marks a value that failed its check (its problem is already reported). */
export const INVALID = Symbol('invalid');

/** 'weights.coordinates.0' → 'weights.coordinates[0]' (how messages name a field). */
export function displayPath(path: string): string {
  return path.replace(/\.(\d+)(?=\.|$)/g, '[$1]');
}

export function checkValue(node: Node, schema: FieldSchema, path: string, ctx: ValidationContext): unknown {
  const fail = (message: string, code = 'spec-invalid', suggestion?: string, at: Node = node): typeof INVALID => {
    ctx.problems.push(error(message, ctx.file, ctx.rangeOf(at.offset, at.length), code, suggestion));
    return INVALID;
  };
  const name = `"${displayPath(path)}"`;
  switch (schema.kind) {
    case 'string': {
      const nonEmpty = schema.role !== undefined;
      if (node.type !== 'string' || (nonEmpty && String(node.value).trim() === '')) return fail(`${name} must be a ${nonEmpty ? 'non-empty ' : ''}string`);
      return node.value as string;
    }
    case 'boolean':
      return node.type === 'boolean' ? (node.value as boolean) : fail(`${name} must be true or false`);
    case 'number': {
      const v = node.value;
      const ok = node.type === 'number' && Number.isFinite(v) && (!schema.integer || Number.isInteger(v)) &&
        (schema.min === undefined || v >= schema.min) && (schema.max === undefined || v <= schema.max) &&
        (schema.exclusiveMin === undefined || v > schema.exclusiveMin);
      return ok ? (v as number) : fail(`${name} must be ${schema.what}`);
    }
    case 'enum': {
      if ((node.type === 'string' || node.type === 'number') && schema.values.includes(node.value)) return node.value as string | number;
      const strings = schema.values.filter((v): v is string => typeof v === 'string');
      const near = node.type === 'string' ? nearestName(String(node.value), strings) : undefined;
      const list = schema.values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v))).join(', ');
      return fail(`${name} must be one of ${list}${near ? `; did you mean "${near}"?` : ''}`, 'spec-enum', near);
    }
    case 'array': {
      if (node.type !== 'array') return fail(`${name} must be ${schema.what}`);
      const items = node.children ?? [];
      if ((schema.minItems !== undefined && items.length < schema.minItems) || (schema.maxItems !== undefined && items.length > schema.maxItems)) {
        return fail(`${name} must be ${schema.what}`);
      }
      const out = items.map((c, i) => checkValue(c, schema.items, `${path}.${i}`, ctx));
      return out.includes(INVALID) ? INVALID : out;
    }
    case 'object': {
      if (node.type !== 'object') return fail(`${name} must be an object`);
      return checkProperties(node, schema.properties, schema.required ?? [], path, ctx, () => undefined);
    }
    case 'tagged':
      return checkTagged(node, schema, path, ctx, fail);
    case 'either': {
      const jsonType = node.type;
      const fits = schema.options.filter((o) => optionType(o) === jsonType);
      if (fits.length !== 1) return fail(`${name} must be ${schema.what}`);
      const option = fits[0];
      if (option.kind === 'enum') {
        if (option.values.includes(node.value)) return node.value as string;
        const near = nearestName(String(node.value), option.values.filter((v): v is string => typeof v === 'string'));
        return fail(`${name} must be ${schema.what}${near ? `; did you mean "${near}"?` : ''}`, 'spec-enum', near);
      }
      return checkValue(node, option, path, ctx);
    }
  }
}

/** The JSON node type a schema option accepts. */
function optionType(s: FieldSchema): string {
  switch (s.kind) {
    case 'string': return 'string';
    case 'boolean': return 'boolean';
    case 'number': return 'number';
    case 'enum': return typeof s.values[0] === 'number' ? 'number' : 'string';
    case 'array': return 'array';
    default: return 'object';
  }
}

/**
 * The members of an object node, each checked against its field; unknown keys are errors at the
 * key with the nearest allowed one (`misplaced` explains a key that belongs elsewhere).
 */
function checkProperties(node: Node, props: Readonly<Record<string, FieldSchema>>, required: readonly string[], path: string, ctx: ValidationContext,
  misplaced: (key: string) => string | undefined): Record<string, unknown> | typeof INVALID {
  const out: Record<string, unknown> = {};
  let ok = true;
  const allowed = Object.keys(props);
  const prefix = path ? `${displayPath(path)}.` : '';
  for (const prop of node.children ?? []) {
    const [keyNode, valueNode] = prop.children ?? [];
    if (!keyNode) continue;
    const key = keyNode.value as string;
    if (key in out) continue; // a duplicate key: already an error (spec/json)
    const field = Object.prototype.hasOwnProperty.call(props, key) ? props[key] : undefined;
    if (!field) {
      const elsewhere = misplaced(key);
      const near = elsewhere ? undefined : nearestName(key, allowed);
      ctx.problems.push(error(elsewhere ?? `unknown field "${prefix}${key}"${near ? `; did you mean "${prefix}${near}"?` : ''}`,
        ctx.file, ctx.rangeOf(keyNode.offset, keyNode.length), 'spec-unknown-field', near));
      ok = false;
      continue;
    }
    if (!valueNode) continue; // a syntax error, reported by the parser
    const v = checkValue(valueNode, field, path ? `${path}.${key}` : key, ctx);
    if (v === INVALID) ok = false;
    else out[key] = v;
  }
  for (const r of required) {
    if (!(r in out) && !(node.children ?? []).some((p) => p.children?.[0]?.value === r)) {
      ctx.problems.push(error(`missing field "${prefix}${r}"${describe(props[r])}`, ctx.file, ctx.rangeOf(node.offset, node.length), 'spec-missing'));
      ok = false;
    }
  }
  return ok ? out : INVALID;
}

function describe(f: FieldSchema | undefined): string {
  if (!f) return '';
  if (f.kind === 'number' || f.kind === 'array' || f.kind === 'either') return ` (${f.what})`;
  if (f.kind === 'string' && f.role === 'path') return ' (a file path)';
  if (f.kind === 'string' && f.role) return ' (a column name)';
  return '';
}

function checkTagged(node: Node, schema: TaggedSchema, path: string, ctx: ValidationContext, fail: (m: string, code?: string, s?: string, at?: Node) => typeof INVALID): unknown {
  const types = Object.keys(schema.variants);
  const list = types.map((t) => `"${t}"`).join(', ');
  if (node.type !== 'object') return fail(`"${path}" must be an object with a "type" (one of ${list})`);
  const typeProp = node.children?.find((p) => p.children?.[0]?.value === 'type');
  const typeNode = typeProp?.children?.[1];
  if (!typeNode) return fail(`missing field "${path}.type": one of ${list}`, 'spec-missing');
  const type = typeNode.value;
  if (typeNode.type !== 'string' || !types.includes(type)) {
    const near = typeNode.type === 'string' ? nearestName(String(type), types) : undefined;
    return fail(`"${path}.type" must be one of ${list}${near ? `; did you mean "${near}"?` : ''}`, 'spec-enum', near, typeNode);
  }
  const variant = schema.variants[type];
  const props = { type: { kind: 'enum', values: types } as FieldSchema, ...schema.common, ...variant.properties };
  const misplaced = (key: string) => {
    const owners = types.filter((t) => t !== type && key in schema.variants[t].properties);
    return owners.length ? `"${path}.${key}" is not a parameter of "${type}" weights (it belongs to ${owners.map((t) => `"${t}"`).join(', ')})` : undefined;
  };
  return checkProperties(node, props, variant.required, path, ctx, misplaced);
}
