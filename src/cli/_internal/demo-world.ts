/**
 * The demo's world, generated from a seed: banks in six countries and six currencies, a routing
 * registry, an internal sanctions list, KYC, AML rules, a day of payments (international and local,
 * a few sanctioned parties, a few duplicates, one UETR re-used with other content), the camt.054
 * credits that fund them, and the bank that rejects one settlement. Used by `deltran demo`, the
 * end-to-end tests and the pipeline benchmark. Every name and BIC here is invented.
 */

import {
  createAmlRules,
  createComplianceChecker,
  createKycRegistry,
  createScreener,
  type JsonList,
  loadJsonList,
} from '../../compliance/index';
import {
  type CanonicalPayment,
  type CurrencyCode,
  createSeededRandom,
  createUetr,
  formatMoney,
  fromMinor,
  type Money,
  type RandomSource,
} from '../../index';
import { type BankToCustomerReport, buildCamt054, buildPacs008 } from '../../iso20022/index';
import { createExposureBook, type RateSeries, type RiskCheckRequest } from '../../risk/index';
import { type BankProfile, createRegistry, type Registry } from '../../routing/index';

/** One participant bank. */
export interface DemoBank {
  readonly bic: string;
  readonly name: string;
  readonly country: string;
  readonly currency: CurrencyCode;
  readonly weight: number;
  readonly status: 'active' | 'suspended';
}

const BANKS: readonly Omit<DemoBank, 'weight' | 'status'>[] = [
  { bic: 'HUDSUS33XXX', name: 'Hudson River Bank', country: 'US', currency: 'USD' },
  { bic: 'PRAIUS44XXX', name: 'Prairie National', country: 'US', currency: 'USD' },
  { bic: 'BAYSUS6SXXX', name: 'Bayside Trust', country: 'US', currency: 'USD' },
  { bic: 'LAKEUS4CXXX', name: 'Lakeshore Commercial', country: 'US', currency: 'USD' },
  { bic: 'THMSGB2LXXX', name: 'Thames Mercantile', country: 'GB', currency: 'GBP' },
  { bic: 'PENNGB22XXX', name: 'Pennine Savings', country: 'GB', currency: 'GBP' },
  { bic: 'CLYDGB2GXXX', name: 'Clydeside Bank', country: 'GB', currency: 'GBP' },
  { bic: 'RHEIDEFFXXX', name: 'Rheinufer Bank', country: 'DE', currency: 'EUR' },
  { bic: 'ELBEDEHHXXX', name: 'Elbe Handelsbank', country: 'DE', currency: 'EUR' },
  { bic: 'ISARDEMMXXX', name: 'Isar Privatbank', country: 'DE', currency: 'EUR' },
  { bic: 'SEINFRPPXXX', name: 'Banque de la Seine', country: 'FR', currency: 'EUR' },
  { bic: 'LOIRFR2NXXX', name: 'Crédit de la Loire', country: 'FR', currency: 'EUR' },
  { bic: 'GRCHNL2AXXX', name: 'Grachten Bank', country: 'NL', currency: 'EUR' },
  { bic: 'DUNEAEADXXX', name: 'Dune Commercial Bank', country: 'AE', currency: 'AED' },
  { bic: 'PERLAEAAXXX', name: 'Pearl Gulf Bank', country: 'AE', currency: 'AED' },
  { bic: 'FALCAEAAXXX', name: 'Falcon Islamic Bank', country: 'AE', currency: 'AED' },
  { bic: 'CRMLILITXXX', name: 'Carmel Bank', country: 'IL', currency: 'ILS' },
  { bic: 'NEGVILITXXX', name: 'Negev Discount', country: 'IL', currency: 'ILS' },
  { bic: 'SKRAJPJTXXX', name: 'Sakura Trust', country: 'JP', currency: 'JPY' },
  { bic: 'FUJIJPJTXXX', name: 'Fuji Shinkin', country: 'JP', currency: 'JPY' },
  { bic: 'KOBEJPJKXXX', name: 'Kobe Harbour Bank', country: 'JP', currency: 'JPY' },
  { bic: 'ORIOUS33XXX', name: 'Orion Federal (suspended)', country: 'US', currency: 'USD' },
];

