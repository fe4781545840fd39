/**
 * Which columns of the data a spec uses, and how. Pure (types only from the protocol, no `vscode`,
 * no Node built-ins): the host uses it to check the model columns' cells, and the editor webview
 * bundles it to badge the grid's headers.
 */
import type { ColumnRole, SpecFormState } from '../../protocol';

/** The roles a column has in a spec (several at once, e.g. a coordinate that is also a regressor). */
export function columnRoles(form: SpecFormState, column: string): ColumnRole[] {
  const roles: ColumnRole[] = [];
  if (form.dependent === column) roles.push('dependent');
  if (form.independent.includes(column)) roles.push('regressor');
  const t = form.weights.type;
  if (t === 'knn' || t === 'distance') {
    if (form.weights.coordinates[0] === column) roles.push('coordX');
    if (form.weights.coordinates[1] === column) roles.push('coordY');
  }
  // weights.idColumn joins GAL/GWT files and geometries, and labels the observations for any weights.
  if (form.weights.idColumn === column || form.geometryIdColumn === column) roles.push('id');
  return roles;
}

/** The columns a fit reads as numbers: y, the regressors and (kNN, distance weights) the coordinates. */
export function modelColumns(form: SpecFormState): string[] {
  const out: string[] = [];
  const add = (c: string | undefined) => {
    if (c && !out.includes(c)) out.push(c);
  };
  add(form.dependent);
  form.independent.forEach(add);
  if (form.weights.type === 'knn' || form.weights.type === 'distance') form.weights.coordinates.forEach(add);
  return out;
}
