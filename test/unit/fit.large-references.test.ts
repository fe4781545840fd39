/**
 * The engine against R spatialreg on the US counties' 1980 election data (test/fixtures/elect80,
 * n = 3107, queen contiguity with 4 islands; see its README). Fitted with the sparse
 * log-determinant, whose traces of (I − ρW)⁻¹ are exact here (models/spatialTraces), against R's
 * method "eigen" (dense inverses): every exact statistic — estimates, asymptotic SEs and
 * covariance, log-likelihood, LR, Wald, the LM test on the residuals, impacts — to 1e-6 relative.
 * R's numerical-Hessian SEs (nlme::fdHess, what spatialreg reports at this n with "LU") are held
 * to their differencing noise; the error model's β SEs, GLS in R whatever λ's, to 1e-6.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { runSpecFile } from '../../src/core/run';
import type { FitResult } from '../../src/core/result';
import { assertClose, writeTempSpec } from '../helpers/columbus';
import { fixture } from '../helpers/fixtures';
import { parseCsv } from '../../src/core/io/csv';
import { parseGal } from '../../src/core/io/gal';
import { buildWeights } from '../../src/core/weights/build';
import { powerTraces } from '../../src/core/traces/moments';

const DIR = fixture('elect80');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const reference: any = JSON.parse(fs.readFileSync(path.join(DIR, 'reference.json'), 'utf8'));

async function fit(model: string, se: 'asymptotic' | 'hessian'): Promise<FitResult> {
  const spec = writeTempSpec({
    data: path.join(DIR, 'data.csv'),
    dependent: 'ln_turnout',
    independent: ['ln_college', 'ln_homeownership', 'ln_income'],
    weights: { type: 'gal', path: path.join(DIR, 'weights.gal'), idColumn: 'id', allowIslands: true },
    model,
    se,
    logdet: 'sparse',
  });
  const out = await runSpecFile(spec, { draws: 0 });
  assert.deepStrictEqual(out.problems.filter((p) => p.severity === 'error'), []);
  assert.ok(out.result);
  return out.result;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function assertCoefficients(r: FitResult, ref: any[], seTol: number): void {
  assert.deepStrictEqual(r.coefficients.map((c) => c.name), ref.map((c: { term: string }) => c.term.replace(/log\(pc_(\w+)\)/, 'ln_$1')));
  r.coefficients.forEach((c, j) => {
    assertClose(c.estimate, ref[j].estimate, 1e-6, `${c.name} estimate`);
    assertClose(c.stdError, ref[j].std_error, seTol, `${c.name} SE`);
    assertClose(c.z, ref[j].z, seTol, `${c.name} z`);
    assertClose(c.p, ref[j].p_accurate, seTol * Math.max(1, Math.abs(ref[j].z) ** 2), `${c.name} p`);
  });
}

suite('fit: elect80 (n = 3107) vs R spatialreg, exact traces with the sparse log-determinant', function () {
  this.timeout(120_000);
  for (const [model, key] of [['lag', 'sar_eigen'], ['error', 'sem_eigen'], ['durbin', 'sdm_eigen']] as const) {
    test(`${model}: every statistic of method "eigen" to 1e-6, incl. asymptotic SEs, covariance and LM test`, async () => {
      const r = await fit(model, 'asymptotic');
      const R = reference[key];
      assert.deepStrictEqual(r.traces, { method: 'exact' });
      const par = (model === 'error' ? r.lambda : r.rho)!;
      const Rp = model === 'error' ? R.lambda : R.rho;
      assertClose(par.estimate, Rp.estimate, 1e-6, 'ρ/λ');
      assertClose(par.stdError, Rp.std_error, 1e-6, 'ρ/λ SE');
      assertClose(par.z, Rp.z, 1e-6, 'ρ/λ z');
      assertCoefficients(r, R.coefficients, 1e-6);
      assertClose(r.logLik, R.loglik, 1e-9, 'logLik');
      assertClose(r.logLikOls, R.loglik_lm, 1e-12, 'logLik OLS');
      assertClose(r.sigma2, R.sigma2, 1e-6, 'σ²');
      assertClose(r.aic, R.AIC, 1e-9, 'AIC');
      assertClose(r.lrTest!.statistic, R.LR.statistic, 1e-6, 'LR');
      // Wald = z²: twice z's relative difference, which is 7e-7 for the error model because R's
      // λ̂ stops 3e-7 short of the maximum (this λ̂ is at it: models/maximise).
      assertClose(r.wald!.statistic, R.Wald.statistic, model === 'error' ? 2e-6 : 1e-6, 'Wald');
      assert.strictEqual(r.n, R.n);
      assert.strictEqual(r.parameters, R.parameters);
      if (R.LM_residual_autocorrelation) assertClose(r.lmResidualAutocorrelation!.statistic, R.LM_residual_autocorrelation.statistic, 1e-6, 'LM residual autocorrelation');
      const ref = R.vcov_asymptotic;
      ref.matrix.forEach((row: number[], i: number) => row.forEach((v, j) => assertClose(r.covariance.matrix[i][j], v, 1e-6, `vcov[${i}][${j}]`)));
      const scale = Math.sqrt(R.sigma2);
      r.residuals.values.forEach((v, i) => assert.ok(Math.abs(v - R.residuals[i]) < 1e-6 * scale, `residual ${i}`));
    });
  }

  test('tr(W), …, tr(W³⁰) are exact: R\'s trW(type = "mult") to 1e-10', () => {
    const table = parseCsv(fs.readFileSync(path.join(DIR, 'data.csv'), 'utf8'), 'data.csv');
    const gal = parseGal(fs.readFileSync(path.join(DIR, 'weights.gal'), 'utf8'), 'weights.gal');
    const weights = buildWeights({ type: 'gal', path: 'weights.gal', idColumn: 'id', style: 'W', allowIslands: true }, table, { gal });
    const ours = powerTraces(weights, 30);
    assert.strictEqual(ours.samples, undefined, 'no Monte Carlo');
    const r: number[] = reference.impacts.traces_mult_m30.traces;
    r.forEach((t, k) => assert.ok(Math.abs(ours.traces[k] - t) <= 1e-10 * Math.max(1, Math.abs(t)), `tr(W^${k + 1}): ${ours.traces[k]} vs ${t}`));
  });

  test('impacts from them: lag as impacts(tr = trW(type = "mult")) to 1e-6; Durbin as the eigenvalues, but for the m = 30 series\' ρ̂³⁰', async () => {
    const lag = await fit('lag', 'asymptotic');
    assert.strictEqual(lag.impactsMethod, 'traces');
    assert.deepStrictEqual(lag.impactsAccuracy, { method: 'exact' });
    const trace = reference.impacts.trace_mult_m30.impacts ?? reference.impacts.trace_mult_m30;
    lag.impacts!.forEach((imp, k) => {
      for (const e of ['direct', 'indirect', 'total'] as const) assertClose(imp[e], trace[k][e], 1e-6, `lag ${imp.name} ${e}`);
    });
    // spatialreg's trace impacts sum the series Σ_{j<30} ρʲ(β tr(Wʲ) + θ tr(W^{j+1}))/n, which
    // leaves at most ρ̂³⁰(|β| + |θ|)/(1 − ρ̂) of each effect (ρ̂³⁰ = 3e-6 here).
    const sdm = await fit('durbin', 'asymptotic');
    const rho = sdm.rho!.estimate;
    const coef = (name: string) => sdm.coefficients.find((c) => c.name === name)!.estimate;
    reference.sdm_eigen.impacts_exact.forEach((ref: { direct: number; indirect: number; total: number }, k: number) => {
      const imp = sdm.impacts![k];
      const bound = (rho ** 30 * (Math.abs(coef(imp.name)) + Math.abs(coef(`lag.${imp.name}`)))) / (1 - rho);
      for (const e of ['direct', 'indirect', 'total'] as const) {
        const err = Math.abs(imp[e] - ref[e]);
        assert.ok(err <= 1e-6 * Math.abs(ref[e]) + bound, `durbin ${imp.name} ${e}: ${imp[e]} vs ${ref[e]} (${err.toExponential(2)} > ${bound.toExponential(2)})`);
      }
    });
  });

  test('numerical-Hessian SEs: within R\'s fdHess differencing (5e-3); the error model\'s β SEs are the GLS ones, to 1e-6', async () => {
    const lag = await fit('lag', 'hessian');
    const R = reference.sar_sparse.LU_default;
    assertClose(lag.rho!.estimate, R.rho.estimate, 1e-6, 'ρ');
    assertClose(lag.rho!.stdError, R.rho.std_error, 5e-3, 'ρ SE (Hessian)');
    lag.coefficients.forEach((c, j) => assertClose(c.stdError, R.coefficients[j].std_error, 5e-3, `${c.name} SE (Hessian)`));
    const sem = await fit('error', 'hessian');
    const S = reference.sem_sparse.LU_default;
    assertClose(sem.lambda!.estimate, S.lambda.estimate, 1e-6, 'λ');
    assertClose(sem.lambda!.stdError, S.lambda.std_error, 5e-3, 'λ SE (Hessian)');
    assertCoefficients(sem, S.coefficients, 1e-6);
  });
});
