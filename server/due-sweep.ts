/**
 * What the bank settlement and the license provisioning share: work that comes due at a stored
 * instant, done by a timer and before reads. Callers during a sweep share the next one; a sweep's
 * finding ("nothing is due before T") is trusted by reads until T or the timer's interval, unless
 * `changed()` came in between (a new payment or order made something due sooner). Each sweep's work
 * is one statement safe across processes (`FOR UPDATE SKIP LOCKED`): see its subclass.
 */
import type { Database } from './db.js';

export abstract class DueSweep {
  #running?: Promise<void>;
  #next?: Promise<void>;
  #timer?: ReturnType<typeof setInterval>;
  /** Until this instant (ms) nothing known can be due, so reads need not sweep. */
  #quietUntil = 0;
  /** How long a sweep's finding holds for reads: the timer interval (0 without a timer). */
  #trustMs = 0;
  /** Counts changed() calls, so a sweep that overlapped one does not trust its own finding. */
  #changes = 0;

  constructor(
    protected readonly db: Database,
    /** The task's name in error logs. */
    private readonly task: string,
  ) {}

  /** Does what is due now. */
  protected abstract work(): Promise<void>;

  /** When the next thing comes due (epoch ms), or null when nothing is waiting. */
  protected abstract nextDueAt(): Promise<number | null>;

  /** Before a read: sweeps unless nothing can be due yet. */
  async beforeRead(): Promise<void> {
    if (Date.now() >= this.#quietUntil) await this.run();
  }

  /** Something was made or made due here: the next read sweeps. */
  changed(): void {
    this.#changes++;
    this.#quietUntil = 0;
  }

  run(): Promise<void> {
    if (!this.#running) {
      const sweep = this.#sweep();
      const clear = () => {
        if (this.#running === sweep) this.#running = undefined;
      };
      sweep.then(clear, clear);
      this.#running = sweep;
      return sweep;
    }
    this.#next ??= this.#running
      .catch(() => undefined)
      .then(() => {
        this.#next = undefined;
        return this.run();
      });
    return this.#next;
  }

  async #sweep(): Promise<void> {
    const started = Date.now();
    const changes = this.#changes;
    await this.work();
    if (this.#trustMs === 0) return;
    const next = await this.nextDueAt();
    if (this.#changes !== changes) return;
    this.#quietUntil = Math.min(next ?? Number.POSITIVE_INFINITY, started + this.#trustMs);
  }

  /** Sweeps every `intervalMs` (the timer does not keep the process alive); errors go to stderr. */
  start(intervalMs: number): void {
    this.#trustMs = intervalMs;
    this.#timer = setInterval(() => {
      this.run().catch((error: unknown) =>
        console.error(JSON.stringify({ level: 'error', task: this.task, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) })),
      );
    }, intervalMs);
    this.#timer.unref();
  }

  /** Stops the timer and waits for a sweep in progress. */
  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await Promise.allSettled([this.#running, this.#next]);
  }
}
