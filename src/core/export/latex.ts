/**
 * A fit as a LaTeX `booktabs` table: the coefficients (Table 1 of the source paper, with the
 * spatial parameter as its last row) and the model statistics (Table 3) below a rule. Numbers as R
 * prints them, set in math mode (a true minus sign, `1.1522 \times 10^{11}` for `1.1522e+11`);
 * every text from the data or the spec (variable names, the dependent) is escaped.
 * Needs `\usepackage{booktabs}` in the preamble.
 */
import type { FitResult } from '../result';
import { signifStars } from '../report/format';
import { isLinear } from '../models/family';
import { coefficientCells, coefficientHeader, coefficientSeTitle, MODEL_NAMES, MODEL_TITLES, spatialParameters, statisticRows } from './tables';

export interface LatexOptions {
  caption?: string;
  /** `\label{...}` (default `tab:sar-studio`); only letters, digits and `:-_.` are kept. */
  label?: string;
}

const LATEX_SPECIALS: Record<string, string> = {
  '\\': '\\textbackslash{}',
  '{': '\\{',
  '}': '\\}',
  $: '\\$',
  '&': '\\&',
  '#': '\\#',
  '^': '\\textasciicircum{}',
  _: '\\_',
  '%': '\\%',
  '~': '\\textasciitilde{}',
  '<': '\\textless{}',
  '>': '\\textgreater{}',
  '|': '\\textbar{}',
};

/** Text mode escaping of the ten LaTeX specials (and `<`, `>`, `|`); line breaks become spaces. */
export function escapeLatex(s: string): string {
  return s.replace(/[\r\n]+/g, ' ').replace(/[\\{}$&#^_%~<>|]/g, (c) => LATEX_SPECIALS[c]);
}

/**
 * An R-formatted number in math mode: `-1.0735` → `$-1.0735$`, `1.1522e+11` →
 * `$1.1522 \times 10^{11}$`, `< 2.2e-16` → `$< 2.2 \times 10^{-16}$`, `NA`/`NaN`/`Inf` as text.
 * `stars` (printCoefmat's) are set as a superscript.
 */
export function latexNumber(text: string, stars = ''): string {
  const t = text.trim();
  const sup = stars ? `^{${stars.replace(/\./g, '\\cdot')}}` : '';
  if (t === '') return '';
  if (/^(NA|NaN)$/.test(t)) return `\\textrm{${t}}`;
  if (/^-?Inf$/.test(t)) return `$${t.startsWith('-') ? '-' : ''}\\infty${sup}$`;
  const m = /^(<\s*)?([+-]?[0-9.]+)(?:e([+-]\d+))?$/.exec(t);
  if (!m) return escapeLatex(t);
  const lt = m[1] ? '< ' : '';
  const exp = m[3] === undefined ? '' : ` \\times 10^{${Number(m[3])}}`;
  // Stars on a power of ten need a group: `{1.5 \times 10^{-10}}^{***}`, not a double superscript.
  const body = exp && sup ? `{${m[2]}${exp}}` : `${m[2]}${exp}`;
  return `$${lt}${body}${sup}$`;
}

function row(cells: string[]): string {
  return `    ${cells.join(' & ')} \\\\`;
}

/** The booktabs table of a fit. */
export function toLatex(r: FitResult, options: LatexOptions = {}): string {
  const head = coefficientHeader(r);
  const cells = coefficientCells(r);
  const seText = isLinear(r.model) ? '' : ` (${coefficientSeTitle(r).replace('numerical Hessian approximate', 'numerical Hessian')})`;
  const caption = options.caption !== undefined
    ? escapeLatex(options.caption)
    : `${MODEL_NAMES[r.model]} of \\texttt{${escapeLatex(r.dependent)}}${isLinear(r.model) ? '' : ', maximum likelihood'}${seText}, $n = ${r.n}$`;
  const label = (options.label ?? 'tab:sar-studio').replace(/[^A-Za-z0-9:_.-]/g, '');
  const statHead = head.statistic === 'z value' ? '$z$ value' : '$t$ value';
  const pHead = head.p === 'Pr(>|z|)' ? '$\\Pr(>|z|)$' : '$\\Pr(>|t|)$';
  const lines = [
    `% SAR Studio: ${escapeLatex(MODEL_TITLES[r.model])}. Requires \\usepackage{booktabs}.`,
    '\\begin{table}[htbp]',
    '  \\centering',
    `  \\caption{${caption}}`,
    `  \\label{${label}}`,
    '  \\begin{tabular}{lrrrr}',
    '    \\toprule',
    row(['', 'Estimate', 'Std.\\ Error', statHead, pHead]),
    '    \\midrule',
    ...cells.map((c) => row([escapeLatex(c.name), latexNumber(c.estimate), latexNumber(c.stdError), latexNumber(c.statistic), latexNumber(c.p, c.stars)])),
  ];
  const stats = statisticRows(r);
  const byKey = new Map(stats.map((s) => [s.key, s]));
  const used = new Set<string>();
  const pick = (key: string) => {
    used.add(key);
    return byKey.get(key)?.text ?? '';
  };
  for (const { name } of spatialParameters(r)) {
    const k = name.toLowerCase();
    const p = byKey.get(`${k}_p`);
    lines.push(row([`$\\${k}$`, latexNumber(pick(k)), latexNumber(pick(`${k}_std_error`)), latexNumber(pick(`${k}_z`)), latexNumber(pick(`${k}_p`), p ? signifStars(p.value) : '')]));
  }
  lines.push('    \\midrule');
  // Test statistics with their p-value in the last column; the rest in the estimate column.
  const withP: Record<string, string> = { lr_test: 'lr_p', wald: 'wald_p', f_statistic: 'f_p', lm_residual_autocorrelation: 'lm_residual_autocorrelation_p' };
  for (const s of stats) {
    if (used.has(s.key) || Object.values(withP).includes(s.key)) continue;
    const pKey = withP[s.key];
    const pRow = pKey ? byKey.get(pKey) : undefined;
    lines.push(row([escapeLatex(s.label), latexNumber(s.text), '', '', pRow ? latexNumber(pRow.text, signifStars(pRow.value)) : '']));
  }
  const anyStars = cells.some((c) => c.stars);
  lines.push('    \\bottomrule');
  if (anyStars) {
    lines.push(`    \\multicolumn{5}{l}{\\footnotesize Signif.\\ codes: $^{***}\\,p < 0.001$, $^{**}\\,p < 0.01$, $^{*}\\,p < 0.05$, $^{\\cdot}\\,p < 0.1$} \\\\`);
  }
  lines.push('  \\end{tabular}', '\\end{table}');
  return lines.join('\n') + '\n';
}
