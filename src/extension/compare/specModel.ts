/**
 * The spec's `model`, read and written on its TextDocument: "Use this model" is one minimal
 * `WorkspaceEdit` of the document (undoable, marks it dirty, and an open spec editor shows it
 * at once, since the spec editor renders that same document).
 */
import * as vscode from 'vscode';
import { MODELS } from '../../core/spec/schema';
import type { ModelType } from '../../core/spec/types';
import { minimalEdit, setField } from '../specEditor/specEdits';
import { specFormState } from '../specEditor/specState';

/** The model the spec text names (the default "lag" when it names none), undefined when it does not parse or names an unknown one. */
export function specModelOf(text: string): ModelType | undefined {
  const form = specFormState(text);
  if (form.syntaxError) return undefined;
  return (MODELS as readonly string[]).includes(form.model) ? (form.model as ModelType) : undefined;
}

/** Sets `"model": model` in the spec document; false (with the reason) when the text cannot take it. */
export async function writeSpecModel(specUri: vscode.Uri, model: ModelType): Promise<{ ok: true } | { ok: false; reason: string }> {
  const doc = await vscode.workspace.openTextDocument(specUri);
  const text = doc.getText();
  const result = setField(text, 'model', model, []);
  if ('error' in result) return { ok: false, reason: result.error };
  const edit = minimalEdit(text, result.text);
  if (!edit) return { ok: true };
  const we = new vscode.WorkspaceEdit();
  we.replace(specUri, new vscode.Range(doc.positionAt(edit.offset), doc.positionAt(edit.offset + edit.length)), edit.content);
  return (await vscode.workspace.applyEdit(we)) ? { ok: true } : { ok: false, reason: 'VS Code refused the edit' };
}