/** The settlement agent net positions are paid out of (the CCP's account). */
export const DEMO_SETTLEMENT_BIC = 'DLTRGB2LXXX';

/** Reserve accounts of the token ledger, one per currency (where funding credits are booked). */
export const DEMO_RESERVE_ACCOUNTS: Readonly<Record<string, string>> = {
  USD: 'DLTR-RESERVE-USD',
  EUR: 'DLTR-RESERVE-EUR',
  GBP: 'DLTR-RESERVE-GBP',
  AED: 'DLTR-RESERVE-AED',
  ILS: 'DLTR-RESERVE-ILS',
  JPY: 'DLTR-RESERVE-JPY',
};

const CURRENCIES: readonly CurrencyCode[] = ['USD', 'EUR', 'GBP', 'AED', 'ILS', 'JPY'];
/** Approximate units of each currency per USD, for amounts and synthetic rate histories. */
const PER_USD: Readonly<Record<string, number>> = {
  USD: 1,
  EUR: 0.92,
  GBP: 0.79,
  AED: 3.6725,
  ILS: 3.7,
  JPY: 150,
};
const EXPONENT: Readonly<Record<string, number>> = { USD: 2, EUR: 2, GBP: 2, AED: 2, ILS: 2, JPY: 0 };

/** The internal sanctions list of the demo (invented entries). */
export const DEMO_SANCTIONS_LIST: JsonList = {
  name: 'DelTran demo internal list',
  entries: [
    {
      id: 'DEMO-1',
      kind: 'person',
      names: ['Viktor Aleksandrovich Morozkin'],
      countries: ['RU'],
      datesOfBirth: ['1961-04-12'],
    },
    { id: 'DEMO-2', kind: 'organization', names: ['Black Sea Maritime Logistics LLC'], countries: ['RU'] },
    { id: 'DEMO-3', kind: 'person', names: ['Hamid Reza Tavakkoli-Nasab'], countries: ['IR'] },
    {
      id: 'DEMO-4',
      kind: 'organization',
      names: ['Golden Crescent Precious Metals Trading'],
      countries: ['AE'],
    },
    {
      id: 'DEMO-5',
      kind: 'organization',
      names: ['Pyongyang Unified Export Corporation'],
      countries: ['KP'],
      identifiers: [{ type: 'BIC', value: 'PUECKPPYXXX' }],
    },
  ],
};

const SANCTIONED_PARTIES: readonly {
  readonly name: string;
  readonly country: string;
  readonly town: string;
}[] = [
  { name: 'Viktor Aleksandrovich Morozkin', country: 'RU', town: 'Moscow' },
  { name: 'Black Sea Maritime Logistics LLC', country: 'RU', town: 'Novorossiysk' },
  { name: 'Hamid Reza Tavakoli Nasab', country: 'IR', town: 'Tehran' },
  { name: 'Golden Crescent Precious Metals Trading FZE', country: 'AE', town: 'Dubai' },
];

const TOWNS: Readonly<Record<string, readonly string[]>> = {
  US: ['New York', 'Chicago', 'Houston', 'Seattle'],
  GB: ['London', 'Manchester', 'Glasgow', 'Leeds'],
  DE: ['Frankfurt am Main', 'Hamburg', 'München', 'Köln'],
  FR: ['Paris', 'Lyon', 'Nantes', 'Lille'],
  NL: ['Amsterdam', 'Rotterdam', 'Utrecht'],
  AE: ['Dubai', 'Abu Dhabi', 'Sharjah'],
  IL: ['Tel Aviv', 'Haifa', 'Jerusalem'],
  JP: ['Tokyo', 'Osaka', 'Kobe', 'Yokohama'],
};
const STREETS = [
  'Market Street',
  'Harbour Road',
  'Station Square',
  'Garden Lane',
  'Mill Street',
  'Bridge Road',
];

