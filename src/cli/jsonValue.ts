/**
 * Any engine report as plain JSON: typed arrays as arrays, non-finite numbers as null (undefined
 * statistics are null, never Infinity or a silently dropped NaN), Maps as objects. Iterative over
 * the value's depth is not needed: reports are a few levels deep by construction.
 */
export function jsonValue(v: unknown): unknown {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (v === null || typeof v !== 'object') return v;
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>, (x) => (Number.isFinite(x) ? x : null));
  if (Array.isArray(v)) return v.map(jsonValue);
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), jsonValue(x)]));
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).map(([k, x]) => [k, jsonValue(x)]));
}
