/**
 * The bounds the engine puts on its input, in one place, so that the spec, the command line and
 * the readers state the same limits (and every loop over input has a known end).
 */

/** Most simulation draws for the impacts (`impacts.draws`, `--draws`): ~1 minute at n = 10⁵. */
export const MAX_DRAWS = 100_000;

/**
 * Deepest nesting of arrays and objects accepted in a JSON file the engine reads. GeoJSON needs 8
 * (a MultiPolygon's positions); the limit keeps every consumer of the parsed value (including
 * recursive ones such as `JSON.stringify` or a structured clone) far from the stack's end.
 */
export const MAX_JSON_DEPTH = 64;

/** At most this many problems of one kind are listed; one more says how many were left out. */
export const MAX_PROBLEMS = 20;

/**
 * Most links (non-zero weights) a weights matrix may have: 2^25 ≈ 33.5 million, about 2 GB for
 * the matrix, its copies and transposes during a fit (n = 10⁶ with k = 33 neighbours each).
 */
export const MAX_LINKS = 2 ** 25;
