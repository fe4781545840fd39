#!/usr/bin/env node
/**
 * ILLUSTRATIVE DATA — NOT official statistics.
 *
 * Makes `cities-illustrative.csv`: 40 real Kazakhstan cities (names and coordinates from Natural
 * Earth, in `natural-earth-cities.csv`) with ILLUSTRATIVE economic values, made up
 * deterministically so that SAR Studio can show the source paper's design (Nurbatsin et al. 2024,
 * "Spatial analysis and technological influences on smart city development in Kazakhstan") on
 * real geography. See README.md.
 *
 *   node make-illustrative-data.mjs                  write cities-illustrative.csv
 *   node make-illustrative-data.mjs --check          exit 1 if the committed file differs
 *   node make-illustrative-data.mjs --select FILE    first rebuild natural-earth-cities.csv from the
 *                                                    58-row dataset FILE (shared/datasets/kazakhstan-cities/cities.csv)
 *
 * How the values are made (all from one seeded generator, SEED below; Node ≥ 18, no packages):
 *
 * 1. City size s = Natural Earth `ne_pop_max`, except Aktau, whose Natural Earth point carries only
 *    4,479 people: it gets 147,443, the figure Natural Earth puts on its near-duplicate "Mangyshlak"
 *    point 10.7 km away (see the dataset README's caveats). Sizes below 20,000 (Zhanaozen, 8,895)
 *    are raised to 20,000, the dataset's own selection threshold. Position on a log scale:
 *    t = (ln s − ln 20,000) / (ln s_Almaty − ln 20,000), in [0, 1].
 * 2. Regressors, within the ranges the paper states, smallest at Baikonur and largest at Almaty:
 *      servers            8 … 14,104
 *      cloud_companies    2 … 7,211
 *      einvoice_companies 15 … 26,113
 *    value = round(min · (max/min)^u), u = 0.08 + 0.84·t + 0.07·c + 0.04·e, clamped to
 *    [0.02, 0.98] and the result to [min + 1, max − 1]; c ~ N(0, 1) is one "digital intensity"
 *    draw per city, shared by the three variables (so they are correlated, as in the paper), and
 *    e ~ N(0, 1) one draw per city and variable. Baikonur gets u = 0 (the minimum), Almaty u = 1.
 *    So the values grow roughly as s^1.6 and Baikonur and Almaty hold the paper's extremes.
 * 3. Industrial output (million tenge) from the paper's own fitted model, so that a fit gives
 *    numbers of the paper's size: y = (I − ρW)⁻¹ (Xβ + ε) with β = the paper's Table 1
 *    (343733.063, −248.925, −194.468, 229.249), ρ = −0.19 (Table 3: −0.19328), W = the example's
 *    weights (great-circle 4 nearest neighbours, row-standardised), and skewed errors
 *    ε = 202,700 · (exp(0.9 z) − exp(0.405)), z ~ N(0, 1): mean 0, standard deviation ≈ 339,000
 *    (the paper's σ = 339,450), median ≈ −101,000, long right tail, as the paper's residual
 *    quantiles (−308,936 … 1,058,702). Rounded to 0.1 million tenge; every value must be > 0.
 *
 * The values therefore say nothing about the real economy of any city. Replace them with the
 * Bureau of National Statistics' 2021 figures as README.md explains.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const PLACES = join(HERE, 'natural-earth-cities.csv');
const OUTPUT = join(HERE, 'cities-illustrative.csv');

/** Seed of the generator (the paper's reference year). */
export const SEED = 2021;
/** Neighbours per city in the weights used to generate y (the spec's "k"). */
export const K = 4;
/** The paper's Table 1 and Table 3 (ρ rounded). */
const BETA = [343733.063, -248.925, -194.468, 229.249];
const RHO = -0.19;
/** Skewed errors: scale and log-sd of the shifted log-normal. */
const ERROR_SCALE = 202700;
const ERROR_LOG_SD = 0.9;
const SIZE_FLOOR = 20000;
/** Natural Earth's "Mangyshlak" point population, which is Aktau's (dataset README, caveats). */
const AKTAU_SIZE = 147443;

/** The paper's stated ranges: [min (Baikonur), max (Almaty)]. */
export const RANGES = {
  servers: [8, 14104],
  cloud_companies: [2, 7211],
  einvoice_companies: [15, 26113],
};

