/**
 * Kafka commits one offset per partition, meaning "everything before it is done", while handlers
 * finish in any order. This tracker keeps each partition's messages in the order received and
 * answers, when one completes, which message it is now safe to commit: the last of the run of
 * consecutively completed messages at the head. A message still running or waiting for a retry holds
 * its partition's commit point back, never another partition's.
 * @internal
 */

/** One received message in the tracker. @internal */
export interface Tracked<M> {
  readonly partitionKey: string;
  readonly offset: bigint;
  readonly message: M;
  done: boolean;
}

/** @internal */
export class OffsetTracker<M> {
  readonly #partitions = new Map<string, { queue: Tracked<M>[]; head: number; committed: bigint }>();

  /** Registers a message as received (in the partition's receive order). */
  track(topic: string, partition: number, offset: bigint, message: M): Tracked<M> {
    const partitionKey = `${topic}/${partition}`;
    let state = this.#partitions.get(partitionKey);
    if (state === undefined) {
      state = { queue: [], head: 0, committed: -1n };
      this.#partitions.set(partitionKey, state);
    }
    const entry: Tracked<M> = { partitionKey, offset, message, done: false };
    state.queue.push(entry);
    return entry;
  }

  /**
   * Marks a message complete; returns the message to commit now (the last of the consecutive
   * completed run at the head of its partition), or `undefined` when the head is still pending. Never
   * returns an offset at or below one already returned for the partition (a redelivered, lower offset
   * after a rebalance must not move the commit point back).
   */
  complete(entry: Tracked<M>): Tracked<M> | undefined {
    entry.done = true;
    const state = this.#partitions.get(entry.partitionKey);
    if (state === undefined) return undefined;
    let last: Tracked<M> | undefined;
    while (state.head < state.queue.length && state.queue[state.head]!.done)
      last = state.queue[state.head++]!;
    if (state.head > 256 && state.head * 2 > state.queue.length) {
      state.queue = state.queue.slice(state.head);
      state.head = 0;
    }
    if (last === undefined || last.offset <= state.committed) return undefined;
    state.committed = last.offset;
    return last;
  }

  /** Messages received and not yet covered by a commit, per partition (for tests and health). */
  pending(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [key, state] of this.#partitions) out.set(key, state.queue.length - state.head);
    return out;
  }

  /** Forgets everything (the consumer closed; the group's committed offsets are the truth now). */
  clear(): void {
    this.#partitions.clear();
  }
}
