/**
 * `parsePacs008` / `safeParsePacs008`: the pacs.008 entry points (STYLE.md §2.6).
 * @packageDocumentation
 */
import type { Result } from '../../index';
import { parseAs, safeParseAs } from '../_internal/typed-parser';
import type { Iso20022Error } from '../errors';
import type { Pacs008Message, ParseOptions } from '../types';

/**
 * Parses a pacs.008 FIToFICustomerCreditTransfer (any version .01 – .13): one CanonicalPayment per `CdtTrfTxInf`.
 * Same reading, checks and options as `parseMessage`, restricted to pacs.008.
 * @param input - the message as a string or UTF-8 bytes (enveloped or not)
 * @param options - see {@link ParseOptions}
 * @returns the parsed message
 * @throws {@link Iso20022Error}: every problem in `issues`; `ISO20022_UNEXPECTED_MESSAGE_TYPE` for another message type
 * @public
 */
export function parsePacs008(input: string | Uint8Array, options?: ParseOptions): Pacs008Message {
  return parseAs('pacs.008', 'parsePacs008', input, options);
}

/**
 * Like {@link parsePacs008}, but returns a `Result` instead of throwing.
 * @param input - the message as a string or UTF-8 bytes
 * @param options - see {@link ParseOptions}
 * @returns the parsed message or the {@link Iso20022Error}
 * @public
 */
export function safeParsePacs008(
  input: string | Uint8Array,
  options?: ParseOptions,
): Result<Pacs008Message, Iso20022Error> {
  return safeParseAs('pacs.008', 'safeParsePacs008', input, options);
}