/**
 * The 40 cities (English names as in the dataset's `city` column). The paper does not list its
 * cities. Its 40 "cities" of 2021 are most likely Kazakhstan's cities of republican and regional
 * significance (3 + 37 in 2021). 31 of those are in the Natural Earth file; the other nine
 * (Satpayev, Stepnogorsk, Aksu, Lisakovsk, Saran, Shakhtinsk, Priozersk, Kurchatov, Tekeli) are not.
 * Kulsary was explicitly requested when the dataset was made, and the remaining eight places are
 * the largest by `ne_pop_max` among the rest, leaving out Boralday and Balykshy, which are
 * suburbs 7 km from Almaty and Atyrau.
 */
export const CITIES = [
  // republican significance
  'Almaty', 'Astana', 'Shymkent',
  // regional significance (2021), present in Natural Earth
  'Karaganda', 'Taraz', 'Pavlodar', 'Ust-Kamenogorsk', 'Semey', 'Kyzylorda', 'Aktobe', 'Kostanay',
  'Petropavl', 'Uralsk', 'Atyrau', 'Temirtau', 'Kokshetau', 'Ekibastuz', 'Rudny', 'Zhezkazgan',
  'Turkestan', 'Taldykorgan', 'Balkhash', 'Kentau', 'Ridder', 'Arkalyk', 'Arys', 'Konaev',
  'Baikonur', 'Karazhal', 'Zhanaozen', 'Aktau',
  // requested in the dataset's brief
  'Kulsary',
  // the next largest by ne_pop_max
  'Sarkand', 'Altai', 'Zhitikara', 'Ayagoz', 'Shu', 'Karatau', 'Zharkent', 'Atbasar',
];

// ---------------------------------------------------------------------------------------------
// Small CSV helpers (the files here have no embedded newlines).

function parseCsv(text) {
  const rows = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (line === '') continue;
    const out = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (ch === '"') quoted = false; else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') { out.push(cur); cur = ''; } else cur += ch;
    }
    out.push(cur);
    rows.push(out);
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? ''])));
}

function csvField(v) {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function toCsv(columns, rows) {
  return [columns.join(','), ...rows.map((r) => columns.map((c) => csvField(r[c])).join(','))].join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Deterministic random numbers: mulberry32 + Box–Muller.

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normals(seed) {
  const u = mulberry32(seed);
  return () => {
    const u1 = 1 - u();
    const u2 = u();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  };
}

// ---------------------------------------------------------------------------------------------
// Geometry and algebra: great-circle kNN (as SAR Studio: haversine, radius 6371.01 km, ties to
// the lower row), row-standardised W, and a dense solve for (I − ρW) y = b.

const DEG = Math.PI / 180;
function haversineKm(lon1, lat1, lon2, lat2) {
  const s1 = Math.sin(((lat2 - lat1) * DEG) / 2);
  const s2 = Math.sin(((lon2 - lon1) * DEG) / 2);
  const h = s1 * s1 + Math.cos(lat1 * DEG) * Math.cos(lat2 * DEG) * s2 * s2;
  return 2 * 6371.01 * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function knn(lon, lat, k) {
  const n = lon.length;
  return lon.map((_, i) => {
    const d = lon.map((__, j) => ({ j, d: j === i ? Infinity : haversineKm(lon[i], lat[i], lon[j], lat[j]) }));
    d.sort((a, b) => a.d - b.d || a.j - b.j);
    return d.slice(0, Math.min(k, n - 1)).map((e) => e.j);
  });
}

function solve(A, b) {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[p][c])) p = r;
    [M[c], M[p]] = [M[p], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let j = c; j <= n; j++) M[r][j] -= f * M[c][j];
    }
  }
  const x = new Array(n).fill(0);
  for (let i = n - 1; i >= 0; i--) {
    let s = M[i][n];
    for (let j = i + 1; j < n; j++) s -= M[i][j] * x[j];
    x[i] = s / M[i][i];
  }
  return x;
}

// ---------------------------------------------------------------------------------------------

