/**
 * The text of a decimal number, shared by the readers (CSV cells, GAL ids, GWT weights) and the
 * CSV export (which must tell a number from text to guard against formula injection). A module of
 * its own so that the results webview, which bundles the export, does not pull in the CSV parser.
 */

/**
 * A decimal number: optional sign, digits with optional '.', optional exponent. The digits
 * before and after the point are separate groups (not `\d+\.?\d*`, which can split a run of
 * digits in n ways): a megabyte of digits followed by a letter fails in linear time, not
 * quadratic backtracking.
 */
export const DECIMAL_RE = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