function address(
  random: RandomSource,
  country: string,
): { country: string; townName: string; streetName: string; buildingNumber: string } {
  return {
    country,
    townName: pick(random, TOWNS[country] ?? ['Capital City']),
    streetName: pick(random, STREETS),
    buildingNumber: String(1 + Math.floor(unit(random) * 199)),
  };
}

const FIRST = [
  'Anna',
  'Ben',
  'Chloe',
  'David',
  'Elena',
  'Farid',
  'Grace',
  'Hiro',
  'Ines',
  'Jonas',
  'Keiko',
  'Liam',
  'Maya',
  'Noah',
  'Omar',
  'Priya',
  'Rosa',
  'Sami',
  'Tara',
  'Yusuf',
];
const LAST = [
  'Archer',
  'Brennan',
  'Castillo',
  'Dietrich',
  'Eriksen',
  'Fontaine',
  'Garber',
  'Halloran',
  'Ishikawa',
  'Jaffe',
  'Kowalczyk',
  'Lindqvist',
  'Moreau',
  'Novak',
  'Okafor',
  'Pellegrini',
  'Quist',
  'Rahimi',
  'Sato',
  'Tanaka',
];
const COMPANY_A = [
  'Northwind',
  'Bluewater',
  'Silverline',
  'Evergreen',
  'Harbor',
  'Summit',
  'Granite',
  'Meridian',
  'Cobalt',
  'Juniper',
  'Redwood',
  'Saffron',
  'Amber',
  'Orchid',
  'Cedar',
];
const COMPANY_B = [
  'Logistics',
  'Foods',
  'Textiles',
  'Medical Supplies',
  'Electronics',
  'Furniture',
  'Chemicals',
  'Software',
  'Agritech',
  'Packaging',
  'Instruments',
  'Ceramics',
];
const COMPANY_C = ['Ltd', 'GmbH', 'SAS', 'BV', 'Inc', 'LLC', 'KK', 'FZE'];

/** Options of {@link createDemoWorld}. */
export interface DemoWorldOptions {
  /** Seed of everything random. */
  readonly seed: number;
  /** Distinct payments. */
  readonly payments: number;
  /** The day's start, epoch ms (rates and value dates). */
  readonly startMs: number;
  /** Payments with a sanctioned party. @defaultValue 4 */
  readonly sanctioned?: number;
  /** Payments submitted twice. @defaultValue 5 */
  readonly duplicates?: number;
}

/** The world. */
export interface DemoWorld {
  readonly seed: number;
  readonly startMs: number;
  readonly banks: readonly DemoBank[];
  readonly settlementBic: string;
  readonly reserveAccounts: Readonly<Record<string, string>>;
  readonly registry: Registry;
  readonly sanctionsList: JsonList;
  /** Every distinct payment, in submission order. */
  readonly payments: readonly CanonicalPayment[];
  /** UETRs of payments with a sanctioned party. */
  readonly sanctionedUetrs: ReadonlySet<string>;
  /** UETRs of payments from the suspended bank. */
  readonly suspendedUetrs: ReadonlySet<string>;
  /** Payments submitted a second time (same content). */
  readonly duplicates: readonly CanonicalPayment[];
  /** A payment re-using an earlier UETR with another amount (refused). */
  readonly conflict: CanonicalPayment;
  /** The bank whose payout the settlement bank rejects (one net credit in one currency). */
  readonly rejectedPayout: { readonly bic: string; readonly currency: string };
  /** Builds a compliance checker for the world (a new one each call: it holds AML state). */
  createChecker(): ReturnType<typeof createComplianceChecker>;
  /** A risk context factory for `createRiskAssessor`. */
  riskContext(request: RiskCheckRequest): Parameters<typeof import('../../risk/index').assessRisk>[1];
  /** pacs.008 messages carrying the payments (batches of `batch`). */
  paymentMessages(payments: readonly CanonicalPayment[], batch?: number): string[];
  /** camt.054 credits funding the payments on the reserve accounts (one message per currency and batch). */
  fundingMessages(payments: readonly CanonicalPayment[], batch?: number): string[];
}

