/**
 * Spatial weights built directly from links, for tests of the numerical parts (log-determinants,
 * traces) that should not depend on the weights builders' own code.
 */
import * as fs from 'fs';
import { csrFromTriplets } from '../../src/core/sparse/build';
import type { SpatialWeights } from '../../src/core/weights/types';
import { COLUMBUS_DIR } from './fixtures';

/** Row-standardised weights (style W) from directed links i → j; `similarity` when the links are symmetric. */
export function styleW(n: number, from: number[], to: number[], symmetric: boolean): SpatialWeights {
  const b = csrFromTriplets(n, n, from, to, from.map(() => 1));
  const rowSum = Float64Array.from({ length: n }, (_, i) => b.rowPtr[i + 1] - b.rowPtr[i]);
  const values = new Float64Array(b.values.length);
  for (let i = 0; i < n; i++) for (let p = b.rowPtr[i]; p < b.rowPtr[i + 1]; p++) values[p] = 1 / rowSum[i];
  return {
    n,
    w: { ...b, values },
    style: 'W',
    symmetricNeighbours: symmetric,
    // W = D⁻¹B with B symmetric: S = D^{1/2} W D^{-1/2} is symmetric.
    similarity: symmetric ? rowSum.map(Math.sqrt) : undefined,
    islands: [],
    componentOf: new Int32Array(n),
    componentCount: 1,
    nLinks: from.length,
  };
}

/** Columbus' col.gal.nb (test/fixtures/columbus/weights.gal), style W, read by a tiny GAL reader of its own. */
export function columbusStyleW(): SpatialWeights {
  const lines = fs.readFileSync(`${COLUMBUS_DIR}/weights.gal`, 'utf8').trim().split(/\r?\n/);
  const n = Number(lines[0].trim().split(/\s+/)[1]);
  const from: number[] = [];
  const to: number[] = [];
  for (let l = 1; l < lines.length; l += 2) {
    const [id, count] = lines[l].trim().split(/\s+/).map(Number);
    for (const j of count > 0 ? lines[l + 1].trim().split(/\s+/).map(Number) : []) {
      from.push(id - 1);
      to.push(j - 1);
    }
  }
  return styleW(n, from, to, true);
}
