/**
 * test/fixtures/columbus and test/fixtures/kazakhstan-cities are verbatim copies of the project's
 * shared reference datasets (../shared/datasets beside the repository). Where that folder exists,
 * every copy must be byte-identical to its source; on a clean clone without it, this is skipped.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { COLUMBUS_DIR, KAZAKHSTAN_CITIES_DIR, REPO_ROOT } from '../helpers/fixtures';

const SHARED_DATASETS = path.resolve(REPO_ROOT, '..', 'shared', 'datasets');

suite('test fixtures: copies of the shared datasets', () => {
  for (const [name, copy] of [['columbus', COLUMBUS_DIR], ['kazakhstan-cities', KAZAKHSTAN_CITIES_DIR]] as const) {
    test(`test/fixtures/${name} is byte-identical to ../shared/datasets/${name}`, function () {
      const source = path.join(SHARED_DATASETS, name);
      if (!fs.existsSync(source)) this.skip();
      const files = fs.readdirSync(source).filter((f) => fs.statSync(path.join(source, f)).isFile()).sort();
      assert.ok(files.length > 0, `${source} holds files`);
      assert.deepStrictEqual(fs.readdirSync(copy).sort(), files, `the files of ${copy}`);
      for (const f of files) {
        assert.ok(fs.readFileSync(path.join(copy, f)).equals(fs.readFileSync(path.join(source, f))), `${name}/${f} differs from its source`);
      }
    });
  }
});
