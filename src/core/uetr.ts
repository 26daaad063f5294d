/**
 * Unique End-to-end Transaction References (UETR), as SWIFT gpi and ISO 20022 use them.
 *
 * A UETR is a version 4 (random) UUID, RFC 9562 (formerly RFC 4122), written in lower case with hyphens:
 * ISO 20022 `UUIDv4Identifier`, `[a-f0-9]{8}-[a-f0-9]{4}-4[a-f0-9]{3}-[89ab][a-f0-9]{3}-[a-f0-9]{12}`,
 * carried in `PmtId/UETR` and in SWIFT MT field 121.
 *
 * @packageDocumentation
 */
import { CoreErrorCodes, formatPath, InvalidIdentifierError, ValidationError } from './errors';
import { cryptoRandom, type RandomSource } from './random';

/** Options for {@link parseUetr} and {@link normalizeUetr}. @public */
export interface UetrOptions {
  /** Where the UETR sits in the caller's input, reported in the error (for example `['PmtId', 'UETR']`). */
  readonly path?: readonly (string | number)[];
}

/**
 * Tells whether `value` is a UETR: a lower-case version 4 UUID with the RFC 9562 variant (`8`, `9`, `a`
 * or `b` as the first character of the fourth group).
 *
 * Strict: upper case is invalid, because the SWIFT pattern is lower case and gpi trackers match UETRs as
 * strings. Clean received values with {@link normalizeUetr}.
 *
 * @param value - the candidate UETR
 * @returns `true` for `"eb6305c9-1f7f-49de-aed0-16487c27b42d"`, `false` for its upper-case form or a v1 UUID
 * @example
 * ```ts
 * isValidUetr('eb6305c9-1f7f-49de-aed0-16487c27b42d'); // true
 * isValidUetr('EB6305C9-1F7F-49DE-AED0-16487C27B42D'); // false
 * ```
 * @public
 */
export function isValidUetr(value: string): boolean {
  return uetrFailure(value) === OK;
}

/**
 * Checks a UETR and returns it, or throws. Strict, like {@link isValidUetr}.
 *
 * @param value - the UETR, lower case
 * @param options - `path` of the value in the caller's input, reported in the error
 * @returns `value`, unchanged
 * @throws {@link InvalidIdentifierError} (`CORE_INVALID_IDENTIFIER`) saying whether the shape (including
 * upper case), the version or the variant is wrong
 * @example
 * ```ts
 * parseUetr('eb6305c9-1f7f-49de-aed0-16487c27b42d'); // 'eb6305c9-1f7f-49de-aed0-16487c27b42d'
 * parseUetr('eb6305c9-1f7f-19de-aed0-16487c27b42d', { path: ['PmtId', 'UETR'] }); // throws: version 1
 * ```
 * @public
 */
export function parseUetr(value: string, options: UetrOptions = {}): string {
  check('parseUetr', value, options);
  return value;
}

/**
 * Cleans a UETR: trims surrounding whitespace, lower-cases ASCII letters, then checks it.
 *
 * @param value - the raw UETR, for example `"EB6305C9-1F7F-49DE-AED0-16487C27B42D"`
 * @param options - `path` of the value in the caller's input, reported in the error
 * @returns the UETR in lower case
 * @throws {@link InvalidIdentifierError} (`CORE_INVALID_IDENTIFIER`) when the cleaned value is not a UETR,
 * saying whether the shape, the version or the variant is wrong
 * @example
 * ```ts
 * normalizeUetr(' EB6305C9-1F7F-49DE-AED0-16487C27B42D '); // 'eb6305c9-1f7f-49de-aed0-16487c27b42d'
 * ```
 * @public
 */
export function normalizeUetr(value: string, options: UetrOptions = {}): string {
  const trimmed = value.trim();
  let out = '';
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed.charCodeAt(i);
    out += c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 32) : trimmed[i];
  }
  check('normalizeUetr', out, options);
  return out;
}

/**
 * Creates a new UETR from 16 random bytes, setting the version (4) and variant (RFC 9562) bits.
 *
 * @param random - the byte source; the platform CSPRNG by default. Pass `createSeededRandom(seed)` in
 * tests and demos for reproducible UETRs, never in production.
 * @returns a UETR that passes {@link isValidUetr}
 * @throws {@link ValidationError} (`CORE_INVALID_INPUT`) when `random` returns fewer than 16 bytes
 * @example
 * ```ts
 * createUetr(); // for example 'eb6305c9-1f7f-49de-aed0-16487c27b42d'
 * createUetr(createSeededRandom(42)) === createUetr(createSeededRandom(42)); // true
 * ```
 * @public
 */
export function createUetr(random: RandomSource = cryptoRandom): string {
  const bytes = random(16);
  if (bytes.length < 16) {
    throw new ValidationError(
      CoreErrorCodes.INVALID_INPUT,
      `[deltran] createUetr: expected the random source to return 16 bytes, got ${bytes.length}`,
    );
  }
  let out = '';
  for (let i = 0; i < 16; i++) {
    let byte = bytes[i]!;
    if (i === 6)
      byte = (byte & 0x0f) | 0x40; // version 4 in the high nibble of byte 6
    else if (i === 8) byte = (byte & 0x3f) | 0x80; // variant 10xx in the two high bits of byte 8
    if (i === 4 || i === 6 || i === 8 || i === 10) out += '-';
    out += HEX[byte]!;
  }
  return out;
}

const HEX: readonly string[] = Object.freeze(
  Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0')),
);

const OK = 0;
const BAD_SHAPE = 1;
const BAD_VERSION = 2;
const BAD_VARIANT = 3;
type Failure = typeof OK | typeof BAD_SHAPE | typeof BAD_VERSION | typeof BAD_VARIANT;

function uetrFailure(value: string): Failure {
  if (value.length !== 36) return BAD_SHAPE;
  for (let i = 0; i < 36; i++) {
    const c = value.charCodeAt(i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 0x2d) return BAD_SHAPE;
    } else if (!((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66))) {
      return BAD_SHAPE;
    }
  }
  if (value.charCodeAt(14) !== 0x34) return BAD_VERSION;
  const variant = value.charCodeAt(19);
  return variant === 0x38 || variant === 0x39 || variant === 0x61 || variant === 0x62 ? OK : BAD_VARIANT;
}

function check(fn: string, value: string, options: UetrOptions): void {
  const failure = uetrFailure(value);
  if (failure === OK) return;
  const path = options.path ?? [];
  const where = path.length === 0 ? '' : `${formatPath(path)}: `;
  throw new InvalidIdentifierError(
    CoreErrorCodes.INVALID_IDENTIFIER,
    `[deltran] ${fn}: ${where}${describe(failure, value)}`,
    { path },
  );
}

function describe(failure: Failure, value: string): string {
  const got = value.length <= 40 ? JSON.stringify(value) : `${JSON.stringify(value.slice(0, 40))}…`;
  switch (failure) {
    case BAD_SHAPE:
      return `expected a UETR of 32 lower-case hex digits in groups 8-4-4-4-12 (use normalizeUetr for upper case), got ${got}`;
    case BAD_VERSION:
      return `expected a version 4 UUID (a "4" at position 15), got version "${value.charAt(14)}" in ${got}`;
    default:
      return `expected the RFC 9562 variant ("8", "9", "a" or "b" at position 20), got "${value.charAt(19)}" in ${got}`;
  }
}
