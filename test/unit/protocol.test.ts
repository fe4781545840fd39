import * as assert from 'assert';
import {
  describeMessage,
  EXPORT_FORMATS,
  isHostToCompareMessage,
  isHostToResultsMessage,
  MAX_PAYLOAD_CHARS,
  PROTOCOL_VERSION,
  validateCompareToHost,
  validateResultsToHost,
} from '../../src/protocol';

const isValid = (m: unknown) => validateResultsToHost(m) === undefined;

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const valid: unknown[] = [
  { type: 'ready', version: PROTOCOL_VERSION },
  { type: 'export', format: 'png', suggestedName: 'columbus-map.png', data: PNG },
  { type: 'export', format: 'svg', suggestedName: 'columbus-map.svg', data: '<svg xmlns="http://www.w3.org/2000/svg"></svg>' },
  { type: 'export', format: 'csv', suggestedName: 'columbus-observations.csv', data: 'id,fitted\n1,2\n' },
  { type: 'export', format: 'markdown', suggestedName: 'Model (v2) + notes_1.md', data: '# x' },
  { type: 'export', format: 'tsv', suggestedName: 'a.tsv', data: '' },
  { type: 'export', format: 'txt', suggestedName: 'report.TXT', data: 'x' },
  { type: 'copy', format: 'tsv', what: 'Table 1', text: 'a\tb\n' },
  { type: 'copy', format: 'markdown', what: 'the report', text: '| a |' },
  { type: 'copy', format: 'text', what: '', text: '' },
  { type: 'reveal', observation: 0 },
  { type: 'reveal', observation: 48 },
  { type: 'refit' },
  { type: 'log', level: 'error', message: 'chart map: boom' },
  JSON.parse('{"type":"refit"}'),
  Object.assign(Object.create(null) as object, { type: 'refit' }),
];

const invalid: [string, unknown][] = [
  ['null', null],
  ['undefined', undefined],
  ['a string', 'ready'],
  ['a number', 1],
  ['an array', [{ type: 'ready', version: 1 }]],
  ['no type', {}],
  ['unknown type', { type: 'eval', code: '1' }],
  ['type not a string', { type: 1 }],
  ['inherited type', Object.create({ type: 'refit' }) as object],
  ['class instance', new (class { type = 'refit'; })()],
  ['a Date', new Date()],
  ['ready without version', { type: 'ready' }],
  ['ready with another version', { type: 'ready', version: PROTOCOL_VERSION + 1 }],
  ['extra field', { type: 'refit', force: true }],
  ['__proto__ field from JSON', JSON.parse('{"type":"refit","__proto__":{"x":1}}')],
  ['reveal negative', { type: 'reveal', observation: -1 }],
  ['reveal fractional', { type: 'reveal', observation: 1.5 }],
  ['reveal NaN', { type: 'reveal', observation: NaN }],
  ['reveal Infinity', { type: 'reveal', observation: Infinity }],
  ['reveal string', { type: 'reveal', observation: '3' }],
  ['reveal huge', { type: 'reveal', observation: 2 ** 53 }],
  ['reveal missing field', { type: 'reveal' }],
  ['hover (no longer a message)', { type: 'hoverCoefficient', name: 'INC' }],
  ['copy unknown format', { type: 'copy', format: 'html', what: 't', text: '<b>' }],
  ['copy text not a string', { type: 'copy', format: 'tsv', what: 't', text: ['a'] }],
  ['copy missing what', { type: 'copy', format: 'tsv', text: 'a' }],
  ['log unknown level', { type: 'log', level: 'debug', message: 'x' }],
  ['export unknown format', { type: 'export', format: 'exe', suggestedName: 'a.exe', data: 'MZ' }],
  ['export path traversal', { type: 'export', format: 'csv', suggestedName: '../a.csv', data: 'x' }],
  ['export dots inside', { type: 'export', format: 'csv', suggestedName: 'a..csv', data: 'x' }],
  ['export absolute path', { type: 'export', format: 'csv', suggestedName: '/etc/cron.d/a.csv', data: 'x' }],
  ['export folder', { type: 'export', format: 'csv', suggestedName: 'sub/a.csv', data: 'x' }],
  ['export windows folder', { type: 'export', format: 'csv', suggestedName: 'C:\\a.csv', data: 'x' }],
  ['export hidden file', { type: 'export', format: 'csv', suggestedName: '.a.csv', data: 'x' }],
  ['export leading dash', { type: 'export', format: 'csv', suggestedName: '-a.csv', data: 'x' }],
  ['export newline in name', { type: 'export', format: 'csv', suggestedName: 'a\n.csv', data: 'x' }],
  ['export wrong extension', { type: 'export', format: 'csv', suggestedName: 'a.sar.json', data: 'x' }],
  ['export spec as markdown', { type: 'export', format: 'markdown', suggestedName: 'model.sar.json', data: 'x' }],
  ['export name too long', { type: 'export', format: 'csv', suggestedName: `${'a'.repeat(120)}.csv`, data: 'x' }],
  ['export empty name', { type: 'export', format: 'csv', suggestedName: '', data: 'x' }],
  ['export png not a data URL', { type: 'export', format: 'png', suggestedName: 'a.png', data: 'iVBORw0KGgo=' }],
  ['export png as svg data URL', { type: 'export', format: 'png', suggestedName: 'a.png', data: 'data:image/svg+xml;base64,PHN2Zz4=' }],
  ['export png with bad base64', { type: 'export', format: 'png', suggestedName: 'a.png', data: 'data:image/png;base64,<script>' }],
  ['export data not a string', { type: 'export', format: 'csv', suggestedName: 'a.csv', data: 42 }],
];

