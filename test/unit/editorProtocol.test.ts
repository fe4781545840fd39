import * as assert from 'assert';
import { isHostToEditorMessage, MAX_CELL_CHARS, MAX_PAGE_ROWS, PROTOCOL_VERSION, validateEditorToHost } from '../../src/protocol';

suite('editor protocol: messages from the webview are validated', () => {
  const good: unknown[] = [
    { type: 'ready', version: PROTOCOL_VERSION },
    { type: 'requestRows', gen: 1, viewId: 2, start: 0, count: 200 },
    { type: 'setView', gen: 1, sort: { column: 2, dir: 'desc' }, filter: null },
    { type: 'setView', gen: 1, sort: null, filter: { column: 0, op: '>=', value: '3' } },
    { type: 'editCell', gen: 1, row: 3, column: 4, value: '12.5' },
    { type: 'setRole', column: 'CRIME', role: 'regressor' },
    { type: 'setField', field: 'model', value: 'error' },
    { type: 'setField', field: 'weights.k', value: 6 },
    { type: 'setField', field: 'weights.idColumn', value: null },
    { type: 'setField', field: 'intercept', value: false },
    { type: 'fit' },
    { type: 'undo' },
    { type: 'redo' },
    { type: 'locateRow', gen: 1, row: 0, column: 0 },
    { type: 'openText', target: 'spec', line: 4, column: 2 },
    { type: 'openText', target: 'data', line: null, column: null },
    { type: 'log', level: 'info', message: 'hi' },
  ];
  for (const m of good) {
    test(`accepts ${JSON.stringify(m)}`, () => assert.strictEqual(validateEditorToHost(m), undefined));
  }

  const bad: [string, unknown][] = [
    ['not an object', 'ready'],
    ['an array', [{ type: 'fit' }]],
    ['unknown type', { type: 'eval', code: '1' }],
    ['wrong version', { type: 'ready', version: 99 }],
    ['extra field', { type: 'fit', path: '/etc/passwd' }],
    ['missing field', { type: 'editCell', gen: 1, row: 0, column: 0 }],
    ['negative row', { type: 'editCell', gen: 1, row: -1, column: 0, value: 'x' }],
    ['fractional column', { type: 'editCell', gen: 1, row: 0, column: 0.5, value: 'x' }],
    ['a huge value', { type: 'editCell', gen: 1, row: 0, column: 0, value: 'x'.repeat(MAX_CELL_CHARS + 1) }],
    ['too many rows', { type: 'requestRows', gen: 1, viewId: 0, start: 0, count: MAX_PAGE_ROWS + 1 }],
    ['unknown role', { type: 'setRole', column: 'A', role: 'owner' }],
    ['empty column name', { type: 'setRole', column: '  ', role: 'regressor' }],
    ['control characters in a name', { type: 'setRole', column: 'A\u0000', role: 'regressor' }],
    ['unknown spec field', { type: 'setField', field: '__proto__', value: 'x' }],
    ['a path as a field', { type: 'setField', field: 'weights.path.0', value: 'x' }],
    ['wrong value type', { type: 'setField', field: 'weights.k', value: '6' }],
    ['k = 0', { type: 'setField', field: 'weights.k', value: 0 }],
    ['unknown enum value', { type: 'setField', field: 'model', value: 'rm -rf' }],
    ['null for a required field', { type: 'setField', field: 'dependent', value: null }],
    ['bad sort', { type: 'setView', gen: 1, sort: { column: 1, dir: 'up' }, filter: null }],
    ['bad filter op', { type: 'setView', gen: 1, sort: null, filter: { column: 0, op: 'regex', value: '.*' } }],
    ['openText outside the two targets', { type: 'openText', target: '/etc/passwd', line: 1, column: 1 }],
    ['a class instance', Object.assign(new (class X { type = 'fit'; })())],
  ];
  for (const [what, m] of bad) {
    test(`rejects ${what}`, () => assert.ok(validateEditorToHost(m), `accepted: ${what}`));
  }

  test('the webview checks host messages by type only', () => {
    assert.ok(isHostToEditorMessage({ type: 'rows', gen: 1, viewId: 1, start: 0, rows: [], fileRows: [], invalid: [] }));
    assert.ok(!isHostToEditorMessage({ type: 'rows', gen: 1 }));
    assert.ok(!isHostToEditorMessage({ type: 'other' }));
    assert.ok(!isHostToEditorMessage(null));
  });
});
