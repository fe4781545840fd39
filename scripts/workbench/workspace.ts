/** A fresh workspace folder per test run, so tests may edit and save files freely. */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './paths';

export const EXAMPLES = path.join(ROOT, 'examples');
export const SPEC_FIXTURES = path.join(ROOT, 'test', 'fixtures', 'specs');

/**
 * `<runDir>/workspace/` with a copy of `examples/` (one folder per dataset, e.g. `columbus/`)
 * and `fixtures/` = the spec fixtures of test/fixtures/specs.
 */
export function createTestWorkspace(runDir: string): string {
  const ws = path.join(runDir, 'workspace');
  fs.mkdirSync(ws, { recursive: true });
  fs.cpSync(EXAMPLES, ws, { recursive: true });
  const fixtures = path.join(ws, 'fixtures');
  fs.mkdirSync(fixtures, { recursive: true });
  for (const f of fs.readdirSync(SPEC_FIXTURES)) {
    if (f.endsWith('.sar.json')) fs.copyFileSync(path.join(SPEC_FIXTURES, f), path.join(fixtures, f));
  }
  return ws;
}
