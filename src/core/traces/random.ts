/**
 * A small seedable generator for reproducible Monte Carlo traces: xoshiro128** (Blackman &
 * Vigna 2018), 32-bit state words seeded by splitmix32, so a seed gives the same vectors on
 * every platform (Math.random cannot be seeded).
 */
export class Xoshiro128 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    if ((this.a | this.b | this.c | this.d) === 0) this.d = 1; // the all-zero state is a fixed point
  }

  /** Uniform on 0 .. 2³² − 1. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform on [0, 1). */
  nextFloat(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Fills `out` with independent ±1 (Rademacher) entries, 32 per generator step. */
  fillRademacher(out: Float64Array): void {
    for (let i = 0; i < out.length; i += 32) {
      const bits = this.nextUint32();
      const end = Math.min(32, out.length - i);
      for (let b = 0; b < end; b++) out[i + b] = (bits >>> b) & 1 ? 1 : -1;
    }
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
