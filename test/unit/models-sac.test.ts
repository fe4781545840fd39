/**
 * The SAC and GNS models (spatialreg `sacsarlm`, `sacsarlm(Durbin = TRUE)`) against R on Columbus
 * (test/fixtures/columbus/reference-extended.json). ρ and λ are determined only loosely where the
 * likelihood is flat: R's own refits from its four starts spread by 7.1e-7 (SAC) and 4.6e-6 (GNS)
 * in ρ/λ at the best logLik (`checks.*_start_spread`); our optimum is polished until the gradient is
 * ~1e-13, so ρ, λ and β are held to 5× R's spread, logLik to 1e-10 relative, and the asymptotic SEs
 * (which move with ρ, λ) to 1e-5.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { eigenLogDet } from '../../src/core/logdet/eigen';
import { buildDesign, type Design } from '../../src/core/models/design';
import { fitSac, sacAsymptotic, sacDenseTraces, sacHessian, SacLikelihood } from '../../src/core/models/sac';
import { COLUMBUS_DIR } from '../helpers/fixtures';
import { assertClose } from '../helpers/columbus';
import { columbusStyleW } from '../helpers/weights';
import { loadColumbus } from './inference-columbus.fixture';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const ref: any = JSON.parse(fs.readFileSync(path.join(COLUMBUS_DIR, 'reference-extended.json'), 'utf8'));

function design(durbin: boolean): Design {
  const c = loadColumbus();
  const weights = columbusStyleW();
  return buildDesign({ y: c.columns.CRIME, yName: 'CRIME', columns: ['INC', 'HOVAL'].map((name) => ({ name, values: c.columns[name] })), intercept: true, durbinW: durbin ? weights.w : undefined });
}

for (const [model, durbin] of [['sac', false], ['gns', true]] as const) {
  suite(`models: ${model.toUpperCase()} by maximum likelihood (spatialreg sacsarlm${durbin ? ', Durbin = TRUE' : ''})`, () => {
    const r = ref[model];
    const spread = ref.checks[`${model}_start_spread`].at_best;
    const tol = 5 * Math.max(spread.rho_range, spread.lambda_range);
    const weights = columbusStyleW();
    const d = design(durbin);
    const logdet = eigenLogDet(weights);
    const fit = fitSac(d, weights.w, logdet);
    const toData = d.n * Math.log(d.yScale);

    test('ρ, λ, β and logLik equal R', () => {
      assert.ok(Math.abs(fit.rho - r.rho.estimate) < tol, `ρ ${fit.rho} vs ${r.rho.estimate} (tolerance ${tol})`);
      assert.ok(Math.abs(fit.lambda - r.lambda.estimate) < tol, `λ ${fit.lambda} vs ${r.lambda.estimate}`);
      assertClose(fit.logLik - toData, r.loglik, 1e-10, 'logLik');
      assertClose((fit.sse / d.n) * d.yScale ** 2, r.sigma2, 10 * tol, 'σ²');
      r.coefficients.forEach((c: { term: string; estimate: number }, j: number) => {
        assert.strictEqual(d.names[j], c.term);
        assertClose((fit.beta[j] * d.yScale) / d.colScale[j], c.estimate, 20 * tol, c.term);
      });
    });

    test('the estimate is the maximum: the gradient is ~0 and every start reaches it', () => {
      assert.ok(Math.abs(fit.gradient[0]) < 1e-9 && Math.abs(fit.gradient[1]) < 1e-9, `gradient ${fit.gradient}`);
      assert.deepStrictEqual(fit.otherMaxima, [], 'R reports no other local maximum here');
      assert.ok(fit.optima.length >= 4 && fit.optima.every((o) => o.converged && Math.abs(o.logLik - fit.optima[0].logLik) < 1e-9));
      assert.ok(!fit.atBoundary.rho && !fit.atBoundary.lambda);
    });

    test('asymptotic standard errors equal R\'s information-matrix inverse', () => {
      const cov = sacAsymptotic(d, weights.w, fit, logdet, sacDenseTraces(weights.w, fit.rho, fit.lambda)!)!;
      assert.deepStrictEqual(cov.names, r.vcov_asymptotic.names.map((n: string) => (n === 'sigma' ? 'sigma2' : n)));
      const unit = (i: number) => (i === 0 ? d.yScale ** 2 : i < 3 ? 1 : d.yScale / d.colScale[i - 3]);
      const v = r.vcov_asymptotic.matrix;
      for (let i = 0; i < cov.size; i++) {
        for (let j = 0; j < cov.size; j++) {
          // Relative to the entry's scale √(v_ii v_jj), so near-zero covariances are held alike.
          const diff = Math.abs(cov.matrix[i * cov.size + j] * unit(i) * unit(j) - v[i][j]) / Math.sqrt(v[i][i] * v[j][j]);
          assert.ok(diff < 1e-5, `vcov[${cov.names[i]}, ${cov.names[j]}]: ${diff}`);
        }
      }
    });

    test('the analytic Hessian equals finite differences of the log-likelihood', () => {
      const lik = new SacLikelihood(d, weights.w, logdet);
      const theta = [fit.rho, fit.lambda, ...fit.beta];
      // ℓ(ρ, λ, β) with σ² concentrated, from n-vectors (independent of the Gram-matrix algebra)
      const ell = (t: number[]) => {
        const e = lik.residuals(t[0], t[1], Float64Array.from(t.slice(2)));
        const sse = e.reduce((s, v) => s + v * v, 0);
        return logdet.value(t[0]) + logdet.value(t[1]) - (d.n / 2) * Math.log(sse / d.n);
      };
      const h = lik.fullHessian(fit.rho, fit.lambda, fit.beta);
      const q = theta.length;
      const step = 1e-4;
      for (let a = 0; a < q; a++) {
        for (let b = 0; b < q; b++) {
          const at = (da: number, db: number) => ell(theta.map((v, i) => v + (i === a ? da : 0) + (i === b ? db : 0)));
          const fd = (at(step, step) - at(step, -step) - at(-step, step) + at(-step, -step)) / (4 * step * step);
          assert.ok(Math.abs(fd - h[a * q + b]) <= 1e-5 * Math.max(1, Math.abs(h[a * q + b])), `H[${a},${b}] ${h[a * q + b]} vs ${fd}`);
        }
      }
      const hess = sacHessian(d, weights.w, fit, logdet)!;
      assert.deepStrictEqual(hess.names.slice(0, 2), ['rho', 'lambda']);
    });
  });
}
