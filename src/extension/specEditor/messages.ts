/**
 * Messages between the spec-editor webview and the host. The webview side mirrors these in
 * webview/editor/main.ts (webviews must not import src/extension); move both into
 * src/protocol.ts when that module exists.
 */
import type { SpecSummary } from './summary';

export type HostToEditor = { type: 'summary'; fileName: string; summary: SpecSummary };
export type EditorToHost = { type: 'ready' } | { type: 'fit' };

export function isEditorToHost(m: unknown): m is EditorToHost {
  const t = typeof m === 'object' && m !== null ? (m as { type?: unknown }).type : undefined;
  return t === 'ready' || t === 'fit';
}
