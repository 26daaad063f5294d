/**
 * `parsePain001` / `safeParsePain001`: the pain.001 entry points (STYLE.md §2.6).
 * @packageDocumentation
 */
import type { Result } from '../../index';
import { parseAs, safeParseAs } from '../_internal/typed-parser';
import type { Iso20022Error } from '../errors';
import type { Pain001Message, ParseOptions } from '../types';

/**
 * Parses a pain.001 CustomerCreditTransferInitiation (.03 – .12): one CanonicalPayment per `PmtInf/CdtTrfTxInf`, each with an assigned UETR when the message has none.
 * Same reading, checks and options as `parseMessage`, restricted to pain.001.
 * @param input - the message as a string or UTF-8 bytes (enveloped or not)
 * @param options - see {@link ParseOptions}
 * @returns the parsed message
 * @throws {@link Iso20022Error}: every problem in `issues`; `ISO20022_UNEXPECTED_MESSAGE_TYPE` for another message type
 * @public
 */
export function parsePain001(input: string | Uint8Array, options?: ParseOptions): Pain001Message {
  return parseAs('pain.001', 'parsePain001', input, options);
}

/**
 * Like {@link parsePain001}, but returns a `Result` instead of throwing.
 * @param input - the message as a string or UTF-8 bytes
 * @param options - see {@link ParseOptions}
 * @returns the parsed message or the {@link Iso20022Error}
 * @public
 */
export function safeParsePain001(
  input: string | Uint8Array,
  options?: ParseOptions,
): Result<Pain001Message, Iso20022Error> {
  return safeParseAs('pain.001', 'safeParsePain001', input, options);
}
