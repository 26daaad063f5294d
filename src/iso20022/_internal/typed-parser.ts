/**
 * The per-type entry points (`parsePacs008`, `safeParsePacs008` …) are the generic pipeline with the
 * expected type fixed: a message of another type fails with `ISO20022_UNEXPECTED_MESSAGE_TYPE`.
 * @internal
 * @packageDocumentation
 */
import type { Result } from '../../index';
import type { Iso20022Error } from '../errors';
import type { MessageOf, MessageType, ParseOptions } from '../types';
import { runParse } from './pipeline';

/** `parseX`: throws on failure. @internal */
export function parseAs<T extends MessageType>(
  type: T,
  fn: string,
  input: string | Uint8Array,
  options?: ParseOptions,
): MessageOf<T> {
  const result = runParse(input, options, fn, type);
  if (!result.ok) throw result.error;
  return result.value as MessageOf<T>;
}

/** `safeParseX`: returns a Result. @internal */
export function safeParseAs<T extends MessageType>(
  type: T,
  fn: string,
  input: string | Uint8Array,
  options?: ParseOptions,
): Result<MessageOf<T>, Iso20022Error> {
  return runParse(input, options, fn, type) as Result<MessageOf<T>, Iso20022Error>;
}
