/**
 * Higher-order neighbours (spdep `nblag`, `nblag_cumul`): j is i's neighbour of order k when the
 * shortest path from i to j along the neighbour lists has k links (neighbours of neighbours for
 * k = 2, never i itself); cumulative = every order from 1 to k. Paths follow the lists as given,
 * so an asymmetric relation (kNN) keeps its direction, as spdep's does. Binary weights.
 * A breadth-first search per row with a visit stamp: work proportional to what is reached, and
 * the number of links is bounded.
 */
import type { Csr } from '../sparse/csr';
import { TooManyLinksError } from './neighbours';

export function higherOrderNeighbours(nb: Csr, order: number, cumulative: boolean, maxLinks: number): Csr {
  const n = nb.nrows;
  const seen = new Int32Array(n).fill(-1); // the row whose search last reached each node
  const rowPtr = new Int32Array(n + 1);
  const cols: Int32Array[] = [];
  let total = 0;
  let frontier = new Int32Array(n);
  let next = new Int32Array(n);
  const found: number[] = [];
  for (let i = 0; i < n; i++) {
    found.length = 0;
    seen[i] = i;
    let size = 0;
    for (let p = nb.rowPtr[i]; p < nb.rowPtr[i + 1]; p++) {
      const j = nb.colIdx[p];
      if (seen[j] === i) continue;
      seen[j] = i;
      frontier[size++] = j;
    }
    for (let lag = 1; lag <= order && size > 0; lag++) {
      if (cumulative || lag === order) for (let t = 0; t < size; t++) found.push(frontier[t]);
      if (lag === order) break;
      let m = 0;
      for (let t = 0; t < size; t++) {
        const u = frontier[t];
        for (let p = nb.rowPtr[u]; p < nb.rowPtr[u + 1]; p++) {
          const j = nb.colIdx[p];
          if (seen[j] === i) continue;
          seen[j] = i;
          next[m++] = j;
        }
      }
      [frontier, next] = [next, frontier];
      size = m;
    }
    total += found.length;
    if (total > maxLinks) throw new TooManyLinksError(maxLinks);
    cols.push(Int32Array.from(found).sort());
    rowPtr[i + 1] = total;
  }
  const colIdx = new Int32Array(total);
  cols.forEach((c, i) => colIdx.set(c, rowPtr[i]));
  return { nrows: n, ncols: n, rowPtr, colIdx, values: new Float64Array(total).fill(1) };
}
