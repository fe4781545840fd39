/**
 * CodeLens on a spec's first line: "▶ Fit SAR model", "Compare models", and after a fit the headline
 * "ρ = …, logLik = …, AIC = …" that opens the results panel.
 */
import * as vscode from 'vscode';
import { COMPARE_COMMAND, FIT_COMMAND, SHOW_RESULTS_COMMAND } from './commands/ids';
import type { FitStore } from './fitStore';
import { sameModel } from './hover';
import { fitHeadline } from './report';
import { SPEC_SELECTOR } from './specFiles';

export class SpecCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly store: FitStore) {
    this.sub = store.onDidChange(() => this.changed.fire());
  }

  static register(store: FitStore): vscode.Disposable {
    const provider = new SpecCodeLensProvider(store);
    return vscode.Disposable.from(provider, vscode.languages.registerCodeLensProvider(SPEC_SELECTOR, provider));
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses = [
      new vscode.CodeLens(top, { title: '▶ Fit SAR model', command: FIT_COMMAND, arguments: [doc.uri], tooltip: 'Fit this model (SAR Studio)' }),
      new vscode.CodeLens(top, { title: 'Compare models', command: COMPARE_COMMAND, arguments: [doc.uri], tooltip: 'Fit all eight models of the family on these data and weights and compare them (SAR Studio)' }),
    ];
    const fit = this.store.get(doc.uri);
    if (fit) {
      const stale = fit.specText !== undefined && !sameModel(fit.specText, doc.getText()) ? ' (before your edits)' : '';
      lenses.push(new vscode.CodeLens(top, {
        title: `${fitHeadline(fit.result, 'detailed')}${stale}`,
        command: SHOW_RESULTS_COMMAND,
        arguments: [doc.uri],
        tooltip: `Show the results of the fit at ${fit.fittedAt.toLocaleTimeString()}`,
      }));
    }
    return lenses;
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
