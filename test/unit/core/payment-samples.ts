/**
 * Test inputs for the payment codec's fast path (payment-fast.test.ts) and the obligation fingerprint:
 * canonical payments in JSON form that use every field of the schema (valid by construction, built from
 * the shared arbitraries), and mutations that make almost any part of one invalid, or merely unusual.
 */
import type { CanonicalPaymentJson, CurrencyCode } from 'deltran';
import fc from 'fast-check';
import {
  bic,
  canonicalAmount,
  canonicalPaymentJson,
  currencyCode,
  iban,
  max35Id,
  uetr,
} from '../../arbitraries/payment';

const LEIS = ['213800LBQA1Y9L22JB70', '506700GE1G29325QX363', '5493001KJTIIGC8Y1R12', 'HWUPKR0MPOU8FGXBT394'];
const COUNTRIES = ['DE', 'FR', 'US', 'AE', 'IL', 'JP', 'GB', 'CH', 'XK'];

const text = (maxLength: number) =>
  fc.string({
    unit: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz 0123456789.,-/"\\é€'),
    minLength: 1,
    maxLength,
  });
const lei = fc.constantFrom(...LEIS);
const country = fc.constantFrom(...COUNTRIES);
const isoDate = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const isoDateTime = fc.constantFrom(
  '2026-12-01T09:30:00',
  '2026-12-01T09:30:00Z',
  '2026-12-01T09:30:00.123+01:00',
  '2026-12-01T09:30:00.123456789-05:00',
);

/** A record whose every key is optional (fast-check drops each now and then). */
function optionalRecord<T extends Record<string, fc.Arbitrary<unknown>>>(model: T, all: boolean) {
  return all ? fc.record(model) : fc.record(model, { requiredKeys: [] });
}

function postalAddress(all: boolean) {
  return optionalRecord(
    {
      country,
      townName: text(35),
      postCode: text(16),
      streetName: text(70),
      buildingNumber: text(16),
      addressLines: fc.array(text(70), { minLength: all ? 1 : 0, maxLength: 7 }),
    },
    all,
  );
}

function account(all: boolean) {
  return optionalRecord(
    { iban, otherId: max35Id, otherScheme: max35Id, currency: currencyCode, name: text(70) },
    all,
  );
}

function otherIdentification(all: boolean) {
  return fc.record(
    { id: max35Id, scheme: max35Id, issuer: max35Id },
    { requiredKeys: all ? ['id', 'scheme', 'issuer'] : ['id'] },
  );
}

function party(all: boolean) {
  return optionalRecord(
    {
      name: text(140),
      postalAddress: postalAddress(all),
      account: account(all),
      bic,
      lei,
      otherIds: fc.array(max35Id, { minLength: all ? 1 : 0, maxLength: 3 }),
      otherIdentifications: fc.array(otherIdentification(all), { minLength: all ? 1 : 0, maxLength: 2 }),
      countryOfResidence: country,
    },
    all,
  );
}

function agent(all: boolean) {
  return optionalRecord(
    {
      bic,
      clearingMemberId: max35Id,
      clearingSystem: max35Id,
      lei,
      name: text(140),
      country,
    },
    all,
  );
}

function remittance(all: boolean) {
  return optionalRecord(
    {
      unstructured: fc.array(text(140), { minLength: all ? 1 : 0, maxLength: 3 }),
      creditorReferences: fc.array(max35Id, { minLength: all ? 1 : 0, maxLength: 2 }),
    },
    all,
  );
}

function moneyJson(currency: CurrencyCode) {
  return canonicalAmount(currency, { min: 0n, max: 10n ** 16n }).map((amount) => ({ currency, amount }));
}

/**
 * A payment in JSON form using any of the schema's fields.
 * @param all - every optional field present (at every level), for checks that must see each key
 */
