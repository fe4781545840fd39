/**
 * Which columns of the data a spec uses, and how. Pure (no `vscode`, no Node built-ins): the host
 * uses it to check the model columns' cells, and the editor webview bundles it to badge the grid's
 * headers. A model term may be a transform of its column (`log(HOVAL)` reads HOVAL; spec/terms).
 */
import { parseTerm, type Transform } from './terms';

/** What a CSV column does in the model. `coordX`/`coordY` are `weights.coordinates[0|1]` (kNN and distance weights). */
export type ColumnRole = 'dependent' | 'regressor' | 'coordX' | 'coordY' | 'id' | 'none';

/** The parts of a spec that give columns roles (the spec editor's form state has this shape). */
export interface RoleSource {
  dependent?: string;
  independent: readonly string[];
  weights: { type?: string; idColumn?: string; coordinates: readonly [string | undefined, string | undefined] };
  geometryIdColumn?: string;
}

/** The column a spec entry reads (`log(HOVAL)` → HOVAL; a column literally named so wins). */
export function termColumnName(text: string, columns?: readonly string[]): string {
  return parseTerm(text, columns).column;
}

/** The regressor entries of the spec that read `column` (e.g. both "HOVAL" and "HOVAL^2"). */
export function regressorTerms(form: RoleSource, column: string, columns?: readonly string[]): string[] {
  return form.independent.filter((t) => termColumnName(t, columns) === column);
}

/** The roles a column has in a spec (several at once, e.g. a coordinate that is also a regressor). */
export function columnRoles(form: RoleSource, column: string, columns?: readonly string[]): ColumnRole[] {
  const roles: ColumnRole[] = [];
  if (form.dependent !== undefined && termColumnName(form.dependent, columns) === column) roles.push('dependent');
  if (regressorTerms(form, column, columns).length) roles.push('regressor');
  const t = form.weights.type;
  if (t === 'knn' || t === 'distance') {
    if (form.weights.coordinates[0] === column) roles.push('coordX');
    if (form.weights.coordinates[1] === column) roles.push('coordY');
  }
  // weights.idColumn joins GAL/GWT files and geometries, and labels the observations for any weights.
  if (form.weights.idColumn === column || form.geometryIdColumn === column) roles.push('id');
  return roles;
}

/** The columns a fit reads as numbers: y, the regressors' columns and (kNN, distance weights) the coordinates. */
export function modelColumns(form: RoleSource, columns?: readonly string[]): string[] {
  const out: string[] = [];
  const add = (c: string | undefined) => {
    if (c && !out.includes(c)) out.push(c);
  };
  if (form.dependent !== undefined) add(termColumnName(form.dependent, columns));
  for (const t of form.independent) add(termColumnName(t, columns));
  if (form.weights.type === 'knn' || form.weights.type === 'distance') form.weights.coordinates.forEach(add);
  return out;
}

/** The transforms a model term can apply to its column; 'none' is the column itself. */
export const TERM_TRANSFORMS = ['none', 'log', 'sqrt', 'square', 'scale'] as const satisfies readonly ('none' | Transform)[];
export type TermTransform = (typeof TERM_TRANSFORMS)[number];

/** A column name as a term's argument: backquoted (R's way) unless R could write it bare. */
function termArgument(column: string): string {
  return /^[A-Za-z.][A-Za-z0-9._]*$/.test(column) ? column : `\`${column.replace(/`/g, '\\`')}\``;
}

/** The spec entry for `column` under `transform`, as R formulas write it (`x^2` is R's `I(x^2)`). */
export function termText(column: string, transform: TermTransform): string {
  const a = termArgument(column);
  switch (transform) {
    case 'none':
      return column;
    case 'square':
      return `${a}^2`;
    default:
      return `${transform}(${a})`;
  }
}
