/**
 * A JSON scanner that never recurses: RFC 8259 syntax with the offset of the first fault, the
 * nesting depth against a limit, and the place of the value at a path. `JSON.parse` reads the
 * value; this scanner answers the questions JSON.parse cannot — where it failed, how deep the
 * text nests, where `features[12].geometry` is written — with an explicit stack, so that
 * 100,000 nested or unclosed `[` cost a loop, not the call stack (jsonc-parser, used for the
 * spec, recurses once per level).
 */

export type JsonPath = readonly (string | number)[];

export interface JsonFault {
  /** Where the fault is (offset and length in characters). */
  offset: number;
  length: number;
  message: string;
  /** 'json-syntax' for invalid JSON, 'json-depth' for nesting beyond the limit. */
  code: 'json-syntax' | 'json-depth';
}

export interface JsonScanOptions {
  /** Deepest nesting allowed (the top-level value is at depth 1 when it is an array or object). */
  maxDepth?: number;
  /** Find the value at this path (or its deepest existing ancestor). */
  path?: JsonPath;
}

export interface JsonScan {
  fault?: JsonFault;
  /**
   * The value at `path`, or its deepest ancestor that exists (`depth` path segments matched):
   * offset and length of its text.
   */
  found?: { offset: number; length: number; depth: number };
}

interface Frame {
  array: boolean;
  /** Offset of the bracket. */
  start: number;
  /** Current element index (arrays) or key (objects). */
  index: number;
  key?: string;
  /** This container is the value at path[0 .. depth − 1] (its stack position = its depth). */
  onPath: boolean;
}

const enum Expect {
  Value,
  /** After `[`: a value or `]`. */
  ValueOrClose,
  /** After `{`: a key or `}`. */
  KeyOrClose,
  Key,
  Colon,
  /** After a value inside a container: `,` or the closing bracket. */
  CommaOrClose,
  End,
}

