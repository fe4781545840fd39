/**
 * The spec editor's edit history: which document each of its changes went to (the spec, or the
 * data CSV), so Ctrl+Z / Ctrl+Y in the webview undo and redo in that document, with VS Code's own
 * undo stack (a data file goes back to "not dirty" as in its text editor).
 */
import * as vscode from 'vscode';

export type HistoryTarget = 'spec' | 'data';

/** The text editor tab of `uri`, in any group. */
export function findTextTab(uri: vscode.Uri): vscode.Tab | undefined {
  for (const g of vscode.window.tabGroups.all) {
    for (const t of g.tabs) if (t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()) return t;
  }
  return undefined;
}

/** A data file the grid edits gets a (background) tab, so its dirty state, save and revert are visible as for any file. */
export async function ensureBackgroundTab(uri: vscode.Uri, viewColumn: vscode.ViewColumn | undefined): Promise<void> {
  if (findTextTab(uri)) return;
  await vscode.commands.executeCommand('vscode.open', uri, {
    preview: false, preserveFocus: true, viewColumn,
    // Opens the tab without activating it (TextEditorOpenOptions.inactive in the workbench).
    background: true,
  });
}

const MAX_ENTRIES = 1000;

export class EditHistory {
  private readonly done: HistoryTarget[] = [];
  private readonly undone: HistoryTarget[] = [];

  constructor(private readonly panel: vscode.WebviewPanel) {}

  push(target: HistoryTarget): void {
    this.done.push(target);
    if (this.done.length > MAX_ENTRIES) this.done.shift();
    this.undone.length = 0;
  }

  /** Undoes or redoes the last change in the document it changed (`dataDoc`: the data's document, when editable). */
  async step(kind: 'undo' | 'redo', dataDoc: vscode.TextDocument | undefined): Promise<boolean> {
    const from = kind === 'undo' ? this.done : this.undone;
    const to = kind === 'undo' ? this.undone : this.done;
    const target = from.pop() ?? 'spec';
    if (target === 'data' && dataDoc) {
      const tab = findTextTab(dataDoc.uri);
      const column = tab?.group.viewColumn ?? this.panel.viewColumn ?? vscode.ViewColumn.Active;
      const specColumn = this.panel.viewColumn;
      await vscode.window.showTextDocument(dataDoc, { viewColumn: column, preserveFocus: false, preview: false });
      await vscode.commands.executeCommand(kind);
      this.panel.reveal(specColumn, false);
    } else {
      if (!this.panel.active) this.panel.reveal(this.panel.viewColumn, false);
      await vscode.commands.executeCommand(kind);
    }
    to.push(target);
    return true;
  }
}
