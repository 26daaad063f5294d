/**
 * Deterministic identifiers of settlement: message ids, references and UETRs derived from the
 * instruction id (and the attempt), so a restarted host or a second engine computes the same ones.
 * @packageDocumentation
 * @internal
 */
import { digestByte, hexByte, sha256Words } from './sha256';

// Crockford base 32: no I, L, O, U; every character is in the SWIFT X set and in ISO Max35Text.
const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * The first `length` base-32 characters (5 bits each) of SHA-256(`text`), at most 51. Read from the
 * digest's words directly, with no hex or byte array in between. @internal
 */
export function digest32(text: string, length: number): string {
  const h = sha256Words(text);
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (let k = 0; out.length < length && k < 32; k++) {
    buffer = (buffer << 8) | digestByte(h, k);
    bits += 8;
    while (bits >= 5 && out.length < length) {
      bits -= 5;
      out += BASE32[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return out;
}

/**
 * `GrpHdr/MsgId` of an attempt: `DT` + 16 base-32 characters (80 bits) of SHA-256 of the instruction id
 * + `-` + the attempt number (`DT3KQ…7F-1`), at most 22 characters for attempts below 1000.
 * @internal
 */
export function defaultMessageId(instructionId: string, attempt: number): string {
  return `DT${digest32(`deltran.settlement.message:${instructionId}`, 16)}-${attempt}`;
}

/**
 * A Max35Text reference of an instruction: its id when it fits in 35 characters, else `si:` + 26 base-32
 * characters of its SHA-256 (130 bits).
 * @internal
 */
export function shortReference(instructionId: string): string {
  return instructionId.length <= 35
    ? instructionId
    : `si:${digest32(`deltran.settlement.reference:${instructionId}`, 26)}`;
}

/** A 16-character MT `:20:` reference of a message id (80 bits of its SHA-256). @internal */
export function mtReference(messageId: string): string {
  return messageId.length <= 16 && /^[A-Za-z0-9-]+$/.test(messageId)
    ? messageId
    : digest32(`deltran.settlement.mt:${messageId}`, 16);
}

/**
 * A UETR derived from a name: SHA-256 of it with the version (4) and variant (RFC 9562) bits set, in the
 * lower-case form ISO 20022 requires. Used for net positions, which have no payment UETR.
 * @internal
 */
export function derivedUetr(name: string): string {
  const h = sha256Words(`deltran.settlement.uetr:${name}`);
  // Byte 6's high nibble becomes 4 (the version); byte 8's two high bits become 10 (the variant).
  const b6 = digestByte(h, 6);
  const b8 = digestByte(h, 8);
  return (
    `${hexByte(digestByte(h, 0))}${hexByte(digestByte(h, 1))}${hexByte(digestByte(h, 2))}${hexByte(digestByte(h, 3))}-` +
    `${hexByte(digestByte(h, 4))}${hexByte(digestByte(h, 5))}-` +
    `${hexByte(0x40 | (b6 & 0x0f))}${hexByte(digestByte(h, 7))}-` +
    `${hexByte(0x80 | (b8 & 0x3f))}${hexByte(digestByte(h, 9))}-` +
    `${hexByte(digestByte(h, 10))}${hexByte(digestByte(h, 11))}${hexByte(digestByte(h, 12))}` +
    `${hexByte(digestByte(h, 13))}${hexByte(digestByte(h, 14))}${hexByte(digestByte(h, 15))}`
  );
}

/** Canonical JSON of any value (object keys sorted, bigint as `"<n>n"`), for content comparison. @internal */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'bigint') return JSON.stringify(`${value}n`);
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** ISO 8601 UTC of epoch milliseconds. @internal */
export function isoOf(ms: number): string {
  return new Date(ms).toISOString();
}
