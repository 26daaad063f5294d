/**
 * Checks beyond the XSD that compare parts of a message with each other: `NbOfTxs` and `CtrlSum`
 * against the content, `TtlIntrBkSttlmAmt` against the settlement amounts, and duplicate `EndToEndId`
 * or `UETR` inside one message.
 * @internal
 * @packageDocumentation
 */
import { currencyExponent, formatMoney, formatPath, type Money } from '../../index';
import { Iso20022ErrorCodes as Codes } from '../errors';
import { at, type ParseContext, type Path, quote } from './context';

/** Records `ISO20022_NB_OF_TXS_MISMATCH` when a declared `NbOfTxs` differs from the count. @internal */
export function checkCount(
  ctx: ParseContext,
  declared: string | undefined,
  actual: number,
  path: Path,
): void {
  if (declared === undefined) return;
  if (Number(declared) !== actual) {
    ctx.error(
      Codes.NB_OF_TXS_MISMATCH,
      path,
      `NbOfTxs says ${declared} but there ${actual === 1 ? 'is 1 transaction' : `are ${actual} transactions`}`,
    );
  }
}

/** A decimal as an exact fraction: `digits / 10^scale`. */
interface Scaled {
  readonly digits: bigint;
  readonly scale: number;
}

function fromDecimalText(value: string): Scaled {
  const dot = value.indexOf('.');
  if (dot === -1) return { digits: BigInt(value), scale: 0 };
  return { digits: BigInt(value.slice(0, dot) + value.slice(dot + 1)), scale: value.length - dot - 1 };
}

function equalScaled(a: Scaled, b: Scaled): boolean {
  if (a.scale === b.scale) return a.digits === b.digits;
  return a.scale < b.scale
    ? a.digits * 10n ** BigInt(b.scale - a.scale) === b.digits
    : a.digits === b.digits * 10n ** BigInt(a.scale - b.scale);
}

/** Sum of amounts as a decimal, whatever their currencies (ISO: CtrlSum is "regardless of currency"). */
function sumAmounts(amounts: readonly Money[]): Scaled {
  let scale = 0;
  let mixed = false;
  for (let i = 0; i < amounts.length; i++) {
    const exponent = currencyExponent(amounts[i]!.currency);
    if (i > 0 && exponent !== scale) mixed = true;
    if (exponent > scale) scale = exponent;
  }
  let digits = 0n;
  // A batch is nearly always in one currency, or in currencies of one exponent: no rescaling then.
  if (!mixed) for (const a of amounts) digits += a.minor;
  else for (const a of amounts) digits += a.minor * 10n ** BigInt(scale - currencyExponent(a.currency));
  return { digits, scale };
}

function formatScaled(s: Scaled): string {
  if (s.scale === 0) return s.digits.toString();
  const text = s.digits.toString().padStart(s.scale + 1, '0');
  return `${text.slice(0, -s.scale)}.${text.slice(-s.scale)}`;
}

/** Records `ISO20022_CTRL_SUM_MISMATCH` when a declared `CtrlSum` differs from the sum of `amounts`. @internal */
export function checkControlSum(
  ctx: ParseContext,
  declared: string | undefined,
  amounts: readonly Money[],
  path: Path,
): void {
  if (declared === undefined) return;
  const total = sumAmounts(amounts);
  if (!equalScaled(fromDecimalText(declared), total)) {
    ctx.error(
      Codes.CTRL_SUM_MISMATCH,
      path,
      `CtrlSum says ${declared} but the amounts add up to ${formatScaled(total)}`,
    );
  }
}

/** Records `ISO20022_TOTAL_AMOUNT_MISMATCH` when `TtlIntrBkSttlmAmt` differs from the settlement amounts. @internal */
export function checkTotal(
  ctx: ParseContext,
  declared: Money | undefined,
  amounts: readonly Money[],
  path: Path,
): void {
  if (declared === undefined) return;
  let total = 0n;
  for (const a of amounts) {
    if (a.currency !== declared.currency) {
      ctx.error(
        Codes.TOTAL_AMOUNT_MISMATCH,
        at(path, '@Ccy'),
        `TtlIntrBkSttlmAmt is in ${declared.currency} but a transaction settles in ${a.currency}`,
      );
      return;
    }
    total += a.minor;
  }
  if (total !== declared.minor) {
    ctx.error(
      Codes.TOTAL_AMOUNT_MISMATCH,
      path,
      `TtlIntrBkSttlmAmt says ${formatMoney(declared)} ${declared.currency} but the transactions add up to ${formatMoney({ minor: total, currency: declared.currency })}`,
    );
  }
}

/** `EndToEndId` placeholder that many transactions legitimately share (ISO 20022 usage rule). */
const NOT_PROVIDED = 'NOTPROVIDED';

/**
 * Tracks identifiers within one message and records duplicates. Takes the transaction's base path
 * (`CdtTrfTxInf[i]`), so the element path is only built for a duplicate.
 * @internal
 */
export class DuplicateTracker {
  private readonly endToEndIds = new Map<string, Path>();
  private readonly uetrs = new Map<string, Path>();

  endToEndId(ctx: ParseContext, value: string | undefined, base: Path): void {
    if (value === undefined || value === NOT_PROVIDED) return;
    const first = this.endToEndIds.get(value);
    if (first === undefined) this.endToEndIds.set(value, base);
    else {
      ctx.error(
        Codes.DUPLICATE_END_TO_END_ID,
        at(base, 'PmtId', 'EndToEndId'),
        `EndToEndId ${quote(value)} is already used by ${formatPath(at(first, 'PmtId', 'EndToEndId'))}`,
      );
    }
  }

  uetr(ctx: ParseContext, value: string | undefined, base: Path): void {
    if (value === undefined) return;
    const first = this.uetrs.get(value);
    if (first === undefined) this.uetrs.set(value, base);
    else
      ctx.error(
        Codes.DUPLICATE_UETR,
        at(base, 'PmtId', 'UETR'),
        `UETR ${value} is already used by ${formatPath(at(first, 'PmtId', 'UETR'))}`,
      );
  }
}
