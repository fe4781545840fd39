/**
 * "SAR Studio: Export results": pure functions from a FitResult (and, for the R script, the spec
 * and its path) to text. No I/O: the caller writes the files.
 */
export { toMarkdown, escapeMarkdown, type MarkdownOptions } from './markdown';
export { toCsv, coefficientsCsv, observationsCsv, csvNumber, csvText } from './csv';
export { toLatex, escapeLatex, latexNumber, type LatexOptions } from './latex';
export { toRScript, rName, rString, type RScriptOptions } from './rscript';
export { coefficientCells, statisticRows, impactCells, quantileCells, type CoefficientCells, type StatisticRow, type ImpactCells } from './tables';
