import { css, html, nothing, unsafeCSS, type CSSResult, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { msg, str } from '@lit/localize';
import { ApiError, isAbortError, toApiError } from '../api/errors.js';
import { renderError } from './error-view.js';
import { formatMoney } from './money.js';
import type { Money } from '../api/schemas/common.js';
import { cssomStyle } from './cssom-style.js';
import { keyedRepeat } from './keyed-repeat.js';
import { LazyModule } from './lazy-module.js';
import type { WindowingController, WindowingOptions, WindowSegment } from './windowing.js';

/**
 * What the table-like lists (invoices, payments, ...) share: rows as CSS grids under an ARIA
 * table, cards on narrow hosts, and "Load more" over the server's cursor pages.
 */

/** Above this many loaded rows a list is windowed inside a fixed-height scroller (plain rendering stays fast below). */
export const WINDOW_ABOVE_ROWS = 200;

type WindowingModule = typeof import('./windowing.js');

/**
 * Loads the windowing code (`./windowing.js`, a small chunk of its own) the first time a list on
 * the page passes WINDOW_ABOVE_ROWS; `module` keeps it for every other list. Lists that never get
 * that long never download it. An object, so that tests can count, hold back or fail the load.
 * @internal
 */
export const windowingLoader: { module?: WindowingModule; load: () => Promise<WindowingModule> } = {
  load: () => import('./windowing.js'),
};

/** A one-line row, 3rem plus its border: the size assumed for rows not measured yet. */
const ROW_ESTIMATE = 49;
/** Rows rendered beyond each edge of the viewport (the controller's default). */
const OVERSCAN = 4;
const PENDING_GAP_BETWEEN = { gap: 'pending-between' };
const PENDING_GAP_AFTER = { gap: 'pending-after' };

/**
 * Windowing for a list rendered by `renderListBody` inside a `[role=table].virtual` scroller:
 * rows are recognised by `aria-rowindex` (the header row is 1). Below WINDOW_ABOVE_ROWS it does
 * nothing and loads nothing; the first time the list passes it, the windowing code loads with a
 * dynamic `import()` and a `WindowingController` takes over (this controller forwards the host's
 * lifecycle to it).
 *
 * While that code loads (one small chunk, normally milliseconds), the body is already the scroller
 * of its final height with the rows of the first screenful (and the focused row, if any, with its
 * neighbours) and one block of the estimated height for the others, so nothing moves when the
 * window takes over: no layout jump, the scroller (and its scroll position) stays the same
 * element, focus stays where it was. If the load fails (offline, a deployment removed the chunk),
 * the list renders every row plainly inside the same scroller — slower for thousands of rows, but
 * every row is there, and no error hides data the page already has; the load is tried again the
 * next time the number of rows changes (a "Load more", new host rows), keeping the plain rows until
 * it succeeds. The failure is logged to the console.
 */
export class ListWindowing implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement & { renderRoot?: HTMLElement | DocumentFragment };
  #count: () => number;
  #code: LazyModule<WindowingModule>;
  #inner?: WindowingController;
  #pending?: readonly WindowSegment[];
  /** A load failed: render plainly until one succeeds. */
  #failed = false;
  #lastCount = 0;

  constructor(host: ReactiveControllerHost & HTMLElement & { renderRoot?: HTMLElement | DocumentFragment }, count: () => number) {
    this.#host = host;
    this.#count = count;
    this.#code = new LazyModule(host, async () => (windowingLoader.module = await windowingLoader.load()), () => windowingLoader.module);
    host.addController(this);
  }

  /**
   * What `renderListBody` renders for a list past the threshold: the window (or, while the code
   * loads, the first screenful), or undefined for every row (the code failed to load).
   */
  get segments(): readonly WindowSegment[] | undefined {
    return this.#inner ? this.#inner.segments : this.#pending;
  }

  /** Waits for a load of the windowing code in progress: true when there was one (the host re-renders then). */
  async settled(): Promise<boolean> {
    if (this.#code.status !== 'loading') return false;
    await this.#code.request();
    return true;
  }

  /** Brings row `index` into a windowed list's viewport and renders it (see WindowingController); nothing for a plain list. */
  async scrollToIndex(index: number): Promise<void> {
    if (await this.settled()) await this.#host.updateComplete;
    await this.#inner?.scrollToIndex(index);
  }

  hostConnected(): void {
    this.#inner?.hostConnected();
  }

  hostDisconnected(): void {
    this.#inner?.hostDisconnected();
  }

  hostUpdate(): void {
    if (!this.#inner) this.#prepare();
    this.#inner?.hostUpdate();
  }

  hostUpdated(): void {
    this.#inner?.hostUpdated();
  }

  /** Before the WindowingController exists: asks for its code past the threshold, and creates it once it is there. */
  #prepare() {
    const count = this.#count();
    const changed = count !== this.#lastCount;
    this.#lastCount = count;
    this.#pending = undefined;
    if (count <= WINDOW_ABOVE_ROWS) return;
    const code = this.#code;
    if (code.status === 'failed') {
      this.#failed = true;
      if (changed) void code.retry();
    } else {
      void code.request();
    }
    const module = code.value;
    if (module) {
      const host = this.#host;
      this.#inner = new module.WindowingController(host, this.#options());
      // It registered itself (and was told the host is connected): its lifecycle comes from here instead.
      host.removeController(this.#inner);
    } else if (!this.#failed) {
      this.#pending = pendingWindow(count, this.#focusedRow());
    }
  }

  #options(): WindowingOptions {
    const root = () => this.#host.renderRoot;
    return {
      count: this.#count,
      scroller: () => root()?.querySelector<HTMLElement>('[role="table"].virtual'),
      container: () => root()?.querySelector<HTMLElement>('.virtual-body'),
      indexOf: rowIndexOf,
      estimatedSize: ROW_ESTIMATE,
      overscan: OVERSCAN,
    };
  }

  /** The index of the body row that holds focus, or -1. */
  #focusedRow(): number {
    const root = this.#host.renderRoot as ShadowRoot | undefined;
    const row = root?.activeElement?.closest('.body > [role="row"]');
    return row ? rowIndexOf(row) : -1;
  }
}

