/**
 * Page object for SAR Studio's spec editor (form + data grid) inside its webview, so stories read
 * `await editor.editCellWithKeyboard(0, 'CRIME', '99.5')`. Everything polls; no fixed sleeps.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Frame, Locator } from 'playwright-core';
import { poll } from './poll';
import type { Workbench } from './workbench';

export const EXTENSION_ID = 'sar-studio.sar-studio';
export const EDITOR_NAME = 'SAR Studio Spec Editor';

export interface GridPerf {
  renders: number;
  renderMsMax: number;
  renderMsAvg: number;
  firstDataPaint: number;
}

export class SpecEditorPage {
  private constructor(readonly wb: Workbench, readonly frame: Frame, readonly fileName: string) {}

  /** Opens a spec from the explorer in the spec editor and waits for its webview. */
  static async open(wb: Workbench, relativePath: string, timeoutMs = 90_000): Promise<SpecEditorPage> {
    const fileName = path.basename(relativePath);
    // Files written by the test after the workbench started: make sure the explorer lists them.
    const top = relativePath.split('/')[0];
    if (!(await wb.explorerRow(top).count())) {
      await poll(`${top} in the explorer`, async () => {
        if (await wb.explorerRow(top).count()) return true;
        await wb.runCommand('Refresh Explorer', 10_000).catch(() => wb.runCommand('File: Refresh Explorer', 10_000));
        return false;
      }, 30_000, 1000);
    }
    const frame = await wb.openInCustomEditor(relativePath, EXTENSION_ID, EDITOR_NAME, `#sar-spec-editor[data-file="${fileName}"]`, timeoutMs);
    return new SpecEditorPage(wb, frame, fileName);
  }

  get grid(): Locator {
    return this.frame.locator('#grid');
  }

  /** Rendered body rows whose data has arrived. */
  loadedRows(): Locator {
    return this.frame.locator('#grid .grid-body .grid-row:not(.loading):not([hidden])');
  }

  async waitForRows(timeoutMs = 60_000): Promise<void> {
    await this.loadedRows().first().waitFor({ timeout: timeoutMs });
  }

  async attr(selector: string, name: string): Promise<string | null> {
    return this.frame.locator(selector).first().getAttribute(name);
  }

  /** Column index of a header name. */
  async columnIndex(name: string): Promise<number> {
    return poll(`column ${name}`, async () => {
      const cols = JSON.parse((await this.grid.getAttribute('data-columns')) ?? '[]') as string[];
      return cols.indexOf(name) >= 0 ? cols.indexOf(name) : undefined;
    }, 20_000);
  }

  /** The cell of view row `r` (0-based) in column `name` (scrolled into view through the keyboard if needed). */
  cell(r: number, c: number): Locator {
    return this.frame.locator(`#grid .grid-body .grid-row[data-row="${r}"]:not([hidden]) .cell[data-col="${c}"]`);
  }

  async cellText(r: number, c: number): Promise<string> {
    await this.scrollColumnIntoView(c);
    return (await this.cell(r, c).first().innerText()).trim();
  }

  async waitForCellText(r: number, c: number, text: string, timeoutMs = 30_000): Promise<void> {
    await this.scrollColumnIntoView(c);
    await poll(`cell (${r}, ${c}) to read ${JSON.stringify(text)}`, async () => (await this.cell(r, c).count()) > 0 && (await this.cell(r, c).first().innerText()).trim() === text, timeoutMs, 100);
  }

  /** Puts the grid's active cell on (r, c) using the keyboard only: focus, Ctrl+Home, then arrows. */
  async goToCell(r: number, c: number): Promise<void> {
    await this.grid.focus();
    await this.wb.page.keyboard.press('Control+Home');
    for (let i = 0; i < c; i++) await this.wb.page.keyboard.press('ArrowRight');
    for (let i = 0; i < r; i++) await this.wb.page.keyboard.press('ArrowDown');
    await poll(`the active cell at (${r}, ${c})`, async () => (await this.frame.locator(`#grid .grid-row[data-row="${r}"] .cell.active[data-col="${c}"]`).count()) > 0, 10_000, 100);
  }

  /** Enter opens the cell editor; typing replaces the selected text; Enter commits. */
  async editCellWithKeyboard(r: number, c: number, value: string): Promise<void> {
    await this.goToCell(r, c);
    await this.wb.page.keyboard.press('Enter');
    await this.frame.locator('.cell-editor:not([hidden])').waitFor({ timeout: 10_000 });
    await this.wb.page.keyboard.type(value);
    await this.wb.page.keyboard.press('Enter');
    await this.frame.locator('.cell-editor[hidden]').waitFor({ state: 'attached', timeout: 10_000 });
  }

  header(name: string): Locator {
    return this.frame.locator(`#grid .hcell[data-name="${name}"]`);
  }

  async headerRoles(name: string): Promise<string> {
    await this.scrollColumnIntoView(name);
    return (await this.header(name).first().getAttribute('data-roles')) ?? '';
  }

  /** Clicks a column header and chooses an item of its menu (e.g. "role-regressor", "sort-asc"). */
  async chooseFromHeaderMenu(name: string, action: string): Promise<void> {
    await this.scrollColumnIntoView(name);
    await this.header(name).first().click();
    const item = this.frame.locator(`#header-menu .menu-item[data-action="${action}"]`);
    await item.waitFor({ timeout: 10_000 });
    await item.click();
  }

  async scrollColumnIntoView(column: string | number): Promise<void> {
    const c = typeof column === 'number' ? column : await this.columnIndex(column);
    const header = this.frame.locator(`#grid .hcell[data-col="${c}"]`);
    await poll(`header ${column} in view`, async () => {
      if (await header.count()) {
        const box = await header.first().boundingBox();
        const grid = await this.grid.boundingBox();
        if (box && grid && box.x >= grid.x + 40 && box.x + box.width <= grid.x + grid.width) return true;
      }
      await this.grid.evaluate((g, col) => {
        const h = g.querySelector(`.hcell[data-col="${col}"]`) as HTMLElement | null;
        if (h) {
          g.scrollLeft = Math.max(0, g.scrollLeft + h.getBoundingClientRect().left - g.getBoundingClientRect().left - 120);
          return;
        }
        // Not rendered (columns are virtualised): move towards it.
        const shown = [...g.querySelectorAll('.hcell')].map((e) => Number((e as HTMLElement).dataset.col));
        g.scrollLeft += col < Math.min(...shown) ? -400 : 400;
      }, c);
      return false;
    }, 10_000, 100);
  }

  async text(selector: string): Promise<string> {
    return this.wb.text(this.frame, selector);
  }

  async perf(): Promise<GridPerf> {
    return this.grid.evaluate((g) => ({
      renders: Number(g.dataset.renders ?? 0),
      renderMsMax: Number(g.dataset.renderMsMax ?? 0),
      renderMsAvg: Number(g.dataset.renderMsAvg ?? 0),
      firstDataPaint: Number(g.dataset.firstDataPaint ?? 0),
    }));
  }

  /**
   * Jumps the scrollbar to `fraction` of the rows and measures, inside the webview, the time until
   * the rows in view are painted with data (ms).
   */
  async timeJump(fraction: number, timeoutMs = 30_000): Promise<{ ms: number; topRow: number }> {
    return this.grid.evaluate(async (g, [f, limit]) => {
      const t0 = performance.now();
      g.scrollTop = (g.scrollHeight - g.clientHeight) * f;
      for (;;) {
        await new Promise((r) => requestAnimationFrame(() => r(undefined)));
        const rows = [...g.querySelectorAll('.grid-body .grid-row:not([hidden])')] as HTMLElement[];
        const top = g.getBoundingClientRect().top;
        const visible = rows.filter((r) => {
          const b = r.getBoundingClientRect();
          return b.bottom > top + 200 && b.top < top + g.clientHeight;
        });
        if (visible.length > 0 && visible.every((r) => !r.classList.contains('loading'))) return { ms: performance.now() - t0, topRow: Number(g.dataset.topRow) };
        if (performance.now() - t0 > limit) throw new Error('rows did not arrive');
      }
    }, [fraction, timeoutMs] as const);
  }

  /**
   * Scrolls continuously (`pxPerFrame` each animation frame, as a fast wheel or a dragged thumb
   * does) for `frames` frames and reports the frame intervals and how many frames showed rows
   * still waiting for data.
   */
  async timeContinuousScroll(pxPerFrame: number, frames: number): Promise<{ frames: number; avgFrameMs: number; p95FrameMs: number; maxFrameMs: number; framesWithBlankRows: number; rowsScrolled: number }> {
    return this.grid.evaluate(async (g, [px, n]) => {
      const deltas: number[] = [];
      let blank = 0;
      const startRow = Number(g.dataset.topRow ?? 0);
      let last = performance.now();
      for (let i = 0; i < n; i++) {
        g.scrollTop += px;
        await new Promise((r) => requestAnimationFrame(() => r(undefined)));
        await new Promise((r) => requestAnimationFrame(() => r(undefined)));
        const now = performance.now();
        deltas.push(now - last);
        last = now;
        if (g.querySelector('.grid-body .grid-row.loading:not([hidden])')) blank++;
      }
      const sorted = [...deltas].sort((a, b) => a - b);
      return {
        frames: n,
        avgFrameMs: deltas.reduce((s, d) => s + d, 0) / n / 2,
        p95FrameMs: sorted[Math.floor(0.95 * (n - 1))] / 2,
        maxFrameMs: sorted[n - 1] / 2,
        framesWithBlankRows: blank,
        rowsScrolled: Number(g.dataset.topRow ?? 0) - startRow,
      };
    }, [pxPerFrame, frames] as const);
  }
}

/** Writes a synthetic CSV of `n` rows (about 100 bytes each) and returns its size in bytes. */
export function writeLargeCsv(file: string, n: number): number {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'w');
  let seed = 12345;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  try {
    let chunk: string[] = ['id,x,y,price,income,dist,age,zone,population,area_km2\n'];
    for (let i = 1; i <= n; i++) {
      const x = rnd() * 1000;
      const y = rnd() * 1000;
      const income = 10 + rnd() * 90;
      const dist = rnd() * 30;
      const price = 50 + 2.1 * income - 1.3 * dist + rnd() * 20;
      chunk.push(`${i},${x.toFixed(9)},${y.toFixed(9)},${price.toFixed(5)},${income.toFixed(5)},${dist.toFixed(6)},${Math.floor(rnd() * 90)},Z${i % 17},${Math.floor(rnd() * 1e6)},${(rnd() * 500).toFixed(6)}\n`);
      if (chunk.length >= 20_000) {
        fs.writeSync(fd, chunk.join(''));
        chunk = [];
      }
    }
    fs.writeSync(fd, chunk.join(''));
  } finally {
    fs.closeSync(fd);
  }
  return fs.statSync(file).size;
}
