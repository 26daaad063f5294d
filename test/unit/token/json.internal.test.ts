/**
 * White-box test of the journal's JSON writer (src/token/_internal/json.ts): the text it writes for a
 * record or a result must be exactly `JSON.stringify` of the reference encoders' JSON form
 * (`encodeRec`, `encodeResult`), for any shape, including texts that need escaping (quotes, controls,
 * lone and paired surrogates), integer-like keys (which `JSON.stringify` orders first), non-finite
 * numbers, undefined fields and array items, and nested Money.
 */
import { type CurrencyCode, fromMinor, ISO4217, isValidUetr } from 'deltran';
import { TokenRejectionCodes } from 'deltran/token';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  jsonKey,
  jsonNullable,
  jsonNumber,
  jsonString,
  plainString,
  recordText,
} from '../../../src/token/_internal/json';
import { type AnyRec, encodeRec } from '../../../src/token/_internal/records';
import { encodeResult, encodeResultText } from '../../../src/token/_internal/results';
import type { CommandResult } from '../../../src/token/types';

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom(
    '',
    '"',
    '\\',
    '\n',
    '\u0000',
    '\u001f',
    '\u2028',
    '\ud800',
    '\udfff',
    'a\ud83d\ude00b',
    'mint:x',
  ),
);
const key = fc.oneof(
  text,
  fc.constantFrom('0', '1', '10', '01', '-1', '1.5', 'amountMinor', 'status', '__proto__x'),
);
const scalar = fc.oneof(
  text,
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const money = fc
  .tuple(fc.bigInt({ min: -(2n ** 64n), max: 2n ** 64n }), fc.constantFrom<CurrencyCode>('USD', 'JPY', 'BHD'))
  .map(([minor, currency]) => fromMinor(minor, currency));

const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, money, tie('array'), tie('object')),
  array: fc.array(tie('tree'), { maxLength: 4 }),
  object: fc.dictionary(key, tie('tree'), { maxKeys: 5 }),
}));

const record = fc.dictionary(key, fc.oneof(scalar, fc.jsonValue()), { maxKeys: 8 });

describe('journal JSON writer', () => {
  it('should write strings, numbers and nullables as JSON.stringify does (seeded)', () => {
    fc.assert(
      fc.property(text, fc.double(), fc.option(text), (s, n, m) => {
        expect(jsonString(s)).toBe(JSON.stringify(s));
        expect(jsonKey(s)).toBe(`${JSON.stringify(s)}:`);
        expect(jsonNumber(n)).toBe(JSON.stringify(n));
        expect(jsonNullable(m)).toBe(JSON.stringify(m));
      }),
      { seed: 1302, numRuns: 2000 },
    );
  });

  it('should write the texts it takes as plain as JSON.stringify does: currency codes, UETRs, constants (seeded)', () => {
    const constants = [
      ...Object.keys(ISO4217),
      ...Object.values(TokenRejectionCodes),
      ...[
        'applied',
        'pending',
        'rejected',
        'minted',
        'in-flight',
        'posted',
        'held',
        'CRDT',
        'DBIT',
        'mint',
        'payout',
      ],
    ];
    for (const text of constants) expect(plainString(text)).toBe(JSON.stringify(text));
    fc.assert(
      fc.property(fc.uuid({ version: 4 }), (uuid) => {
        if (isValidUetr(uuid)) expect(plainString(uuid)).toBe(JSON.stringify(uuid));
      }),
      { seed: 1307, numRuns: 500 },
    );
  });

  it('should write a record as JSON.stringify(encodeRec(record)) (seeded)', () => {
    fc.assert(
      fc.property(record, (rec) => {
        expect(recordText(rec)).toBe(JSON.stringify(encodeRec(rec as unknown as AnyRec)));
      }),
      { seed: 1303, numRuns: 1000 },
    );
  });

  it('should write a result as JSON.stringify(encodeResult(result)) (seeded)', () => {
    const result = fc
      .record({
        id: text,
        kind: fc.constantFrom('mint', 'redeem', 'recordBankEntries', 'transfer'),
        status: fc.constantFrom('applied', 'pending', 'rejected'),
        replayed: fc.boolean(),
        rest: fc.dictionary(key, tree, { maxKeys: 5 }),
      })
      .map(({ rest, ...head }) => ({ ...head, ...rest }) as unknown as CommandResult);
    const bare = fc.constantFrom({
      id: 'a',
      kind: 'transfer',
      status: 'applied',
      replayed: false,
    } as CommandResult);
    fc.assert(
      fc.property(fc.oneof(result, bare), (value) => {
        expect(encodeResultText(value)).toBe(JSON.stringify(encodeResult(value)));
      }),
      { seed: 1304, numRuns: 1000 },
    );
  });
});
