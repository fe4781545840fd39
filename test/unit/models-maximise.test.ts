/**
 * The maximiser of the concentrated log-likelihood: Brent's method as R's optimize(), bounded
 * on every input, then Newton steps on the analytic gradient to the maximum's last digits.
 */
import * as assert from 'assert';
import { maximize, MAX_EVALUATIONS } from '../../src/core/models/brent';
import { maximiseProfile } from '../../src/core/models/maximise';
import { ProblemError } from '../../src/core/problems';

suite('models: maximising the concentrated log-likelihood', () => {
  // ℓ(x) = ln(1 − x²) + 3x has its maximum where −2x/(1 − x²) + 3 = 0: x = (−1 + √10)/3.
  const value = (x: number) => Math.log(1 - x * x) + 3 * x;
  const gradient = (x: number) => (-2 * x) / (1 - x * x) + 3;
  const best = (Math.sqrt(10) - 1) / 3;

  test('Brent alone stops within its tolerance (~1e-8), as R\'s optimize()', () => {
    const m = maximize(value, -0.99, 0.99);
    assert.ok(m.converged);
    assert.ok(Math.abs(m.x - best) < 1e-7 && Math.abs(m.x - best) > 1e-13, `${m.x - best}`);
  });

  test('Newton steps on the gradient put the estimate at the maximum to rounding level', () => {
    const m = maximiseProfile({ value, gradient }, -0.99, 0.99);
    assert.strictEqual(m.atBound, false);
    assert.ok(Math.abs(m.x - best) <= 4 * Number.EPSILON, `${m.x - best}`);
    assert.ok(Math.abs(m.gradient!) < 1e-13, `gradient ${m.gradient}`);
  });

  test('a likelihood rising towards a bound is flagged there (Brent\'s bracket never left it), unpolished', () => {
    // ℓ → ∞ at −48, as for the complete graph: Brent stops short of the bound, but its bracket ends there.
    const rising = (x: number) => -Math.log(x + 48);
    const m = maximiseProfile({ value: rising, gradient: (x) => -1 / (x + 48) }, -48, 1);
    assert.ok(m.atBound);
    assert.strictEqual(m.bracket[0], -48);
    assert.strictEqual(m.gradient, undefined);
    const increasing = maximiseProfile({ value: (x) => x, gradient: () => 1 }, 0, 1);
    assert.ok(increasing.atBound && increasing.x > 1 - 1e-7);
  });

  test('a non-finite or empty interval is refused with a problem, not a loop', () => {
    for (const [a, b] of [[-Infinity, 1], [0, NaN], [-1.7e308, 1.7e308], [1, 1], [2, 1]]) {
      assert.throws(() => maximize(value, a, b), (e: unknown) => e instanceof ProblemError && e.problems[0].code === 'spatial-interval', `[${a}, ${b}]`);
    }
  });

  test('a function that is nowhere finite still ends, within the evaluation cap', () => {
    const m = maximize(() => NaN, -1, 1);
    assert.ok(m.evaluations <= MAX_EVALUATIONS);
    assert.ok(m.x >= -1 && m.x <= 1);
  });
});