/** A body row's index (`aria-rowindex` − 2: the header row is 1), -1 for anything else (gaps). */
const rowIndexOf = (element: Element): number =>
  element.getAttribute('role') === 'row' ? Number(element.getAttribute('aria-rowindex')) - 2 : -1;

/**
 * The window while the windowing code loads: the rows of the first screenful (a window's height
 * of one-line rows, plus the overscan: what the controller first renders too), the focused row with
 * its neighbours, and blocks of the estimated row height for the rest, so the scroll height is the
 * one the controller starts from.
 */
function pendingWindow(count: number, focused: number): WindowSegment[] {
  const segments: WindowSegment[] = [];
  const rows = (from: number, to: number) => {
    for (let index = from; index < to; index++) segments.push({ kind: 'item', index });
  };
  const gap = (rows: number, key: object) => {
    if (rows > 0) segments.push({ kind: 'gap', size: rows * ROW_ESTIMATE, key });
  };
  let reached = Math.min(count, Math.ceil(window.innerHeight / ROW_ESTIMATE) + OVERSCAN);
  rows(0, reached);
  if (focused >= reached && focused < count) {
    const from = Math.max(reached, focused - 1);
    gap(from - reached, PENDING_GAP_BETWEEN);
    reached = Math.min(count, focused + 2);
    rows(from, reached);
  }
  gap(count - reached, PENDING_GAP_AFTER);
  return segments;
}

/** The windowing of a list rendered by `renderListBody` (see ListWindowing). */
export function listWindowing(host: ReactiveControllerHost & HTMLElement & { renderRoot?: HTMLElement | DocumentFragment }, count: () => number): ListWindowing {
  return new ListWindowing(host, count);
}

/** One page of a cursor-paginated list, as the contract's `page()` schemas describe it. */
export interface CursorPage<T> {
  data: T[];
  next_cursor: string | null;
  total_count?: number | null;
}

/**
 * The class attribute of a table or row: the names whose flag is on. The lists own these elements
 * (nothing else adds classes to them), so a plain attribute binding does what lit's `classMap`
 * would, without its directive in every list's first download.
 */
export function classes(flags: Record<string, boolean>): string {
  return Object.keys(flags)
    .filter((name) => flags[name])
    .join(' ');
}

/** The column name shown inside a cell when rows are cards (hidden from assistive tech: the column header names it). */
export function cellLabel(text: string): TemplateResult {
  return html`<span class="cell-label" aria-hidden="true">${text}</span>`;
}

/** Money in a cell: rows from a custom AccountApi or the host are not validated, so a bad amount shows a dash instead of breaking the list. */
export function cellMoney(money: Money, locale: string): string {
  try {
    return formatMoney(money, locale);
  } catch {
    return '—';
  }
}

/** A custom AccountApi may resolve with anything; a list needs at least an array of rows. */
export function checkPage<P extends { data: unknown }>(page: P | undefined, method: string): P {
  if (!page || !Array.isArray(page.data)) {
    throw new ApiError('invalid-response', `${method} did not return a page`, { path: 'data' });
  }
  return page;
}

