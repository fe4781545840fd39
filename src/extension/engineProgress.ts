/**
 * The progress notification of an engine run (fit, comparison): the engine's steps as messages and
 * its fractions as increments, and the notification's Cancel forwarded to the run's own token
 * source (which a newer run may also cancel).
 */
import * as vscode from 'vscode';

export type OnProgress = (step: string, fraction: number) => void;

export function withEngineProgress<T>(
  opts: { title: string; automatic?: boolean },
  source: vscode.CancellationTokenSource,
  run: (onProgress: OnProgress) => Promise<T>,
): Thenable<T> {
  return vscode.window.withProgress(
    { location: opts.automatic ? vscode.ProgressLocation.Window : vscode.ProgressLocation.Notification, title: opts.title, cancellable: !opts.automatic },
    async (progress, token) => {
      const sub = token.onCancellationRequested(() => source.cancel());
      let reported = 0;
      try {
        return await run((step, fraction) => {
          const pct = Math.max(0, Math.min(100, fraction * 100));
          progress.report({ message: step, increment: Math.max(0, pct - reported) });
          reported = Math.max(reported, pct);
        });
      } finally {
        sub.dispose();
      }
    },
  );
}
