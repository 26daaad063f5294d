/**
 * fast-check arbitraries for core values: canonical amounts, BICs, IBANs, UETRs and whole canonical
 * payments in their JSON form. Shared by tests and benchmarks (STYLE.md §6, §7.2). Every value they
 * produce is valid by construction (IBAN check digits are computed, not guessed).
 */
import type { CanonicalPaymentJson, CurrencyCode } from 'deltran';
import { currencyExponent, listCurrencies } from 'deltran';
import fc from 'fast-check';

/** Canonical decimal text for a currency: exactly its exponent digits, no leading zeros. */
export function canonicalAmount(currency: CurrencyCode, options: { min?: bigint; max?: bigint } = {}) {
  const exponent = currencyExponent(currency);
  const max = options.max ?? 10n ** 15n;
  return fc.bigInt({ min: options.min ?? 1n, max }).map((minor) => {
    if (exponent === 0) return minor.toString();
    const digits = minor.toString().padStart(exponent + 1, '0');
    return `${digits.slice(0, -exponent)}.${digits.slice(-exponent)}`;
  });
}

/** Any active ISO 4217 code. */
export const currencyCode: fc.Arbitrary<CurrencyCode> = fc.constantFrom(
  ...listCurrencies().map((c) => c.code as CurrencyCode),
);

const upper = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ');
const alnum = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789');
const digit = fc.constantFrom(...'0123456789');
const BIC_COUNTRIES = ['DE', 'FR', 'GB', 'US', 'AE', 'IL', 'JP', 'CH', 'NL', 'SG'] as const;

/** A BIC with a real country code, 8 or 11 characters. */
export const bic: fc.Arbitrary<string> = fc
  .tuple(
    fc.array(upper, { minLength: 4, maxLength: 4 }),
    fc.constantFrom(...BIC_COUNTRIES),
    fc.array(alnum, { minLength: 2, maxLength: 2 }),
    fc.option(fc.array(alnum, { minLength: 3, maxLength: 3 }), { nil: undefined }),
  )
  .map(
    ([bank, country, location, branch]) =>
      `${bank.join('')}${country}${location.join('')}${branch?.join('') ?? ''}`,
  );

/** ISO 7064 MOD 97-10 check digits for a country and BBAN (the IBAN construction rule). */
export function ibanCheckDigits(country: string, bban: string): string {
  const rearranged = `${bban}${country}00`;
  let remainder = 0;
  for (const ch of rearranged) {
    const code = ch.charCodeAt(0);
    const value = code >= 65 ? String(code - 55) : ch;
    for (const d of value) remainder = (remainder * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return String(98 - remainder).padStart(2, '0');
}

/** Valid IBANs for a few countries whose BBAN is all digits of a fixed length. */
const IBAN_BBAN_DIGITS: Record<string, number> = { DE: 18, AE: 19, IL: 19, CH: 17, BE: 12 };
export const iban: fc.Arbitrary<string> = fc.constantFrom(...Object.keys(IBAN_BBAN_DIGITS)).chain((country) =>
  fc
    .array(digit, { minLength: IBAN_BBAN_DIGITS[country]!, maxLength: IBAN_BBAN_DIGITS[country]! })
    .map((digits) => {
      const bban = digits.join('');
      return `${country}${ibanCheckDigits(country, bban)}${bban}`;
    }),
);

/** A lowercase UUID v4 as SWIFT gpi uses it. */
export const uetr: fc.Arbitrary<string> = fc.uuid({ version: 4 }).map((u) => u.toLowerCase());

/** ISO 20022 Max35Text without leading/trailing spaces (what ids look like in practice). */
export const max35Id: fc.Arbitrary<string> = fc.string({
  unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-/'),
  minLength: 1,
  maxLength: 35,
});

const name: fc.Arbitrary<string> = fc
  .string({
    unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz .,-'),
    minLength: 1,
    maxLength: 70,
  })
  .map((s) => s.trim())
  .filter((s) => s.length > 0);

const isoDate: fc.Arbitrary<string> = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

/** A whole canonical payment in its JSON form (decimal-string amounts), valid by construction. */
export function canonicalPaymentJson(): fc.Arbitrary<CanonicalPaymentJson> {
  return fc
    .record(
      {
        uetr,
        endToEndId: max35Id,
        instructionId: max35Id,
        messageId: max35Id,
        currency: currencyCode,
        settlementDate: isoDate,
        chargeBearer: fc.constantFrom('DEBT', 'CRED', 'SHAR', 'SLEV' as const),
        debtorName: name,
        creditorName: name,
        debtorIban: iban,
        creditorIban: iban,
        debtorAgent: bic,
        creditorAgent: bic,
        remittance: fc.array(name, { maxLength: 2 }),
      },
      { requiredKeys: ['uetr', 'endToEndId', 'messageId', 'currency', 'debtorAgent', 'creditorAgent'] },
    )
    .chain((r) =>
      canonicalAmount(r.currency).map(
        (amount): CanonicalPaymentJson => ({
          uetr: r.uetr,
          endToEndId: r.endToEndId,
          ...(r.instructionId === undefined ? {} : { instructionId: r.instructionId }),
          messageId: r.messageId,
          source: { type: 'api' },
          amount: { currency: r.currency, amount },
          ...(r.settlementDate === undefined ? {} : { settlementDate: r.settlementDate }),
          ...(r.chargeBearer === undefined ? {} : { chargeBearer: r.chargeBearer }),
          debtor: {
            ...(r.debtorName === undefined ? {} : { name: r.debtorName }),
            ...(r.debtorIban === undefined ? {} : { account: { iban: r.debtorIban } }),
          },
          creditor: {
            ...(r.creditorName === undefined ? {} : { name: r.creditorName }),
            ...(r.creditorIban === undefined ? {} : { account: { iban: r.creditorIban } }),
          },
          debtorAgent: { bic: r.debtorAgent },
          creditorAgent: { bic: r.creditorAgent },
          ...(r.remittance === undefined || r.remittance.length === 0
            ? {}
            : { remittanceInformation: { unstructured: r.remittance } }),
        }),
      ),
    );
}
