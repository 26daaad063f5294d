/**
 * The JSON form of a parsed message: what `deltran parse` prints and `deltran build` reads.
 * @packageDocumentation
 */
import type * as z from 'zod';
import { err, type Issue, ok, type Result } from '../index';
import { type Iso20022Error, Iso20022ErrorCodes, iso20022Error } from './errors';
import { MESSAGE_JSON_FORMAT, type ParsedMessageJson, ParsedMessageJsonSchema } from './schemas';
import type { ParsedMessage } from './types';

export { type JsonOf, MESSAGE_JSON_FORMAT, type ParsedMessageJson } from './schemas';

const KEY_ORDER = ['format', 'type', 'version', 'appHeader', 'groupHeader'];

function toIssues(error: z.ZodError): Issue[] {
  return error.issues.map((i) => ({
    code: Iso20022ErrorCodes.INVALID_JSON,
    path: i.path.filter((p): p is string | number => typeof p !== 'symbol'),
    message: i.message,
  }));
}

/**
 * Encodes a parsed message to its JSON form: `format: "deltran.iso20022.message/v1"` first, then
 * `type`, `version`, `appHeader`, `groupHeader`, the content (`payments`; or `messageId`,
 * `creationDateTime`, `transactions` / `reports`), `warnings` last. Every {@link Money} becomes
 * `{ "currency": "EUR", "amount": "12.50" }` (a decimal string in the currency's exponent), every
 * payment the core `CanonicalPaymentJson`. The result is plain data, ready for `JSON.stringify`.
 *
 * The form is stable: fields are added, never renamed or removed. {@link messageFromJson} reads it
 * back exactly.
 *
 * @param message - a message from `parseMessage` (or built by hand with the same shape)
 * @returns the JSON form
 * @throws {@link Iso20022Error} (`ISO20022_INVALID_JSON`) when the message does not have the shape of
 *   its type (for example a hand-built payment with a `number` amount)
 * @example
 * ```ts
 * process.stdout.write(`${JSON.stringify(messageToJson(parseMessage(xml)), null, 2)}\n`);
 * ```
 * @public
 */
export function messageToJson(message: ParsedMessage): ParsedMessageJson {
  const result = ParsedMessageJsonSchema.safeEncode(message);
  if (!result.success) throw iso20022Error('messageToJson', toIssues(result.error), result.error);
  const encoded = result.data as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { format: MESSAGE_JSON_FORMAT };
  for (const key of KEY_ORDER) if (key !== 'format' && encoded[key] !== undefined) out[key] = encoded[key];
  for (const key of Object.keys(encoded))
    if (!KEY_ORDER.includes(key) && key !== 'warnings') out[key] = encoded[key];
  out.warnings = encoded.warnings ?? [];
  return out as unknown as ParsedMessageJson;
}

/**
 * Decodes the JSON form ({@link messageToJson}, `deltran parse`) back into a {@link ParsedMessage},
 * checking its shape: decimal-string amounts become {@link Money} (exact, in the currency's
 * exponent), payments are checked against the canonical schema. `format` may be omitted (hand-written
 * JSON); `warnings` defaults to `[]`.
 *
 * @param json - parsed JSON, for example `JSON.parse(text)`
 * @returns the message, ready for the builders
 * @throws {@link Iso20022Error} (`ISO20022_INVALID_JSON`) listing every problem with its JSON path
 * @public
 */
export function messageFromJson(json: unknown): ParsedMessage {
  const result = safeMessageFromJson(json);
  if (!result.ok) throw result.error;
  return result.value;
}

/**
 * Like {@link messageFromJson}, but returns a `Result` instead of throwing.
 * @param json - parsed JSON
 * @returns the message or the error
 * @public
 */
export function safeMessageFromJson(json: unknown): Result<ParsedMessage, Iso20022Error> {
  const result = ParsedMessageJsonSchema.safeDecode(json as ParsedMessageJson);
  if (!result.success) return err(iso20022Error('messageFromJson', toIssues(result.error), result.error));
  const { format: _format, ...message } = result.data as ParsedMessage & { format?: string };
  return ok(message as ParsedMessage);
}
