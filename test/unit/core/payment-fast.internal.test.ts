/**
 * The payment codec's fast path (`src/core/_internal/payment-fast.ts`) against its reference, the zod
 * schema: on every input it accepts, it must return exactly what zod returns (deep-equal, same key
 * order, same Money values); it must never accept what zod refuses; and it must accept the valid
 * payments the flow carries, or it would be no faster. The public functions must give the same values
 * and the same errors as the zod path alone.
 */
import {
  type CanonicalPayment,
  CanonicalPaymentJsonSchema,
  CanonicalPaymentSchema,
  canonicalPaymentToJson,
  parseCanonicalPayment,
  safeParseCanonicalPayment,
  ValidationError,
  validateCanonicalPayment,
} from 'deltran';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodePaymentFast,
  encodePaymentFast,
  REJECT,
  validatePaymentFast,
} from '../../../src/core/_internal/payment-fast';
import {
  type Mutation,
  mutate,
  mutation,
  pathsOf,
  richPaymentJson,
  validPaymentJson,
} from './payment-samples';

/** JSON text that also shows bigints and `undefined` members, so key order and values compare exactly. */
function exact(value: unknown): string {
  const seen = (v: unknown): unknown => {
    if (typeof v === 'bigint') return `${v}n`;
    if (Array.isArray(v)) return v.map(seen);
    if (typeof v === 'object' && v !== null) {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v)) {
        const item = (v as Record<string, unknown>)[key];
        out[key] = item === undefined ? '<undefined>' : seen(item);
      }
      return out;
    }
    return v;
  };
  return JSON.stringify(seen(value));
}

interface Reference {
  readonly success: boolean;
  readonly data?: unknown;
  readonly error?: { readonly issues: readonly { path: PropertyKey[]; message: string }[] };
}

const decodeWithZod = (input: unknown): Reference =>
  CanonicalPaymentJsonSchema.safeDecode(input as never) as Reference;
const encodeWithZod = (input: unknown): Reference =>
  CanonicalPaymentJsonSchema.safeEncode(input as never) as Reference;
const validateWithZod = (input: unknown): Reference => CanonicalPaymentSchema.safeParse(input) as Reference;

/** The fast result must be zod's, or REJECT; returns whether it was accepted. */
function expectSameAsZod(fast: unknown, zod: Reference | (() => Reference), deep = true): boolean {
  if (fast === REJECT) return false;
  const reference = typeof zod === 'function' ? zod() : zod;
  expect(reference.success).toBe(true);
  if (deep) expect(fast).toStrictEqual(reference.data);
  else if (exact(fast) !== exact(reference.data)) expect(fast).toStrictEqual(reference.data);
  expect(exact(fast)).toBe(exact(reference.data));
  return true;
}

const paymentOf = (json: unknown): CanonicalPayment =>
  CanonicalPaymentJsonSchema.decode(json as never) as CanonicalPayment;

/** A valid payment, one of its paths, and a change there. */
const mutated = validPaymentJson.chain((json) => {
  const paths = pathsOf(json);
  return fc.tuple(fc.constant(json), fc.constantFrom(...paths), mutation);
});