function unit(random: RandomSource): number {
  const b = random(4);
  return ((b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0) / 2 ** 32;
}

function pick<T>(random: RandomSource, items: readonly T[]): T {
  return items[Math.floor(unit(random) * items.length)]!;
}

function weighted<T extends { readonly weight: number }>(
  random: RandomSource,
  items: readonly T[],
  total: number,
): T {
  let r = unit(random) * total;
  for (const item of items) {
    r -= item.weight;
    if (r <= 0) return item;
  }
  return items[items.length - 1]!;
}

function normal(random: RandomSource): number {
  const u = Math.max(unit(random), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * unit(random));
}

/** A lognormal amount in `currency`, median about 20,000 USD, between 50 USD and 5 million USD. */
function amountIn(random: RandomSource, currency: CurrencyCode): Money {
  const usd = Math.min(5_000_000, Math.max(50, Math.exp(Math.log(20_000) + 1.3 * normal(random))));
  const exponent = EXPONENT[currency] ?? 2;
  // Whole minor units from the start: the float is only the random draw, never an amount.
  const minor = BigInt(Math.round(usd * (PER_USD[currency] ?? 1) * 10 ** exponent));
  return fromMinor(minor > 0n ? minor : 1n, currency);
}

function partyName(random: RandomSource): string {
  return unit(random) < 0.45
    ? `${pick(random, FIRST)} ${pick(random, LAST)}`
    : `${pick(random, COMPANY_A)} ${pick(random, COMPANY_B)} ${pick(random, COMPANY_C)}`;
}

const ISO_DATE = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * Generates the world.
 * @param options - seed, size, start of day
 * @returns the world
 */
export function createDemoWorld(options: DemoWorldOptions): DemoWorld {
  const random = createSeededRandom(options.seed);
  const startMs = options.startMs;
  const valueDate = ISO_DATE(startMs);
  // Power-law participation: bank i has weight 1 / (i + 1)^0.9 after a seeded shuffle.
  const order = BANKS.map((b, i) => ({ b, k: unit(random), i }));
  order.sort((x, y) => x.k - y.k);
  const banks: DemoBank[] = order.map(({ b }, rank) => ({
    ...b,
    weight: b.bic.startsWith('ORIO') ? 0.15 : 1 / (rank + 1) ** 0.9,
    status: b.bic.startsWith('ORIO') ? 'suspended' : 'active',
  }));
  const total = banks.reduce((s, b) => s + b.weight, 0);

  const payments: CanonicalPayment[] = [];
  const sanctionedUetrs = new Set<string>();
  const suspendedUetrs = new Set<string>();
  const sanctionedCount = options.sanctioned ?? 4;
  const sanctionedAt = new Set<number>();
  for (let k = 0; k < sanctionedCount && options.payments > 0; k += 1)
    sanctionedAt.add(Math.floor(((k + 0.5) / sanctionedCount) * options.payments));

  for (let n = 0; n < options.payments; n += 1) {
    const debtorBank = weighted(random, banks, total);
    const peers = banks.filter(
      (b) => b.country === debtorBank.country && b.status === 'active' && b.bic !== debtorBank.bic,
    ).length;
    const local = peers > 0 && unit(random) < 0.3;
    let creditorBank: DemoBank;
    do {
      creditorBank = weighted(random, banks, total);
    } while (
      creditorBank.bic === debtorBank.bic ||
      creditorBank.status !== 'active' ||
      (local ? creditorBank.country !== debtorBank.country : creditorBank.country === debtorBank.country)
    );
    const r = unit(random);
    const currency: CurrencyCode = local
      ? debtorBank.currency
      : r < 0.45
        ? creditorBank.currency
        : r < 0.75
          ? 'USD'
          : debtorBank.currency;
    const uetr = createUetr(random);
    const sanctioned = sanctionedAt.has(n);
    const debtorName = partyName(random);
    const listed = sanctioned
      ? SANCTIONED_PARTIES[sanctionedUetrs.size % SANCTIONED_PARTIES.length]!
      : undefined;
    const creditorName = listed?.name ?? partyName(random);
    const creditorAddress =
      listed === undefined
        ? address(random, creditorBank.country)
        : { ...address(random, listed.country), townName: listed.town };
    const payment: CanonicalPayment = {
      uetr,
      endToEndId: `E2E-${String(n + 1).padStart(6, '0')}`,
      messageId: `DEMO-${String(Math.floor(n / 50) + 1).padStart(5, '0')}`,
      source: { type: 'pacs.008' },
      amount: amountIn(random, currency),
      settlementDate: valueDate,
      chargeBearer: 'SHAR',
      debtor: {
        name: debtorName,
        postalAddress: address(random, debtorBank.country),
        account: { otherId: `ACC${String(n + 1).padStart(10, '0')}` },
      },
      creditor: {
        name: creditorName,
        postalAddress: creditorAddress,
        account: { otherId: `ACC${String(900_000 + n).padStart(10, '0')}` },
      },
      debtorAgent: { bic: debtorBank.bic },
      creditorAgent: { bic: creditorBank.bic },
      remittanceInformation: { unstructured: [`Invoice ${n + 1}`] },
    };
    if (sanctioned) sanctionedUetrs.add(uetr);
    if (debtorBank.status === 'suspended') suspendedUetrs.add(uetr);
    payments.push(payment);
  }
  const duplicateCount = Math.min(options.duplicates ?? 5, payments.length);
  const duplicates: CanonicalPayment[] = [];
  for (let k = 0; k < duplicateCount; k += 1)
    duplicates.push(payments[Math.floor(((k + 0.3) / duplicateCount) * payments.length)]!);
  const original = payments[Math.min(1, payments.length - 1)]!;
  const conflict = {
    ...original,
    amount: fromMinor(original.amount.minor + 100n, original.amount.currency),
  } as CanonicalPayment;

  // Routing registry: two settlement correspondents per currency with deep liquidity.
  const correspondents: BankProfile[] = [];
  for (const currency of CURRENCIES) {
    const home = banks.filter((b) => b.currency === currency && b.status === 'active').slice(0, 2);
    home.forEach((b, i) => {
      correspondents.push({
        bic: b.bic,
        name: b.name,
        currencies: [currency],
        liquidity: {
          [currency]: formatMoney(fromMinor(10n ** BigInt(11 + (EXPONENT[currency] ?? 2)), currency)),
        },
        sla: { medianMinutes: 10 + 5 * i, successRate: 0.995 - 0.002 * i },
        fees: { fixed: { [currency]: (EXPONENT[currency] ?? 2) === 0 ? '500' : '2.50' } },
        timeZone: 'UTC',
      });
    });
  }
  const rates = CURRENCIES.filter((c) => c !== 'USD').map((c) => {
    const mid = PER_USD[c] ?? 1;
    const digits = mid > 10 ? 2 : 4;
    return {
      base: 'USD',
      quote: c,
      bid: (mid * 0.9995).toFixed(digits),
      ask: (mid * 1.0005).toFixed(digits),
      timestamp: startMs,
    };
  });
  const registry = createRegistry({
    banks: correspondents,
    corridors: [],
    rates,
  });

  // Synthetic daily rate histories (GBM, 2 years) per currency against USD, for the risk stage.
  const histories = new Map<string, RateSeries>();
  for (const c of CURRENCIES.filter((x) => x !== 'USD')) {
    const times: number[] = [];
    const values: string[] = [];
    const peg = PER_USD[c] ?? 1;
    let rate = peg;
    for (let d = 520; d >= 1; d -= 1) {
      // AED is pegged (3.6725 per USD): it stays on its peg within a few hundredths of a percent.
      rate = c === 'AED' ? peg * (1 + 0.00003 * normal(random)) : rate * Math.exp(0.006 * normal(random));
      times.push(startMs - d * 86_400_000);
      values.push(rate.toFixed(6));
    }
    histories.set(c, { base: 'USD', quote: c, times, rates: values });
  }
  const exposures = createExposureBook(
    banks.flatMap((b) =>
      CURRENCIES.map((c) => ({
        counterparty: b.bic,
        limit: fromMinor(10n ** BigInt(12 + (EXPONENT[c] ?? 2)), c),
      })),
    ),
  );

  // One payout rejected by the settlement bank: the largest-weight foreign-currency bank's EUR payout.
  const rejectedBank = banks.find((b) => b.currency === 'EUR' && b.status === 'active') ?? banks[0]!;

  return {
    seed: options.seed,
    startMs,
    banks,
    settlementBic: DEMO_SETTLEMENT_BIC,
    reserveAccounts: DEMO_RESERVE_ACCOUNTS,
    registry,
    sanctionsList: DEMO_SANCTIONS_LIST,
    payments,
    sanctionedUetrs,
    suspendedUetrs,
    duplicates,
    conflict,
    rejectedPayout: { bic: rejectedBank.bic, currency: 'EUR' },
    createChecker() {
      return createComplianceChecker({
        screener: createScreener([loadJsonList(DEMO_SANCTIONS_LIST)]),
        kyc: createKycRegistry(banks.map((b) => ({ bic: b.bic, status: b.status }))),
        aml: createAmlRules({
          highRiskCountries: { countries: ['KP', 'IR'], decision: 'REJECT' },
          travelRule: {},
        }),
      });
    },
    riskContext(request) {
      const history = histories.get(
        request.amount.currency === 'USD' ? request.quote : request.amount.currency,
      );
      return { now: startMs, history: history as RateSeries, exposures };
    },
    paymentMessages(list, batch = 50) {
      const out: string[] = [];
      for (let i = 0; i < list.length; i += batch) {
        const group = list.slice(i, i + batch).map((p, j) => ({ ...p, messageId: `DEMO-PACS8-${i + j}` }));
        out.push(
          buildPacs008(group, {
            messageId: `DEMO-PACS8-${i / batch + 1}`,
            creationDateTime: new Date(startMs).toISOString(),
          }),
        );
      }
      return out;
    },
    fundingMessages(list, batch = 200) {
      const out: string[] = [];
      const byCurrency = new Map<string, CanonicalPayment[]>();
      for (const p of list) {
        const group = byCurrency.get(p.amount.currency) ?? [];
        group.push(p);
        byCurrency.set(p.amount.currency, group);
      }
      let n = 0;
      for (const [currency, group] of [...byCurrency].sort(([a], [b]) => a.localeCompare(b))) {
        for (let i = 0; i < group.length; i += batch) {
          n += 1;
          const at = new Date(startMs).toISOString();
          const report: BankToCustomerReport = {
            messageId: `DEMO-FUND-${n}`,
            creationDateTime: at,
            reports: [
              {
                id: `DEMO-FUND-${n}-1`,
                creationDateTime: at,
                account: { otherId: DEMO_RESERVE_ACCOUNTS[currency]!, currency: currency as CurrencyCode },
                servicer: { bic: DEMO_SETTLEMENT_BIC },
                entries: group.slice(i, i + batch).map((p, j) => ({
                  entryReference: `F${n}-${j + 1}`,
                  amount: p.amount,
                  creditDebit: 'CRDT' as const,
                  status: 'BOOK' as const,
                  bookingDate: valueDate,
                  valueDate,
                  accountServicerReference: `DEMO-FUND-${n}`,
                  bankTransactionCode: { domain: 'PMNT', family: 'RCDT', subFamily: 'XBCT' },
                  transactions: [
                    {
                      accountServicerReference: `DEMO-FUND-${n}-${j + 1}`,
                      endToEndId: p.endToEndId,
                      uetr: p.uetr,
                      amount: p.amount,
                      creditDebit: 'CRDT' as const,
                    },
                  ],
                })),
              },
            ],
          } as unknown as BankToCustomerReport;
          out.push(buildCamt054(report));
        }
      }
      return out;
    },
  };
}