suite('protocol: results panel → host validators', () => {
  test('accepts every well-formed message', () => {
    for (const m of valid) {
      assert.strictEqual(validateResultsToHost(m), undefined, JSON.stringify(m));
    }
  });

  test('rejects malformed messages with a reason', () => {
    for (const [what, m] of invalid) {
      const why = validateResultsToHost(m);
      assert.ok(typeof why === 'string' && why.length > 0, `${what} should be rejected`);
      assert.ok(!isValid(m), what);
    }
  });

  test('every export format has a valid example and the right extension is enforced', () => {
    for (const f of EXPORT_FORMATS) {
      assert.ok(valid.some((m) => (m as { format?: string }).format === f && (m as { type: string }).type === 'export'), f);
    }
    assert.ok(!isValid({ type: 'export', format: 'svg', suggestedName: 'a.png', data: '<svg/>' }));
  });

  test('payload size limit', () => {
    const big = 'x'.repeat(MAX_PAYLOAD_CHARS + 1);
    assert.ok(!isValid({ type: 'copy', format: 'tsv', what: 'big', text: big }));
    assert.ok(isValid({ type: 'copy', format: 'tsv', what: 'ok', text: big.slice(1) }));
  });

  test('each type is checked with its own fields', () => {
    assert.ok(isValid({ type: 'ready', version: PROTOCOL_VERSION }));
    assert.ok(isValid({ type: 'reveal', observation: 3 }));
    assert.ok(!isValid({ type: 'reveal', observation: 3, extra: 1 }));
  });

  test('describeMessage names the type and fields but never echoes values', () => {
    const d = describeMessage({ type: 'copy', format: 'tsv', what: 'secret-what', text: 'secret-text' });
    assert.ok(d.includes('"copy"') && d.includes('text'));
    assert.ok(!d.includes('secret'));
    assert.strictEqual(describeMessage(null), 'null');
    assert.strictEqual(describeMessage([1]), 'an array');
  });
});

suite('protocol: host → results light check', () => {
  test('accepts the host messages', () => {
    assert.ok(isHostToResultsMessage({ type: 'show', title: 't', result: { coefficients: [] } }));
    assert.ok(isHostToResultsMessage({ type: 'status', state: 'fitting' }));
  });

  test('rejects foreign messages', () => {
    assert.ok(!isHostToResultsMessage(null));
    assert.ok(!isHostToResultsMessage({ type: 'show', title: 't' }));
    assert.ok(!isHostToResultsMessage({ type: 'highlight', observation: 4 }));
    assert.ok(!isHostToResultsMessage({ type: 'status', state: 'weird' }));
    assert.ok(!isHostToResultsMessage({ source: 'react-devtools' }));
  });
});

suite('protocol: comparison panel ⇄ host', () => {
  test('the host acts on "Use this model", "Open results", "Compare again", copy and log, each with its exact fields', () => {
    for (const m of [
      { type: 'ready', version: PROTOCOL_VERSION },
      { type: 'useModel', model: 'sdem' },
      { type: 'openResults', model: 'gns' },
      { type: 'recompare' },
      { type: 'copy', format: 'markdown', what: 'the comparison', text: '| a |' },
      { type: 'log', level: 'warn', message: 'x' },
    ]) assert.strictEqual(validateCompareToHost(m), undefined, JSON.stringify(m));
  });

  test('an unknown model, a missing or extra field, or another panel\'s message is refused', () => {
    assert.match(validateCompareToHost({ type: 'useModel', model: 'sarar' }) ?? '', /field "model": not one of/);
    assert.match(validateCompareToHost({ type: 'useModel' }) ?? '', /missing field "model"/);
    assert.match(validateCompareToHost({ type: 'openResults', model: 'lag', extra: 1 }) ?? '', /unknown field "extra"/);
    assert.match(validateCompareToHost({ type: 'refit' }) ?? '', /unknown message type/);
    assert.match(validateCompareToHost({ type: 'useModel', model: { toString: () => 'lag' } }) ?? '', /not one of/);
  });

  test('the page takes a comparison, the spec\'s model and a status, nothing else', () => {
    assert.ok(isHostToCompareMessage({ type: 'comparison', title: 't', comparison: { models: [] } }));
    assert.ok(isHostToCompareMessage({ type: 'specModel', model: 'error' }));
    assert.ok(isHostToCompareMessage({ type: 'specModel' }));
    assert.ok(isHostToCompareMessage({ type: 'status', state: 'comparing' }));
    assert.ok(!isHostToCompareMessage({ type: 'specModel', model: 'nope' }));
    assert.ok(!isHostToCompareMessage({ type: 'show', title: 't', result: { coefficients: [] } }));
  });
});