export function richPaymentJson(all = false): fc.Arbitrary<CanonicalPaymentJson> {
  const amount = currencyCode.chain(moneyJson);
  const agents = fc.array(agent(all), { minLength: all ? 1 : 0, maxLength: 3 });
  const optional = optionalRecord(
    {
      instructionId: max35Id,
      transactionId: max35Id,
      paymentInformationId: max35Id,
      creationDateTime: isoDateTime,
      instructedAmount: amount,
      exchangeRate: fc.constantFrom('1', '0.9123', '123456789012345678.123456789012345678', '007.50'),
      settlementDate: isoDate,
      settlementPriority: fc.constantFrom('URGT', 'HIGH', 'NORM'),
      requestedExecutionDate: isoDate,
      chargeBearer: fc.constantFrom('DEBT', 'CRED', 'SHAR', 'SLEV'),
      charges: fc.array(
        fc.record({ amount, agent: agent(all) }, { requiredKeys: all ? ['amount', 'agent'] : ['amount'] }),
        { minLength: all ? 1 : 0, maxLength: 3 },
      ),
      ultimateDebtor: party(all),
      ultimateCreditor: party(all),
      instructingAgent: agent(all),
      instructedAgent: agent(all),
      intermediaryAgents: agents,
      previousInstructingAgents: agents,
      instructionsForCreditorAgent: fc.array(text(140), { minLength: all ? 1 : 0, maxLength: 2 }),
      instructionsForNextAgent: fc.array(text(140), { minLength: all ? 1 : 0, maxLength: 2 }),
      underlyingCustomerCreditTransfer: fc.record(
        {
          debtor: party(all),
          creditor: party(all),
          debtorAgent: agent(all),
          creditorAgent: agent(all),
          ultimateDebtor: party(all),
          ultimateCreditor: party(all),
          intermediaryAgents: agents,
          remittanceInformation: remittance(all),
          instructedAmount: amount,
        },
        all ? {} : { requiredKeys: ['debtor', 'creditor', 'debtorAgent', 'creditorAgent'] },
      ),
      remittanceInformation: remittance(all),
      purpose: max35Id,
      categoryPurpose: max35Id,
      serviceLevel: fc.array(max35Id, { minLength: all ? 1 : 0, maxLength: 2 }),
      localInstrument: max35Id,
      instructionPriority: fc.constantFrom('HIGH', 'NORM'),
    },
    all,
  );
  const source = fc.record(
    {
      type: fc.constantFrom('pain.001', 'pacs.008', 'pacs.009', 'mt103', 'api'),
      version: fc.constantFrom('pacs.008.001.08', 'pain.001.001.09'),
      uetrAssigned: fc.boolean(),
    },
    { requiredKeys: all ? ['type', 'version', 'uetrAssigned'] : ['type'] },
  );
  return fc
    .record({
      uetr,
      endToEndId: max35Id,
      messageId: max35Id,
      source,
      amount,
      debtor: party(all),
      creditor: party(all),
      debtorAgent: agent(all),
      creditorAgent: agent(all),
      optional,
    })
    .map(
      ({ optional: rest, ...required }) =>
        // Schema field order is not required of an input: shuffle nothing, but put optional fields last.
        ({ ...required, ...rest }) as unknown as CanonicalPaymentJson,
    );
}

/** Valid payments: the shared arbitrary (what the demo and examples look like) and the rich one. */
export const validPaymentJson: fc.Arbitrary<CanonicalPaymentJson> = fc.oneof(
  canonicalPaymentJson(),
  richPaymentJson(),
  richPaymentJson(true),
);

type Path = readonly (string | number)[];

/** Every path to a value inside `value` (objects and arrays included), root first. */
export function pathsOf(value: unknown, path: Path = []): Path[] {
  const out: Path[] = [path];
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) out.push(...pathsOf(value[i], [...path, i]));
  } else if (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { minor?: unknown }).minor !== 'bigint'
  )
    for (const key of Object.keys(value))
      out.push(...pathsOf((value as Record<string, unknown>)[key], [...path, key]));
  return out;
}

