/**
 * Page objects for the VS Code web workbench (code-server 4.139 / VS Code 1.139), so E2E tests
 * read like user stories: `await wb.openFile('columbus/columbus.sar.json')`,
 * `await wb.runCommand('SAR Studio: Fit SAR model')`, `await wb.waitForProblem(/HOVALL/)`.
 * Selectors follow docs/testing.md; all waits poll a condition.
 */
import type { Frame, Locator, Page } from 'playwright-core';
import { escapeRegExp, exactly, poll } from './poll';
import { deepText, findWebviewFrame } from './webviews';

export interface ProblemRow {
  /** The file name the problem is listed under. */
  file: string;
  /** e.g. `Error: Unknown column "HOVALL" at line 4 and character 26.` */
  ariaLabel: string;
  /** e.g. `Unknown column "HOVALL" [Ln 4, Col 26]` */
  text: string;
}

export class Workbench {
  constructor(readonly page: Page) {}

  // ── Startup ────────────────────────────────────────────────────────────────

  /** The editor part and the explorer's first rows are there (about 4–6 s after `goto`). */
  async waitReady(timeoutMs = 90_000): Promise<void> {
    await this.page.locator('.monaco-workbench .part.editor').waitFor({ timeout: timeoutMs });
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: timeoutMs });
  }

  /** Waits until an extension's command is offered by the palette (contributions arrive after the workbench). */
  async waitForCommand(title: string, timeoutMs = 60_000): Promise<void> {
    await poll(`the palette to offer "${title}"`, async () => {
      const row = await this.openPaletteWith(title);
      const found = await row.first().isVisible();
      await this.page.keyboard.press('Escape');
      await this.quickInput().waitFor({ state: 'hidden', timeout: 5000 }).catch(() => undefined);
      return found;
    }, timeoutMs, 300);
  }

  // ── Command palette ──────────────────────────────────────────────────────

  private quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  /** Opens the palette, types `>title` and returns the row(s) whose label is exactly `title` (after a short wait). */
  private async openPaletteWith(title: string): Promise<Locator> {
    const input = this.quickInput().locator('input[type="text"]');
    if (!(await input.isVisible())) {
      await this.page.keyboard.press('F1');
      try {
        await input.waitFor({ state: 'visible', timeout: 3000 });
      } catch {
        // Focus may sit in a webview that swallowed F1: the command center opens the same quick input.
        await this.page.locator('.command-center-center').click();
        await input.waitFor({ state: 'visible', timeout: 5000 });
      }
    }
    await input.fill(`>${title}`);
    const row = this.quickInput().locator('.monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: exactly(title) }) });
    await row.first().waitFor({ state: 'visible', timeout: 1500 }).catch(() => undefined);
    return row;
  }

  /**
   * Runs a command from the palette by its exact title (e.g. "SAR Studio: Fit SAR model").
   * `waitClosed: false` for commands that open a quick input of their own.
   */
  async runCommand(title: string, timeoutMs = 30_000, waitClosed = true): Promise<void> {
    await poll(`the palette to run "${title}"`, async () => {
      const row = await this.openPaletteWith(title);
      if (!(await row.first().isVisible())) {
        await this.page.keyboard.press('Escape'); // the quick pick does not refresh: reopen it
        return false;
      }
      await row.first().click();
      return true;
    }, timeoutMs, 300);
    if (waitClosed) await this.quickInput().waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
  }

  /** In an open quick pick, chooses the row labelled exactly `label`. */
  async pickQuickItem(label: string, timeoutMs = 15_000): Promise<void> {
    const row = this.quickInput().locator('.monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: exactly(label) }) });
    await row.first().waitFor({ state: 'visible', timeout: timeoutMs });
    await row.first().click();
  }

  /** Switches the colour theme with "Preferences: Color Theme" (the quick pick previews and applies it); `bodyClass` marks it on the workbench. */
  async setTheme(label: string, bodyClass: string): Promise<void> {
    await poll(`the ${label} theme`, async () => {
      if ((await this.page.locator(`.monaco-workbench.${bodyClass}`).count()) > 0) return true;
      await this.runCommand('Preferences: Color Theme', 30_000, false);
      await this.page.locator('.quick-input-widget input[type="text"]').fill(label);
      await this.pickQuickItem(label);
      await this.page.locator(`.monaco-workbench.${bodyClass}`).waitFor({ timeout: 10_000 }).catch(() => undefined);
      return false;
    }, 60_000, 500);
  }

  /** The open quick input's title ('' when none is open). */
  async quickInputTitle(): Promise<string> {
    if (!(await this.quickInput().isVisible())) return '';
    return ((await this.quickInput().locator('.quick-input-title').first().textContent().catch(() => '')) ?? '').trim();
  }

  /**
   * Accepts, with Enter, each quick pick whose title matches `title` as it comes (a sequence of
   * picks, e.g. "New model from CSV (1/3)" … "(3/3)"), until `done()` holds. Returns the titles seen.
   */
  async acceptQuickPicks(title: RegExp, done: () => Promise<boolean>, timeoutMs = 60_000): Promise<string[]> {
    const seen: string[] = [];
    await poll(`the quick picks matching ${title} accepted`, async () => {
      if (await done()) return true;
      const t = await this.quickInputTitle();
      if (title.test(t)) {
        if (!seen.includes(t)) seen.push(t);
        await this.quickInput().locator('.monaco-list-row').first().waitFor({ state: 'visible', timeout: 5000 }).catch(() => undefined);
        await this.page.keyboard.press('Enter');
      }
      return false;
    }, timeoutMs, 400);
    return seen;
  }

  /** In the open Quick Fix menu (the editor's action widget), chooses the action titled `title`. */
  async pickQuickFix(title: string, timeoutMs = 15_000): Promise<void> {
    const item = this.page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
    await item.waitFor({ state: 'visible', timeout: timeoutMs });
    await item.click();
    await item.waitFor({ state: 'hidden', timeout: timeoutMs }).catch(() => undefined);
  }

  /**
   * VS Code's own file dialog (the web workbench's quick-input dialog for showOpenDialog /
   * showSaveDialog): waits until it is open with its path box matching `proposed`; returns the path.
   */
  async waitForFileDialog(proposed: RegExp, timeoutMs = 30_000): Promise<string> {
    const input = this.quickInput().locator('input[type="text"]');
    return poll(`a file dialog proposing ${proposed}`, async () => {
      if (!(await input.isVisible())) return undefined;
      const value = await input.inputValue();
      return proposed.test(value) ? value : undefined;
    }, timeoutMs, 200);
  }

  /** In the open file dialog: types `path` (if given) and accepts (Enter, else its OK button: "Save", "Create model", …). */
  async acceptFileDialog(path?: string, timeoutMs = 30_000): Promise<void> {
    const input = this.quickInput().locator('input[type="text"]');
    if (path !== undefined) {
      await input.fill(path);
      await poll(`the dialog to take ${path}`, async () => (await input.inputValue()) === path, 10_000, 100);
    }
    // Enter accepts once the dialog has caught up with the typed path (it lists the folder as you type).
    await poll('the file dialog to accept', async () => {
      if (!(await this.quickInput().isVisible())) return true;
      await this.page.keyboard.press('Enter');
      if (await this.quickInput().waitFor({ state: 'hidden', timeout: 1500 }).then(() => true, () => false)) return true;
      await this.quickInput().locator('.quick-input-action .monaco-button').first().click({ timeout: 2000 }).catch(() => undefined);
      return this.quickInput().waitFor({ state: 'hidden', timeout: 1500 }).then(() => true, () => false);
    }, timeoutMs, 300);
  }

  // ── Explorer and editors ─────────────────────────────────────────────────

  explorerRow(name: string): Locator {
    return this.page.locator('.explorer-folders-view .monaco-list-row').filter({ has: this.page.locator('.label-name', { hasText: exactly(name) }) });
  }

  /** Opens `a/b/file` from the explorer like a user: expands the folders, clicks the file. */
  async openFile(relativePath: string): Promise<void> {
    const parts = relativePath.split('/').filter(Boolean);
    const file = parts.pop() as string;
    for (const folder of parts) {
      const row = this.explorerRow(folder).first();
      await row.waitFor({ timeout: 30_000 });
      if ((await row.getAttribute('aria-expanded')) === 'false') await row.click();
      await poll(`folder ${folder} to expand`, async () => (await row.getAttribute('aria-expanded')) === 'true', 10_000);
    }
    const row = this.explorerRow(file).first();
    await row.waitFor({ timeout: 30_000 });
    await row.click();
    await this.tab(file).waitFor({ timeout: 30_000 });
  }

  /** The editor tab of `fileName` (its aria-label starts with the name, e.g. "x.sar.json, preview"). */
  tab(fileName: string): Locator {
    return this.page.locator(`.tabs-container .tab[aria-label^="${fileName}"]`);
  }

  /** Is a text (Monaco) editor showing in the active editor group? */
  async activeEditorIsText(): Promise<boolean> {
    return this.page.locator('.part.editor .editor-group-container.active .editor-instance .monaco-editor').first().isVisible();
  }

  /**
   * Opens a file in a custom editor. A click opens the default editor for the file, but right
   * after startup the `customEditors` contribution may not have reached the editor resolver yet,
   * and the text editor opens: then "View: Reopen Editor With..." and pick the custom editor.
   */
  async openInCustomEditor(relativePath: string, extensionId: string, editorDisplayName: string, marker: string, timeoutMs = 60_000): Promise<Frame> {
    await this.openFile(relativePath);
    return poll(`${relativePath} in "${editorDisplayName}"`, async () => {
      const frame = await findWebviewFrame(this.page, extensionId, marker, 3000).catch(() => undefined);
      if (frame) return frame;
      if (await this.activeEditorIsText()) {
        await this.runCommand('View: Reopen Editor With...');
        await this.pickQuickItem(editorDisplayName, 3000).catch(() => this.page.keyboard.press('Escape'));
      }
      return undefined;
    }, timeoutMs, 500);
  }

  /** Shows the active editor's file in the plain text editor ("View: Reopen Editor with Text Editor"). */
  async reopenWithTextEditor(): Promise<void> {
    await this.runCommand('View: Reopen Editor with Text Editor');
    await poll('the text editor', () => this.activeEditorIsText(), 20_000);
  }

  /** The inner frame of this extension's webview that contains `marker`. */
  webview(extensionId: string, marker: string, timeoutMs?: number): Promise<Frame> {
    return findWebviewFrame(this.page, extensionId, marker, timeoutMs);
  }

  /** Text of `selector` in a frame, through open shadow roots. */
  text(frame: Frame, selector: string): Promise<string> {
    return deepText(frame, selector);
  }

  /** Hovers the first token `token` of the active text editor; returns the hover's text. */
  async hover(token: string, timeoutMs = 20_000): Promise<string> {
    const span = this.page.locator('.part.editor .editor-group-container.active .monaco-editor .view-line span span', { hasText: token }).first();
    await span.waitFor({ timeout: timeoutMs });
    return poll(`a hover over "${token}"`, async () => {
      await this.page.mouse.move(0, 0);
      await span.hover();
      const hover = this.page.locator('.monaco-hover:not(.hidden) .hover-contents, .monaco-hover-content').first();
      await hover.waitFor({ state: 'visible', timeout: 3000 });
      const text = (await hover.innerText()).trim();
      return text || undefined;
    }, timeoutMs, 300);
  }

  /** Puts the cursor of the active text editor at 1-based `line`:`column` ("Go to Line/Column..."). */
  async goToPosition(line: number, column: number): Promise<void> {
    await this.runCommand('Go to Line/Column...', 30_000, false);
    const input = this.quickInput().locator('input[type="text"]');
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await this.quickInput().waitFor({ state: 'hidden', timeout: 10_000 });
    await poll(`the cursor at ${line}:${column}`, async () => {
      const text = await this.page.locator('.part.statusbar').innerText();
      return text.includes(`Ln ${line}, Col ${column}`);
    }, 10_000);
  }

  /** The hover at 1-based `line`:`column` of the active text editor ("Show or Focus Hover" at the cursor). */
  async hoverAt(line: number, column: number, timeoutMs = 20_000): Promise<string> {
    await this.goToPosition(line, column);
    return poll(`a hover at ${line}:${column}`, async () => {
      await this.runCommand('Show or Focus Hover');
      const hover = this.page.locator('.monaco-hover:not(.hidden) .hover-contents, .monaco-hover-content').first();
      await hover.waitFor({ state: 'visible', timeout: 3000 });
      return (await hover.innerText()).trim() || undefined;
    }, timeoutMs, 300);
  }

  // ── Panels ───────────────────────────────────────────────────────────────

  /** Opens the Problems panel and returns its marker rows, each with the file it is listed under. */
  async problems(): Promise<ProblemRow[]> {
    if (!(await this.page.locator('.markers-panel').isVisible())) {
      await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
      await this.page.locator('.markers-panel').waitFor({ timeout: 10_000 });
    }
    const rows = await this.page.locator('.markers-panel .monaco-list-row').evaluateAll((els) =>
      els.map((e) => ({
        ariaLabel: e.getAttribute('aria-label') ?? '',
        text: (e as HTMLElement).innerText.replace(/\s+/g, ' ').trim(),
        name: e.querySelector('.label-name')?.textContent?.trim() ?? '',
      })));
    const out: ProblemRow[] = [];
    let file = '';
    for (const r of rows) {
      if (/^(Error|Warning|Info)\b/.test(r.ariaLabel)) out.push({ file, ariaLabel: r.ariaLabel, text: r.text });
      else file = r.name; // a file row: the markers below belong to it
    }
    return out;
  }

  /** Waits for a problem whose text or aria-label matches (and, if given, listed under `file`). */
  async waitForProblem(match: RegExp, file?: string, timeoutMs = 30_000): Promise<ProblemRow> {
    return poll(`a problem matching ${match}${file ? ` in ${file}` : ''}`, async () =>
      (await this.problems()).find((r) => (!file || r.file === file) && (match.test(r.text) || match.test(r.ariaLabel))), timeoutMs, 500);
  }

  /** Shows an output channel (by its name in the Output view's channel list) and returns its text. */
  async outputChannel(name: string, match?: RegExp, timeoutMs = 30_000): Promise<string> {
    await this.runCommand('Output: Show Output Channels...');
    await this.pickQuickItem(name);
    const lines = this.page.locator('.part.panel .monaco-editor .view-lines').first();
    await lines.waitFor({ timeout: 10_000 });
    return poll(`output channel "${name}"${match ? ` to match ${match}` : ''}`, async () => {
      const text = (await lines.innerText()).replace(/\u00a0/g, ' '); // Monaco renders spaces as &nbsp;
      return (match ? match.test(text) : text.trim().length > 0) ? text : undefined;
    }, timeoutMs, 300);
  }

  /** The text of the status-bar item matching `match`, once there is one. */
  async waitForStatusBar(match: RegExp, timeoutMs = 60_000): Promise<string> {
    return poll(`a status-bar item matching ${match}`, async () => {
      const texts = await this.page.locator('.part.statusbar .statusbar-item').evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.trim()));
      return texts.find((t) => match.test(t));
    }, timeoutMs, 200);
  }

  /** Texts of the visible notification toasts. */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notifications-toasts .notification-toast').evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.trim()));
  }

  /** Waits for a notification toast whose text matches. */
  async waitForNotification(match: RegExp, timeoutMs = 30_000): Promise<string> {
    return poll(`a notification matching ${match}`, async () => (await this.notifications()).find((t) => match.test(t)), timeoutMs, 200);
  }
}

export { escapeRegExp };
