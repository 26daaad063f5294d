/**
 * `parsePacs009` / `safeParsePacs009`: the pacs.009 entry points (STYLE.md §2.6).
 * @packageDocumentation
 */
import type { Result } from '../../index';
import { parseAs, safeParseAs } from '../_internal/typed-parser';
import type { Iso20022Error } from '../errors';
import type { Pacs009Message, ParseOptions } from '../types';

/**
 * Parses a pacs.009 FinancialInstitutionCreditTransfer (.01 – .11; core, COV and ADV): one CanonicalPayment per `CdtTrfTxInf`.
 * Same reading, checks and options as `parseMessage`, restricted to pacs.009.
 * @param input - the message as a string or UTF-8 bytes (enveloped or not)
 * @param options - see {@link ParseOptions}
 * @returns the parsed message
 * @throws {@link Iso20022Error}: every problem in `issues`; `ISO20022_UNEXPECTED_MESSAGE_TYPE` for another message type
 * @public
 */
export function parsePacs009(input: string | Uint8Array, options?: ParseOptions): Pacs009Message {
  return parseAs('pacs.009', 'parsePacs009', input, options);
}

/**
 * Like {@link parsePacs009}, but returns a `Result` instead of throwing.
 * @param input - the message as a string or UTF-8 bytes
 * @param options - see {@link ParseOptions}
 * @returns the parsed message or the {@link Iso20022Error}
 * @public
 */
export function safeParsePacs009(
  input: string | Uint8Array,
  options?: ParseOptions,
): Result<Pacs009Message, Iso20022Error> {
  return safeParseAs('pacs.009', 'safeParsePacs009', input, options);
}
