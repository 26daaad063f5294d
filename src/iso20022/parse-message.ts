/**
 * `parseMessage` / `safeParseMessage`: the gateway's entry point for every ISO 20022 message it reads.
 * @packageDocumentation
 */
import type { Result } from '../index';
import { runParse } from './_internal/pipeline';
import type { Iso20022Error } from './errors';
import type { ParsedMessage, ParseOptions } from './types';

/**
 * Parses an ISO 20022 message — pain.001, pacs.008, pacs.009, pacs.002, camt.052, camt.053 or camt.054,
 * any supported version — into its canonical form.
 *
 * The type and version come from the `Document` namespace (never from a header). Accepted around it:
 * no envelope, the SWIFT `urn:swift:xsd:envelope`, un-namespaced wrappers (`Envelope`,
 * `RequestPayload`), FedNow wrappers, and a head.001 `AppHdr` (.01 – .04), returned as `appHeader`.
 * Any namespace prefix, single or double quotes, a UTF-8 byte order mark, CRLF line ends and a missing
 * XML declaration are all fine.
 *
 * Refused before anything is expanded: any `<!DOCTYPE …>` (no DTD, no entity of any kind besides the
 * five predefined ones and character references), input larger than `maxBytes`, nesting deeper than
 * `maxDepth`, bytes that are not UTF-8 or disagree with the declared encoding. Element names never
 * become object keys, so `__proto__` or `constructor` elements cannot reach a prototype.
 *
 * Beyond the XSD, it checks amounts against their currency's exponent, currency codes (ISO 4217),
 * BIC, IBAN, LEI and country codes, UETR format, `NbOfTxs` / `CtrlSum` / `TtlIntrBkSttlmAmt` against
 * the content, and duplicate `EndToEndId` / `UETR` within the message. All problems are collected into
 * one error. In reports (pacs.002, camt.05x) identifier and length problems are warnings instead.
 *
 * @param input - the message: a string, or its UTF-8 bytes (a `Uint8Array` / `Buffer`)
 * @param options - random source for assigned UETRs, size and depth limits
 * @returns the message, discriminated on `type`
 * @throws {@link Iso20022Error} with every problem in `issues`, each with a stable `ISO20022_*` code and
 *   an ISO element path relative to the message root (`CdtTrfTxInf[0]/IntrBkSttlmAmt`, 0-based)
 * @example
 * ```ts
 * const message = parseMessage(readFileSync('pacs008.xml'));
 * if (message.type === 'pacs.008') {
 *   for (const payment of message.payments) console.log(payment.uetr, formatMoney(payment.amount));
 * }
 * ```
 * @public
 */
export function parseMessage(input: string | Uint8Array, options?: ParseOptions): ParsedMessage {
  const result = runParse(input, options, 'parseMessage');
  if (!result.ok) throw result.error;
  return result.value;
}

/**
 * Like {@link parseMessage}, but returns a `Result` instead of throwing: `{ ok: true, value }` or
 * `{ ok: false, error }` with an {@link Iso20022Error}.
 * @param input - the message as a string or UTF-8 bytes
 * @param options - see {@link ParseOptions}
 * @returns the parsed message or the error
 * @example
 * ```ts
 * const result = safeParseMessage(bytes);
 * if (!result.ok) for (const issue of result.error.issues) console.log(issue.code, formatPath(issue.path));
 * ```
 * @public
 */
export function safeParseMessage(
  input: string | Uint8Array,
  options?: ParseOptions,
): Result<ParsedMessage, Iso20022Error> {
  return runParse(input, options, 'safeParseMessage');
}
