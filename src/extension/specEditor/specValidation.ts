/**
 * The spec editor's validation: the engine's problems for the spec as it is now (no fit) — spec
 * fields, columns, files — debounced after each change, with the grid's parsed table handed to the
 * engine instead of a second parse. Bad cells are left out: the grid lists all of them itself.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Table } from '../../core/io/table';
import type { Problem } from '../../core/problems';
import { validateSpecText } from '../../core/run';
import { checkColumns, parseSpec } from '../../core/spec/parse';
import type { EditorProblem, TableMessage } from '../../protocol';
import { dirtyOverrides } from '../workspaceFiles';
import { editorLimits, type LoadedData } from './dataFile';
import { editorProblems } from './specState';

export interface SpecValidationHost {
  readonly specDoc: vscode.TextDocument;
  rootDir(): string;
  data(): LoadedData | undefined;
  table(): TableMessage;
  trusted(): boolean;
  problemsChanged(problems: EditorProblem[]): void;
}

const base = (p: string) => path.basename(p);

export class SpecValidation implements vscode.Disposable {
  private timer?: ReturnType<typeof setTimeout>;
  private seq = 0;
  private disposed = false;
  private readonly tableCache = new Map<string, { mtimeMs: number; size: number; table: Table }>();

  constructor(private readonly host: SpecValidationHost) {}

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
  }

  schedule(delay = 300): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.validate(), delay);
  }

  private async validate(): Promise<void> {
    const specUri = this.host.specDoc.uri;
    if (this.disposed || specUri.scheme !== 'file') return;
    const seq = ++this.seq;
    const text = this.host.specDoc.getText();
    const specPath = specUri.fsPath;
    const data = this.host.data();
    const table = this.host.table();
    if (table.status === 'loading') return; // validated once the data is read
    let problems: Problem[];
    try {
      if (!this.host.trusted() || data?.kind === 'filesystem' || (!data && (table.sizeBytes ?? 0) > editorLimits.documentBytes)) {
        // Restricted mode (no file reads for checks), or too large to parse again here: the spec and
        // its columns against the header the grid has (the grid lists the bad cells).
        const parsed = parseSpec(text, specPath);
        problems = parsed.spec && data ? [...parsed.problems, ...checkColumns(parsed.spec, parsed, data.source.columns, specPath)] : parsed.problems;
      } else {
        if (data?.kind === 'preview' || (data?.kind === 'document' && !data.doc.isDirty)) {
          // The grid parsed this very text already: hand it to the engine instead of a second parse.
          const st = await fs.stat(data.uri.fsPath).catch(() => undefined);
          if (st) this.tableCache.set(data.uri.fsPath, { mtimeMs: st.mtimeMs, size: st.size, table: data.table });
        }
        problems = await validateSpecText(text, specPath, { overrides: dirtyOverrides(), tableCache: this.tableCache, rootDir: this.host.rootDir() });
      }
    } catch (err) {
      problems = [{ severity: 'error', message: `validation failed: ${err instanceof Error ? err.message : String(err)}`, file: specPath }];
    }
    if (seq !== this.seq || this.disposed) return;
    const shown = problems.filter((p) => p.code !== 'not-numeric');
    this.host.problemsChanged(editorProblems(shown, specPath, text, data?.uri.fsPath, base));
  }
}
