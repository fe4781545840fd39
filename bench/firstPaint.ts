/**
 * The spec editor's first paint for large CSVs, from the last E2E run's timings
 * (test/e2e/specEditor.large.test.ts writes test-output/e2e/spec-editor-large-files/timings.json):
 * the bench does not start VS Code itself, it reports what the E2E run measured, and when.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { SizeTimings } from '../test/e2e/specEditor.large.test';

const TIMINGS = path.join('test-output', 'e2e', 'spec-editor-large-files', 'timings.json');

/** Markdown lines: a table of the first-paint figures, or a note on how to get them. */
export function firstPaintSection(root = process.cwd()): string[] {
  const file = path.join(root, TIMINGS);
  if (!fs.existsSync(file)) return [`Spec editor first paint: no E2E timings (${TIMINGS}); \`npm run test:e2e\` measures them.`];
  let rows: SizeTimings[];
  try {
    rows = JSON.parse(fs.readFileSync(file, 'utf8')) as SizeTimings[];
  } catch {
    return [`Spec editor first paint: ${TIMINGS} is not readable.`];
  }
  const when = fs.statSync(file).mtime.toISOString().slice(0, 16).replace('T', ' ');
  return [
    `Spec editor first paint (from the E2E run of ${when} UTC, ${TIMINGS}):`,
    '',
    '| rows | MB | opened as | click → first paint | webview start → first paint | host read + index |',
    '|---:|---:|---|---:|---:|---:|',
    ...rows.map((r) => `| ${r.rows.toLocaleString('en-US')} | ${r.megabytes.toFixed(0)} | ${r.via === 'document' ? 'editable document' : 'read-only (file system)'} | ${r.clickToFirstPaintMs} ms | ${r.webviewStartToFirstPaintMs} ms | ${r.hostLoadMs} ms |`),
  ];
}
