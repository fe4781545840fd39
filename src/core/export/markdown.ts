/**
 * A fit as a Markdown document (GitHub-flavoured tables): what "Export results" writes and the
 * results panel copies. A header (formula, weights, log-determinant, standard errors), then the
 * tables of export/tables.ts with the panel's captions: the source paper's Table 1 (coefficients),
 * Table 2 (residual quantiles) and Table 3 (model statistics, under the paper's labels), then what
 * the paper lacked: impacts with simulated SE / z / p, Moran's I and the LM tests on the OLS
 * residuals; how to read them (report/explain.ts) and the model's warnings. Numbers as R prints them.
 */
import type { FitResult } from '../result';
import { formatNumber } from '../report/format';
import { coefficientReading, impactsReading } from '../report/explain';
import { estimationLine, formulaText, MODEL_TITLES, residualTestsHeading, resultTables, type CellTable } from './tables';

export interface MarkdownOptions {
  /** Document title (default: the model's name). */
  title?: string;
}

/**
 * Text for a Markdown table cell or paragraph: escapes what Markdown would interpret (`\`, `|`,
 * backticks, `*`, `[`, `]`, `<`, `>`, `#` at the start, and `_` at the edge of a word, so that
 * `cloud_companies` stays readable) and turns line breaks into spaces.
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*[\]<>|]/g, (c) => `\\${c}`)
    .replace(/(^|[^A-Za-z0-9])_|_(?=[^A-Za-z0-9]|$)/g, (m) => m.replace('_', '\\_'))
    .replace(/^#/, '\\#');
}

/** One table as a Markdown section: its caption as a heading (`##` unless `level` says), the table, the notes under it. */
export function tableMarkdown(t: CellTable, level = 2): string {
  const line = (cells: string[]) => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  const lines = [
    `${'#'.repeat(level)} ${escapeMarkdown(t.title)}`,
    '',
    line([...t.corner, ...t.columns]),
    `| ${[...t.corner.map(() => ':---'), ...t.align.map((a) => (a === 'right' ? '---:' : ':---'))].join(' | ')} |`,
    ...t.rows.map((r) => line([...r.heads, ...r.cells])),
    ...t.notes.flatMap((n) => ['', escapeMarkdown(n)]),
  ];
  return lines.join('\n') + '\n';
}

/** The Markdown report of a fit. */
export function toMarkdown(r: FitResult, options: MarkdownOptions = {}): string {
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(options.title ?? `SAR Studio: ${MODEL_TITLES[r.model]}`)}`, '');
  out.push(`${MODEL_TITLES[r.model]}: \`${formulaText(r).replace(/`/g, "'")}\`${r.model === 'durbin' ? ' with lag.X = WX' : ''}  `);
  const w = r.weightsSummary;
  if (w) {
    out.push(
      `Weights: ${escapeMarkdown(w.type)}, style ${w.style}, ${r.n} observations, ${w.nLinks} links, ` +
        `${formatNumber(w.averageNeighbours, 4)} neighbours on average, ${w.components} connected component${w.components === 1 ? '' : 's'}` +
        `${w.islands.length ? `, ${w.islands.length} without neighbours` : ''}  `,
    );
  }
  if (r.model !== 'ols') out.push(estimationLine(r));
  const paragraphs = (ps: readonly string[]) => ps.flatMap((p) => ['', escapeMarkdown(p)]);
  let tests = false;
  for (const t of resultTables(r)) {
    const isTest = t.id === 'moran' || t.id === 'lmtests';
    if (isTest && !tests) out.push('', `## ${residualTestsHeading(r)}`);
    tests ||= isTest;
    out.push('', tableMarkdown(t, isTest ? 3 : 2).trimEnd());
    if (t.id === 'coefficients') out.push(...paragraphs([coefficientReading(r)]));
    if (t.id === 'impacts') out.push(...paragraphs(impactsReading(r)));
  }
  if (r.warnings.length) out.push('', '## Warnings', '', ...r.warnings.map((w) => `- ${w.severity}: ${escapeMarkdown(w.message)}`));
  return out.join('\n') + '\n';
}
