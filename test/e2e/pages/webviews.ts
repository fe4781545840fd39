/**
 * Webviews in the VS Code web workbench are two iframes deep:
 *   iframe.webview[src*="extensionId=<publisher.name>"]  (VS Code's host page, pre/index.html)
 *     └ iframe#active-frame                               (the extension's HTML)
 * With several webviews of one extension (spec editor + results panel) a frameLocator would be
 * ambiguous, so we scan all of them for a marker selector.
 */
import type { Frame, Page } from 'playwright-core';
import { poll } from './poll';

export async function findWebviewFrame(page: Page, extensionId: string, marker: string, timeoutMs = 30_000): Promise<Frame> {
  return poll(`a webview of ${extensionId} containing ${marker}`, async () => {
    for (const el of await page.$$(`iframe.webview[src*="extensionId=${extensionId}"]`)) {
      const outer = await el.contentFrame();
      const innerEl = outer ? await outer.$('#active-frame') : null;
      const inner = innerEl ? await innerEl.contentFrame() : null;
      if (inner && (await inner.$(marker))) return inner;
    }
    return undefined;
  }, timeoutMs);
}

/**
 * Text of the first element matching `selector`, including text inside open shadow roots
 * (`innerText` skips web components' shadow DOM, e.g. the webview UI toolkit's).
 */
export async function deepText(frame: Frame, selector: string): Promise<string> {
  return frame.$eval(selector, (root) => {
    const parts: string[] = [];
    const walk = (node: Node): void => {
      if (node.nodeType === Node.TEXT_NODE) {
        parts.push(node.textContent ?? '');
        return;
      }
      if (node instanceof Element) {
        if (node.shadowRoot) walk(node.shadowRoot);
        if (node instanceof HTMLSlotElement) {
          for (const n of node.assignedNodes()) walk(n);
          return;
        }
      }
      node.childNodes.forEach(walk);
    };
    walk(root);
    return parts.join(' ').replace(/\s+/g, ' ').trim();
  });
}
