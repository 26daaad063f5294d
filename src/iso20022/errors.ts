/**
 * Errors of the ISO 20022 gateway (STYLE.md §4, §8.4). A parser checks the whole message, collects
 * every problem as an {@link Issue} with its ISO element path (`CdtTrfTxInf[2]/IntrBkSttlmAmt`), and
 * fails with one {@link Iso20022Error} carrying them all; its `code` and `path` are the first issue's.
 *
 * Codes are public API: they are added, never renamed or reused. The builders keep their own table
 * (`Iso20022BuildErrorCodes`); where a problem means the same thing on both sides the string is the
 * same (`ISO20022_INVALID_AMOUNT`, `ISO20022_TEXT_TOO_LONG`, `ISO20022_MISSING_ELEMENT` …).
 * @packageDocumentation
 */
import { DeltranError, formatPath, type Issue } from '../index';

/**
 * Codes of the ISO 20022 parsers. Public API: add, never rename or reuse.
 * @public
 */
export const Iso20022ErrorCodes = {
  // --- Reading the bytes (safety) ---------------------------------------------------------------
  /** The input is larger than `maxBytes` (default 32 MiB). Checked before anything is decoded. */
  INPUT_TOO_LARGE: 'ISO20022_INPUT_TOO_LARGE',
  /** Elements nest deeper than `maxDepth` (default 64). */
  TOO_DEEP: 'ISO20022_TOO_DEEP',
  /** A `<!DOCTYPE …>` (or any other markup declaration): refused before any entity could be expanded. */
  DOCTYPE_FORBIDDEN: 'ISO20022_DOCTYPE_FORBIDDEN',
  /** The bytes are not valid UTF-8. */
  INVALID_ENCODING: 'ISO20022_INVALID_ENCODING',
  /** The XML declaration names an encoding the bytes do not have (for example UTF-16 on 8-bit bytes). */
  ENCODING_MISMATCH: 'ISO20022_ENCODING_MISMATCH',
  /** An encoding other than UTF-8 (UTF-16 byte order mark, or Latin-1 with non-ASCII bytes). */
  UNSUPPORTED_ENCODING: 'ISO20022_UNSUPPORTED_ENCODING',
  /** The input is not well-formed XML (mismatched tags, bad attribute, undeclared entity or prefix, empty). */
  MALFORMED_XML: 'ISO20022_MALFORMED_XML',

  // --- Finding the message -------------------------------------------------------------------------
  /** Well-formed XML without an ISO 20022 `Document` (`urn:iso:std:iso:20022:tech:xsd:…`). */
  NO_DOCUMENT: 'ISO20022_NO_DOCUMENT',
  /** A `Document` of a message type the gateway does not read (for example pain.002). */
  UNSUPPORTED_MESSAGE: 'ISO20022_UNSUPPORTED_MESSAGE',
  /** A known message type in a version the gateway does not read (for example pain.001.001.99). */
  UNSUPPORTED_VERSION: 'ISO20022_UNSUPPORTED_VERSION',
  /** A per-type entry point (`parsePacs008`) was given another message type. */
  UNEXPECTED_MESSAGE_TYPE: 'ISO20022_UNEXPECTED_MESSAGE_TYPE',

  // --- Content (beyond the XSD) ---------------------------------------------------------------------
  /** An element the message needs is absent or empty (for example `GrpHdr/MsgId`, `IntrBkSttlmAmt`). */
  MISSING_ELEMENT: 'ISO20022_MISSING_ELEMENT',
  /** An amount that is not a plain non-negative decimal, or has more significant fraction digits than its currency. */
  INVALID_AMOUNT: 'ISO20022_INVALID_AMOUNT',
  /** An amount with more than 18 significant digits (`ActiveCurrencyAndAmount` totalDigits). */
  AMOUNT_TOO_LARGE: 'ISO20022_AMOUNT_TOO_LARGE',
  /** A `Ccy` that is not an active ISO 4217 code. */
  UNKNOWN_CURRENCY: 'ISO20022_UNKNOWN_CURRENCY',
  /** A BIC (`BICFI`, `AnyBIC`, `BIC`, `BICOrBEI`) that is not ISO 9362. */
  INVALID_BIC: 'ISO20022_INVALID_BIC',
  /** An IBAN with the wrong structure, length or check digits (ISO 13616). */
  INVALID_IBAN: 'ISO20022_INVALID_IBAN',
  /** A `UETR` / `OrgnlUETR` that is not a lower-case UUID v4. */
  INVALID_UETR: 'ISO20022_INVALID_UETR',
  /** A `LEI` that fails ISO 17442 (length, characters, check digits). */
  INVALID_LEI: 'ISO20022_INVALID_LEI',
  /** A `Ctry` / `CtryOfRes` that is not an ISO 3166-1 alpha-2 code. */
  INVALID_COUNTRY: 'ISO20022_INVALID_COUNTRY',
  /** A date or date-time that is not an `xs:date` / `xs:dateTime` (for example a `CURRENT_TIME` placeholder). */
  INVALID_DATE: 'ISO20022_INVALID_DATE',
  /** A code or number element with a value outside its ISO type (`ChrgBr`, `CdtDbtInd`, `NbOfTxs`, `XchgRate` …). */
  INVALID_VALUE: 'ISO20022_INVALID_VALUE',
  /** A text longer than its ISO type allows (`Max35Text`, `Max140Text` …). */
  TEXT_TOO_LONG: 'ISO20022_TEXT_TOO_LONG',
  /** `NbOfTxs` differs from the number of transactions in the message (or in the payment information block). */
  NB_OF_TXS_MISMATCH: 'ISO20022_NB_OF_TXS_MISMATCH',
  /** `CtrlSum` differs from the sum of the amounts it controls. */
  CTRL_SUM_MISMATCH: 'ISO20022_CTRL_SUM_MISMATCH',
  /** `GrpHdr/TtlIntrBkSttlmAmt` differs from the sum (or currency) of the `IntrBkSttlmAmt`s. */
  TOTAL_AMOUNT_MISMATCH: 'ISO20022_TOTAL_AMOUNT_MISMATCH',
  /** Two transactions of one message share an `EndToEndId` (`NOTPROVIDED` excepted). */
  DUPLICATE_END_TO_END_ID: 'ISO20022_DUPLICATE_END_TO_END_ID',
  /** Two transactions of one message share a `UETR`. */
  DUPLICATE_UETR: 'ISO20022_DUPLICATE_UETR',

  // --- Warnings (on the result, never a failure) -------------------------------------------------
  /** Warning: the head.001 `AppHdr/MsgDefIdr` names another message or version than the `Document` namespace. */
  HEADER_MISMATCH: 'ISO20022_HEADER_MISMATCH',
  /** Warning: an `AppHdr` element could not be read (placeholder date, empty `Fr`); the header is kept as far as it goes. */
  INVALID_HEADER: 'ISO20022_INVALID_HEADER',

  // --- The JSON form -------------------------------------------------------------------------------
  /** `messageFromJson` was given a value that is not the JSON form of a parsed message. */
  INVALID_JSON: 'ISO20022_INVALID_JSON',
} as const;

