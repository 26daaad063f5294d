/**
 * JSON text as `JSON.stringify` writes it, written straight from the ledger's records and results.
 *
 * The journal body (format 1) is `JSON.stringify` of arrays and objects built for each batch. V8's
 * `JSON.stringify` spends ~0.4 µs on each small record object, more than building it, and the memory
 * store does not need the objects at all (it derives its tables from the journal). So the body is
 * joined from texts written here, field by field, in the order `JSON.stringify` would visit the JSON
 * form (`encodeRec`, `encodeResult`) of the same value. Strings that need escaping, non-finite numbers
 * and values of unusual types go through `JSON.stringify` itself.
 * @internal
 */

// Strings JSON writes as they are between quotes: no quote, backslash, control character or surrogate
// (a lone surrogate is escaped, a pair is not: JSON.stringify is asked about both).
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters JSON escapes are the point
const PLAIN = /^[^"\\\u0000-\u001f\ud800-\udfff]*$/;

/** `JSON.stringify(text)`. @internal */
export function jsonString(text: string): string {
  return PLAIN.test(text) ? `"${text}"` : JSON.stringify(text);
}

/**
 * `JSON.stringify(text)` of a text known to need no escaping, without looking: an ISO 4217 code, a
 * validated UETR, one of the ledger's own status and code constants.
 * @internal
 */
export function plainString(text: string): string {
  return `"${text}"`;
}

/** `JSON.stringify(value)` of a number. @internal */
export function jsonNumber(value: number): string {
  return Number.isFinite(value) ? `${value}` : 'null';
}

/** `JSON.stringify` of a string or null (the nullable columns of an account row). @internal */
export function jsonNullable(text: string | null): string {
  return text === null ? 'null' : jsonString(text);
}

/** Key texts (`"key":`) by key: the ledger's objects share a few dozen field names. */
const KEY_TEXT: Map<string, string> = new Map();

/** `JSON.stringify(key) + ':'`. @internal */
export function jsonKey(key: string): string {
  let text = KEY_TEXT.get(key);
  if (text === undefined) {
    text = `${jsonString(key)}:`;
    // A record from a foreign store could bring any key: the table stays small.
    if (KEY_TEXT.size < 512) KEY_TEXT.set(key, text);
  }
  return text;
}

/**
 * `JSON.stringify(encodeRec(rec))`: the record's own fields in `for…in` order (the order
 * `JSON.stringify` writes the copy in: index-like keys first, ascending, then insertion order),
 * bigints as decimal strings, `undefined` fields left out.
 * @internal
 */
export function recordText(rec: object): string {
  const fields = rec as Record<string, unknown>;
  let text = '';
  for (const key in fields) {
    const value = fields[key];
    if (value === undefined) continue;
    const piece =
      typeof value === 'string'
        ? jsonString(value)
        : typeof value === 'bigint'
          ? `"${value}"`
          : typeof value === 'number'
            ? jsonNumber(value)
            : JSON.stringify(value);
    text += text === '' ? `{${jsonKey(key)}${piece}` : `,${jsonKey(key)}${piece}`;
  }
  return text === '' ? '{}' : `${text}}`;
}

/**
 * `JSON.stringify(toJson(value))` for a value of a command result: a {@link Money} as
 * `{ currency, minor }` (minor as digits), bigints as digits, `undefined` object fields left out (and
 * written `null` in arrays), arrays and objects in order.
 * @internal
 */
export function valueText(value: unknown): string {
  if (typeof value === 'string') return jsonString(value);
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'bigint') return `"${value}"`;
    if (typeof value === 'number') return jsonNumber(value);
    return value === undefined ? 'null' : JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += i === 0 ? valueText(value[i]) : `,${valueText(value[i])}`;
    return `${text}]`;
  }
  const object = value as Record<string, unknown>;
  if (typeof object.minor === 'bigint' && typeof object.currency === 'string')
    return `{"currency":${jsonString(object.currency)},"minor":"${object.minor}"}`;
  return fieldsText(object, false);
}

/**
 * The object's fields as {@link valueText} writes them; with `skipIdentity`, without `id`, `kind` and
 * `replayed` (a command result's JSON form).
 * @internal
 */
export function fieldsText(object: Record<string, unknown>, skipIdentity: boolean): string {
  let text = '';
  for (const key in object) {
    if (skipIdentity && (key === 'id' || key === 'kind' || key === 'replayed')) continue;
    const field = object[key];
    if (field === undefined) continue;
    text += text === '' ? `{${jsonKey(key)}${valueText(field)}` : `,${jsonKey(key)}${valueText(field)}`;
  }
  return text === '' ? '{}' : `${text}}`;
}