/** What a mutation puts in place of a value (or does to its container). */
export const REPLACEMENTS: readonly unknown[] = [
  undefined,
  null,
  0,
  12.5,
  1n,
  true,
  '',
  ' ',
  'X'.repeat(16),
  'X'.repeat(17),
  'X'.repeat(35),
  'X'.repeat(36),
  'X'.repeat(70),
  'X'.repeat(71),
  'X'.repeat(140),
  'X'.repeat(141),
  [],
  ['a'],
  ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'],
  {},
  { bic: 'DEUTDEFF' },
  'DEUTDEFF',
  'DEUTZZFF',
  'DE89370400440532013000',
  'DE89 3704 0044 0532 0130 00',
  'DE89370400440532013001',
  'de',
  'ZZ',
  'EUR',
  'XXX',
  'ZZZ',
  '10.50',
  '10.125',
  '-1.00',
  '1e3',
  '0',
  '1234567890123456789',
  '2026-02-30',
  '2026-13-01',
  '2026-12-01T09:30:00',
  '6f2a1c3e-8b4d-4e1f-9a2b-3c4d5e6f7a81',
  '6F2A1C3E-8B4D-4E1F-9A2B-3C4D5E6F7A81',
  '213800LBQA1Y9L22JB70',
  '213800LBQA1Y9L22JB71',
  'pacs.008.001.08',
  'PACS.008',
  'SHAR',
  'HIGH',
  { currency: 'EUR', amount: '1.00' },
  { currency: 'EUR', amount: '1.001' },
  { currency: 'EUR', amount: 1 },
  { currency: 'EUR', amount: '1.00', extra: true },
  { minor: 100n, currency: 'EUR' },
  { minor: 100, currency: 'EUR' },
  { minor: 100n, currency: 'ZZZ' },
  Object.freeze({ minor: 10n, currency: 'JPY' }),
];

/** Mutation kinds: replace the value, add a key next to it, or do something only zod-shaped code notices. */
export type Mutation =
  | { readonly kind: 'replace'; readonly with: unknown }
  | { readonly kind: 'add-key'; readonly key: string; readonly with: unknown }
  | { readonly kind: 'delete' }
  | { readonly kind: 'proto' };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.constantFrom(...REPLACEMENTS).map((w): Mutation => ({ kind: 'replace', with: w })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.constantFrom('extra', 'name', 'bic', 'iban', 'amount', 'uetr', '__proto__', 'constructor'),
        fc.constantFrom(...REPLACEMENTS),
      )
      .map(([key, w]): Mutation => ({ kind: 'add-key', key, with: w })),
  },
  { weight: 2, arbitrary: fc.constant<Mutation>({ kind: 'delete' }) },
  { weight: 1, arbitrary: fc.constant<Mutation>({ kind: 'proto' }) },
);

/** A deep copy of `value` (Money kept as is), with `change` applied at `path`. */
export function mutate(value: unknown, path: Path, change: Mutation): unknown {
  const copy = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(copy);
    if (typeof v === 'object' && v !== null && typeof (v as { minor?: unknown }).minor !== 'bigint') {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(v)) out[key] = copy((v as Record<string, unknown>)[key]);
      return out;
    }
    return v;
  };
  const root = copy(value);
  if (path.length === 0) return change.kind === 'delete' ? undefined : apply(root, change);
  let parent = root as Record<string | number, unknown>;
  for (const part of path.slice(0, -1)) {
    let child = parent[part] as Record<string | number, unknown>;
    // A Money is frozen: changing one of its fields makes a plain object that looks like one.
    if (Object.isFrozen(child)) {
      child = { ...child };
      parent[part] = child;
    }
    parent = child;
  }
  const last = path[path.length - 1]!;
  if (change.kind !== 'delete') parent[last] = apply(parent[last], change);
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete parent[last];
  return root;
}

function apply(target: unknown, change: Exclude<Mutation, { kind: 'delete' }>): unknown {
  switch (change.kind) {
    case 'replace':
      return change.with;
    case 'add-key':
      if (typeof target === 'object' && target !== null && !Array.isArray(target)) {
        const open = Object.isFrozen(target) ? { ...target } : target;
        // defineProperty, so that '__proto__' becomes an own key as JSON.parse makes it.
        Object.defineProperty(open, change.key, {
          value: change.with,
          enumerable: true,
          writable: true,
          configurable: true,
        });
        return open;
      }
      return target;
    case 'proto':
      // The same own data, but seen through another prototype: an inherited enumerable key.
      if (typeof target === 'object' && target !== null && !Array.isArray(target))
        return Object.assign(Object.create({ inherited: 'x' }), target);
      return target;
  }
}
