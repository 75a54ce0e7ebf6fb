import { css, html, nothing, unsafeCSS, type CSSResult, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { styleMap } from 'lit/directives/style-map.js';
import { msg, str } from '@lit/localize';
import { ApiError, isAbortError, toApiError } from '../api/errors.js';
import { renderError } from './error-view.js';
import { formatMoney } from './money.js';
import type { Money } from '../api/schemas/common.js';
import { keyedRepeat, WindowingController, type WindowSegment } from './windowing.js';

/**
 * What the table-like lists (invoices, payments, ...) share: rows as CSS grids under an ARIA
 * table, cards on narrow hosts, and "Load more" over the server's cursor pages.
 */

/** Above this many loaded rows a list is windowed inside a fixed-height scroller (plain rendering stays fast below). */
export const WINDOW_ABOVE_ROWS = 200;

/**
 * Windowing for a list rendered by `renderListBody` inside a `[role=table].virtual` scroller:
 * rows are recognised by `aria-rowindex` (the header row is 1). The first estimate is a one-line
 * row, 3rem plus its border; measured heights replace it as rows render.
 */
export function listWindowing(host: ReactiveControllerHost & HTMLElement & { renderRoot?: HTMLElement | DocumentFragment }, count: () => number): WindowingController {
  return new WindowingController(host, {
    count,
    scroller: () => host.renderRoot?.querySelector<HTMLElement>('[role="table"].virtual'),
    container: () => host.renderRoot?.querySelector<HTMLElement>('.virtual-body'),
    indexOf: (element) => (element.getAttribute('role') === 'row' ? Number(element.getAttribute('aria-rowindex')) - 2 : -1),
    estimatedSize: 49,
  });
}

/** One page of a cursor-paginated list, as the contract's `page()` schemas describe it. */
export interface CursorPage<T> {
  data: T[];
  next_cursor: string | null;
  total_count?: number | null;
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
 * The body row group, rows keyed by `id`: every row, or, given the `segments` of a
 * WindowingController (long lists), the rows near the viewport (and the focused one with its
 * neighbours) between empty blocks standing in for the others, so the scrollbar is right.
 */
export function renderListBody<T extends { id: string }>(
  rows: readonly T[],
  renderRow: (row: T, index: number) => unknown,
  segments?: readonly WindowSegment[],
): TemplateResult {
  if (!segments) {
    return html`<div role="rowgroup" class="body">
      ${keyedRepeat(
        rows.map((row, index) => ({ row, index })),
        (item) => item.row.id,
        (item) => renderRow(item.row, item.index),
      )}
    </div>`;
  }
  return html`<div role="rowgroup" class="body virtual-body">
    ${keyedRepeat(
      segments,
      (segment) => (segment.kind === 'gap' ? segment.key : rows[segment.index].id),
      (segment) =>
        segment.kind === 'gap'
          ? html`<div class="gap" aria-hidden="true" style=${styleMap({ height: `${segment.size}px` })}></div>`
          : renderRow(rows[segment.index], segment.index),
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
  /** Rows of the pages loaded after the first one. */
  rows: T[] = [];
  error?: ApiError;
  #cursor?: string | null;
  #controller?: AbortController;
  #host: ReactiveControllerHost;
  #joined?: { first: readonly T[]; more: T[]; all: T[] };

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
    if (joined && joined.first === first && joined.more === this.rows) return joined.all;
    const all = this.rows.length ? [...first, ...this.rows] : (first as T[]);
    this.#joined = { first, more: this.rows, all };
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
      this.rows = [...this.rows, ...page.data];
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
    this.rows = [];
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
    top: 0;
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
