/**
 * Distribution functions for p-values, accurate in the far tails (relative error ~1e-15),
 * so that a p-value of 1e-30 is printed as such and not as 0.
 *
 * - Normal: W. J. Cody's rational Chebyshev approximations (Cody 1969, "Rational Chebyshev
 *   approximations for the error function", Math. Comp. 23; algorithm as in R's nmath/pnorm.c),
 *   computing the smaller tail directly (never 1 − Φ).
 * - Normal quantile: Wichura (1988), Algorithm AS 241 (PPND16), as R's qnorm.
 * - Chi-square / gamma: regularised incomplete gamma (series and Legendre continued fraction,
 *   Numerical Recipes §6.2), with closed forms for df = 1 and 2 and for small integer df.
 * - F and t: regularised incomplete beta (continued fraction, Numerical Recipes §6.4).
 */

const M_1_SQRT_2PI = 0.398942280401432677939946059934;
const M_SQRT_32 = 5.65685424949238019520675489684;
const DBL_EPSILON = 2.220446049250313e-16;

const PN_A = [2.2352520354606839287, 161.02823106855587881, 1067.6894854603709582, 18154.981253343561249, 0.065682337918207449113];
const PN_B = [47.20258190468824187, 976.09855173777669322, 10260.932208618978205, 45507.789335026729956];
const PN_C = [
  0.39894151208813466764, 8.8831497943883759412, 93.506656132177855979, 597.27027639480026226, 2494.5375852903726711,
  6848.1904505362823326, 11602.651437647350124, 9842.7148383839780218, 1.0765576773720192317e-8,
];
const PN_D = [
  22.266688044328115691, 235.38790178262499861, 1519.377599407554805, 6485.558298266760755, 18615.571640885098091,
  34900.952721145977266, 38912.003286093271411, 19685.429676859990727,
];
const PN_P = [0.21589853405795699, 0.1274011611602473639, 0.022235277870649807, 0.001421619193227893466, 2.9112874951168792e-5, 0.02307344176494017303];
const PN_Q = [1.28426009614491121, 0.468238212480865118, 0.0659881378689285515, 0.00378239633202758244, 7.29751555083966205e-5];

/** exp(−x²/2)·temp, splitting x so that x² is exact in its leading part (Cody; R's do_del). */
function expHalfSq(x: number, temp: number): number {
  const xsq = Math.trunc(x * 16) / 16;
  const del = (x - xsq) * (x + xsq);
  return Math.exp(-xsq * xsq * 0.5) * Math.exp(-del * 0.5) * temp;
}

/** Both tails of the standard normal: [P(Z ≤ x), P(Z > x)], each to full relative precision. */
export function pnormBoth(x: number): [number, number] {
  if (Number.isNaN(x)) return [NaN, NaN];
  const y = Math.abs(x);
  if (y <= 0.67448975) {
    let xnum = 0;
    let xden = 0;
    if (y > DBL_EPSILON * 0.5) {
      const xsq = x * x;
      xnum = PN_A[4] * xsq;
      xden = xsq;
      for (let i = 0; i < 3; i++) {
        xnum = (xnum + PN_A[i]) * xsq;
        xden = (xden + PN_B[i]) * xsq;
      }
    }
    const temp = (x * (xnum + PN_A[3])) / (xden + PN_B[3]);
    return [0.5 + temp, 0.5 - temp];
  }
  let small: number; // the tail beyond |x|
  if (y <= M_SQRT_32) {
    let xnum = PN_C[8] * y;
    let xden = y;
    for (let i = 0; i < 7; i++) {
      xnum = (xnum + PN_C[i]) * y;
      xden = (xden + PN_D[i]) * y;
    }
    small = expHalfSq(y, (xnum + PN_C[7]) / (xden + PN_D[7]));
  } else if (y < 38.5) {
    // Asymptotic expansion region (Cody); underflows to 0 only beyond ~38.5.
    const xsq = 1 / (x * x);
    let xnum = PN_P[5] * xsq;
    let xden = xsq;
    for (let i = 0; i < 4; i++) {
      xnum = (xnum + PN_P[i]) * xsq;
      xden = (xden + PN_Q[i]) * xsq;
    }
    let temp = (xsq * (xnum + PN_P[4])) / (xden + PN_Q[4]);
    temp = (M_1_SQRT_2PI - temp) / y;
    small = expHalfSq(y, temp);
  } else {
    small = 0;
  }
  const large = 1 - small;
  return x > 0 ? [large, small] : [small, large];
}

