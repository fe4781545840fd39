import * as vscode from 'vscode';
import type { RunOutcome } from '../core/run';
import { fitHeadline } from './report';

/** One status-bar item with the last fit's headline, e.g. `SAR ρ=0.40389 logLik=-183.17 23 ms`. Click: the output. */
export class FitStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('sarStudio.fit', vscode.StatusBarAlignment.Left, 50);

  constructor(clickCommand: string) {
    this.item.name = 'SAR Studio';
    this.item.command = clickCommand;
  }

  running(specName: string): void {
    this.show(`$(sync~spin) SAR fitting ${specName}…`, `Fitting ${specName}`);
  }

  cancelled(): void {
    this.show('SAR fit cancelled', 'The last fit was cancelled');
  }

  finished(outcome: RunOutcome): void {
    const r = outcome.result;
    if (!r) {
      const errors = outcome.problems.filter((p) => p.severity === 'error').length;
      this.show(`$(error) SAR ${errors} problem${errors === 1 ? '' : 's'}`, 'The fit failed: see Problems', true);
      return;
    }
    const ms = r.timings?.totalMs;
    const time = ms === undefined ? '' : ms < 1000 ? ` ${ms.toFixed(0)} ms` : ` ${(ms / 1000).toFixed(1)} s`;
    this.show(`SAR ${fitHeadline(r, 'compact')}${time}`, `${r.model} model of ${r.dependent}, n=${r.n}, fitted in${time}: click for the report`);
  }

  private show(text: string, tooltip: string, isError = false): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = isError ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
