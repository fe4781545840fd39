/**
 * The layers import downwards only (README, "Architecture"): the engine knows nothing of VS Code,
 * the protocol or the webviews; a webview imports only the protocol and the pure engine; and the
 * extension's modules form no import circle (a circle means two modules that are really one).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { REPO_ROOT } from '../helpers/fixtures';

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })) {
    const rel = path.posix.join(dir, e.name);
    if (e.isDirectory()) out.push(...tsFiles(rel));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) out.push(rel);
  }
  return out;
}

/** The module specifiers a file imports or re-exports (type-only ones too: they tie modules as well). */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(path.join(REPO_ROOT, file), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^'";]*?\bfrom\s+'([^']+)'|^\s*import\s+'([^']+)'/gm)) out.push(m[1] ?? m[2]);
  return out;
}

/** A relative specifier resolved to a repository path (with .ts or /index.ts), else undefined (a package). */
function resolve(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  for (const cand of [`${base}.ts`, `${base}/index.ts`, base]) if (fs.existsSync(path.join(REPO_ROOT, cand))) return cand;
  return base;
}

suite('layering', () => {
  test('the engine (src/core) imports no vscode, no protocol, no extension and no webview code', () => {
    const bad: string[] = [];
    for (const f of tsFiles('src/core')) {
      for (const spec of importsOf(f)) {
        const target = resolve(f, spec);
        if (spec === 'vscode' || (target && !target.startsWith('src/core/'))) bad.push(`${f} → ${spec}`);
      }
    }
    assert.deepStrictEqual(bad, []);
  });

  test('the webviews import only the protocol, the pure engine, their own modules and npm packages', () => {
    const bad: string[] = [];
    for (const f of tsFiles('webview')) {
      for (const spec of importsOf(f)) {
        const target = resolve(f, spec);
        const ok = target
          ? target.startsWith('webview/') || target === 'src/protocol.ts' || target.startsWith('src/core/')
          : spec !== 'vscode' && !/^(node:|fs$|path$|os$|child_process$|worker_threads$)/.test(spec);
        if (!ok) bad.push(`${f} → ${spec}`);
      }
    }
    assert.deepStrictEqual(bad, []);
  });

  test('the extension host modules (src/extension) form no import circle', () => {
    const files = tsFiles('src/extension');
    const graph = new Map(files.map((f) => [f, importsOf(f).map((s) => resolve(f, s)).filter((t): t is string => !!t && t.startsWith('src/extension/'))]));
    const circles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const t of graph.get(f) ?? []) {
        if (state.get(t) === 'open') circles.push([...stack.slice(stack.indexOf(t)), t].join(' → '));
        else if (!state.has(t)) visit(t);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
    assert.deepStrictEqual(circles, []);
  });
});
