/**
 * `parsePacs002` / `safeParsePacs002`: the pacs.002 entry points (STYLE.md §2.6).
 * @packageDocumentation
 */
import type { Result } from '../../index';
import { parseAs, safeParseAs } from '../_internal/typed-parser';
import type { Iso20022Error } from '../errors';
import type { Pacs002Message, ParseOptions } from '../types';

/**
 * Parses a pacs.002 FIToFIPaymentStatusReport (.03 – .14): group and transaction statuses.
 * Same reading, checks and options as `parseMessage`, restricted to pacs.002.
 * @param input - the message as a string or UTF-8 bytes (enveloped or not)
 * @param options - see {@link ParseOptions}
 * @returns the parsed message
 * @throws {@link Iso20022Error}: every problem in `issues`; `ISO20022_UNEXPECTED_MESSAGE_TYPE` for another message type
 * @public
 */
export function parsePacs002(input: string | Uint8Array, options?: ParseOptions): Pacs002Message {
  return parseAs('pacs.002', 'parsePacs002', input, options);
}

/**
 * Like {@link parsePacs002}, but returns a `Result` instead of throwing.
 * @param input - the message as a string or UTF-8 bytes
 * @param options - see {@link ParseOptions}
 * @returns the parsed message or the {@link Iso20022Error}
 * @public
 */
export function safeParsePacs002(
  input: string | Uint8Array,
  options?: ParseOptions,
): Result<Pacs002Message, Iso20022Error> {
  return safeParseAs('pacs.002', 'safeParsePacs002', input, options);
}
