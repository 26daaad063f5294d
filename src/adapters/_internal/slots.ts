/**
 * A counting semaphore for handler concurrency, with a way to wait until every slot is free again
 * (drain) and to release every waiter at once (close).
 * @internal
 */
export class Slots {
  readonly size: number;
  #free: number;
  #waiters: ((granted: boolean) => void)[] = [];
  #idle: (() => void)[] = [];

  constructor(size: number) {
    this.size = size;
    this.#free = size;
  }

  /** Slots taken now. */
  get inFlight(): number {
    return this.size - this.#free;
  }

  /** Free slots now. */
  get free(): number {
    return this.#free;
  }

  /** Takes a slot if one is free. */
  tryAcquire(): boolean {
    if (this.#free === 0) return false;
    this.#free--;
    return true;
  }

  /** Waits for a slot; resolves `false` when {@link cancel} released the waiters instead. */
  acquire(): Promise<boolean> {
    if (this.tryAcquire()) return Promise.resolve(true);
    return new Promise((resolvePromise) => this.#waiters.push(resolvePromise));
  }

  /** Takes every free slot, up to `max`, waiting for at least one; 0 when cancelled. */
  async acquireMany(max: number): Promise<number> {
    if (!(await this.acquire())) return 0;
    let taken = 1;
    while (taken < max && this.tryAcquire()) taken++;
    return taken;
  }

  /** Gives `count` slots back, to waiters first. */
  release(count = 1): void {
    for (let i = 0; i < count; i++) {
      const waiter = this.#waiters.shift();
      if (waiter) waiter(true);
      else this.#free++;
    }
    if (this.#free === this.size) {
      const idle = this.#idle;
      this.#idle = [];
      for (const resolveIdle of idle) resolveIdle();
    }
  }

  /** Resolves once no slot is taken. */
  whenIdle(): Promise<void> {
    if (this.#free === this.size) return Promise.resolve();
    return new Promise((resolvePromise) => this.#idle.push(resolvePromise));
  }

  /** Resolves every pending {@link acquire} with `false`. */
  cancel(): void {
    const waiters = this.#waiters;
    this.#waiters = [];
    for (const waiter of waiters) waiter(false);
  }
}
