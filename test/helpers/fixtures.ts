/**
 * Where the tests find their data: always inside the repository, so a clean clone is
 * self-contained. Resolved from this file's own location, which is `out/test/helpers/` once
 * compiled (`tsc -p tsconfig.test.json`), both under mocha and inside the VS Code extension host.
 */
import * as fs from 'fs';
import * as path from 'path';

/**
 * The first folder at or above `start` whose package.json is SAR Studio's and that holds
 * tsconfig.test.json: tsc also emits a copy of package.json into out/, which is not the root.
 */
function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && fs.existsSync(path.join(dir, 'tsconfig.test.json'))) {
      try {
        if ((JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: unknown }).name === 'sar-studio') return dir;
      } catch { /* not JSON: keep looking */ }
    }
    if (path.dirname(dir) === dir) throw new Error(`no package.json named sar-studio at or above ${start}`);
  }
}

/** The repository root (the folder of SAR Studio's package.json). */
export const REPO_ROOT = findRepoRoot(__dirname);

/** test/fixtures/ of the repository. */
export const FIXTURES_DIR = path.join(REPO_ROOT, 'test', 'fixtures');

/** Absolute path of test/fixtures/<parts>. */
export function fixture(...parts: string[]): string {
  return path.join(FIXTURES_DIR, ...parts);
}

/** Columbus (spData) with R spatialreg 1.2-6 reference output: a copy of shared/datasets/columbus. */
export const COLUMBUS_DIR = fixture('columbus');

/** Natural Earth points of Kazakhstan's cities: a copy of shared/datasets/kazakhstan-cities. */
export const KAZAKHSTAN_CITIES_DIR = fixture('kazakhstan-cities');
