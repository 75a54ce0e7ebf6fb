import type { nothing, ReactiveController, ReactiveControllerHost, TemplateResult } from 'lit';
import type { AccountApi, RequestOptions } from '../api/account-api.js';
import { toApiError, type ApiError } from '../api/errors.js';
import { AcctErrorEvent } from '../events/index.js';
import { ApiTask } from './api-task.js';
import { checkPage, listWindowing, MorePages, renderListFooter, WINDOW_ABOVE_ROWS, type CursorPage, type ListWindowing } from './list-table.js';

/** What a cursor list shows: the states every list element has (and sets as custom states). */
export type CursorListView = 'unconfigured' | 'loading' | 'error' | 'empty' | 'populated';

type CursorListHost = ReactiveControllerHost & HTMLElement & { readonly resolvedApi: AccountApi | undefined; renderRoot: HTMLElement | DocumentFragment };

export interface CursorListOptions<T, A extends readonly unknown[]> {
  /** The list's arguments (filters, page size): a change loads the first page again. */
  args: () => A;
  /** One page: the first (`page` is `{}`) or the one after `page.cursor`; spread `page` into the request's query. */
  fetch: (api: AccountApi, args: A, page: { cursor?: string }, options: RequestOptions) => Promise<CursorPage<T> | undefined>;
  /** The AccountApi method, named in the error when a custom API answers something that is not a page. */
  method: string;
  /** The element's configuration problem, if any (it shows instead of the list). */
  configError: () => string | undefined;
}

/**
 * The plumbing every cursor-paginated list element shares (payments, credits, usage records): the
 * first page as an ApiTask (reloaded when an argument changes, on Retry and on invalidation), the
 * pages "Load more" appends (a failed one keeps the rows shown), the windowing past
 * WINDOW_ABOVE_ROWS rows, which state the list is in, keyboard focus after the last page, and one
 * `acct-error` event per failure. The element keeps what is its own: the columns, the rows'
 * markup and its words.
 */
export class CursorList<T extends { id: string }, A extends readonly unknown[] = readonly unknown[]> implements ReactiveController {
  /** Renders only the rows near the viewport of a long list. */
  readonly windowing: ListWindowing;
  /** The pages appended after the first. */
  readonly more: MorePages<T>;
  #first: ApiTask<CursorPage<T>, A>;
  #host: CursorListHost;
  #options: CursorListOptions<T, A>;
  #reported = new WeakSet<object>();

  constructor(host: CursorListHost, options: CursorListOptions<T, A>) {
    this.#host = host;
    this.#options = options;
    this.windowing = listWindowing(host, () => this.rows.length);
    this.more = new MorePages<T>(host);
    this.#first = new ApiTask(host, {
      args: options.args,
      load: async (api, { signal, fresh }, args) => {
        // A new first page makes a pending "Load more" stale.
        this.more.abort();
        return checkPage(await options.fetch(api, args, {}, { signal, fresh }), options.method);
      },
      onComplete: () => this.more.reset(),
      onError: () => this.more.reset(),
    });
    host.addController(this);
  }

  /** The loaded rows; the same array until they change, so long lists do not copy on every frame. */
  get rows(): T[] {
    return this.more.all(this.#first.value?.data);
  }

  get nextCursor(): string | null | undefined {
    return this.more.nextCursor(this.#first.value);
  }

  /** All matching rows on the server, when it says. */
  get totalCount(): number | undefined {
    return this.#first.value?.total_count ?? undefined;
  }

  get virtualized(): boolean {
    return this.rows.length > WINDOW_ABOVE_ROWS;
  }

  /** A reload of rows already shown: they stay, marked busy. */
  get refreshing(): boolean {
    return this.#first.pending && this.#first.value !== undefined;
  }

  /** `aria-rowcount` of the table (header row included): -1 while the total is unknown and more pages exist. */
  get ariaRowCount(): number {
    const total = this.totalCount;
    return total !== undefined ? total + 1 : this.nextCursor ? -1 : this.rows.length + 1;
  }

  get view(): { view: CursorListView; error?: unknown } {
    if (this.#options.configError()) return { view: 'unconfigured' };
    if (!this.#host.resolvedApi) return { view: 'loading' };
    if (this.#first.failed) return { view: 'error', error: this.#first.error };
    if (this.#first.value === undefined) return { view: 'loading' };
    return { view: this.rows.length ? 'populated' : 'empty' };
  }

  /** The error of the last "Load more", shown in the footer with its own Retry. */
  get moreError(): ApiError | undefined {
    return this.more.error;
  }

  /** Loads the first page again, past the shared cache (Retry, invalidation, after a change). */
  reload(): void {
    this.#first.reload();
  }

  /**
   * Appends the next page. When "Load more" had keyboard focus and this was the last page, the
   * button goes away: focus moves to the first new row (scrolled into a windowed list first).
   */
  readonly loadMore = async (): Promise<void> => {
    const api = this.#host.resolvedApi;
    if (!api) return;
    const firstNewRow = this.rows.length;
    const root = this.#host.renderRoot as ShadowRoot;
    const hadFocus = root.activeElement?.getAttribute('part') === 'load-more';
    const args = this.#options.args();
    const loaded = await this.more.load(this.#first.value, async (cursor, signal) =>
      checkPage(await this.#options.fetch(api, args, { cursor }, { signal }), this.#options.method),
    );
    if (!hadFocus || !loaded?.last || !loaded.added) return;
    await this.#host.updateComplete;
    await this.windowing.scrollToIndex(firstNewRow);
    root.querySelector<HTMLElement>(`[role="row"][aria-rowindex="${firstNewRow + 2}"]`)?.focus();
  };

  /** The footer under the rows: "Showing X of Y", "Load more", or the failed page's error with its Retry. */
  renderFooter(locale: string): TemplateResult | typeof nothing {
    return renderListFooter({
      shown: this.rows.length,
      total: this.totalCount,
      hasMore: !!this.nextCursor,
      more: this.more,
      onLoadMore: this.loadMore,
      locale,
    });
  }

  /** Waits for the windowing code when the rows just passed the threshold: true when the host renders again. */
  settled(): Promise<boolean> {
    return this.windowing.settled();
  }

  hostUpdated(): void {
    for (const error of [this.#first.failed ? this.#first.error : undefined, this.more.error]) {
      if (!error || typeof error !== 'object' || this.#reported.has(error)) continue;
      this.#reported.add(error);
      this.#host.dispatchEvent(new AcctErrorEvent({ error: toApiError(error) }));
    }
  }
}
