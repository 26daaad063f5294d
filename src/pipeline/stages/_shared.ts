/**
 * Small helpers the built-in stages share.
 * @packageDocumentation
 */
import { FatalHandlerError, PipelineError, PipelineErrorCodes } from '../errors';

/** The event id a stage publishes: `<topic name>:<business key>`, unique per topic and stable across redeliveries. @internal */
export function derivedId(topicName: string, key: string): string {
  return `${topicName}:${key}`;
}

/** A retryable "not yet" failure (the transport redelivers after its backoff). @internal */
export function notReady(stage: string, message: string): PipelineError {
  return new PipelineError(PipelineErrorCodes.NOT_READY, `[deltran] ${stage}: ${message}`);
}

/** A failure that no redelivery can fix: the message goes to the dead-letter topic. @internal */
export function fatal(stage: string, message: string, cause?: unknown): FatalHandlerError {
  return new FatalHandlerError(`[deltran] ${stage}: ${message}`, cause === undefined ? {} : { cause });
}

/** The ISO date (`YYYY-MM-DD`, UTC) of an epoch-ms instant. @internal */
export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Checks a stage option. @internal */
export function requireOption<T>(value: T | undefined, where: string, field: string, expected: string): T {
  if (value === undefined || value === null) {
    throw new PipelineError(
      PipelineErrorCodes.INVALID_OPTIONS,
      `[deltran] ${where}: ${field}: expected ${expected}`,
      {
        path: [field],
      },
    );
  }
  return value;
}

/** The id of the n-th try of a ledger command: the base id, then `<base>#<n>`. @internal */
export function tryId(base: string, n: number): string {
  return n === 0 ? base : `${base}#${n}`;
}

/** Where the tries of one ledger command stand. @internal */
export interface LedgerTries {
  /** The next id to try. */
  readonly next: number;
  /** True once a fresh refusal showed that ids from `next` on were never used. */
  readonly unused: boolean;
}

/**
 * Runs a token-ledger command that can be refused for now (tokens not there yet) under ids that stay
 * correct across redeliveries and restarts. The ledger spends a command id on a refusal (a replay
 * returns the same refusal), so each fresh refusal moves on to the next id, `<base>#1`, `<base>#2` …
 * Replayed refusals (ids spent before a restart) are skipped until an applied replay or a fresh answer;
 * once an id is known to be unused, it is only tried when `ready()` says the command can succeed.
 * @internal
 */
export async function runLedgerCommand(
  base: string,
  tries: Map<string, LedgerTries>,
  run: (id: string) => Promise<{
    readonly status: string;
    readonly replayed: boolean;
    readonly message?: string;
    readonly code?: string;
  }>,
  ready: () => boolean,
  stage: string,
  what: string,
): Promise<{ readonly id: string }> {
  const state = tries.get(base) ?? { next: 0, unused: false };
  for (let n = state.next; n < state.next + 10_000; n += 1) {
    if (state.unused && !ready()) throw notReady(stage, `${what}: not funded yet`);
    const id = tryId(base, n);
    const result = await run(id);
    if (result.status === 'applied' || result.status === 'pending') {
      tries.delete(base);
      return { id };
    }
    if (!result.replayed) {
      tries.set(base, { next: n + 1, unused: true });
      throw notReady(stage, `${what}: ${result.message ?? result.code ?? 'refused'}`);
    }
  }
  throw notReady(stage, `${what}: too many refused tries`);
}

/** A mutual-exclusion lock: runs one function at a time, in call order. @internal */
export function createLock(): <T>(fn: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = tail.then(fn, fn);
    tail = run.catch(() => undefined);
    return run;
  };
}