describe('payment fast path: valid payments', () => {
  it('should decode every valid payment JSON exactly as zod does', () => {
    fc.assert(
      fc.property(validPaymentJson, (json) => {
        // Act
        const fast = decodePaymentFast(json);
        // Assert
        expect(expectSameAsZod(fast, decodeWithZod(json))).toBe(true);
        expect(Object.isFrozen((fast as CanonicalPayment).amount)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('should encode every valid payment exactly as zod does, keys in schema order', () => {
    fc.assert(
      fc.property(validPaymentJson, (json) => {
        // Arrange
        const payment = paymentOf(json);
        // Act
        const fast = encodePaymentFast(payment);
        // Assert
        expect(expectSameAsZod(fast, encodeWithZod(payment))).toBe(true);
        expect(JSON.stringify(fast)).toBe(JSON.stringify(encodeWithZod(payment).data));
      }),
      { numRuns: 200 },
    );
  });

  it('should validate every valid in-memory payment exactly as zod does, Money kept as is', () => {
    fc.assert(
      fc.property(validPaymentJson, (json) => {
        // Arrange
        const payment = paymentOf(json);
        // Act
        const fast = validatePaymentFast(payment);
        // Assert
        expect(expectSameAsZod(fast, validateWithZod(payment))).toBe(true);
        expect((fast as CanonicalPayment).amount).toBe(payment.amount);
      }),
      { numRuns: 200 },
    );
  });

  it('should accept frozen payments, as the pipeline deep-freezes them', () => {
    fc.assert(
      fc.property(validPaymentJson, (json) => {
        // Arrange
        const freeze = (v: unknown): unknown => {
          if (typeof v === 'object' && v !== null) {
            for (const item of Object.values(v)) freeze(item);
            Object.freeze(v);
          }
          return v;
        };
        const payment = freeze(paymentOf(json));
        // Act / Assert
        expect(expectSameAsZod(encodePaymentFast(payment), encodeWithZod(payment))).toBe(true);
        expect(expectSameAsZod(decodePaymentFast(freeze(json)), decodeWithZod(json))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});

/** The replacements at each limit of the schema: lengths, types, one identifier of each kind. */
const BOUNDARIES: readonly unknown[] = [
  undefined,
  null,
  0,
  '',
  'X'.repeat(17),
  'X'.repeat(36),
  'X'.repeat(71),
  'X'.repeat(141),
  ['X'.repeat(36)],
  ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
  {},
  'ZZ',
  'ZZZ',
  '10.125',
  { minor: 100, currency: 'EUR' },
];

describe('payment fast path: mutated and invalid inputs', () => {
  it('should never accept a JSON input zod refuses, and return zod’s value for one it accepts', () => {
    let accepted = 0;
    fc.assert(
      fc.property(mutated, ([json, path, change]) => {
        // Arrange
        const input = mutate(json, path, change);
        // Act / Assert
        if (expectSameAsZod(decodePaymentFast(input), decodeWithZod(input))) accepted++;
      }),
      { numRuns: 600 },
    );
    // Some mutations keep the payment valid (a name for a name): the check above then saw real values.
    expect(accepted).toBeGreaterThan(0);
  });

  it('should never accept an in-memory payment zod refuses to encode or validate', () => {
    fc.assert(
      fc.property(mutated, ([json, path, change]) => {
        // Arrange: the same paths, on the decoded payment (amounts are Money there)
        const input = mutate(paymentOf(json), path, change);
        // Act / Assert
        expectSameAsZod(encodePaymentFast(input), encodeWithZod(input));
        expectSameAsZod(validatePaymentFast(input), validateWithZod(input));
      }),
      { numRuns: 600 },
    );
  });

  it('should agree with zod for every change at every path of payments that use every field', () => {
    // Arrange: a few payments with every optional field present, and every change at every place
    const changes: Mutation[] = [
      ...BOUNDARIES.map((w): Mutation => ({ kind: 'replace', with: w })),
      { kind: 'delete' },
      { kind: 'proto' },
      { kind: 'add-key', key: 'extra', with: 'x' },
      { kind: 'add-key', key: 'extra', with: undefined },
    ];
    const samples = fc.sample(richPaymentJson(true), { numRuns: 1, seed: 7 });
    let accepted = 0;
    for (const json of samples) {
      const payment = paymentOf(json);
      for (const path of pathsOf(json)) {
        for (const change of changes) {
          // Act
          const input = mutate(json, path, change);
          const inMemory = mutate(payment, path, change);
          // Assert
          // (zod runs only when the fast path accepts: a refusal needs no comparison)
          if (expectSameAsZod(decodePaymentFast(input), () => decodeWithZod(input), false)) accepted++;
          expectSameAsZod(encodePaymentFast(inMemory), () => encodeWithZod(inMemory), false);
        }
      }
    }
    expect(accepted).toBeGreaterThan(0);
  });

  it.each([
    ['null', null],
    ['a number', 42],
    ['a string', 'payment'],
    ['an array', []],
    ['an empty object', {}],
    ['a Map', new Map()],
  ])('should leave %s to zod', (_name, input) => {
    // Act / Assert
    expect(decodePaymentFast(input)).toBe(REJECT);
    expect(encodePaymentFast(input)).toBe(REJECT);
    expect(validatePaymentFast(input)).toBe(REJECT);
  });

  it('should leave an explicit undefined member to zod, which keeps the key', () => {
    fc.assert(
      fc.property(validPaymentJson, (json) => {
        // Arrange
        const input = { ...json, instructionId: undefined };
        const payment = { ...paymentOf(json), purpose: undefined };
        // Act / Assert
        expect(decodePaymentFast(input)).toBe(REJECT);
        expect(encodePaymentFast(payment)).toBe(REJECT);
        expect(Object.hasOwn(parseCanonicalPayment(input), 'instructionId')).toBe(true);
      }),
      { numRuns: 50 },
    );
  });

  it('should leave a JSON __proto__ key to zod, which refuses it', () => {
    fc.assert(
      fc.property(validPaymentJson, (json) => {
        // Arrange
        const input = JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(json).slice(1)}`);
        // Act / Assert
        expect(decodePaymentFast(input)).toBe(REJECT);
        expect(safeParseCanonicalPayment(input).ok).toBe(false);
      }),
      { numRuns: 50 },
    );
  });
});

describe('public codec functions with the fast path', () => {
  /** What the functions returned before the fast path: zod, and errors mapped by payment.ts. */
  function issuesOf(reference: Reference) {
    return reference.error!.issues.map((issue) => ({ path: issue.path, message: issue.message }));
  }

  it('should return the same payments and the same errors as zod alone from safeParseCanonicalPayment', () => {
    fc.assert(
      fc.property(mutated, ([json, path, change]) => {
        // Arrange
        const input = mutate(json, path, change);
        const reference = decodeWithZod(input);
        // Act
        const result = safeParseCanonicalPayment(input);
        // Assert
        expect(result.ok).toBe(reference.success);
        if (result.ok) expect(exact(result.value)).toBe(exact(reference.data));
        else {
          expect(result.error).toBeInstanceOf(ValidationError);
          expect(result.error.issues.map(({ path: p, message }) => ({ path: p, message }))).toEqual(
            issuesOf(reference),
          );
          expect(() => parseCanonicalPayment(input)).toThrow(result.error.message);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('should return the same JSON and throw the same errors as zod alone from canonicalPaymentToJson', () => {
    fc.assert(
      fc.property(mutated, ([json, path, change]) => {
        // Arrange
        const input = mutate(paymentOf(json), path, change) as CanonicalPayment;
        const reference = encodeWithZod(input);
        // Act / Assert
        if (reference.success) expect(exact(canonicalPaymentToJson(input))).toBe(exact(reference.data));
        else {
          const error = (() => {
            try {
              canonicalPaymentToJson(input);
            } catch (caught) {
              return caught as ValidationError;
            }
            throw new Error('expected canonicalPaymentToJson to throw');
          })();
          expect(error).toBeInstanceOf(ValidationError);
          expect(error.issues.map(({ path: p, message }) => ({ path: p, message }))).toEqual(
            issuesOf(reference),
          );
        }
        const validated = validateWithZod(input);
        if (validated.success) expect(exact(validateCanonicalPayment(input))).toBe(exact(validated.data));
        else expect(() => validateCanonicalPayment(input)).toThrow(ValidationError);
      }),
      { numRuns: 500 },
    );
  });

  it('should round-trip: decode(encode(payment)) equals the payment, encode(decode(json)) the JSON', () => {
    fc.assert(
      fc.property(validPaymentJson, (json) => {
        // Act
        const payment = parseCanonicalPayment(json);
        const again = canonicalPaymentToJson(payment);
        // Assert
        expect(again).toStrictEqual(encodeWithZod(payment).data);
        expect(exact(parseCanonicalPayment(again))).toBe(exact(payment));
      }),
      { numRuns: 200 },
    );
  });
});