function isWs(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

/** Scans `text` (no BOM) once, iteratively. */
export function scanJson(text: string, opts: JsonScanOptions = {}): JsonScan {
  const maxDepth = opts.maxDepth ?? Infinity;
  const target = opts.path;
  const len = text.length;
  const stack: Frame[] = [];
  let expect: Expect = Expect.Value;
  let found: JsonScan['found'];
  /** The value being scanned is on the path (its container is, and its key/index matches). */
  const valueOnPath = (): boolean => {
    if (!target) return false;
    const d = stack.length;
    if (d === 0) return true; // the root is the path's first step
    const top = stack[d - 1];
    if (!top.onPath || d > target.length) return false;
    const want = target[d - 1];
    return top.array ? want === top.index : want === top.key;
  };
  /** A value on the path ended; true when it is the value at the path itself (the scan can stop). */
  const note = (offset: number, end: number): boolean => {
    const depth = stack.length; // path segments of a value = the containers around it
    if (!found || depth >= found.depth) found = { offset, length: end - offset, depth };
    return depth === target!.length;
  };
  const fault = (offset: number, length: number, message: string, code: JsonFault['code'] = 'json-syntax'): JsonScan => {
    return { fault: { offset, length, message, code }, found };
  };

  let p = 0;
  while (true) {
    while (p < len && isWs(text.charCodeAt(p))) p++;
    if (p >= len) {
      if (expect === Expect.End) return { found };
      const open = stack[stack.length - 1];
      if (open) return fault(open.start, 1, `the ${open.array ? '[' : '{'} here is never closed (the text ends first)`);
      return fault(len, 0, len === 0 ? 'empty text: expected a JSON value' : 'the text ends where a value was expected');
    }
    const c = text.charCodeAt(p);
    switch (expect) {
      case Expect.End:
        return fault(p, 1, 'unexpected text after the JSON value');
      case Expect.Colon:
        if (c !== 58 /* : */) return fault(p, 1, 'expected ":" after the key');
        p++;
        expect = Expect.Value;
        continue;
      case Expect.CommaOrClose: {
        const top = stack[stack.length - 1];
        if (c === 44 /* , */) {
          p++;
          if (top.array) {
            top.index++;
            expect = Expect.Value;
          } else expect = Expect.Key;
          continue;
        }
        if (c === (top.array ? 93 : 125)) {
          p++;
          stack.pop();
          if (top.onPath && note(top.start, p)) return { found };
          expect = stack.length ? Expect.CommaOrClose : Expect.End; // what follows a complete value
          continue;
        }
        return fault(p, 1, top.array ? 'expected "," or "]"' : 'expected "," or "}"');
      }
      case Expect.KeyOrClose:
      case Expect.Key: {
        if (c === 125 /* } */ && expect === Expect.KeyOrClose) {
          p++;
          const top = stack.pop()!;
          if (top.onPath && note(top.start, p)) return { found };
          expect = stack.length ? Expect.CommaOrClose : Expect.End; // what follows a complete value
          continue;
        }
        if (c !== 34) return fault(p, 1, expect === Expect.Key && c === 125 ? 'trailing comma before "}"' : 'expected a key (a string in double quotes)');
        const end = stringEnd(text, p);
        if (end < 0) return fault(p, 1, 'string is never closed');
        if (end > len) return fault(end - len - 1, 1, 'invalid character or escape in a string');
        const raw = text.slice(p + 1, end - 1);
        stack[stack.length - 1].key = raw.indexOf('\\') >= 0 ? (JSON.parse(text.slice(p, end)) as string) : raw;
        p = end;
        expect = Expect.Colon;
        continue;
      }
      case Expect.Value:
      case Expect.ValueOrClose: {
        if (c === 93 /* ] */ && expect === Expect.ValueOrClose) {
          p++;
          const top = stack.pop()!;
          if (top.onPath && note(top.start, p)) return { found };
          expect = stack.length ? Expect.CommaOrClose : Expect.End; // what follows a complete value
          continue;
        }
        const onPath = valueOnPath();
        if (c === 91 /* [ */ || c === 123 /* { */) {
          if (stack.length + 1 > maxDepth) {
            return fault(p, 1, `arrays and objects nest deeper than ${maxDepth} levels here`, 'json-depth');
          }
          stack.push({ array: c === 91, start: p, index: 0, onPath });
          p++;
          expect = c === 91 ? Expect.ValueOrClose : Expect.KeyOrClose;
          continue;
        }
        let end: number;
        if (c === 34) {
          end = stringEnd(text, p);
          if (end < 0) return fault(p, 1, 'string is never closed');
          if (end > len) return fault(end - len - 1, 1, 'invalid character or escape in a string');
        } else if (c === 45 || (c >= 48 && c <= 57)) {
          end = numberEnd(text, p);
          if (end < 0) return fault(p, -end - p, 'invalid number');
        } else if (text.startsWith('true', p)) end = p + 4;
        else if (text.startsWith('false', p)) end = p + 5;
        else if (text.startsWith('null', p)) end = p + 4;
        else if (c === 93 || c === 125) return fault(p, 1, expect === Expect.Value && stack.length ? 'trailing comma before the closing bracket' : 'expected a value');
        else return fault(p, 1, 'expected a value (object, array, string, number, true, false or null)');
        if (onPath && note(p, end)) return { found };
        p = end;
        expect = stack.length ? Expect.CommaOrClose : Expect.End; // what follows a complete value
        continue;
      }
    }
  }
}

/**
 * End (exclusive) of the string starting at the quote at `p`; -1 when it never closes;
 * len + 1 + offset of the bad character for a control character or a bad escape.
 */
function stringEnd(text: string, p: number): number {
  const len = text.length;
  let q = p + 1;
  while (q < len) {
    const c = text.charCodeAt(q);
    if (c === 34) return q + 1;
    if (c < 32) return len + 1 + q;
    if (c === 92) {
      const e = text.charCodeAt(q + 1);
      if (e === 117 /* u */) {
        if (!/^[0-9a-fA-F]{4}$/.test(text.slice(q + 2, q + 6))) return len + 1 + q;
        q += 6;
        continue;
      }
      // " \ / b f n r t
      if (e === 34 || e === 92 || e === 47 || e === 98 || e === 102 || e === 110 || e === 114 || e === 116) {
        q += 2;
        continue;
      }
      return q + 1 >= len ? -1 : len + 1 + q;
    }
    q++;
  }
  return -1;
}

/** End (exclusive) of the number at `p`, or −(end of the bad token) when it is not valid JSON. */
function numberEnd(text: string, p: number): number {
  const len = text.length;
  const digit = (i: number) => {
    const c = text.charCodeAt(i);
    return c >= 48 && c <= 57;
  };
  let q = p;
  let ok = true;
  if (text.charCodeAt(q) === 45) q++;
  if (text.charCodeAt(q) === 48) q++;
  else if (digit(q)) while (q < len && digit(q)) q++;
  else ok = false;
  if (ok && text.charCodeAt(q) === 46) {
    q++;
    if (!digit(q)) ok = false;
    while (q < len && digit(q)) q++;
  }
  if (ok && (text.charCodeAt(q) === 101 || text.charCodeAt(q) === 69)) {
    q++;
    if (text.charCodeAt(q) === 43 || text.charCodeAt(q) === 45) q++;
    if (!digit(q)) ok = false;
    while (q < len && digit(q)) q++;
  }
  if (ok && q < len && /[0-9A-Za-z.+\-_]/.test(text[q])) ok = false; // e.g. 01, 1.2.3, 1e5x
  if (ok) return q;
  while (q < len && /[0-9A-Za-z.+\-_]/.test(text[q])) q++;
  return -Math.max(q, p + 1);
}