/** Union of the ISO 20022 parser codes. @public */
export type Iso20022ErrorCode = (typeof Iso20022ErrorCodes)[keyof typeof Iso20022ErrorCodes];

/**
 * Thrown by `parseMessage` and every `parseX` (and returned by the `safeParseX` variants) when the input
 * cannot be read as a valid message. `issues` lists every problem found, each with a stable code and
 * the ISO element path relative to the message root (`CdtTrfTxInf[0]/IntrBkSttlmAmt`; indexes are
 * 0-based like every DelTran path). `code` and `path` are those of the first issue.
 * @public
 */
export class Iso20022Error extends DeltranError {}

/**
 * Builds the error for a non-empty list of issues, with a message that names the first and counts
 * the rest (`[deltran] parseMessage: CdtTrfTxInf[0]/IntrBkSttlmAmt: … (and 2 more issues)`).
 * @internal
 */
export function iso20022Error(fn: string, issues: readonly Issue[], cause?: unknown): Iso20022Error {
  const first = issues[0]!;
  const more =
    issues.length > 1 ? ` (and ${issues.length - 1} more issue${issues.length > 2 ? 's' : ''})` : '';
  const where = formatPath(first.path);
  return new Iso20022Error(
    first.code,
    `[deltran] ${fn}: ${where === '' ? '' : `${where}: `}${first.message}${more}`,
    {
      path: first.path,
      issues,
      ...(cause === undefined ? {} : { cause }),
    },
  );
}

