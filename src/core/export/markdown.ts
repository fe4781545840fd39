/**
 * A fit as a Markdown document (GitHub-flavoured tables): the source paper's three tables in its
 * layout — Table 1 coefficients, Table 2 residual quantiles, Table 3 model statistics under the
 * paper's labels — then what the paper lacked: impacts with simulated SE / z / p, Moran's I and the
 * LM tests on the OLS residuals, and the model's warnings. Numbers as R prints them.
 */
import type { FitResult } from '../result';
import { formatNumber, formatPval, formatReal, signifStars } from '../report/format';
import {
  coefficientCells,
  coefficientHeader,
  formulaText,
  impactCells,
  LM_TESTS,
  MODEL_TITLES,
  QUANTILE_LABELS,
  quantileCells,
  SIGNIF_CODES,
  statisticRows,
} from './tables';

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

function table(header: string[], align: ('l' | 'r')[], rows: string[][]): string[] {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(align.map((a) => (a === 'r' ? '---:' : ':---'))), ...rows.map(line)];
}

function warningsSection(r: FitResult): string[] {
  if (!r.warnings.length) return [];
  return ['', '## Warnings', '', ...r.warnings.map((w) => `- ${w.severity}: ${escapeMarkdown(w.message)}`)];
}

/** The Markdown report of a fit. */
export function toMarkdown(r: FitResult, options: MarkdownOptions = {}): string {
  const out: string[] = [];
  out.push(`# ${escapeMarkdown(options.title ?? `SAR Studio: ${MODEL_TITLES[r.model]}`)}`, '');
  out.push(`Model: \`${formulaText(r).replace(/`/g, "'")}\`${r.model === 'durbin' ? ' with lag.X = WX' : ''}  `);
  const w = r.weightsSummary;
  if (w) {
    out.push(
      `Weights: ${escapeMarkdown(w.type)}, style ${w.style}, ${r.n} observations, ${w.nLinks} links, ` +
        `${formatNumber(w.averageNeighbours, 4)} neighbours on average, ${w.components} connected component${w.components === 1 ? '' : 's'}` +
        `${w.islands.length ? `, ${w.islands.length} without neighbours` : ''}  `,
    );
  }
  if (r.model !== 'ols') {
    const ld = r.logdet === 'none' ? 'none' : `${r.logdet} (${r.logdetExact ? 'exact' : 'approximation'})`;
    out.push(`Log-determinant: ${ld}; standard errors: ${r.se === 'hessian' ? 'numerical Hessian' : 'asymptotic'}`);
  }

  // Table 1
  const seText = r.model === 'ols' ? 'OLS' : r.se === 'hessian' ? 'numerical Hessian approximate standard errors' : 'asymptotic standard errors';
  out.push('', `## Table 1 — Coefficients (${seText})`, '');
  const head = coefficientHeader(r);
  const cells = coefficientCells(r, r.model === 'ols' ? 4 : 5);
  out.push(
    ...table(
      ['Term', 'Estimate', 'Std. Error', head.statistic, escapeMarkdown(head.p), ''],
      ['l', 'r', 'r', 'r', 'r', 'l'],
      cells.map((c) => [escapeMarkdown(c.name), c.estimate, c.stdError, c.statistic, escapeMarkdown(c.p), escapeMarkdown(c.stars)]),
    ),
  );
  if (cells.some((c) => c.stars)) out.push('', escapeMarkdown(SIGNIF_CODES));

  // Table 2
  out.push('', '## Table 2 — Residual quantiles', '');
  out.push(...table([...QUANTILE_LABELS], ['r', 'r', 'r', 'r', 'r'], [quantileCells(r, r.model === 'ols' ? 4 : 5)]));

  // Table 3
  out.push('', '## Table 3 — Model statistics', '');
  out.push(...table(['Statistic', 'Value'], ['l', 'r'], statisticRows(r).map((s) => [escapeMarkdown(s.label), escapeMarkdown(s.text)])));

  // Impacts
  if (r.impacts && r.impacts.length) {
    const imp = impactCells(r);
    const sim = r.impacts[0].simulated;
    out.push('', '## Impacts (LeSage & Pace 2009)', '');
    if (sim) {
      out.push(`Simulated standard errors, z-values (simulated mean / simulated SE) and p-values from ${sim.draws} draws (seed ${sim.seed}) of the ${r.se === 'hessian' ? 'numerical Hessian' : 'asymptotic'} covariance; ${r.impactsMethod === 'traces' ? 'impacts from traces of powers of W' : 'exact impacts from the eigenvalues of W'}.`, '');
      out.push(
        ...table(
          ['Variable', 'Effect', 'Estimate', 'Simulated SE', 'z', 'p', ''],
          ['l', 'l', 'r', 'r', 'r', 'r', 'l'],
          imp.map((c) => [escapeMarkdown(c.name), c.effect, c.estimate, c.stdError, c.z, escapeMarkdown(c.p), escapeMarkdown(c.stars)]),
        ),
      );
    } else {
      out.push(...table(['Variable', 'Effect', 'Estimate'], ['l', 'l', 'r'], imp.map((c) => [escapeMarkdown(c.name), c.effect, c.estimate])));
    }
    if (r.model === 'lag' || r.model === 'durbin') {
      out.push(
        '',
        'In a spatial lag or Durbin model the coefficients of Table 1 are not marginal effects: a change of x at one location changes y there ' +
          '(direct) and, through the spatial multiplier (I − ρW)⁻¹, elsewhere (indirect: the spillover); total = direct + indirect.',
      );
    }
  }

  // Tests on the OLS residuals
  if (r.moranOls || r.lmTestsOls) {
    out.push('', `## Spatial dependence in the OLS residuals${r.model === 'ols' ? '' : ' (the pre-test)'}`);
    if (r.moranOls) {
      const m = r.moranOls;
      const [I, e, v] = formatReal([m.I, m.expectation, m.variance], 7).map((s) => s.trim());
      out.push('', "Moran's I for regression residuals (alternative: greater):", '');
      out.push(
        ...table(
          ["Moran's I", 'Expectation', 'Variance', 'Standard deviate', 'p-value'],
          ['r', 'r', 'r', 'r', 'r'],
          [[I, e, v, formatNumber(m.z, 5), escapeMarkdown(formatPval([m.p], 4)[0])]],
        ),
      );
    }
    if (r.lmTestsOls) {
      const t = r.lmTestsOls;
      const stats = formatReal(LM_TESTS.map((n) => t[n].statistic), 5).map((s) => s.trim());
      const ps = formatPval(LM_TESTS.map((n) => t[n].p), 4);
      out.push('', 'Lagrange multiplier diagnostics for spatial dependence:', '');
      out.push(
        ...table(
          ['Test', 'Statistic', 'df', 'p-value', ''],
          ['l', 'r', 'r', 'r', 'l'],
          LM_TESTS.map((n, i) => [n, stats[i], String(t[n].df), escapeMarkdown(ps[i]), escapeMarkdown(signifStars(t[n].p))]),
        ),
      );
    }
  }
  out.push(...warningsSection(r));
  return out.join('\n') + '\n';
}