/** Standard normal distribution function; `lowerTail = false` gives P(Z > x) without cancellation. */
export function pnorm(x: number, lowerTail = true): number {
  const [lo, up] = pnormBoth(x);
  return lowerTail ? lo : up;
}

/** Two-sided normal p-value 2·P(Z > |z|), computed as 2·Φ(−|z|) (R's `p_accurate`, not 2·(1 − Φ(|z|))). */
export function pTwoSidedNormal(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return 2 * pnorm(-Math.abs(z));
}

const QA = [3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727];
const QB = [1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061, 28729.085735721942674, 5226.495278852854561];
const QC = [1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4];
const QD = [1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459, 0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9];
const QE = [6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7];
const QF = [1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4, 1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15];

function poly(c: readonly number[], x: number): number {
  let s = c[c.length - 1];
  for (let i = c.length - 2; i >= 0; i--) s = s * x + c[i];
  return s;
}

/** Standard normal quantile Φ⁻¹(p), Wichura (1988) AS 241, relative accuracy ~1e-16. */
export function qnorm(p: number, lowerTail = true): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return NaN;
  // Work with the lower-tail probability pl and its complement pu, each given exactly when possible.
  const pl = lowerTail ? p : 1 - p;
  const pu = lowerTail ? 1 - p : p;
  if (pl === 0) return -Infinity;
  if (pu === 0) return Infinity;
  const q = pl - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(QA, r)) / poly(QB, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? pl : pu));
  let val: number;
  if (r <= 5) {
    r -= 1.6;
    val = poly(QC, r) / poly(QD, r);
  } else {
    r -= 5;
    val = poly(QE, r) / poly(QF, r);
  }
  return q < 0 ? -val : val;
}

// Lanczos approximation (g = 607/128, 15 terms; Godfrey's coefficients), relative error ~1e-15.
const LANCZOS_G = 607 / 128;
const LANCZOS = [
  0.99999999999999709182, 57.156235665862923517, -59.597960355475491248, 14.136097974741747174, -0.49191381609762019978,
  0.33994649984811888699e-4, 0.46523628927048575665e-4, -0.98374475304879564677e-4, 0.15808870322491248884e-3,
  -0.21026444172410488319e-3, 0.2174396181152126432e-3, -0.16431810653676389022e-3, 0.84418223983852743293e-4,
  -0.2619083840158140867e-4, 0.36899182659531622704e-5,
];
const LN_SQRT_2PI = 0.918938533204672741780329736406;

/** ln Γ(x) for x > 0. */
export function lgamma(x: number): number {
  if (!(x > 0)) return x === 0 ? Infinity : NaN;
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lgamma(1 - x);
  if (Number.isInteger(x) && x <= 30) {
    let f = 0;
    for (let i = 2; i < x; i++) f += Math.log(i);
    return f;
  }
  const z = x - 1;
  let s = LANCZOS[0];
  for (let i = 1; i < LANCZOS.length; i++) s += LANCZOS[i] / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return LN_SQRT_2PI + (z + 0.5) * Math.log(t) - t + Math.log(s);
}

const TINY = 1e-300;

/**
 * Regularised incomplete gamma functions [P(a, x), Q(a, x)] (Numerical Recipes §6.2): the series
 * for x < a + 1 (then Q = 1 − P is not small), Lentz's continued fraction for Q otherwise.
 */
export function incompleteGamma(a: number, x: number): [number, number] {
  if (!(a > 0) || Number.isNaN(x)) return [NaN, NaN];
  if (x <= 0) return [0, 1];
  if (x === Infinity) return [1, 0];
  const logPrefix = -x + a * Math.log(x) - lgamma(a);
  if (x < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let n = 0; n < 10000; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-17) break;
    }
    const p = sum * Math.exp(logPrefix);
    return [p, 1 - p];
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-17) break;
  }
  const q = Math.exp(logPrefix) * h;
  return [1 - q, q];
}

