/**
 * ln|I − ρW| as a function of ρ, prepared once per fit (LeSage & Pace 2009 ch. 4).
 */
import type { Resolvent } from '../sparse/resolvent';
import type { TraceSamples } from '../traces/moments';

export interface LogDet {
  readonly method: 'eigen' | 'sparse' | 'chebyshev' | 'mc';
  /** Admissible interval for ρ: (1/λ_min, 1/λ_max) or an approximation. */
  readonly interval: [number, number];
  /** ln|I − ρW|. */
  value(rho: number): number;
  /** d/dρ ln|I − ρW| = −tr(W(I − ρW)⁻¹), when cheaply available. */
  derivative?(rho: number): number;
  /** d²/dρ² ln|I − ρW| = −tr((W(I − ρW)⁻¹)²), when cheaply available (eigen, chebyshev, mc). */
  secondDerivative?(rho: number): number;
  /** Whether `value` is exact to rounding (eigen, sparse) or an approximation. */
  readonly exact: boolean;
  /** Eigenvalues of W when computed (eigen method): real and imaginary parts. */
  readonly eigenvalues?: { re: Float64Array; im: Float64Array };
  /**
   * tr(W^k) for k = 1..traces.length when the method computed them (chebyshev, mc; tr(W) and
   * tr(W²) exact, the others exact for small n, Monte Carlo otherwise): impacts can reuse them.
   */
  readonly traces?: Float64Array;
  /** tr(WᵀW^k), k = 1..traces.length, when the trace pass produced them (mc on W without a symmetric similar matrix). */
  readonly crossTraces?: Float64Array;
  /** The Monte Carlo samples behind `traces` / `crossTraces` when they are estimates (for their errors). */
  readonly traceSamples?: TraceSamples;
  /** (I − ρW)⁻¹ through the method's own factorisation (sparse): solves and exact traces. */
  readonly resolvent?: Resolvent;
  /** Diagonal of Q when W = Q⁻¹SQ with S symmetric (the weights' similarity): factorisations of I − ρW may then use Cholesky. */
  readonly similarity?: Float64Array;
  /** x with (I − ρW)x = b, exactly, when the method holds a factorisation (sparse, symmetric W). */
  solve?(rho: number, b: Float64Array): Float64Array;
}