// --- Builders (appended by the builder half; see src/iso20022/build/) ------------------------------

/**
 * Codes of the ISO 20022 builders. Public API: codes are added, never renamed or reused. Where a
 * problem means the same as on the parsing side, the string is the same as in {@link Iso20022ErrorCodes}.
 * @public
 */
export const Iso20022BuildErrorCodes = {
  /** An amount that is negative, or not `Money` at all. */
  INVALID_AMOUNT: 'ISO20022_INVALID_AMOUNT',
  /** An amount with more than 18 digits (`ActiveCurrencyAndAmount` totalDigits). */
  AMOUNT_TOO_LARGE: 'ISO20022_AMOUNT_TOO_LARGE',
  /** A currency that is not an active ISO 4217 code. */
  UNKNOWN_CURRENCY: 'ISO20022_UNKNOWN_CURRENCY',
  /** A text longer than its ISO type allows (`Max35Text`, `Max140Text`, `Max34Text` …). */
  TEXT_TOO_LONG: 'ISO20022_TEXT_TOO_LONG',
  /** An element the message version requires is absent from the input (for example `ChrgBr`). */
  MISSING_ELEMENT: 'ISO20022_MISSING_ELEMENT',
  /** A character XML 1.0 cannot carry (C0 controls other than TAB/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
  INVALID_CHARACTER: 'ISO20022_INVALID_CHARACTER',
  /** An empty text where the ISO type requires at least one character (`minLength 1`). */
  EMPTY_TEXT: 'ISO20022_EMPTY_TEXT',
  /** A BIC that is not ISO 9362. */
  INVALID_BIC: 'ISO20022_INVALID_BIC',
  /** An IBAN with the wrong structure, length or check digits. */
  INVALID_IBAN: 'ISO20022_INVALID_IBAN',
  /** A UETR that is not a lower-case UUID v4. */
  INVALID_UETR: 'ISO20022_INVALID_UETR',
  /** A LEI that fails ISO 17442. */
  INVALID_LEI: 'ISO20022_INVALID_LEI',
  /** A country code that is not ISO 3166-1 alpha-2. */
  INVALID_COUNTRY: 'ISO20022_INVALID_COUNTRY',
  /** A date or date-time that is not a real `xs:date` / `xs:dateTime`. */
  INVALID_DATE: 'ISO20022_INVALID_DATE',
  /** A code or number outside its ISO type (`ChrgBr`, `SttlmMtd`, `CdtDbtInd`, `XchgRate`, `OrgnlNbOfTxs` …). */
  INVALID_VALUE: 'ISO20022_INVALID_VALUE',
  /** A field the chosen message or version has no element for (for example `chargeBearer` in pacs.009). */
  NOT_REPRESENTABLE: 'ISO20022_NOT_REPRESENTABLE',
  /** More occurrences than the XSD allows (address lines, intermediary agents, …). */
  TOO_MANY_OCCURRENCES: 'ISO20022_TOO_MANY_OCCURRENCES',
  /** A message identifier or version the builders do not produce. */
  UNSUPPORTED_VERSION: 'ISO20022_UNSUPPORTED_VERSION',
  /** Inputs that contradict each other (for example one `PmtInfId` with two debtors). */
  INCONSISTENT_INPUT: 'ISO20022_INCONSISTENT_INPUT',
  /** Two payments of one message share an `EndToEndId` (`NOTPROVIDED` excepted), which the parser refuses. */
  DUPLICATE_END_TO_END_ID: 'ISO20022_DUPLICATE_END_TO_END_ID',
  /** Two payments of one message share a `UETR`. */
  DUPLICATE_UETR: 'ISO20022_DUPLICATE_UETR',
} as const;

