import * as vscode from 'vscode';

/** The "SAR Studio" output channel: fit reports and problems, one block per run. */
export class SarOutput implements vscode.Disposable {
  static readonly channelName = 'SAR Studio';
  private readonly channel = vscode.window.createOutputChannel(SarOutput.channelName);

  appendBlock(title: string, lines: readonly string[]): void {
    this.channel.appendLine(`── ${title} ── ${new Date().toLocaleTimeString()}`);
    for (const line of lines) this.channel.appendLine(line);
    this.channel.appendLine('');
  }

  /** One line (e.g. the results panel's or the fit worker's log). */
  appendLine(line: string): void {
    this.channel.appendLine(line);
  }

  show(preserveFocus = true): void {
    this.channel.show(preserveFocus);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
