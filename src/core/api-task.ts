import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { initialState, Task, TaskStatus } from '@lit/task';
import type { AccountApi, RequestOptions } from '../api/account-api.js';
import { isAbortError } from '../api/errors.js';

export interface ApiTaskConfig<T, A extends readonly unknown[]> {
  /** Further arguments besides the api (page size, an id); the task runs again when one changes. */
  args?: () => A;
  /** The request; pass `options` (signal, fresh) on to the AccountApi. */
  load: (api: AccountApi, options: Required<Pick<RequestOptions, 'signal' | 'fresh'>>, args: A) => Promise<T>;
  /** Called with a new value just before it is stored (the old one is still `value`). */
  onComplete?: (value: T) => void;
  onError?: (error: unknown) => void;
}

/**
 * One request of an element, as a `@lit/task` Task that runs whenever the element's AccountApi
 * (or another argument) changes, plus what every data element needs around it: `reload()` asks
 * the server again past any stored response (Retry, invalidation); removing the element aborts a
 * running request, and putting it back starts the aborted one again; `failed` ignores aborts.
 */
export class ApiTask<T, A extends readonly unknown[] = []> implements ReactiveController {
  readonly task: Task<readonly [AccountApi | undefined, ...A], T>;
  #fresh = false;

  constructor(host: ReactiveControllerHost & { readonly resolvedApi: AccountApi | undefined }, config: ApiTaskConfig<T, A>) {
    const args = config.args ?? (() => [] as unknown as A);
    this.task = new Task(host, {
      args: () => [host.resolvedApi, ...args()] as const,
      task: async ([api, ...rest], { signal }) => {
        if (!api) return initialState;
        const fresh = this.#fresh;
        this.#fresh = false;
        return config.load(api, { signal, fresh }, rest as unknown as A);
      },
      onComplete: config.onComplete,
      onError: config.onError,
    });
    host.addController(this);
  }

  get value(): T | undefined {
    return this.task.value;
  }

  get error(): unknown {
    return this.task.error;
  }

  /** The last run failed (an abort is not a failure: it happens when the element is removed). */
  get failed(): boolean {
    return this.task.status === TaskStatus.ERROR && !isAbortError(this.task.error);
  }

  get pending(): boolean {
    return this.task.status === TaskStatus.PENDING;
  }

  /** Runs again, past the shared cache. */
  reload(): void {
    this.#fresh = true;
    void this.task.run();
  }

  hostConnected(): void {
    const { status, error } = this.task;
    if (status === TaskStatus.PENDING || (status === TaskStatus.ERROR && isAbortError(error))) void this.task.run();
  }

  hostDisconnected(): void {
    this.task.abort();
  }
}
