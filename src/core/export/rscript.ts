/**
 * An R script that refits a spec with spdep / spatialreg, for audit: it reads the same CSV, builds
 * the same weights (`read.gal`, `read.gwt2nb`, `knearneigh` + `knn2nb`, `dnearneigh` with an
 * inverse-distance glist, `poly2nb`; then `nb2listw` with the spec's style and zero.policy), fits
 * the same model (`lagsarlm`, `errorsarlm`, `lagsarlm(Durbin = TRUE)`, `lm`) with the method and
 * standard errors that match SAR Studio's (`method = "eigen"` for the exact eigenvalue
 * log-determinant, `"Matrix"` / `"LU"` with `control = list(small_asy = FALSE)` for
 * numerical-Hessian SEs), prints `summary()`, the impacts with simulated inference, `lm.morantest`
 * and `lm.LMtests(test = "all")`. Given the result, it ends with SAR Studio's numbers (significant
 * digits, report/format.ts) and prints the largest relative difference from R's.
 *
 * Paths in the spec are relative to the spec file; the script keeps them relative to `spec_dir`,
 * "." by default, so it runs from the spec's folder on any machine.
 */
import * as path from 'path';
import type { FitResult } from '../result';
import type { Spec } from '../spec/types';
import type { CsvDelimiter } from '../io/csv';
import { formatNumber, layoutTable } from '../report/format';
import { EFFECTS, LM_TESTS, MODEL_NAMES, spatialParameters } from './tables';
import { hasImpacts, isLinear, MODEL_FORM, MODEL_NAMES as FAMILY_NAMES } from '../models/family';

export interface RScriptOptions {
  /** The CSV's delimiter (`Table.delimiter` from parseCsv); without it the script detects it from the header line. */
  delimiter?: CsvDelimiter;
}

const R_RESERVED = new Set([
  'if', 'else', 'repeat', 'while', 'function', 'for', 'next', 'break', 'TRUE', 'FALSE', 'NULL', 'Inf', 'NaN', 'NA',
  'NA_integer_', 'NA_real_', 'NA_character_', 'NA_complex_', 'in',
]);

/** An R string literal (JSON's escapes are R's: `\"`, `\\`, `\n`, `\t`, `\uXXXX`). */
export function rString(s: string): string {
  return JSON.stringify(s);
}

