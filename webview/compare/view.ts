/**
 * The comparison panel's page: the recommendation and the test path that led there (an ordered
 * list of steps, each with its test, statistic, df, p-value and decision), the family table with
 * the recommended model and the spec's model marked and "Use this model" / "Open results" per
 * row, the LR tests of the nested pairs, the common-factor test, the pre-tests, and the other
 * search paths with any disagreement. Every number is the CLI report's cell (report/compare.ts,
 * export/compareTables.ts).
 */
import type { ComparisonStatusMessage, ShowComparisonMessage } from '../../src/protocol';
import type { SearchPath, Step } from '../../src/core/compare/recommend';
import type { ModelType } from '../../src/core/spec/types';
import { MODEL_NAMES } from '../../src/core/models/family';
import { comparisonTables, familyTable, nestedLrTable, preTestTables } from '../../src/core/export/compareTables';
import type { CellTable } from '../../src/core/export/tables';
import { tableMarkdown } from '../../src/core/export/markdown';
import { commonFactorText, stepNumbers } from '../../src/core/report/compare';
import { formatNumber } from '../../src/core/report/format';
import { button, h, uid } from '../results/dom';
import { cellTableElement } from '../results/cellTable';
import { post } from './api';

const short = (m: ModelType) => MODEL_NAMES[m].short;

export class ComparisonView {
  private msg?: ShowComparisonMessage;
  private statusBar?: HTMLElement;
  private status?: ComparisonStatusMessage;

  constructor(private readonly root: HTMLElement) {}

  show(msg: ShowComparisonMessage): void {
    this.msg = msg;
    this.status = undefined;
    this.render();
  }

  setSpecModel(model: ModelType | undefined): void {
    if (!this.msg) return;
    this.msg = { ...this.msg, specModel: model };
    this.markSpecModel();
  }

  setStatus(s: ComparisonStatusMessage): void {
    this.status = s;
    this.renderStatus();
  }

  private render(): void {
    const msg = this.msg;
    if (!msg) return;
    const c = msg.comparison;
    const r = c.recommendation;
    this.statusBar = h('div', { class: 'sar-status', role: 'status', 'aria-live': 'polite', hidden: true });
    const markdown = () => [`# Which model? ${msg.title}`, '', ...comparisonTables(c).map((t) => tableMarkdown(t))].join('\n');
    const header = h('header', { class: 'sar-header' },
      h('h1', {}, `Which model? ${msg.title}`),
      h('p', { class: 'sar-meta' }, `${c.dependent}, n = ${c.n}: the spatial model family by maximum likelihood · tests at α = ${formatNumber(c.alpha, 4)}`),
      h('div', { class: 'sar-toolbar', role: 'toolbar', 'aria-label': 'Comparison actions' },
        button('Compare again', () => post({ type: 'recompare' }), { secondary: false, aria: 'Fit the eight models and compare them again' }),
        button('Copy Markdown', () => post({ type: 'copy', format: 'markdown', what: 'the comparison', text: markdown() }), { aria: 'Copy the comparison tables as Markdown' }),
      ),
      this.statusBar,
    );

    const recommended = h('section', { id: 'sec-recommendation', class: 'sar-section sar-recommendation', 'aria-labelledby': 'rec-heading' },
      h('h2', { id: 'rec-heading' }, 'Recommendation: ', h('span', { class: 'sar-recommended-name' }, MODEL_NAMES[r.model].name)),
      h('div', { class: 'sar-toolbar' },
        this.useButton(r.model, true),
        button(`Open ${short(r.model)} results`, () => post({ type: 'openResults', model: r.model }), { aria: `Open the results of the ${MODEL_NAMES[r.model].name} from this comparison` }),
      ),
      this.pathBlock(r, true),
      r.disagreement ? h('p', { class: 'sar-disagreement', role: 'note' }, h('strong', {}, 'The paths disagree: '), r.disagreement, '.') : null,
    );

    const family = familyTable(c);
    const models = h('section', { id: 'sec-models', class: 'sar-section', 'aria-labelledby': 'models-heading' },
      h('h2', { id: 'models-heading' }, 'The models side by side'),
      this.tableBlock(family, {
        extraColumns: ['Actions'],
        decorate: (tr, row) => {
          const m = row.term as ModelType;
          tr.dataset.model = m;
          if (m === r.model) tr.classList.add('sar-recommended');
          if (m === c.bestAic) tr.querySelectorAll('td')[2]?.classList.add('sar-best');
          if (m === c.bestBic) tr.querySelectorAll('td')[3]?.classList.add('sar-best');
          const head = tr.querySelector('th');
          if (head && m === r.model) head.append(h('span', { class: 'sar-badge' }, 'recommended'));
          tr.append(h('td', { class: 'txt sar-row-actions' },
            this.useButton(m, false),
            button('Open results', () => post({ type: 'openResults', model: m }), { aria: `Open the results of the ${MODEL_NAMES[m].name} from this comparison` }),
          ));
        },
      }),
    );

    const lr = h('section', { id: 'sec-lr', class: 'sar-section', 'aria-labelledby': 'lr-heading' },
      h('h2', { id: 'lr-heading' }, 'Likelihood ratio tests'),
      this.tableBlock(nestedLrTable(c)),
      c.commonFactor ? h('p', { class: 'sar-explain', id: 'common-factor' }, h('strong', {}, 'Common-factor test'), ` (SDM vs SEM, H0: θ = −ρβ): ${commonFactorText(c.commonFactor)}`) : null,
    );

    const pre = preTestTables(c);
    const preSection = pre.length
      ? h('section', { id: 'sec-pretests', class: 'sar-section', 'aria-labelledby': 'pre-heading' },
          h('h2', { id: 'pre-heading' }, 'Pre-tests on the OLS residuals'), ...pre.map((t) => this.tableBlock(t)))
      : null;

    const others = r.paths.slice(1);
    const paths = others.length
      ? h('section', { id: 'sec-paths', class: 'sar-section', 'aria-labelledby': 'paths-heading' },
          h('h2', { id: 'paths-heading' }, 'The other search paths'), ...others.map((p) => this.pathBlock(p, false)))
      : null;

    const notes = msg.notes.length
      ? h('section', { id: 'sec-notes', class: 'sar-section', 'aria-labelledby': 'notes-heading' },
          h('h2', { id: 'notes-heading' }, `Notes (${msg.notes.length})`), h('ul', { class: 'sar-warnings' }, ...msg.notes.map((n) => h('li', {}, n))))
      : null;

    this.root.replaceChildren(header, recommended, models, lr, ...[preSection, paths, notes].filter((x): x is HTMLElement => x !== null));
    this.root.dataset.sarComparison = r.model;
    this.markSpecModel();
    this.renderStatus();
  }

