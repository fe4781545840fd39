/**
 * A `CellTable` (src/core/export/tables.ts) as an HTML table with its semantics for screen readers:
 * a caption-like heading (`aria-labelledby`), column headers with `scope="col"` and their spelled-out
 * names where the label is short or empty, row headers with `scope="row"` (a variable spanning its
 * effect rows: `scope="rowgroup"`). Shared by the results panel and the comparison panel.
 */
import type { CellRow, CellTable } from '../../src/core/export/tables';
import { h } from './dom';

export interface CellTableOptions {
  /** Id of the element that names the table. */
  labelledBy: string;
  /** Extra header cells after the table's columns (e.g. "Actions"), filled by `decorate`. */
  extraColumns?: string[];
  /** Called for every body row after its cells (hovers, buttons, highlight classes). */
  decorate?(tr: HTMLTableRowElement, row: CellRow, index: number): void;
}

export function cellTableElement(t: CellTable, o: CellTableOptions): HTMLTableElement {
  const table = h('table', { class: `sar-table sar-table-${t.id}`, 'aria-labelledby': o.labelledBy });
  const thead = h('thead');
  const hr = h('tr');
  for (const c of t.corner) hr.append(h('th', { scope: 'col', class: 'sar-rowhead' }, c));
  t.columns.forEach((c, j) => {
    const label = t.columnLabels[j];
    hr.append(h('th', { scope: 'col', class: t.align[j] === 'right' ? 'num' : 'txt', 'aria-label': c === '' || label !== c ? label : undefined, title: label !== c ? label : undefined }, c));
  });
  for (const c of o.extraColumns ?? []) hr.append(h('th', { scope: 'col', class: 'txt' }, c));
  thead.append(hr);
  const tbody = h('tbody');
  t.rows.forEach((row, i) => {
    const tr = h('tr', { 'data-term': row.term });
    row.heads.forEach((head, k) => {
      // Impacts: the variable spans its effect rows.
      if (k === 0 && row.heads.length > 1) {
        if (i > 0 && t.rows[i - 1].heads[0] === head) return;
        let span = 1;
        while (i + span < t.rows.length && t.rows[i + span].heads[0] === head) span++;
        tr.append(h('th', { scope: 'rowgroup', rowspan: span > 1 ? span : undefined, class: 'sar-rowhead sar-group' }, head));
        return;
      }
      tr.append(h('th', { scope: 'row', class: 'sar-rowhead' }, head));
    });
    row.cells.forEach((c, j) => tr.append(h('td', { class: t.align[j] === 'right' ? 'num' : 'txt sar-stars' }, c)));
    o.decorate?.(tr, row, i);
    tbody.append(tr);
  });
  table.append(thead, tbody);
  return table;
}
