/** Neighbourhoods in the weights graph, for highlighting. Pure. */
import type { NeighbourLists } from '../../src/protocol';

export function neighboursOf(nb: NeighbourLists, i: number): number[] {
  return nb.colIdx.slice(nb.rowPtr[i], nb.rowPtr[i + 1]);
}

/**
 * The rings around `rows` up to `order`: ring 1 their neighbours, ring 2 the neighbours of
 * those, each without the rows of an earlier ring (spdep `nblag`'s exact orders).
 */
export function neighbourRings(nb: NeighbourLists, rows: readonly number[], order: number): number[][] {
  const seen = new Set<number>(rows);
  const rings: number[][] = [];
  let frontier = [...rows];
  for (let k = 0; k < order && frontier.length; k++) {
    const next: number[] = [];
    for (const i of frontier) {
      for (let p = nb.rowPtr[i]; p < nb.rowPtr[i + 1]; p++) {
        const j = nb.colIdx[p];
        if (!seen.has(j)) {
          seen.add(j);
          next.push(j);
        }
      }
    }
    next.sort((a, b) => a - b);
    rings.push(next);
    frontier = next;
  }
  return rings;
}

/** Each undirected link once (i < j, or i → j when j does not list i): the segments a connectivity map draws. */
export function linkPairs(nb: NeighbourLists): Int32Array {
  const n = nb.rowPtr.length - 1;
  const has = (i: number, j: number): boolean => {
    for (let p = nb.rowPtr[i]; p < nb.rowPtr[i + 1]; p++) if (nb.colIdx[p] === j) return true;
    return false;
  };
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let p = nb.rowPtr[i]; p < nb.rowPtr[i + 1]; p++) {
      const j = nb.colIdx[p];
      if (j === i) continue;
      if (i < j || !has(j, i)) out.push(i, j);
    }
  }
  return Int32Array.from(out);
}
