/**
 * The seedable generator of the impacts simulation, so that a fixed seed gives identical draws
 * on every platform (Math.random cannot be seeded): the shared xoshiro128** generator of
 * src/core/traces (Blackman & Vigna 2018, seeded by SplitMix32), with uniforms carrying 53 random
 * bits and normals by inversion (qnorm of a uniform, as R's default `normal.kind = "Inversion"`).
 * It is not R's Mersenne-Twister, so draws differ from R's `set.seed()` streams: compare
 * simulated results to R statistically, not digit for digit.
 */
import { Xoshiro128 } from '../traces/random';
import { qnorm } from './distributions';

export interface Rng {
  /** Uniform on the open interval (0, 1), 53 random bits. */
  uniform(): number;
  /** Standard normal draw. */
  normal(): number;
  /** Raw 32-bit unsigned output. */
  nextUint32(): number;
}

/** A seeded generator; equal seeds give equal streams (seeds are taken modulo 2³²). */
export function createRng(seed: number): Rng {
  const g = new Xoshiro128(Math.trunc(seed));
  const uniform = (): number => {
    for (;;) {
      const a = g.nextUint32() >>> 5; // 27 bits
      const b = g.nextUint32() >>> 6; // 26 bits
      const u = (a * 67108864 + b) / 9007199254740992;
      if (u > 0) return u;
    }
  };
  return {
    nextUint32: () => g.nextUint32(),
    uniform,
    normal: () => qnorm(uniform()),
  };
}
