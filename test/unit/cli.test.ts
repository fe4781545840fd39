import * as assert from 'assert';
import { main, parseArgs, type CliIo } from '../../src/cli/main';
import { CancelledError, ProblemError, error, warning } from '../../src/core/problems';
import type { RunOptions, RunOutcome } from '../../src/core/run';
import { MAX_DRAWS } from '../../src/core/spec/schema';
import { columbusLag } from './report-fixtures';

interface Captured {
  io: CliIo;
  out: () => string;
  err: () => string;
  calls: { spec: string; options: RunOptions }[];
}

function capture(run?: (spec: string, options: RunOptions) => Promise<RunOutcome>, extra: Partial<CliIo> = {}): Captured {
  let out = '';
  let err = '';
  const calls: Captured['calls'] = [];
  const io: CliIo = {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    stderrIsTTY: false,
    run: async (spec, options) => {
      calls.push({ spec, options });
      if (!run) throw new Error('engine must not be called');
      return run(spec, options);
    },
    env: {},
    ...extra,
  };
  return { io, out: () => out, err: () => err, calls };
}

const ok = async (): Promise<RunOutcome> => ({ result: columbusLag(), problems: [] });

suite('cli: sar-studio', () => {
  test('--help and --version print to stdout and exit 0', async () => {
    const h = capture();
    assert.strictEqual(await main(['--help'], h.io), 0);
    assert.ok(h.out().startsWith('Usage: sar-studio COMMAND SPEC'));
    assert.ok(h.out().includes('--logdet M') && h.out().includes('--draws N') && h.out().includes('--seed N'));
    assert.strictEqual(h.err(), '');
    const v = capture();
    assert.strictEqual(await main(['--version'], v.io), 0);
    assert.match(v.out(), /^sar-studio \d+\.\d+\.\d+\n$/);
    const fh = capture();
    assert.strictEqual(await main(['fit', '-h'], fh.io), 0);
  });

  test('usage errors exit 2 with a message and no stack trace', async () => {
    const cases: [string[], RegExp][] = [
      [[], /missing command/],
      [['run', 'x.sar.json'], /unknown command 'run'/],
      [['fit'], /needs a SPEC/],
      [['fit', ''], /needs a SPEC/],
      [['fit', 'a.sar.json', 'b.sar.json'], /one SPEC file/],
      [['fit', 'a.sar.json', '--logdet', 'cholesky'], /--logdet must be one of auto, eigen, sparse, chebyshev, mc/],
      [['fit', 'a.sar.json', '--se'], /--se needs a value/],
      [['fit', 'a.sar.json', '--se=robust'], /--se must be one of asymptotic, hessian/],
      [['fit', 'a.sar.json', '--draws', '-5'], /--draws must be an integer from 0 to 100000/],
      [['fit', 'a.sar.json', '--draws', '100001'], /--draws must be an integer from 0 to 100000, got '100001'/],
      [['fit', 'a.sar.json', '--draws', '9'.repeat(100)], /--draws must be an integer from 0 to 100000, got '9{60}…'/],
      [['fit', 'a.sar.json', '--draws', '1e3'], /--draws expects an integer/],
      [['fit', 'a.sar.json', '--seed', 'abc'], /--seed expects an integer/],
      [['fit', 'a.sar.json', '--frobnicate'], /unknown option '--frobnicate'/],
    ];
    for (const [argv, re] of cases) {
      const c = capture();
      assert.strictEqual(await main(argv, c.io), 2, argv.join(' '));
      assert.match(c.err(), /^sar-studio: error: /);
      assert.match(c.err(), re);
      assert.ok(c.err().includes("Try 'sar-studio --help'."));
      assert.ok(!/\n\s+at /.test(c.err()), 'no stack trace');
      assert.strictEqual(c.out(), '');
      assert.strictEqual(c.calls.length, 0);
    }
  });

  test('each problem is one line: line breaks and control characters in a message are escaped', async () => {
    const c = capture(async () => ({ problems: [error('column "a\nb\r\u0000c" is not numeric', 'd.csv', { line: 2, column: 3 })] }));
    assert.strictEqual(await main(['fit', 'x.sar.json'], c.io), 2);
    assert.strictEqual(c.err(), 'd.csv:2:3: error: column "a\\nb\\r\\u0000c" is not numeric\n');
    const u = capture();
    assert.strictEqual(await main(['fit', 'x.sar.json', '--se', 'a\nb'], u.io), 2);
    assert.strictEqual(u.err().split('\n').length, 3, u.err());
  });

  test('options reach the engine', async () => {
    const c = capture(ok);
    assert.strictEqual(await main(['fit', 'ex/columbus.sar.json', '--logdet=sparse', '--se', 'hessian', '--draws', '500', '--seed=42'], c.io), 0);
    assert.strictEqual(c.calls.length, 1);
    assert.strictEqual(c.calls[0].spec, 'ex/columbus.sar.json');
    assert.strictEqual(c.calls[0].options.logdet, 'sparse');
    assert.strictEqual(c.calls[0].options.se, 'hessian');
    assert.strictEqual(c.calls[0].options.draws, 500);
    assert.strictEqual(c.calls[0].options.seed, 42);
    assert.strictEqual(c.calls[0].options.onProgress, undefined, 'no progress when stderr is not a TTY');
    const d = capture(ok);
    await main(['fit', 'x.sar.json'], d.io);
    assert.strictEqual(d.calls[0].options.draws, undefined);
    assert.strictEqual(d.calls[0].options.seed, undefined);
    assert.strictEqual(parseArgs(['fit', '--', '--odd-name.sar.json']).spec, '--odd-name.sar.json');
    // The spec's own cap on impacts.draws (MAX_DRAWS) is the command line's.
    assert.strictEqual(parseArgs(['fit', 'x.sar.json', '--draws', String(MAX_DRAWS)]).draws, MAX_DRAWS);
    assert.throws(() => parseArgs(['fit', 'x.sar.json', '--draws', String(MAX_DRAWS + 1)]), /--draws must be an integer from 0 to 100000/);
  });

  test('prints the report on stdout', async () => {
    const c = capture(ok);
    assert.strictEqual(await main(['fit', 'x.sar.json'], c.io), 0);
    assert.ok(c.out().includes('Rho: 0.40389, LR test value: 8.4179, p-value: 0.0037154'));
    assert.ok(c.out().includes('Impact measures (lag'));
    assert.strictEqual(c.err(), '');
  });

  test('--json prints one JSON object with the documented keys', async () => {
    const c = capture(ok);
    assert.strictEqual(await main(['fit', 'x.sar.json', '--json'], c.io), 0);
    const lines = c.out().trim().split('\n');
    assert.strictEqual(lines.length, 1, 'one line, one object');
    const j = JSON.parse(lines[0]);
    for (const k of ['model', 'n', 'parameters', 'logdet', 'se', 'coefficients', 'rho', 'lrTest', 'wald', 'logLik', 'sigma2', 'aic', 'aicOls', 'residuals', 'fitted', 'lmResidualAutocorrelation', 'impacts', 'timings']) {
      assert.ok(k in j, `key ${k}`);
    }
    assert.deepStrictEqual(Object.keys(j.coefficients[0]), ['name', 'estimate', 'stdError', 'z', 'p']);
    assert.strictEqual(j.coefficients[0].name, '(Intercept)');
    assert.deepStrictEqual(Object.keys(j.rho), ['estimate', 'stdError', 'z', 'p']);
    assert.deepStrictEqual(Object.keys(j.lrTest), ['statistic', 'df', 'p']);
    assert.ok('statistic' in j.wald && 'p' in j.wald);
    assert.strictEqual(j.residuals.quantiles.length, 5);
    assert.strictEqual(j.residuals.values.length, 49);
    assert.strictEqual(j.fitted.length, 49);
    assert.deepStrictEqual(Object.keys(j.impacts[0]), ['name', 'direct', 'indirect', 'total', 'simulated']);
    assert.deepStrictEqual(Object.keys(j.impacts[0].simulated.direct), ['mean', 'stdError', 'z', 'p']);
    assert.deepStrictEqual(Object.keys(j.timings), ['readMs', 'weightsMs', 'fitMs', 'totalMs']);
    assert.ok(!('lambda' in j), 'undefined keys are left out');
    assert.strictEqual(j.model, 'lag');
    assert.strictEqual(j.rho.estimate, columbusLag().rho!.estimate);
  });

  test('input problems: exit 2, one FILE:LINE:COL line each on stderr', async () => {
    const c = capture(async () => ({
      problems: [
        error("unknown column 'CRIM' (did you mean 'CRIME'?)", 'ex/columbus.sar.json', { line: 4, column: 16 }, 'unknown-column', 'CRIME'),
        error("non-numeric value 'abc' in column 'INC'", 'ex/data.csv', { line: 12, column: 3 }),
        warning('weights graph has 2 components', 'ex/w.gal', { line: 1, column: 1 }),
      ],
    }));
    assert.strictEqual(await main(['fit', 'ex/columbus.sar.json'], c.io), 2);
    assert.strictEqual(
      c.err(),
      "ex/columbus.sar.json:4:16: error: unknown column 'CRIM' (did you mean 'CRIME'?)\n" +
        "ex/data.csv:12:3: error: non-numeric value 'abc' in column 'INC'\n" +
        'ex/w.gal:1:1: warning: weights graph has 2 components\n',
    );
    assert.strictEqual(c.out(), '');
  });

  test('a ProblemError thrown by the engine is reported the same way', async () => {
    const c = capture(async () => {
      throw new ProblemError(error('spec is not valid JSON: unexpected token', 'bad.sar.json', { line: 3, column: 7 }));
    });
    assert.strictEqual(await main(['fit', 'bad.sar.json'], c.io), 2);
    assert.strictEqual(c.err(), 'bad.sar.json:3:7: error: spec is not valid JSON: unexpected token\n');
  });

  test('warnings go to stderr once, exit 0', async () => {
    const w = warning('rho is at the edge of its interval', 'x.sar.json', { line: 1, column: 1 });
    const c = capture(async () => ({ result: { ...columbusLag(), warnings: [w] }, problems: [w, warning('2 islands allowed')] }));
    assert.strictEqual(await main(['fit', 'x.sar.json'], c.io), 0);
    assert.strictEqual(c.err(), 'x.sar.json:1:1: warning: rho is at the edge of its interval\nwarning: 2 islands allowed\n');
    assert.ok(c.out().includes('Rho:'));
    const j = capture(async () => ({ result: { ...columbusLag(), warnings: [w] }, problems: [w] }));
    assert.strictEqual(await main(['fit', 'x.sar.json', '--json'], j.io), 0);
    const obj = JSON.parse(j.out());
    assert.strictEqual(obj.warnings.length, 1);
    assert.deepStrictEqual(obj.warnings[0], { severity: 'warning', message: 'rho is at the edge of its interval', file: 'x.sar.json', line: 1, column: 1 });
  });

  test('unexpected engine failure: exit 1, short message, no stack trace', async () => {
    const c = capture(async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'length')");
    });
    assert.strictEqual(await main(['fit', 'x.sar.json'], c.io), 1);
    assert.strictEqual(c.err(), "sar-studio: internal error: Cannot read properties of undefined (reading 'length')\n");
    const d = capture(async () => {
      throw new Error('boom');
    }, { env: { SAR_STUDIO_DEBUG: '1' } });
    assert.strictEqual(await main(['fit', 'x.sar.json'], d.io), 1);
    assert.ok(/\n\s+at /.test(d.err()), 'stack only with SAR_STUDIO_DEBUG');
  });

  test('cancellation exits 130', async () => {
    const c = capture(async () => {
      throw new CancelledError();
    });
    assert.strictEqual(await main(['fit', 'x.sar.json'], c.io), 130);
    assert.strictEqual(c.err(), 'sar-studio: cancelled\n');
  });

  test('progress on stderr only when it is a TTY, cleared before output', async () => {
    const c = capture(
      async (_spec, options) => {
        options.onProgress?.('reading data', 0.1);
        options.onProgress?.('fitting', 0.6);
        return { result: columbusLag(), problems: [] };
      },
      { stderrIsTTY: true },
    );
    assert.strictEqual(await main(['fit', 'x.sar.json'], c.io), 0);
    assert.ok(c.err().includes('[ 10%] reading data'));
    assert.ok(c.err().includes('[ 60%] fitting'));
    assert.ok(c.err().endsWith('\r\x1b[K'));
    assert.ok(!c.out().includes('%]'));
  });
});
