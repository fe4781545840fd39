/**
 * Picks and prepares the log-determinant for a fit. `auto`:
 * - eigen for small n: exact, O(n) per ρ with exact derivatives, the interval spatialreg's
 *   default reports, and the eigenvalues give exact impacts and the asymptotic covariance —
 *   while its O(n³) setup stays well under 1 s (measured: the symmetric solver 1.0 s at
 *   n = 1000; the general one, for W without a symmetric similar matrix, 0.18 s at n = 300 and
 *   5 s at n = 1000);
 * - sparse (exact) for medium n: a Cholesky per ρ for symmetric-similar W, LU without pivoting
 *   otherwise, while a whole line search (~30 factorisations) stays near 2 s (measured on kNN-6
 *   graphs: 0.03 s per Cholesky at n = 20,000, 0.06 s per LU);
 * - beyond, the trace series with exact tr(W), tr(W²): Chebyshev for symmetric-similar W,
 *   the Taylor (Monte Carlo) series otherwise, whose convergence does not assume real λ.
 * An explicit method is honoured, except eigen beyond EIGEN_MAX_N, which would take many minutes.
 */
import type { SpatialWeights } from '../weights/types';
import type { LogDetMethod } from '../spec/types';
import { error, ProblemError } from '../problems';
import { chebyshevLogDet } from './chebyshev';
import { eigenLogDet } from './eigen';
import { mcLogDet } from './mc';
import { sparseLogDet } from './sparse';
import type { LogDet } from './types';

export const EIGEN_AUTO_N = { symmetric: 1000, general: 300 };
export const SPARSE_AUTO_N = { symmetric: 30_000, general: 15_000 };
/** Dense eigenvalues need n² doubles and ~n³ flops: refuse beyond (about 1 minute and 20 s). */
export const EIGEN_MAX_N = { symmetric: 4000, general: 1500 };

export function chooseLogDet(weights: SpatialWeights, method: LogDetMethod = 'auto'): LogDet {
  const n = weights.n;
  const kind = weights.similarity ? 'symmetric' : 'general';
  switch (method) {
    case 'eigen':
      if (n > EIGEN_MAX_N[kind]) {
        throw new ProblemError(
          error(
            `logdet "eigen" needs all ${n} eigenvalues (O(n³) time, ${Math.round((8 * n * n) / 2 ** 20)} MB); use "sparse", "chebyshev" or "mc" beyond ${EIGEN_MAX_N[kind]} observations`,
            undefined,
            undefined,
            'logdet-too-large',
          ),
        );
      }
      return eigenLogDet(weights);
    case 'sparse':
      return sparseLogDet(weights);
    case 'chebyshev':
      return chebyshevLogDet(weights);
    case 'mc':
      return mcLogDet(weights);
    case 'auto':
      if (n <= EIGEN_AUTO_N[kind]) return eigenLogDet(weights);
      if (n <= SPARSE_AUTO_N[kind]) return sparseLogDet(weights);
      return weights.similarity ? chebyshevLogDet(weights) : mcLogDet(weights);
  }
}
