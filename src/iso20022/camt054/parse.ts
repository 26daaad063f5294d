/**
 * `parseCamt054` / `safeParseCamt054`: the camt.054 entry points (STYLE.md §2.6).
 * @packageDocumentation
 */
import type { Result } from '../../index';
import { parseAs, safeParseAs } from '../_internal/typed-parser';
import type { Iso20022Error } from '../errors';
import type { Camt054Message, ParseOptions } from '../types';

/**
 * Parses a camt.054 BankToCustomerDebitCreditNotification (.02 – .13): per account, entries.
 * Same reading, checks and options as `parseMessage`, restricted to camt.054.
 * @param input - the message as a string or UTF-8 bytes (enveloped or not)
 * @param options - see {@link ParseOptions}
 * @returns the parsed message
 * @throws {@link Iso20022Error}: every problem in `issues`; `ISO20022_UNEXPECTED_MESSAGE_TYPE` for another message type
 * @public
 */
export function parseCamt054(input: string | Uint8Array, options?: ParseOptions): Camt054Message {
  return parseAs('camt.054', 'parseCamt054', input, options);
}

/**
 * Like {@link parseCamt054}, but returns a `Result` instead of throwing.
 * @param input - the message as a string or UTF-8 bytes
 * @param options - see {@link ParseOptions}
 * @returns the parsed message or the {@link Iso20022Error}
 * @public
 */
export function safeParseCamt054(
  input: string | Uint8Array,
  options?: ParseOptions,
): Result<Camt054Message, Iso20022Error> {
  return safeParseAs('camt.054', 'safeParseCamt054', input, options);
}
