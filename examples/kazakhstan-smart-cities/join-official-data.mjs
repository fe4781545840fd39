#!/usr/bin/env node
/**
 * Joins official city statistics onto the 40 cities' coordinates, by name, so that the example
 * can be refitted with real data instead of the ILLUSTRATIVE values of cities-illustrative.csv.
 *
 *   node join-official-data.mjs OFFICIAL.csv [OUT.csv] [--places PLACES.csv]
 *
 * OUT defaults to cities-2021.csv here; PLACES to natural-earth-cities.csv (pass a copy with extra
 * rows, e.g. Satpayev and Stepnogorsk from another gazetteer, to add cities).
 *
 * OFFICIAL.csv: comma-separated, a header row, one row per city, with the columns
 *   city, industrial_output, servers, cloud_companies, einvoice_companies
 * (other columns are ignored). City names may be spelled as the Bureau of National Statistics
 * spells them in 2021 (e.g. Nur-Sultan, Oskemen, Oral, Kapshagay): each is matched, ignoring case,
 * spaces, hyphens and dots, to the `city` column or to one of the `;`-separated `alt_names` of
 * natural-earth-cities.csv. Cities without a match on either side are listed on stderr; the output
 * holds the matched cities only, with the columns of cities-illustrative.csv.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const VALUES = ['industrial_output', 'servers', 'cloud_companies', 'einvoice_companies'];

function parseCsv(text) {
  const rows = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (line.trim() === '') continue;
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
  const [header = [], ...body] = rows;
  return { header: header.map((h) => h.trim()), rows: body.map((r) => Object.fromEntries(header.map((h, j) => [h.trim(), (r[j] ?? '').trim()]))) };
}

function csvField(v) {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Name key: lower case, without spaces, hyphens, dots, apostrophes; ё → е. */
export function nameKey(s) {
  return s.normalize('NFC').toLowerCase().replace(/ё/g, 'е').replace(/[\s\-.'’`]/g, '');
}

/** The join: { text, unmatchedOfficial, missingCities }. */
export function joinOfficial(placesText, officialText) {
  const places = parseCsv(placesText).rows;
  const official = parseCsv(officialText);
  const missingColumns = ['city', ...VALUES].filter((c) => !official.header.includes(c));
  if (missingColumns.length) throw new Error(`the official CSV lacks the column(s): ${missingColumns.join(', ')}`);
  const byKey = new Map();
  for (const p of places) {
    for (const name of [p.city, p.ne_name, ...p.alt_names.split(';')].map((s) => s.trim()).filter(Boolean)) {
      const k = nameKey(name);
      if (!byKey.has(k)) byKey.set(k, p);
    }
  }
  const values = new Map();
  const unmatchedOfficial = [];
  for (const row of official.rows) {
    const p = byKey.get(nameKey(row.city));
    if (!p) { unmatchedOfficial.push(row.city); continue; }
    for (const v of VALUES) {
      const x = row[v].replace(/\s/g, '');
      if (!/^-?(\d+\.?\d*|\.\d+)$/.test(x)) throw new Error(`${row.city}: ${v} is not a number: "${row[v]}" (write plain numbers, a dot for decimals)`);
    }
    if (values.has(p.city)) throw new Error(`two official rows match ${p.city}`);
    values.set(p.city, row);
  }
  const columns = ['id', 'city', 'alt_names', 'region', 'lon', 'lat', ...VALUES, 'source_id'];
  const out = places.filter((p) => values.has(p.city)).map((p, i) => {
    const row = values.get(p.city);
    return { ...p, id: i + 1, ...Object.fromEntries(VALUES.map((v) => [v, row[v].replace(/\s/g, '')])) };
  });
  const text = [columns.join(','), ...out.map((r) => columns.map((c) => csvField(r[c])).join(','))].join('\n') + '\n';
  return { text, unmatchedOfficial, missingCities: places.filter((p) => !values.has(p.city)).map((p) => p.city) };
}

function main(argv) {
  const args = [...argv];
  let places = join(HERE, 'natural-earth-cities.csv');
  const at = args.indexOf('--places');
  if (at >= 0) places = args.splice(at, 2)[1];
  const [officialFile, outFile = join(HERE, 'cities-2021.csv')] = args;
  if (!officialFile || !places) {
    process.stderr.write('usage: node join-official-data.mjs OFFICIAL.csv [OUT.csv] [--places PLACES.csv]\n');
    process.exitCode = 2;
    return;
  }
  const r = joinOfficial(readFileSync(places, 'utf8'), readFileSync(officialFile, 'utf8'));
  writeFileSync(outFile, r.text);
  if (r.unmatchedOfficial.length) process.stderr.write(`no coordinates for: ${r.unmatchedOfficial.join(', ')} (add them, with lon/lat from another gazetteer and their alt_names, to a copy of natural-earth-cities.csv and pass it with --places)\n`);
  if (r.missingCities.length) process.stderr.write(`no official values for: ${r.missingCities.join(', ')} (left out)\n`);
  process.stdout.write(`wrote ${outFile}: ${r.text.trim().split('\n').length - 1} cities\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) main(process.argv.slice(2));
