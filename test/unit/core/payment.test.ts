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

describe('fields later stages need', () => {
  /** Every field added for compliance and routing, in the JSON form. */
  const rich = {
    ...minimal,
    source: { type: 'pacs.009', version: 'pacs.009.001.08' },
    settlementPriority: 'URGT',
    charges: [
      { amount: { currency: 'EUR', amount: '2.50' }, agent: { bic: 'DEUTDEFF' } },
      { amount: { currency: 'JPY', amount: '120' } },
    ],
    previousInstructingAgents: [{ bic: 'COBADEFF' }, { name: 'Correspondent' }],
    instructionsForCreditorAgent: ['Call beneficiary'],
    instructionsForNextAgent: ['/ACC/ARRIVING FRIDAY'],
    underlyingCustomerCreditTransfer: {
      debtor: {
        name: 'Acme Widgets GmbH',
        otherIdentifications: [{ id: 'DE123456789', scheme: 'TXID', issuer: 'BZSt' }],
      },
      creditor: { name: 'Widget Buyers Inc', account: { iban: 'DE89370400440532013000' } },
      debtorAgent: { bic: 'DEUTDEFF' },
      creditorAgent: { bic: 'CHASUS33' },
      ultimateCreditor: { name: 'Widget Holdings' },
      intermediaryAgents: [{ bic: 'CITIUS33' }],
      remittanceInformation: { unstructured: ['INV 77'] },
      instructedAmount: { currency: 'EUR', amount: '920000.00' },
    },
    serviceLevel: ['URGP', 'G001'],
    localInstrument: 'INST',
    instructionPriority: 'HIGH',
    debtor: { name: 'A', otherIds: ['C-42'], otherIdentifications: [{ id: 'C-42' }] },
  } as const;

  it('should decode every charge and the underlying instructed amount into Money, and encode them back', () => {
    // Act
    const payment = parseCanonicalPayment(rich);
    // Assert
    expect(payment.charges).toEqual([
      { amount: { minor: 250n, currency: 'EUR' }, agent: { bic: 'DEUTDEFF' } },
      { amount: { minor: 120n, currency: 'JPY' } },
    ]);
    expect(payment.underlyingCustomerCreditTransfer?.instructedAmount).toEqual({
      minor: 92000000n,
      currency: 'EUR',
    });
    expect(canonicalPaymentToJson(payment)).toEqual(rich);
    expect(validateCanonicalPayment(payment)).toEqual(payment);
  });

  it('should check the new fields and say where each problem is', () => {
    // Arrange
    const input = {
      ...rich,
      instructionPriority: 'FAST',
      settlementPriority: 'LOW',
      charges: [{ amount: { currency: 'EUR', amount: '2.555' } }],
      instructionsForNextAgent: ['x'.repeat(141)],
      serviceLevel: ['x'.repeat(36)],
      previousInstructingAgents: [{ bic: 'NOTABIC' }],
      underlyingCustomerCreditTransfer: { ...rich.underlyingCustomerCreditTransfer, debtor: undefined },
      debtor: { name: 'A', otherIdentifications: [{ id: 'C-42', kind: 'x' }] },
    };
    // Act
    const result = safeParseCanonicalPayment(input);
    // Assert
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((i) => [i.code, i.path.join('/')]).sort()).toEqual([
      ['CORE_INVALID_AMOUNT', 'charges/0/amount/amount'],
      ['CORE_INVALID_IDENTIFIER', 'previousInstructingAgents/0/bic'],
      ['CORE_INVALID_INPUT', 'debtor/otherIdentifications/0'],
      ['CORE_INVALID_INPUT', 'instructionPriority'],
      ['CORE_INVALID_INPUT', 'instructionsForNextAgent/0'],
      ['CORE_INVALID_INPUT', 'serviceLevel/0'],
      ['CORE_INVALID_INPUT', 'settlementPriority'],
      ['CORE_INVALID_INPUT', 'underlyingCustomerCreditTransfer/debtor'],
    ]);
  });

  it('should refuse a charge amount that is not Money in memory', () => {
    // Arrange
    const payment = {
      ...parseCanonicalPayment(minimal),
      charges: [{ amount: { minor: 2.5, currency: 'EUR' } }],
    } as unknown as CanonicalPayment;
    // Act / Assert
    expect(() => validateCanonicalPayment(payment)).toThrow(ValidationError);
  });

  it('should keep payments without the new fields exactly as before', () => {
    // Act
    const payment = parseCanonicalPayment(minimal);
    // Assert
    expect(Object.keys(canonicalPaymentToJson(payment)).sort()).toEqual(Object.keys(minimal).sort());
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
