/** The Columbus reference data (R spatialreg output, test/fixtures/columbus) and specs that fit it in various ways. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { COLUMBUS_DIR } from './fixtures';

export { COLUMBUS_DIR };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const reference: any = JSON.parse(fs.readFileSync(path.join(COLUMBUS_DIR, 'reference.json'), 'utf8'));

/** Writes a spec (paths pointing into test/fixtures/columbus) to a temp file and returns its path. */
export function columbusSpec(overrides: Record<string, unknown> = {}): string {
  const spec = {
    data: path.join(COLUMBUS_DIR, 'data.csv'),
    dependent: 'CRIME',
    independent: ['INC', 'HOVAL'],
    weights: { type: 'gal', path: path.join(COLUMBUS_DIR, 'weights.gal'), idColumn: 'id' },
    model: 'lag',
    logdet: 'eigen',
    ...overrides,
  };
  return writeTempSpec(spec);
}

export function writeTempSpec(spec: unknown, name = 'model.sar.json'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sar-test-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, typeof spec === 'string' ? spec : JSON.stringify(spec, null, 2));
  return file;
}

/** |a − b| / |b|, with an absolute floor for values near 0. */
export function relErr(a: number, b: number, floor = 1e-12): number {
  return Math.abs(a - b) / Math.max(Math.abs(b), floor);
}

export function assertClose(actual: number, expected: number, tol: number, what: string): void {
  const e = relErr(actual, expected);
  if (!(e <= tol)) throw new Error(`${what}: ${actual} vs reference ${expected} (relative error ${e.toExponential(2)} > ${tol})`);
}
