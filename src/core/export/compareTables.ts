/**
 * The comparison's tables as cells (export/tables.ts `CellTable`), for the comparison panel and
 * its Markdown copy: the family table and the LR tests of the nested pairs, with exactly the
 * cells of the CLI's text report (report/compare.ts). Pure: the comparison webview bundles it.
 */
import type { FamilyComparison } from '../compare/family';
import { lrTableCells, modelTableCells } from '../report/compare';
import { SIGNIF_LEGEND } from '../report/format';
import { durbinLmCellTable, lmTestsCellTable, type CellTable } from './tables';

/** One row per model (its `term` is the model type): logLik, parameters, AIC, BIC, ρ, λ, notes. */
export function familyTable(c: FamilyComparison): CellTable {
  const t = modelTableCells(c);
  return {
    id: 'models',
    title: `The spatial model family by maximum likelihood: ${c.dependent}, n = ${c.n}`,
    corner: ['Model'],
    columns: ['logLik', 'df', 'AIC', 'BIC', 'ρ', 'λ', 'Converged', ''],
    columnLabels: ['Log-likelihood', 'Parameters', 'AIC', 'BIC', 'rho (spatial lag of y)', 'lambda (spatial error)', 'Converged', 'Notes'],
    align: ['right', 'right', 'right', 'right', 'right', 'right', 'left', 'left'],
    // The report's cells, with "Converged" spelled out before its notes column.
    rows: c.models.map((m, i) => ({ heads: [t.rowNames[i]], cells: [...t.cells[i].slice(0, 6), m.converged ? 'yes' : 'no', t.cells[i][6]], term: m.model })),
    notes: [`df: parameters estimated (σ² counted), as R's logLik; AIC = −2 logLik + 2 df, BIC = −2 logLik + df · ln n.`],
  };
}

/** spatialreg's `LR.Sarlm` of every nested pair: general model, restricted model, H0, LR, df, p. */
export function nestedLrTable(c: FamilyComparison): CellTable {
  const t = lrTableCells(c);
  return {
    id: 'lrtests',
    title: 'Likelihood ratio tests of the nested pairs (spatialreg LR.Sarlm)',
    corner: ['Model'],
    columns: ['vs', 'H0', 'LR', 'df', 'p-value', ''],
    columnLabels: ['Restricted model', 'Null hypothesis', 'Likelihood ratio statistic', 'Degrees of freedom', 'p-value', 'Significance'],
    align: ['left', 'left', 'right', 'right', 'right', 'left'],
    rows: c.lrTests.map((x, i) => ({ heads: [t.rowNames[i]], cells: t.cells[i], term: `${x.general}/${x.restricted}` })),
    notes: t.cells.some((r) => r[5]) ? [SIGNIF_LEGEND] : [],
  };
}

/** The pre-tests on the OLS residuals: spdep's LM tests, and the Koley–Bera tests for the Durbin terms. */
export function preTestTables(c: FamilyComparison): CellTable[] {
  return [c.lmTests && lmTestsCellTable(c.lmTests), c.durbinLm && durbinLmCellTable(c.durbinLm)].filter((t): t is CellTable => t !== undefined);
}

/** The comparison as Markdown (the panel's "Copy Markdown"): its tables with their captions. */
export function comparisonTables(c: FamilyComparison): CellTable[] {
  return [familyTable(c), nestedLrTable(c), ...preTestTables(c)];
}