/**
 * Upper tail of the chi-square distribution, P(X > x) with `df` degrees of freedom
 * (R's `pchisq(x, df, lower.tail = FALSE)`), accurate in the far tail.
 */
export function pchisqUpper(x: number, df: number): number {
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  if (df === 1) return 2 * pnorm(-Math.sqrt(x));
  if (df === 2) return Math.exp(-x / 2);
  // Small integer df: finite sums of positive terms (Abramowitz & Stegun 26.4.4–26.4.5).
  if (Number.isInteger(df) && df <= 100 && x < 1400) {
    if (df % 2 === 0) {
      const h = x / 2;
      let term = Math.exp(-h);
      let sum = term;
      for (let k = 1; k < df / 2; k++) {
        term *= h / k;
        sum += term;
      }
      return Math.min(1, sum);
    }
    let term = Math.sqrt((2 * x) / Math.PI) * Math.exp(-x / 2); // k = 0 term: x^0 / 1
    let sum = 0;
    for (let k = 0; k < (df - 1) / 2; k++) {
      if (k > 0) term *= x / (2 * k + 1);
      sum += term;
    }
    return Math.min(1, 2 * pnorm(-Math.sqrt(x)) + sum);
  }
  return incompleteGamma(df / 2, x / 2)[1];
}

/** Lower tail of the chi-square distribution, P(X ≤ x). */
export function pchisq(x: number, df: number, lowerTail = true): number {
  if (!lowerTail) return pchisqUpper(x, df);
  if (Number.isNaN(x) || !(df > 0)) return NaN;
  if (x <= 0) return 0;
  if (df === 2) return -Math.expm1(-x / 2);
  const [p, q] = incompleteGamma(df / 2, x / 2);
  return q < 0.5 ? 1 - q : p;
}

/** Continued fraction for the incomplete beta function (Numerical Recipes `betacf`, modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 10000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/**
 * Regularised incomplete beta I_x(a, b) and its complement 1 − I_x(a, b), each computed
 * directly from the continued fraction on the side where it converges (no cancellation).
 */
export function incompleteBeta(x: number, a: number, b: number): [number, number] {
  if (Number.isNaN(x) || !(a > 0) || !(b > 0)) return [NaN, NaN];
  if (x <= 0) return [0, 1];
  if (x >= 1) return [1, 0];
  const lbt = lgamma(a + b) - lgamma(a) - lgamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) {
    const v = (Math.exp(lbt) * betaContinuedFraction(a, b, x)) / a;
    return [v, 1 - v];
  }
  const v = (Math.exp(lbt) * betaContinuedFraction(b, a, 1 - x)) / b;
  return [1 - v, v];
}

/** Upper tail of the F distribution, P(F > f) with (df1, df2) degrees of freedom. */
export function pfUpper(f: number, df1: number, df2: number): number {
  if (Number.isNaN(f) || !(df1 > 0) || !(df2 > 0)) return NaN;
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  // P(F > f) = I_{df2/(df2 + df1 f)}(df2/2, df1/2)
  const x = df2 / (df2 + df1 * f);
  return incompleteBeta(x, df2 / 2, df1 / 2)[0];
}

/** Two-sided p-value of Student's t: P(|T| > |t|) with df degrees of freedom. */
export function pTwoSidedT(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return NaN;
  if (!Number.isFinite(df)) return pTwoSidedNormal(t);
  const x = df / (df + t * t);
  return incompleteBeta(x, df / 2, 0.5)[0];
}

/**
 * The upper-tail two-sided quantile of Student's t: the t with P(|T| > t) = p (for a 95 % interval
 * p = 0.05, R's qt(0.975, df)). Bisection on pTwoSidedT from the normal quantile outward: 200
 * halvings at most, far below rounding.
 */
export function qtTwoSided(p: number, df: number): number {
  if (!(p > 0 && p < 1) || !(df > 0)) return NaN;
  if (!Number.isFinite(df)) return qnorm(p / 2, false);
  let lo = 0;
  let hi = Math.max(1, qnorm(p / 2, false));
  for (let i = 0; i < 2000 && pTwoSidedT(hi, df) > p; i++) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (pTwoSidedT(mid, df) > p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
