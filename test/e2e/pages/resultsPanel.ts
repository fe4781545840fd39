/** Page helpers for the results panel's webview (tables drawn by webview/results/view.ts). */
import type { Frame } from 'playwright-core';

/** The results page is there: it marks its root with the model shown. */
export const RESULTS_MARKER = '#app[data-sar-results]';

/** Cells of the row headed `head` of results table `table` (th + td texts). */
export async function rowCells(frame: Frame, table: string, head: string): Promise<string[]> {
  return frame.$$eval(`table.sar-table-${table} tbody tr`, (trs, h) => {
    const tr = trs.find((t) => t.querySelector('th')?.textContent?.trim() === h);
    return tr ? [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim()) : [];
  }, head);
}