/** Union of the builder error codes. @public */
export type Iso20022BuildErrorCode = (typeof Iso20022BuildErrorCodes)[keyof typeof Iso20022BuildErrorCodes];

/**
 * Thrown by every `buildX` function when the input cannot be represented in the requested message.
 * `issues` lists every problem, each with the ISO element path (`CdtTrfTxInf[2]/Dbtr/Nm`).
 * @public
 */
export class Iso20022BuildError extends DeltranError {}

/** Builds the error a builder throws for its collected issues. @internal */
export function buildError(fn: string, issues: readonly Issue[]): Iso20022BuildError {
  const first = issues[0]!;
  const more =
    issues.length > 1 ? ` (and ${issues.length - 1} more issue${issues.length > 2 ? 's' : ''})` : '';
  const where = formatPath(first.path);
  return new Iso20022BuildError(
    first.code,
    `[deltran] ${fn}: ${where === '' ? '' : `${where}: `}${first.message}${more}`,
    {
      path: first.path,
      issues,
    },
  );
}

// --- MT103 (appended by the builder half; see src/iso20022/mt103/) ----------------------------------

/** Codes of the MT103 parser and builder. Public API: added, never renamed or reused. @public */
export const Mt103ErrorCodes = {
  /** The FIN block structure is broken: missing/unterminated block, wrong header layout. */
  SYNTAX: 'ISO20022_MT103_SYNTAX',
  /** A mandatory field (20, 23B, 32A, 50a, 59a, 71A) is absent. */
  MISSING_FIELD: 'ISO20022_MT103_MISSING_FIELD',
  /** A field whose content does not follow its format (date, amount, BIC, option letter, code …). */
  INVALID_FIELD: 'ISO20022_MT103_INVALID_FIELD',
  /** A line longer than the field allows (35 characters for names, addresses and narratives). */
  LINE_TOO_LONG: 'ISO20022_MT103_LINE_TOO_LONG',
  /** More lines than the field allows (4 for 50a/59a/70, 6 for 72, 3 for 77B). */
  TOO_MANY_LINES: 'ISO20022_MT103_TOO_MANY_LINES',
  /** A value MT103 cannot carry (amount over 15 characters, year outside the YYMMDD window …). */
  NOT_REPRESENTABLE: 'ISO20022_MT103_NOT_REPRESENTABLE',
  /** A character outside the SWIFT X set (an error when building without transliteration, a warning when parsing). */
  INVALID_CHARACTER: 'ISO20022_MT103_INVALID_CHARACTER',
  /** Warning: a character outside the SWIFT X set was replaced. */
  TRANSLITERATED: 'ISO20022_MT103_TRANSLITERATED',
  /** Warning: a value was cut to fit the field (pacs.008 → MT103 mapping). */
  TRUNCATED: 'ISO20022_MT103_TRUNCATED',
  /** Warning: input the parser skipped (for example a stray `{` after the last block). */
  IGNORED_INPUT: 'ISO20022_MT103_IGNORED_INPUT',
} as const;

/** Union of the MT103 codes. @public */
export type Mt103ErrorCode = (typeof Mt103ErrorCodes)[keyof typeof Mt103ErrorCodes];

/** Thrown by the MT103 functions; `issues` lists every problem with its path (`['4', '32A']`). @public */
export class Mt103Error extends DeltranError {}

/** Builds the error an MT103 function throws for its collected issues. @internal */
export function mt103Error(fn: string, issues: readonly Issue[]): Mt103Error {
  const first = issues[0]!;
  const more =
    issues.length > 1 ? ` (and ${issues.length - 1} more issue${issues.length > 2 ? 's' : ''})` : '';
  const where = formatPath(first.path);
  return new Mt103Error(
    first.code,
    `[deltran] ${fn}: ${where === '' ? '' : `${where}: `}${first.message}${more}`,
    {
      path: first.path,
      issues,
    },
  );
}