/** The table while the first page loads: the real column headers over a few skeleton rows. */
export function renderSkeletonTable(label: string, headers: TemplateResult, columns: number, rows = 4): TemplateResult {
  return html`<div role="table" part="table" aria-label=${label} aria-busy="true">
    <div role="rowgroup" class="head" part="header">
      <div role="row">${headers}</div>
    </div>
    <div role="rowgroup">
      ${Array.from(
        { length: rows },
        () =>
          html`<div role="row" part="row" class="skeleton-row">
            ${Array.from({ length: columns }, () => html`<div role="cell"><span class="skeleton"></span></div>`)}
          </div>`,
      )}
    </div>
  </div>`;
}

/**
 * The body row group, rows keyed by `id`: every row, or, given the `segments` of a ListWindowing
 * (long lists), the rows near the viewport (and the focused one with its neighbours) between empty
 * blocks standing in for the others, so the scrollbar is right. The blocks get their height
 * through the CSSOM, not a `style` attribute (which `style-src` without 'unsafe-inline' blocks).
 */
export function renderListBody<T extends { id: string }>(
  rows: readonly T[],
  renderRow: (row: T, index: number) => unknown,
  segments?: readonly WindowSegment[],
): TemplateResult {
  // One template for both: a list passing the threshold (or falling back) keeps its row elements, so focus stays.
  return html`<div role="rowgroup" class=${segments ? 'body virtual-body' : 'body'}>
    ${keyedRepeat(
      segments ?? rows.map((_, index): WindowSegment => ({ kind: 'item', index })),
      (segment) => (segment.kind === 'gap' ? segment.key : rows[segment.index].id),
      (segment) =>
        segment.kind === 'gap'
          ? html`<div class="gap" aria-hidden="true" ${cssomStyle({ height: `${segment.size}px` })}></div>`
          : renderRow(rows[segment.index], segment.index),
      // A window's rows come and go on every frame: rows that leave show the rows that arrive
      // (once the windowing code is there; the first screenful before it renders plainly).
      segments ? windowingLoader.module?.recycling : undefined,
    )}
  </div>`;
}

/** What the last "Load more" brought: how many rows, and whether it was the last page. */
export interface LoadedMore {
  added: number;
  last: boolean;
}

/**
 * The pages a list appended with "Load more" after its first page: their rows, the cursor after
 * them, and the error of the last attempt. One request at a time; `abort()` (a new first page is
 * coming, or the element was removed) stops it and forgets its error, `reset()` also drops the rows.
 */
export class MorePages<T> implements ReactiveController {
  error?: ApiError;
  /**
   * The rows of the pages after the first, as they came: joined with the first page's once per
   * page (`all`), not copied into one array first as well.
   */
  #pages: (readonly T[])[] = [];
  #cursor?: string | null;
  #controller?: AbortController;
  #host: ReactiveControllerHost;
  #joined?: { first: readonly T[]; pages: readonly (readonly T[])[]; all: T[] };

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  get loading(): boolean {
    return this.#controller !== undefined;
  }

  /** The first page's rows followed by these; the same array until either changes (long lists re-render per frame). */
  all(first: readonly T[] | undefined): T[] {
    if (!first) return [];
    const joined = this.#joined;
    const pages = this.#pages;
    if (joined && joined.first === first && joined.pages === pages) return joined.all;
    const all = pages.length ? first.concat(...pages) : (first as T[]);
    this.#joined = { first, pages, all };
    return all;
  }

  /** The cursor of the next page: after the last page loaded here, else the first page's. */
  nextCursor(first: CursorPage<T> | undefined): string | null | undefined {
    return this.#cursor !== undefined ? this.#cursor : first?.next_cursor;
  }

