/**
 * Bounds the readers and weights builders put on their input, so that every loop over input has a
 * known end (the spec's own bounds, MAX_DRAWS and MAX_JSON_DEPTH, live with the spec).
 */

/** At most this many problems of one kind are listed; one more says how many were left out. */
export const MAX_PROBLEMS = 20;

/**
 * Most links (non-zero weights) a weights matrix may have: 2^26 ≈ 67 million — n = 10⁷ with
 * k = 6 neighbours each (measured: that fit, CSV to result, peaks at 8.4 GB with the matrix, its copies and
 * transposes), or n = 10⁶ with k = 67.
 */
export const MAX_LINKS = 2 ** 26;
