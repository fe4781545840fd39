/**
 * The last line of defence of "every problem names its file and place".
 */
import { type Problem, type Range } from '../problems';
import type { ParsedSpec } from '../spec/parse';
import { capEachKind } from '../io/problemList';

/**
 * The spec field a problem of a stage that knows no spec belongs to, by problem code (its range
 * in the editor, and its place in `FILE:LINE:COL`); other codes belong to "model".
 */
const PLACE: Record<string, string> = {
  islands: 'weights',
  disconnected: 'weights',
  'weights-sum': 'weights.style',
  'weights-overflow': 'weights.style',
  collinearity: 'independent',
  'approximate-traces': 'se',
  'asymptotic-failed': 'se',
  'logdet-too-large': 'logdet',
  'spatial-interval': 'weights',
  'perfect-fit': 'dependent',
  'covariance-undefined': 'se',
  'maximiser-cap': 'model',
  'not-representable': 'dependent',
};

/**
 * The last line of defence of "every problem names its file and place": a problem a stage made
 * without a file gets the spec file and the range of the spec field it comes from (`PLACE`, by
 * problem code; the model otherwise), one without a range line 1; and no kind floods the list.
 */
export function placeProblems(problems: readonly Problem[], specPath: string, parsed: ParsedSpec | undefined): Problem[] {
  const fieldRange = (field: string): Range => {
    // The field, or the nearest enclosing field that is written (e.g. "weights" for "weights.style").
    for (let f = field; parsed; f = f.includes('.') ? f.slice(0, f.lastIndexOf('.')) : '') {
      const r = parsed.locate(f);
      if (r) return r;
      if (f === '') break;
    }
    return { line: 1, column: 1 };
  };
  return capEachKind(problems.map((p) => {
    if (!p.file) return { ...p, file: specPath, range: p.range ?? fieldRange(PLACE[p.code ?? ''] ?? 'model') };
    return p.range ? p : { ...p, range: { line: 1, column: 1 } };
  }));
}
