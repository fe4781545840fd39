/**
 * Data simulated from a known member of the model family (Elhorst 2010, eq. 1):
 *   y = ρWy + α + Xβ + WXθ + u,  u = λWu + ε,  ε ~ N(0, σ²),
 * on random points in the unit square with row-standardised kNN-6 weights built by the engine
 * (as the spec will build them), written as a CSV and a spec that fits `model`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { createRng } from '../../src/core/inference/random';
import { parseCsv } from '../../src/core/io/csv';
import { buildWeights } from '../../src/core/weights/build';
import { matVec, type Csr } from '../../src/core/sparse/csr';

export interface TrueModel {
  rho: number;
  lambda: number;
  alpha: number;
  beta: [number, number];
  theta: [number, number];
  sigma: number;
}

/** x = (I − aW)⁻¹b by the Neumann series (|a| < 1 and W row-standardised: it converges). */
function solve(w: Csr, a: number, b: Float64Array): Float64Array {
  const x = Float64Array.from(b);
  let term: Float64Array = Float64Array.from(b);
  for (let it = 0; it < 2000; it++) {
    const next = matVec(w, term);
    let norm = 0;
    for (let i = 0; i < x.length; i++) {
      next[i] *= a;
      x[i] += next[i];
      norm += next[i] * next[i];
    }
    term = next;
    if (norm < 1e-30) break;
  }
  return x;
}

/** Writes the simulated data and a spec for `model`; returns the spec's path. */
export function simulateSpec(truth: TrueModel, n: number, seed: number, model: string): string {
  const rng = createRng(seed);
  const px = Float64Array.from({ length: n }, () => rng.uniform());
  const py = Float64Array.from({ length: n }, () => rng.uniform());
  const x1 = Float64Array.from({ length: n }, () => rng.normal());
  const x2 = Float64Array.from({ length: n }, () => rng.normal());
  const coords = ['px,py', ...Array.from(px, (v, i) => `${v},${py[i]}`)].join('\n');
  const weightsSpec = { type: 'knn', coordinates: ['px', 'py'], k: 6, symmetric: true, style: 'W', allowIslands: false } as const;
  const w = buildWeights(weightsSpec as never, parseCsv(coords, 'coords.csv')).w;
  const wx1 = matVec(w, x1);
  const wx2 = matVec(w, x2);
  const eps = Float64Array.from({ length: n }, () => truth.sigma * rng.normal());
  const u = solve(w, truth.lambda, eps);
  const rhs = Float64Array.from({ length: n }, (_, i) =>
    truth.alpha + truth.beta[0] * x1[i] + truth.beta[1] * x2[i] + truth.theta[0] * wx1[i] + truth.theta[1] * wx2[i] + u[i]);
  const y = solve(w, truth.rho, rhs);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sar-sim-'));
  const rows = Array.from(y, (v, i) => `${px[i]},${py[i]},${x1[i]},${x2[i]},${v}`);
  fs.writeFileSync(path.join(dir, 'data.csv'), ['px,py,x1,x2,y', ...rows].join('\n') + '\n');
  const spec = { data: 'data.csv', dependent: 'y', independent: ['x1', 'x2'], weights: weightsSpec, model, logdet: 'sparse', impacts: { draws: 0 } };
  const file = path.join(dir, 'model.sar.json');
  fs.writeFileSync(file, JSON.stringify(spec, null, 2));
  return file;
}
