/**
 * JSON(C) text → a syntax tree with exact positions, safe on hostile input:
 * - nesting is checked by an iterative scan before any recursive parser runs, and refused beyond
 *   `MAX_JSON_DEPTH` with the position where it happens (a spec needs 3 levels; 100,000 nested
 *   `[` would overflow the stack of a recursive descent parser);
 * - a duplicate key is an error at the second occurrence (JSON parsers silently keep one);
 * - lines end at LF, CRLF or a lone CR, as the editor counts them;
 * - a flood of syntax errors is reported as its first few and a count.
 */
import { parse, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import { error, type Problem, type Range } from '../problems';
import { ProblemList } from '../io/problemList';

/** Deepest nesting of objects and arrays accepted (a spec uses 3). */
export const MAX_JSON_DEPTH = 64;

export interface JsonDocument {
  root?: Node;
  problems: Problem[];
  /** Range of `length` characters at `offset` (1-based lines and columns). */
  rangeOf(offset: number, length: number): Range;
}

/** Maps character offsets to 1-based line/column; a line ends at \n, \r\n or a lone \r. */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
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

/**
 * Offset of the first bracket that opens level `MAX_JSON_DEPTH + 1`, or −1. One pass, no
 * recursion; strings (with escapes) and comments are skipped so brackets inside them do not count.
 */
export function excessDepthOffset(text: string, maxDepth = MAX_JSON_DEPTH): number {
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */) {
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 92 /* \ */) i++;
        else if (d === 34 || d === 10 || d === 13) break; // an unterminated string ends at the line
      }
    } else if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) {
      while (i < n && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    } else if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 1;
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > maxDepth) return i;
    } else if (c === 93 || c === 125) {
      if (depth > 0) depth--;
    }
  }
  return -1;
}

/** Whether jsonc-parser may read `text`: it recurses once per level, so only within MAX_JSON_DEPTH. */
export function withinJsonDepth(text: string): boolean {
  return excessDepthOffset(text) < 0;
}

/**
 * jsonc-parser's tolerant `parse` (half-typed text gives what it can; a BOM, comments and
 * trailing commas are fine), for the editor's quick reads of a spec that may not validate yet;
 * undefined for text nested deeper than MAX_JSON_DEPTH (the validation reports that).
 */
export function parseLooseJson(text: string): unknown {
  const t = text.replace(/^\uFEFF/, '');
  return withinJsonDepth(t) ? parse(t, [], { allowTrailingComma: true }) : undefined;
}

/** Parses JSON with comments and trailing commas (as VS Code's JSON editor accepts). */
export function parseJsonDocument(rawText: string, file: string, what = 'the file'): JsonDocument & { text: string } {
  const text = rawText.replace(/^\uFEFF/, '');
  const toPos = lineIndex(text);
  const rangeOf = (offset: number, length: number): Range => {
    const a = toPos(offset);
    const b = toPos(offset + Math.max(length, 1));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  };
  const tooDeep = excessDepthOffset(text);
  if (tooDeep >= 0) {
    return {
      text, rangeOf,
      problems: [error(`${what} nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels here; that is not supported`, file, rangeOf(tooDeep, 1), 'json-too-deep')],
    };
  }
  const parseErrors: ParseError[] = [];
  const root = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  // The first syntax errors in full, the rest counted (io/problemList, as every reader does).
  const syntax = new ProblemList();
  for (const e of parseErrors) {
    syntax.add('json-syntax', () => error(`invalid JSON: ${printParseErrorCode(e.error)}`, file, rangeOf(e.offset, e.length), 'json-syntax'), (n) => `${n} more JSON syntax errors`);
  }
  const problems = syntax.finish();
  if (!syntax.any && root) problems.push(...duplicateKeys(root, rangeOf, file));
  return { text, root: syntax.any ? undefined : root, problems, rangeOf };
}

/** Every key that repeats a key of the same object, as an error at the repeat. */
function duplicateKeys(root: Node, rangeOf: JsonDocument['rangeOf'], file: string): Problem[] {
  const out: Problem[] = [];
  const stack: Node[] = [root]; // depth is bounded by MAX_JSON_DEPTH; a stack keeps it iterative anyway
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === 'object') {
      const seen = new Map<string, Node>();
      for (const prop of node.children ?? []) {
        const key = prop.children?.[0];
        if (!key) continue;
        const first = seen.get(key.value as string);
        if (first) {
          const at = rangeOf(first.offset, first.length);
          out.push(error(`duplicate key "${key.value}" (first at line ${at.line}, column ${at.column}); remove one of them`, file, rangeOf(key.offset, key.length), 'json-duplicate-key'));
        } else seen.set(key.value as string, key);
        if (prop.children?.[1]) stack.push(prop.children[1]);
      }
    } else if (node.type === 'array') {
      for (const c of node.children ?? []) stack.push(c);
    }
  }
  return out.sort((a, b) => a.range!.line - b.range!.line || a.range!.column - b.range!.column);
}

/** The node at a path of keys and indexes (`findNodeAtLocation`, but the first of duplicate keys). */
export function nodeAtPath(root: Node | undefined, segments: readonly (string | number)[]): Node | undefined {
  let node = root;
  for (const seg of segments) {
    if (!node) return undefined;
    if (typeof seg === 'number') {
      node = node.type === 'array' ? node.children?.[seg] : undefined;
    } else if (node.type === 'object') {
      node = node.children?.find((p) => p.children?.[0]?.value === seg)?.children?.[1];
    } else return undefined;
  }
  return node;
}

/** Splits 'weights.coordinates[0]' or 'independent.1' into keys and indexes. */
export function pathSegments(path: string): (string | number)[] {
  if (path === '') return [];
  return path.replace(/\[(\d+)\]/g, '.$1').split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}
