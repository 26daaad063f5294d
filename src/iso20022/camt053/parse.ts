/**
 * `parseCamt053` / `safeParseCamt053`: the camt.053 entry points (STYLE.md §2.6).
 * @packageDocumentation
 */
import type { Result } from '../../index';
import { parseAs, safeParseAs } from '../_internal/typed-parser';
import type { Iso20022Error } from '../errors';
import type { Camt053Message, ParseOptions } from '../types';

/**
 * Parses a camt.053 BankToCustomerStatement (.02 – .13): per account, balances and entries.
 * Same reading, checks and options as `parseMessage`, restricted to camt.053.
 * @param input - the message as a string or UTF-8 bytes (enveloped or not)
 * @param options - see {@link ParseOptions}
 * @returns the parsed message
 * @throws {@link Iso20022Error}: every problem in `issues`; `ISO20022_UNEXPECTED_MESSAGE_TYPE` for another message type
 * @public
 */
export function parseCamt053(input: string | Uint8Array, options?: ParseOptions): Camt053Message {
  return parseAs('camt.053', 'parseCamt053', input, options);
}

/**
 * Like {@link parseCamt053}, but returns a `Result` instead of throwing.
 * @param input - the message as a string or UTF-8 bytes
 * @param options - see {@link ParseOptions}
 * @returns the parsed message or the {@link Iso20022Error}
 * @public
 */
export function safeParseCamt053(
  input: string | Uint8Array,
  options?: ParseOptions,
): Result<Camt053Message, Iso20022Error> {
  return safeParseAs('camt.053', 'safeParseCamt053', input, options);
}