/** A column name as R formula syntax: as is when syntactic, else in backticks. */
export function rName(name: string): string {
  const syntactic = /^((?:[A-Za-z]|\.(?![0-9]))[A-Za-z0-9._]*|\.)$/.test(name) && !R_RESERVED.has(name) && !/^\.\.\d+$/.test(name) && name !== '...';
  return syntactic ? name : `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}

function rBool(b: boolean): string {
  return b ? 'TRUE' : 'FALSE';
}

/** A number for R code: significant digits enough to compare at 1e-8. */
function rNum(x: number): string {
  if (Number.isNaN(x)) return 'NA';
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf';
  return formatNumber(x, 10);
}

/** Text from the data or the spec inside an R comment: a line break would end the comment. */
function safe(s: string): string {
  return s.replace(/[\r\n\u0085\u2028\u2029]+/g, ' ');
}

/** A comment block (`## `) of a table. */
function commentTable(rowNames: string[], colNames: string[], cells: string[][]): string[] {
  return layoutTable(rowNames.map(safe), colNames, cells).split('\n').map((l) => `##   ${l}`);
}

/** Whether the weights are symmetric (spatialreg's "Matrix" needs it; "LU" does not). */
function symmetricWeights(spec: Spec, result?: FitResult): boolean {
  if (result?.weightsSummary) return result.weightsSummary.symmetric;
  const t = spec.weights.type;
  return t === 'distance' || t === 'contiguity' || t === 'gal';
}

interface Method {
  method: string;
  control?: string;
  comment: string[];
}

function chooseMethod(spec: Spec, result?: FitResult): Method {
  const se = result?.se ?? spec.se;
  const logdet = result && result.logdet !== 'none' ? result.logdet : spec.logdet;
  const sym = symmetricWeights(spec, result);
  const sparse = sym ? 'Matrix' : 'LU';
  const sparseWhy = sym
    ? '"Matrix": sparse Cholesky log-determinant (symmetric weights)'
    : '"LU": sparse LU log-determinant ("Matrix" needs symmetric weights; these are not)';
  if (se === 'hessian') {
    return {
      method: sparse,
      control: 'list(small_asy = FALSE)',
      comment: [
        `# Standard errors from the numerical Hessian, as SAR Studio's "se": "hessian" (and the source paper).`,
        `# spatialreg computes them only for methods other than "eigen", with small_asy = FALSE;`,
        `# method ${sparseWhy}, exact like SAR Studio's ${logdet === 'auto' ? 'choice' : `"${logdet}"`}.`,
        '# R differentiates numerically too: expect SEs to differ from SAR Studio\'s by ~1e-4 relative.',
      ],
    };
  }
  const n = result?.n;
  if (logdet === 'eigen' || (logdet === 'auto' && (n === undefined || n <= 1000))) {
    return {
      method: 'eigen',
      comment: ['# method "eigen": exact log-determinant from the eigenvalues of W, asymptotic standard errors', '# (SAR Studio: logdet eigen, se asymptotic).'],
    };
  }
  if (logdet === 'chebyshev' || logdet === 'mc') {
    return {
      method: logdet === 'chebyshev' ? 'Chebyshev' : 'MC',
      comment: [`# method "${logdet === 'chebyshev' ? 'Chebyshev' : 'MC'}": an approximate log-determinant, like SAR Studio's "${logdet}";`, '# the two approximations differ in detail, so expect agreement to a few digits only.'],
    };
  }
  const big = n !== undefined && n > 1500;
  return {
    method: sparse,
    comment: [
      `# method ${sparseWhy}, exact like SAR Studio's sparse log-determinant.`,
      big
        ? '# For n > 1500 spatialreg switches to numerical-Hessian SEs; control = list(small = n) forces the asymptotic ones (dense n x n, slow).'
        : '# For n <= 1500 spatialreg computes the asymptotic standard errors, as SAR Studio.',
    ],
  };
}

function dataPathExpr(p: string): string {
  const posix = p.replace(/\\/g, '/');
  return path.posix.isAbsolute(posix) || path.win32.isAbsolute(p) ? rString(posix) : `file.path(spec_dir, ${rString(posix)})`;
}

function readData(spec: Spec, delimiter: CsvDelimiter | undefined, numeric: string[]): string[] {
  const file = dataPathExpr(spec.data);
  const lines = [`data_file <- ${file}`];
  const common = 'check.names = FALSE, fileEncoding = "UTF-8-BOM"';
  const convert = [
    '# Semicolon files may use a decimal comma (as SAR Studio accepts): read as text, convert the model columns.',
    `for (v in c(${numeric.map(rString).join(', ')})) dat[[v]] <- as.numeric(chartr(",", ".", dat[[v]]))`,
  ];
  if (delimiter === ';') {
    lines.push(`dat <- read.csv(data_file, sep = ";", colClasses = "character", ${common})`, ...convert);
  } else if (delimiter === ',' || delimiter === '\t') {
    lines.push(`dat <- read.csv(data_file, sep = ${delimiter === ',' ? '","' : '"\\t"'}, ${common})`);
  } else {
    lines.push(
      '# The separator SAR Studio accepts: comma, semicolon or tab, whichever the header line has most of.',
      'header <- readLines(data_file, n = 1, warn = FALSE, encoding = "UTF-8")',
      'counts <- sapply(c(",", ";", "\\t"), function(s) lengths(regmatches(header, gregexpr(s, header, fixed = TRUE))))',
      'sep <- names(which.max(counts))',
      `dat <- read.csv(data_file, sep = sep, colClasses = if (sep == ";") "character" else NA, ${common})`,
      `if (sep == ";") for (v in c(${numeric.map(rString).join(', ')})) dat[[v]] <- as.numeric(chartr(",", ".", dat[[v]]))`,
    );
  }
  return lines;
}

function col(name: string): string {
  return `dat[[${rString(name)}]]`;
}

function weightsCode(spec: Spec): { lines: string[]; glist: boolean; needsSf: boolean } {
  const w = spec.weights;
  const lines: string[] = [];
  let glist = false;
  let needsSf = false;
  switch (w.type) {
    case 'gal':
      lines.push(
        `# GeoDa GAL neighbours, ids matched to ${w.idColumn ? `column "${safe(w.idColumn)}"` : 'the row numbers 1..n'} (as SAR Studio does)`,
        `nb <- read.gal(${dataPathExpr(w.path)}, region.id = ${w.idColumn ? `as.character(${col(w.idColumn)})` : 'as.character(seq_len(nrow(dat)))'})`,
      );
      break;
    case 'gwt':
      lines.push(
        `# GeoDa GWT neighbours with their weights as given, ids matched to ${w.idColumn ? `column "${safe(w.idColumn)}"` : 'the row numbers 1..n'}`,
        `nb <- read.gwt2nb(${dataPathExpr(w.path)}, region.id = ${w.idColumn ? col(w.idColumn) : 'seq_len(nrow(dat))'})`,
        'glist <- attr(nb, "GeoDa")$dist',
      );
      glist = true;
      break;
    case 'knn': {
      const ll = w.distance === 'greatCircle';
      lines.push(
        `coords <- cbind(${col(w.coordinates[0])}, ${col(w.coordinates[1])})`,
        ll
          ? `# k = ${w.k} nearest neighbours by great-circle distance (longlat = TRUE: columns longitude, latitude in degrees).`
          : `# k = ${w.k} nearest neighbours by euclidean distance.`,
      );
      if (ll) {
        lines.push(
          '# SAR Studio uses a sphere of radius 6371.01 km (s2\'s); spdep\'s matrix path an ellipsoid: near-ties may order',
          '# differently. sf points use s2 like SAR Studio: knearneigh(sf::st_as_sf(dat, coords = c(...), crs = 4326), k).',
        );
      }
      lines.push(`nb <- knn2nb(knearneigh(coords, k = ${w.k}, longlat = ${rBool(ll)}))`);
      if (w.symmetric) lines.push('# Symmetrised: i ~ j when either is among the other\'s k nearest', 'nb <- make.sym.nb(nb)');
      break;
    }
    case 'kernel': {
      const ll = w.distance === 'greatCircle';
      const z = 'z';
      const kernel: Record<string, string> = {
        triangular: `1 - ${z}`, uniform: `rep(0.5, length(${z}))`, quadratic: `0.75 * (1 - ${z}^2)`, quartic: `(15 / 16) * (1 - ${z}^2)^2`, gaussian: `exp(-${z}^2 / 2) / sqrt(2 * pi)`,
      };
      lines.push(`coords <- cbind(${col(w.coordinates[0])}, ${col(w.coordinates[1])})`, `# ${w.function} kernel weights as libpysal's Kernel (each observation its own neighbour)`);
      if (w.bandwidth === 'adaptive') {
        lines.push(
          `kn <- knn2nb(knearneigh(coords, k = ${w.k}, longlat = ${rBool(ll)}))`,
          `h <- sapply(nbdists(kn, coords, longlat = ${rBool(ll)}), max) * 1.0000001  # each one's k-th neighbour distance`,
          'nb <- include.self(kn)',
        );
      } else {
        lines.push(w.bandwidth === 'fixed'
          ? `h <- rep(max(unlist(nbdists(knn2nb(knearneigh(coords, k = ${w.k}, longlat = ${rBool(ll)})), coords, longlat = ${rBool(ll)}))) * 1.0000001, nrow(coords))  # the largest k-th neighbour distance`
          : `h <- rep(${formatNumber(w.bandwidth, 15)}, nrow(coords))`,
        `nb <- include.self(dnearneigh(coords, 0, h[1], longlat = ${rBool(ll)}))`);
      }
      lines.push(
        `glist <- mapply(function(d, hi) { z <- d / hi; ${kernel[w.function]} }, nbdists(nb, coords, longlat = ${rBool(ll)}), h, SIMPLIFY = FALSE)`,
      );
      if (w.diagonal === 'one') lines.push('glist <- mapply(function(g, js, i) { g[js == i] <- 1; g }, glist, nb, seq_along(nb), SIMPLIFY = FALSE)');
      glist = true;
      break;
    }
    case 'distance': {
      const ll = w.distance === 'greatCircle';
      lines.push(`coords <- cbind(${col(w.coordinates[0])}, ${col(w.coordinates[1])})`);
      let threshold: string;
      if (w.threshold === 'minimum') {
        lines.push(
          '# "minimum": the largest distance of an observation to its nearest neighbour',
          `threshold <- max(unlist(nbdists(knn2nb(knearneigh(coords, k = 1, longlat = ${rBool(ll)})), coords, longlat = ${rBool(ll)})))`,
        );
        threshold = 'threshold';
      } else threshold = formatNumber(w.threshold, 15);
      lines.push(
        `# Neighbours within ${threshold === 'threshold' ? 'that' : threshold}${ll ? ' km (great-circle, longlat = TRUE)' : ' (coordinate units)'}, distance included.`,
        `nb <- dnearneigh(coords, 0, ${threshold}, longlat = ${rBool(ll)})`,
      );
      if (w.inversePower > 0) {
        lines.push(
          `# Inverse-distance weights 1/d${w.inversePower === 2 ? '^2' : ''}${ll ? ' (d in km)' : ''}`,
          `glist <- lapply(nbdists(nb, coords, longlat = ${rBool(ll)}), function(d) 1 / d${w.inversePower === 2 ? '^2' : ''})`,
        );
        glist = true;
      }
      break;
    }
    case 'contiguity': {
      needsSf = true;
      lines.push(`shp <- st_read(${dataPathExpr(w.geometry)}, quiet = TRUE)`);
      const rowKey = w.idColumn ? col(w.idColumn) : 'seq_len(nrow(dat))';
      if (w.idProperty) {
        lines.push(`# Features in data-row order: property "${safe(w.idProperty)}" matched to ${w.idColumn ? `column "${safe(w.idColumn)}"` : 'the row numbers'}`, `shp <- shp[match(${rowKey}, shp[[${rString(w.idProperty)}]]), ]`);
      } else if (w.idColumn) {
        lines.push(`# Features in data-row order: their property "${safe(w.idColumn)}" matched to the column of that name`, `shp <- shp[match(${rowKey}, shp[[${rString(w.idColumn)}]]), ]`);
      } else {
        lines.push('# The features are taken in data-row order (no idProperty / idColumn in the spec).');
      }
      lines.push(`nb <- poly2nb(shp, queen = ${rBool(w.criterion === 'queen')})`);
      break;
    }
  }
  const order = w.type !== 'gwt' && w.type !== 'kernel' ? w.order ?? 1 : 1;
  if (order > 1 && w.type !== 'gwt' && w.type !== 'kernel') {
    lines.push(w.cumulative
      ? `nb <- nblag_cumul(nblag(nb, ${order}))  # neighbours of order 1 to ${order}`
      : `nb <- nblag(nb, ${order})[[${order}]]  # neighbours of order ${order} exactly`);
  }
  return { lines, glist, needsSf };
}

/** spatialreg's `Durbin` argument: TRUE lags every regressor, a one-sided formula only `lagX`'s. */
function durbinArgument(spec: Spec): string {
  return spec.lagX ? `~ ${spec.lagX.map(rName).join(' + ')}` : 'TRUE';
}

function formulaR(spec: Spec): string {
  const xs = spec.independent.map(rName);
  const rhs = spec.intercept ? (xs.length ? xs.join(' + ') : '1') : ['0', ...xs].join(' + ');
  return `${rName(spec.dependent)} ~ ${rhs}`;
}

function comparison(r: FitResult): string[] {
  const out: string[] = [
    '',
    '## ---------------------------------------------------------------------------------------------',
    "## SAR Studio's numbers for this fit, to compare with R's output above",
    `## (${MODEL_NAMES[r.model]}, n = ${r.n}, log-determinant ${r.logdet}${r.logdet === 'none' ? '' : r.logdetExact ? ' (exact)' : ' (approximate)'}, standard errors ${r.se === 'hessian' ? 'numerical Hessian' : 'asymptotic'}).`,
    '##',
  ];
  const d = 8;
  const f = (x: number) => formatNumber(x, d);
  const pf = (x: number) => formatNumber(x, 5);
  const statLabel = isLinear(r.model) ? 't value' : 'z value';
  const rows = r.coefficients.map((c) => c.name);
  const cells = r.coefficients.map((c) => [f(c.estimate), f(c.stdError), f(c.z), pf(c.p)]);
  const params = spatialParameters(r).map(({ name, parameter }) => ({ name: name.toLowerCase(), parameter }));
  for (const { name, parameter } of params) {
    rows.push(name);
    cells.push([f(parameter.estimate), f(parameter.stdError), f(parameter.z), pf(parameter.p)]);
  }
  out.push(...commentTable(rows, ['Estimate', 'Std. Error', statLabel, 'p'], cells));
  out.push('##');
  if (r.lrTest) out.push(`##   LR test: ${f(r.lrTest.statistic)} (p ${pf(r.lrTest.p)})${r.wald ? `; Wald: ${f(r.wald.statistic)} (p ${pf(r.wald.p)})` : ''}`);
  out.push(`##   Log likelihood: ${f(r.logLik)}; sigma^2: ${f(r.sigma2)}; AIC: ${f(r.aic)}${r.model !== 'ols' ? ` (OLS: ${f(r.aicOls)})` : ''}`);
  if (r.lmResidualAutocorrelation) out.push(`##   LM test for residual autocorrelation: ${f(r.lmResidualAutocorrelation.statistic)} (p ${pf(r.lmResidualAutocorrelation.p)})`);
  if (r.impacts && r.impacts.length) {
    out.push('##', '##   Impacts (direct, indirect, total; simulated SE in brackets):');
    const names = r.impacts.map((i) => i.name);
    const ic = r.impacts.map((i) => EFFECTS.map((e) => `${f(i[e])}${i.simulated ? ` (${formatNumber(i.simulated[e].stdError, 4)})` : ''}`));
    out.push(...commentTable(names, ['Direct', 'Indirect', 'Total'], ic).map((l) => l.replace(/^##   /, '##     ')));
    out.push('##   The simulated SEs come from a different random number generator: compare them loosely (~10 %).');
  }
  if (r.moranOls) {
    const m = r.moranOls;
    out.push('##', `##   Moran's I (OLS residuals): ${f(m.I)}, expectation ${f(m.expectation)}, variance ${f(m.variance)}, standard deviate ${f(m.z)}, p ${pf(m.p)}`);
  }
  if (r.lmTestsOls) {
    const t = r.lmTestsOls;
    out.push(`##   LM tests (OLS residuals): ${LM_TESTS.map((n) => `${n} ${f(t[n].statistic)} (p ${pf(t[n].p)})`).join(', ')}`);
  }
  // Machine comparison of the estimates and the log-likelihood.
  const coefNames = [...params.map((p) => p.name), ...r.coefficients.map((c) => c.name)];
  const coefValues = [...params.map((p) => p.parameter.estimate), ...r.coefficients.map((c) => c.estimate)];
  out.push(
    '',
    'sar_studio <- list(',
    `  coefficients = c(${coefNames.map((n, i) => `${rString(n)} = ${rNum(coefValues[i])}`).join(', ')}),`,
    `  logLik = ${rNum(r.logLik)}`,
    ')',
    'r_coef <- coef(fit)[names(sar_studio$coefficients)]',
    'cat("Largest relative difference of the estimates (R vs SAR Studio):",',
    '    format(max(abs(r_coef / sar_studio$coefficients - 1)), digits = 3), "\\n")',
    'cat("Relative difference of the log-likelihood:",',
    '    format(abs(as.numeric(logLik(fit)) / sar_studio$logLik - 1), digits = 3), "\\n")',
  );
  return out;
}

/**
 * The R script for `spec` (read from `specPath`); with `result`, SAR Studio's numbers to compare.
 * The fit's settings (log-determinant, SE method) are taken from the result when given, since a
 * run may override the spec's.
 */
export function toRScript(spec: Spec, specPath: string, result?: FitResult, options: RScriptOptions = {}): string {
  const specName = safe(path.basename(specPath));
  const model = spec.model;
  const wc = weightsCode(spec);
  const w = spec.weights;
  const coordColumns = w.type === 'knn' || w.type === 'distance' ? [...w.coordinates] : [];
  const numeric = [...new Set([spec.dependent, ...spec.independent, ...coordColumns])];
  const zp = rBool(w.allowIslands);
  const fml = formulaR(spec);
  const lines: string[] = [
    `# Generated by SAR Studio from ${specName}: refits the model with spdep / spatialreg for audit.`,
    '# Needs R with install.packages(c("spdep", "spatialreg"' + (wc.needsSf ? ', "sf"' : '') + ')).',
    `# Run it from the folder that holds ${specName} (the spec's paths are relative to it),`,
    '# e.g. `Rscript this-script.R` there, or set spec_dir below.',
    '',
    'library(spdep)',
    'library(spatialreg)',
  ];
  if (wc.needsSf) lines.push('library(sf)');
  lines.push('', `spec_dir <- "."  # the folder of ${specName}`, '');
  lines.push(...readData(spec, options.delimiter, numeric));
  if (result) lines.push(`stopifnot(nrow(dat) == ${result.n})`);
  lines.push('', '# Spatial weights', ...wc.lines);
  lines.push(
    `# Style ${w.style} as spdep's nb2listw; zero.policy = ${zp}: ${w.allowIslands ? 'observations without neighbours are kept with zero weights' : 'an observation without neighbours is an error'}`,
    `lw <- nb2listw(nb, ${wc.glist ? 'glist = glist, ' : ''}style = ${rString(w.style)}, zero.policy = ${zp})`,
    'print(lw, zero.policy = ' + zp + ')',
    '',
  );
  const durbin = MODEL_FORM[model].wx ? durbinArgument(spec) : undefined;
  if (model === 'ols') {
    lines.push('# OLS', `fit <- lm(${fml}, data = dat)`, 'print(summary(fit))', 'print(logLik(fit)); print(AIC(fit))', '');
    lines.push('# Tests for spatial dependence in the residuals', 'ols <- fit');
  } else {
    const args = [`${fml}`, 'data = dat', 'listw = lw'];
    if (model === 'slx') {
      if (spec.lagX) args.push(`Durbin = ${durbin}`);
      lines.push(`# ${MODEL_NAMES[model]}: OLS with the spatially lagged regressors`);
    } else {
      const m = chooseMethod(spec, result);
      args.push(`method = ${rString(m.method)}`);
      if (durbin) args.push(`Durbin = ${durbin}`);
      if (m.control) args.push(`control = ${m.control}`);
      lines.push(`# ${MODEL_NAMES[model]} by maximum likelihood`, ...m.comment);
    }
    args.push(`zero.policy = ${zp}`);
    lines.push(`fit <- ${FAMILY_NAMES[model].rFunction}(${args.join(', ')})`, 'print(summary(fit))', '');
    if (MODEL_FORM[model].rho) {
      const draws = spec.impacts.draws;
      const traces = result?.impactsMethod === 'traces';
      lines.push('# Impacts (LeSage & Pace 2009): direct, indirect, total' + (draws > 0 ? `, with ${draws} simulated draws` : ''));
      if (traces) lines.push('tr <- trW(as(lw, "CsparseMatrix"), type = "mult")  # traces of powers of W, as SAR Studio for large n');
      lines.push(`set.seed(${spec.impacts.seed})`);
      const src = traces ? 'tr = tr' : 'listw = lw';
      if (draws > 0) {
        lines.push(`imp <- impacts(fit, ${src}, R = ${draws})`, 'print(summary(imp, zstats = TRUE, short = TRUE))', '');
      } else {
        lines.push(`imp <- impacts(fit, ${src})`, 'print(imp)', '');
      }
    } else if (hasImpacts(model)) {
      lines.push('# Impacts: direct = beta, indirect = theta (the WX coefficients), with their analytic SEs', 'print(summary(impacts(fit)))', '');
    } else {
      lines.push('# In a spatial error model the impacts are the coefficients themselves.', '');
    }
    lines.push('# Tests for spatial dependence in the OLS residuals (the pre-test)', `ols <- lm(${fml}, data = dat)`);
  }
  lines.push(
    `print(lm.morantest(ols, lw, zero.policy = ${zp}))`,
    '# spdep >= 1.3-1 calls these Rao score tests: lm.RStests(ols, lw, test = "all") (RSerr, RSlag, adjRSerr,',
    '# adjRSlag, SARMA); lm.LMtests still works there, with a message.',
    `print(summary(lm.LMtests(ols, lw, test = "all", zero.policy = ${zp})))`,
  );
  if (result) lines.push(...comparison(result));
  return lines.join('\n') + '\n';
}
