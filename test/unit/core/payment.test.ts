import { readdirSync, readFileSync } from 'node:fs';
import {
  type CanonicalPayment,
  CanonicalPaymentSchema,
  canonicalPaymentToJson,
  DeltranError,
  fromMinor,
  parseCanonicalPayment,
  safeParseCanonicalPayment,
  ValidationError,
  validateCanonicalPayment,
} from 'deltran';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalPaymentJson } from '../../arbitraries/payment';

const examplesDir = new URL('../../../examples/payments/', import.meta.url);
const exampleFiles = readdirSync(examplesDir).filter((name) => name.endsWith('.json'));
const readExample = (name: string): unknown => JSON.parse(readFileSync(new URL(name, examplesDir), 'utf8'));

const minimal = {
  uetr: '6f2a1c3e-8b4d-4e1f-9a2b-3c4d5e6f7a81',
  endToEndId: 'E2E-1',
  messageId: 'MSG-1',
  source: { type: 'api' },
  amount: { currency: 'EUR', amount: '10.50' },
  debtor: { name: 'A' },
  creditor: { name: 'B' },
  debtorAgent: { bic: 'DEUTDEFF' },
  creditorAgent: { bic: 'BNPAFRPP' },
} as const;

describe('parseCanonicalPayment', () => {
  it('should decode decimal-string amounts into exact bigint minor units', () => {
    // Act
    const payment = parseCanonicalPayment(minimal);
    // Assert
    expect(payment.amount).toEqual({ minor: 1050n, currency: 'EUR' });
    expect(payment.debtorAgent.bic).toBe('DEUTDEFF');
  });

  it.each(exampleFiles)('should accept the bundled example %s and encode it back unchanged', (name) => {
    // Arrange
    const json = readExample(name);
    // Act
    const payment = parseCanonicalPayment(json);
    // Assert
    expect(canonicalPaymentToJson(payment)).toEqual(json);
    expect(validateCanonicalPayment(payment)).toEqual(payment);
  });

  it('should list every problem with its code and path, not just the first', () => {
    // Arrange
    const input = {
      ...minimal,
      uetr: '6F2A1C3E-8B4D-4E1F-9A2B-3C4D5E6F7A81',
      amount: { currency: 'EUR', amount: '10.125' },
      debtor: { name: 'A', account: { iban: 'DE89370400440532013001' } },
      creditorAgent: { bic: 'BNPAZZPP' },
    };
    // Act
    const result = safeParseCanonicalPayment(input);
    // Assert
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBeInstanceOf(ValidationError);
    expect(result.error).toBeInstanceOf(DeltranError);
    expect(result.error.issues.map((i) => [i.code, i.path.join('/')]).sort()).toEqual([
      ['CORE_INVALID_AMOUNT', 'amount/amount'],
      ['CORE_INVALID_IDENTIFIER', 'creditorAgent/bic'],
      ['CORE_INVALID_IDENTIFIER', 'debtor/account/iban'],
      ['CORE_INVALID_IDENTIFIER', 'uetr'],
    ]);
  });

  it('should reject an unknown currency with CORE_UNKNOWN_CURRENCY at amount/currency', () => {
    // Act
    const result = safeParseCanonicalPayment({ ...minimal, amount: { currency: 'XYZ', amount: '1.00' } });
    // Assert
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.issues).toMatchObject([
        { code: 'CORE_UNKNOWN_CURRENCY', path: ['amount', 'currency'] },
      ]);
  });

  it('should refuse a number amount instead of rounding it', () => {
    // Act
    const result = safeParseCanonicalPayment({ ...minimal, amount: { currency: 'EUR', amount: 10.5 } });
    // Assert
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.issues[0]?.path).toEqual(['amount', 'amount']);
  });

  it('should refuse unknown fields, over-long ids and local-time dates', () => {
    // Act
    const result = safeParseCanonicalPayment({
      ...minimal,
      endToEndId: 'x'.repeat(36),
      settlementDate: '01/12/2026',
      surprise: true,
    });
    // Assert
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const paths = result.error.issues.map((i) => i.path.join('/')).sort();
    expect(paths).toEqual(['', 'endToEndId', 'settlementDate']);
  });

  it('should throw the ValidationError from parseCanonicalPayment', () => {
    // Act / Assert
    expect(() => parseCanonicalPayment({})).toThrow(ValidationError);
  });

  it('should not let __proto__ keys reach the prototype', () => {
    // Arrange
    const input = JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(minimal).slice(1)}`);
    // Act
    const result = safeParseCanonicalPayment(input);
    // Assert
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(result.ok).toBe(false);
  });
});

describe('validateCanonicalPayment', () => {
  it('should refuse Money whose minor is not a bigint', () => {
    // Arrange
    const payment = {
      ...parseCanonicalPayment(minimal),
      amount: { minor: 10.5, currency: 'EUR' },
    } as unknown as CanonicalPayment;
    // Act / Assert
    expect(() => validateCanonicalPayment(payment)).toThrow(ValidationError);
  });

  it('should accept a payment built in memory with fromMinor', () => {
    // Arrange
    const payment: CanonicalPayment = { ...parseCanonicalPayment(minimal), amount: fromMinor(1n, 'JPY') };
    // Act / Assert
    expect(CanonicalPaymentSchema.safeParse(payment).success).toBe(true);
  });
});

describe('properties', () => {
  it('should round-trip any valid payment JSON through decode and encode', () => {
    fc.assert(
      fc.property(canonicalPaymentJson(), (json) => {
        // Act
        const payment = parseCanonicalPayment(json);
        // Assert
        expect(canonicalPaymentToJson(payment)).toEqual(json);
        expect(typeof payment.amount.minor).toBe('bigint');
      }),
      { numRuns: 100 },
    );
  });
});

describe('IBAN form at the boundary', () => {
  it('should refuse the printed IBAN form in a payment (messages carry the electronic form)', () => {
    // Act
    const result = safeParseCanonicalPayment({
      ...minimal,
      debtor: { name: 'A', account: { iban: 'DE89 3704 0044 0532 0130 00' } },
    });
    // Assert
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.issues).toMatchObject([
        { code: 'CORE_INVALID_IDENTIFIER', path: ['debtor', 'account', 'iban'] },
      ]);
  });
});
