/**
 * Waiting for a pipeline spread over a broker to be idle, for the NATS integration tests.
 * `pipeline.idle()` counts only what this process published and its own stages consumed, and a fault
 * makes it undercount (a lost ack redelivers an event already handled; a PubAck lost after the store
 * settles an event that will still be delivered). The broker knows better: every consumer of the
 * stream with nothing pending and nothing un-acked.
 * @internal
 */
import type { JetStreamManager } from '@nats-io/jetstream';
import type { Pipeline } from 'deltran/pipeline';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Resolves when the broker holds no work: `pipeline.idle()`, then every consumer of `stream` has
 * nothing pending and nothing un-acked, and nothing this process published is outstanding — twice in
 * a row, 150 ms apart. A handler publishes its outputs before it acks, so a consumer whose inputs are
 * all acked has already put its outputs in the stream, where the next consumer shows them as pending.
 * While the broker is away the question is asked again.
 */
export async function brokerIdle(
  pipeline: Pipeline,
  jsm: () => Promise<JetStreamManager>,
  stream: string,
  timeoutMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let calm = 0;
  while (calm < 2) {
    if (Date.now() > deadline) throw new Error(`stream ${stream} never went idle in ${timeoutMs} ms`);
    await pipeline.idle();
    try {
      const consumers = await (await jsm()).consumers.list(stream).next();
      const busy = consumers.some((c) => c.num_pending > 0 || c.num_ack_pending > 0);
      calm = busy || pipeline.health().outstanding > 0 ? 0 : calm + 1;
    } catch {
      calm = 0;
    }
    await pause(calm > 0 ? 150 : 30);
  }
}
