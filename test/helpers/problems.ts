/** Problems as the tests read them. */
import * as assert from 'assert';
import { formatProblem, ProblemError } from '../../src/core/problems';

/** The formatted problems of a ProblemError thrown by fn (fails if nothing is thrown). */
export function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ProblemError) return e.problems.map(formatProblem);
    throw e;
  }
  assert.fail('expected a ProblemError');
}