  /** "Use this model" (the spec's current model: a disabled "In the spec"). */
  private useButton(m: ModelType, primary: boolean): HTMLButtonElement {
    const b = button(primary ? `Use ${short(m)} in the spec` : 'Use this model', () => post({ type: 'useModel', model: m }), {
      secondary: !primary,
      aria: `Write "model": "${m}" (${MODEL_NAMES[m].name}) into the spec`,
    });
    b.classList.add('sar-use');
    b.dataset.model = m;
    return b;
  }

  /** The row of the spec's model says so; its "Use" buttons are off. */
  private markSpecModel(): void {
    const current = this.msg?.specModel;
    for (const tr of this.root.querySelectorAll<HTMLTableRowElement>('tr[data-model]')) {
      const mine = tr.dataset.model === current;
      tr.classList.toggle('sar-spec-model', mine);
      let badge = tr.querySelector('.sar-badge-spec');
      if (mine && !badge) {
        badge = h('span', { class: 'sar-badge sar-badge-spec' }, 'in the spec');
        tr.querySelector('th')?.append(badge);
      } else if (!mine) badge?.remove();
    }
    for (const b of this.root.querySelectorAll<HTMLButtonElement>('button.sar-use')) {
      const mine = b.dataset.model === current;
      b.disabled = mine;
      b.title = mine ? 'The spec already uses this model' : b.getAttribute('aria-label') ?? '';
    }
  }

  private tableBlock(t: CellTable, o: { extraColumns?: string[]; decorate?: Parameters<typeof cellTableElement>[1]['decorate'] } = {}): HTMLElement {
    const headingId = uid(`t-${t.id}`);
    return h('div', { class: 'sar-table-block' },
      h('div', { class: 'sar-block-head' }, h('h3', { id: headingId }, t.title)),
      h('div', { class: 'sar-table-scroll', role: 'region', 'aria-label': t.title, tabindex: 0 }, cellTableElement(t, { labelledBy: headingId, ...o })),
      t.notes.length ? h('p', { class: 'sar-notes' }, ...t.notes.flatMap((n, k) => (k ? [h('br'), n] : [n]))) : null,
    );
  }

  /** A search path as an ordered list of its tests; conclusions without a test are arrows under them. */
  private pathBlock(p: SearchPath, main: boolean): HTMLElement {
    const headingId = uid('path');
    const list = h('ol', { class: 'sar-path', 'aria-labelledby': headingId });
    let last: HTMLElement | undefined;
    for (const s of p.steps) {
      if (!s.test) {
        const conclusion = h('div', { class: 'sar-step-conclusion' }, `→ ${s.decision}`);
        if (last) last.append(conclusion);
        else list.append(h('li', { class: 'sar-step' }, conclusion));
        continue;
      }
      last = this.stepItem(s);
      list.append(last);
    }
    const head = main
      ? h('p', { id: headingId, class: 'sar-meta' }, `By ${p.procedure} [${p.reference}]:`)
      : h('h3', { id: headingId }, `${p.procedure} → ${short(p.model)}`, h('span', { class: 'sar-meta' }, ` [${p.reference}]`));
    return h('div', { class: `sar-path-block${main ? ' sar-path-main' : ''}` }, head, list, h('p', { class: 'sar-path-end' }, `Ends at: ${MODEL_NAMES[p.model].name}`));
  }

  private stepItem(s: Step): HTMLElement {
    const n = stepNumbers(s);
    return h('li', { class: `sar-step${s.significant ? ' sar-significant' : ''}` },
      h('span', { class: 'sar-step-test' }, s.test), ': ',
      h('span', { class: 'sar-step-numbers' }, `${n.statistic} on ${n.df} DF, p-value ${n.p}`),
      s.significant ? h('span', { class: 'sar-badge sar-badge-significant' }, 'significant') : null,
      h('div', { class: 'sar-step-decision' }, s.decision),
    );
  }

  private renderStatus(): void {
    const bar = this.statusBar;
    if (!bar) return;
    const s = this.status;
    if (!s || s.state === 'idle') {
      bar.hidden = true;
      bar.textContent = '';
      return;
    }
    bar.hidden = false;
    bar.className = `sar-status sar-status-${s.state}`;
    bar.textContent = s.state === 'comparing'
      ? `Comparing…${s.text ? ` ${s.text}.` : ''} The comparison below is the previous one.`
      : `The last comparison failed${s.text ? `: ${s.text}` : ''}. The comparison below is the previous one.`;
  }
}