/** Rebuilds natural-earth-cities.csv from the 58-row dataset: the 40 cities, renumbered 1..40. */
function select(file) {
  const all = parseCsv(readFileSync(file, 'utf8'));
  const byName = new Map(all.map((r) => [r.city, r]));
  const missing = CITIES.filter((c) => !byName.has(c));
  if (missing.length) throw new Error(`not in ${file}: ${missing.join(', ')}`);
  if (new Set(CITIES).size !== 40) throw new Error('the city list must have 40 distinct names');
  const rows = all.filter((r) => CITIES.includes(r.city)).map((r, i) => ({ ...r, id: i + 1 }));
  const columns = ['id', 'city', 'alt_names', 'ne_name', 'region', 'lon', 'lat', 'ne_pop_max', 'source_id'];
  writeFileSync(PLACES, toCsv(columns, rows));
}

/** The illustrative table, as CSV text. */
export function makeIllustrativeCsv(placesText) {
  const places = parseCsv(placesText);
  if (places.length !== 40) throw new Error(`expected 40 cities, found ${places.length}`);
  const gauss = normals(SEED);
  const size = places.map((p) => Math.max(SIZE_FLOOR, p.city === 'Aktau' ? AKTAU_SIZE : Number(p.ne_pop_max)));
  const sAlmaty = size[places.findIndex((p) => p.city === 'Almaty')];
  const t = size.map((s) => (Math.log(s) - Math.log(SIZE_FLOOR)) / (Math.log(sAlmaty) - Math.log(SIZE_FLOOR)));
  const common = places.map(() => gauss());
  const x = {};
  for (const [name, [lo, hi]] of Object.entries(RANGES)) {
    x[name] = places.map((p, i) => {
      const e = gauss();
      if (p.city === 'Baikonur') return lo;
      if (p.city === 'Almaty') return hi;
      const u = Math.min(0.98, Math.max(0.02, 0.08 + 0.84 * t[i] + 0.07 * common[i] + 0.04 * e));
      return Math.min(hi - 1, Math.max(lo + 1, Math.round(lo * Math.pow(hi / lo, u))));
    });
  }
  const n = places.length;
  const lon = places.map((p) => Number(p.lon));
  const lat = places.map((p) => Number(p.lat));
  const nb = knn(lon, lat, K);
  const A = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (__, j) => (i === j ? 1 : 0)));
  nb.forEach((js, i) => js.forEach((j) => (A[i][j] -= RHO / js.length)));
  const shift = Math.exp((ERROR_LOG_SD * ERROR_LOG_SD) / 2);
  const b = places.map((_, i) => {
    const eps = ERROR_SCALE * (Math.exp(ERROR_LOG_SD * gauss()) - shift);
    return BETA[0] + BETA[1] * x.servers[i] + BETA[2] * x.cloud_companies[i] + BETA[3] * x.einvoice_companies[i] + eps;
  });
  const y = solve(A, b).map((v) => Math.round(v * 10) / 10);
  const bad = places.filter((_, i) => !(y[i] > 0)).map((p) => p.city);
  if (bad.length) throw new Error(`non-positive output for ${bad.join(', ')}: change the generator`);
  const rows = places.map((p, i) => ({
    id: p.id, city: p.city, alt_names: p.alt_names, region: p.region, lon: p.lon, lat: p.lat,
    industrial_output: y[i].toFixed(1), servers: x.servers[i], cloud_companies: x.cloud_companies[i],
    einvoice_companies: x.einvoice_companies[i], source_id: p.source_id,
  }));
  const columns = ['id', 'city', 'alt_names', 'region', 'lon', 'lat', 'industrial_output', 'servers', 'cloud_companies', 'einvoice_companies', 'source_id'];
  return toCsv(columns, rows);
}

function main(argv) {
  const at = argv.indexOf('--select');
  if (at >= 0) {
    if (!argv[at + 1]) throw new Error('--select needs the path of the 58-row cities.csv');
    select(argv[at + 1]);
  }
  const text = makeIllustrativeCsv(readFileSync(PLACES, 'utf8'));
  if (argv.includes('--check')) {
    let committed = '';
    try { committed = readFileSync(OUTPUT, 'utf8'); } catch { /* missing: differs */ }
    if (committed !== text) {
      process.stderr.write(`${OUTPUT} differs from what make-illustrative-data.mjs generates; run it to rewrite the file\n`);
      process.exitCode = 1;
    } else process.stdout.write(`${OUTPUT} is up to date\n`);
    return;
  }
  writeFileSync(OUTPUT, text);
  process.stdout.write(`wrote ${OUTPUT}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main(process.argv.slice(2));