  /** Loads the page after `first` and those already here; undefined when nothing was added (busy, failed, aborted, no more). */
  async load(first: CursorPage<T> | undefined, fetch: (cursor: string, signal: AbortSignal) => Promise<CursorPage<T>>): Promise<LoadedMore | undefined> {
    const cursor = this.nextCursor(first);
    if (this.#controller || !cursor) return undefined;
    const controller = (this.#controller = new AbortController());
    this.error = undefined;
    this.#host.requestUpdate();
    try {
      const page = await fetch(cursor, controller.signal);
      if (controller.signal.aborted) return undefined;
      // A new array of pages (a few references): the joined rows are cached by its identity.
      this.#pages = [...this.#pages, page.data];
      this.#cursor = page.next_cursor;
      return { added: page.data.length, last: !page.next_cursor };
    } catch (error) {
      if (controller.signal.aborted || isAbortError(error)) return undefined;
      this.error = toApiError(error);
      return undefined;
    } finally {
      if (this.#controller === controller) this.#controller = undefined;
      this.#host.requestUpdate();
    }
  }

  abort(): void {
    this.#controller?.abort();
    this.#controller = undefined;
    this.error = undefined;
  }

  reset(): void {
    this.abort();
    this.#pages = [];
    this.#cursor = undefined;
    this.#host.requestUpdate();
  }

  hostDisconnected(): void {
    this.abort();
  }
}

export interface ListFooterOptions {
  shown: number;
  /** All rows on the server, when known. */
  total?: number;
  hasMore: boolean;
  more: { loading: boolean; error?: ApiError };
  onLoadMore: () => void;
  locale: string;
}

/** "Showing X of Y", "Load more" (busy while loading) or the failed page's error with its own Retry. */
export function renderListFooter({ shown, total, hasMore, more, onLoadMore, locale }: ListFooterOptions): TemplateResult | typeof nothing {
  if (total === undefined && !hasMore && !more.error) return nothing;
  return html`<div class="footer">
    ${total !== undefined
      ? html`<span class="muted">${msg(str`Showing ${shown.toLocaleString(locale)} of ${total.toLocaleString(locale)}`)}</span>`
      : nothing}
    ${hasMore && !more.error
      ? html`<button type="button" class="button" part="load-more" aria-disabled=${more.loading ? 'true' : 'false'} @click=${onLoadMore}>
          ${more.loading ? msg('Loading more…') : msg('Load more')}
        </button>`
      : nothing}
    ${more.error ? renderError(more.error, onLoadMore) : nothing}
  </div>`;
}

/**
 * Rows are separate CSS grids sharing one column template (`--_columns`), so a long list can
 * render only some of them (between empty blocks) without the columns moving. Below `cardsBelow`
 * of host width (where its columns no longer fit) every row becomes a card with the column names
 * in its cells. An element sets
 * `--_columns`, `--_row-height`, `--_header-bg`, `--_max-height` and `--_stripe` from its own
 * component tokens.
 */
export function listTableStyles(cardsBelow = '40rem'): CSSResult {
  // A fixed length chosen by the element (never user input), so unsafeCSS is safe here.
  const narrow = unsafeCSS(cardsBelow);
  return css`
  :host {
    container-type: inline-size;
  }

  [part='base'] {
    display: grid;
    gap: var(--_space-m);
  }

  [role='table'] {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  /* Long lists: the table scrolls under its sticky header; a row focused by Tab is not left under it. */
  [role='table'].virtual {
    max-height: var(--_max-height);
    overflow: auto;
    scroll-padding-block-start: calc(var(--_row-height) + 1px);
  }
  /* Keeps the last row's margin (cards) inside the rows' block, where it is measured. */
  .virtual-body {
    display: flow-root;
  }
  [role='rowgroup'].head {
    position: sticky;
    inset-block-start: 0;
    z-index: 1;
    background: var(--_header-bg);
    border-start-start-radius: var(--_radius);
    border-start-end-radius: var(--_radius);
  }
  [role='row'] {
    display: grid;
    grid-template-columns: var(--_columns);
    align-items: center;
    column-gap: var(--_space-s);
    min-height: var(--_row-height);
    padding-inline: var(--_space-m);
    border-block-start: 1px solid var(--_border);
    inline-size: 100%;
  }
  .head [role='row'] {
    border-block-start: 0;
    font-weight: 600;
    font-size: var(--_font-size-s);
  }
  [role='row'].stripe {
    background: var(--_stripe);
  }
  [role='cell'],
  [role='columnheader'] {
    min-inline-size: 0;
    padding-block: var(--_space-xs);
    overflow-wrap: anywhere;
  }
  [role='columnheader'].num {
    text-align: end;
  }
  .cell-label {
    display: none;
  }
  .skeleton-row .skeleton {
    inline-size: 70%;
  }

  .footer {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_space-s) var(--_space-m);
  }
  [part='empty'] {
    margin: 0;
    padding: var(--_space-l) var(--_space-m);
    text-align: center;
  }

  /* Narrow hosts: each row is a card; the column names move into the cells. */
  @container (max-width: ${narrow}) {
    [role='table'] {
      border: 0;
      background: transparent;
    }
    .head [role='row'] {
      display: flex;
      min-height: 0;
      padding: 0 0 var(--_space-s);
      border: 0;
      background: transparent;
    }
    /* Only controls (select-all) stay visible in the header row. */
    .head [role='columnheader']:not(.select-cell) {
      position: absolute;
      inline-size: 1px;
      block-size: 1px;
      overflow: hidden;
      clip: rect(0, 0, 0, 0);
      white-space: nowrap;
    }
    [role='row'] {
      grid-template-columns: 1fr 1fr;
      row-gap: var(--_space-xs);
      margin-block-end: var(--_space-s);
      padding: var(--_space-s) var(--_space-m);
      border: 1px solid var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface);
    }
    [role='row'].stripe {
      background: var(--_surface);
    }
    .cell-label {
      display: block;
      color: var(--_muted);
      font-size: var(--_font-size-s);
    }
    [role='cell'].num {
      text-align: start;
    }
  }
`;
}
