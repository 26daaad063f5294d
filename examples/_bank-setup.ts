/**
 * The world the pipeline examples share: a few invented banks, an internal sanctions list, KYC, a
 * routing registry, an FX risk assessor over a hand-written rate history, a simulated bank on a manual
 * clock, and helpers that write the ISO 20022 messages a host would receive (pacs.008 payments, camt.054
 * funding credits). Every name and BIC here is invented.
 *
 * Not an example on its own (the `_` keeps the examples test from running it): `international.ts`,
 * `local.ts`, `custom-stage.ts`, `nats.ts` and `kafka.ts` import it and assemble the pipeline themselves.
 */

import { type CanonicalPayment, type CurrencyCode, createSeededRandom, createUetr, money } from 'deltran';
import {
  createAmlRules,
  createComplianceChecker,
  createKycRegistry,
  createScreener,
  loadJsonList,
} from 'deltran/compliance';
import { buildCamt054, buildPacs008 } from 'deltran/iso20022';
import {
  type ClearingCompletedJson,
  createRiskAssessor,
  type ObligationCreateJson,
  type Pipeline,
  type SettlementInstructionJson,
  type TokenMintedJson,
} from 'deltran/pipeline';
import { createExposureBook, type RateSeries } from 'deltran/risk';
import { createRegistry } from 'deltran/routing';
import { createSimulatedBankRail, type SettlementResultJson } from 'deltran/settlement';

/** 2 January 2026, 08:00 UTC: the examples' virtual "now". */
export const START_MS = Date.UTC(2026, 0, 2, 8, 0, 0);
const VALUE_DATE = new Date(START_MS).toISOString().slice(0, 10);

/** The participant banks (country = letters 5–6 of the BIC, which is how cross-border is detected). */
export const BANKS = {
  rheinufer: { bic: 'RHEIDEFFXXX', name: 'Rheinufer Bank', country: 'DE' },
  elbe: { bic: 'ELBEDEHHXXX', name: 'Elbe Handelsbank', country: 'DE' },
  thames: { bic: 'THMSGB2LXXX', name: 'Thames Mercantile', country: 'GB' },
  hudson: { bic: 'HUDSUS33XXX', name: 'Hudson River Bank', country: 'US' },
} as const;
export type BankKey = keyof typeof BANKS;

/** The settlement agent (the CCP's account) net positions are paid out of. */
export const SETTLEMENT_BIC = 'DLTRGB2LXXX';

/** Where funding credits land: one reserve account per currency, mirrored by the token ledger. */
export const RESERVE_ACCOUNTS = { EUR: 'DLTR-RESERVE-EUR', USD: 'DLTR-RESERVE-USD' } as const;

/** Sanctions (an internal JSON list), KYC of the participants, and two AML rules. */
export function createChecker(): ReturnType<typeof createComplianceChecker> {
  const internalList = loadJsonList({
    name: 'Example bank internal list',
    entries: [
      { id: 'INT-1', kind: 'person', names: ['Viktor Aleksandrovich Morozkin'], countries: ['RU'] },
      { id: 'INT-2', kind: 'organization', names: ['Black Sea Maritime Logistics LLC'], countries: ['RU'] },
    ],
  });
  return createComplianceChecker({
    screener: createScreener([internalList]),
    kyc: createKycRegistry(Object.values(BANKS).map((b) => ({ bic: b.bic, status: 'active' as const }))),
    aml: createAmlRules({
      highRiskCountries: { countries: ['KP', 'IR'], decision: 'REJECT' },
      travelRule: {},
    }),
  });
}

/** Banks that can settle each currency, their liquidity, SLA and fees, and today's rates. */
export function createBankRegistry(): ReturnType<typeof createRegistry> {
  return createRegistry({
    banks: [
      {
        bic: BANKS.rheinufer.bic,
        currencies: ['EUR'],
        liquidity: { EUR: '500000000.00' },
        sla: { medianMinutes: 10, successRate: 0.995 },
        timeZone: 'Europe/Berlin',
      },
      {
        bic: BANKS.elbe.bic,
        currencies: ['EUR'],
        liquidity: { EUR: '200000000.00' },
        sla: { medianMinutes: 20, successRate: 0.99 },
        fees: { fixed: { EUR: '2.50' } },
        timeZone: 'Europe/Berlin',
      },
      {
        bic: BANKS.hudson.bic,
        currencies: ['USD'],
        liquidity: { USD: '900000000.00' },
        sla: { medianMinutes: 15, successRate: 0.995 },
        timeZone: 'America/New_York',
      },
    ],
    corridors: [],
    rates: [{ base: 'EUR', quote: 'USD', bid: '1.0845', ask: '1.0855', timestamp: START_MS }],
  });
}

/**
 * The risk stage's assessor: `createRiskAssessor` over `assessRisk` (deltran/risk), with 130 days of a
 * hand-written EUR/USD history (a gentle wave around 1.085; the default model needs at least 100
 * returns) and an exposure limit per counterparty. A bank passes its own rate history here (ECB and
 * FRED files parse with `deltran/risk`).
 */
export function createFxRiskAssessor(): ReturnType<typeof createRiskAssessor> {
  const times: number[] = [];
  const rates: string[] = [];
  for (let day = 130; day >= 1; day -= 1) {
    times.push(START_MS - day * 86_400_000);
    rates.push((1.085 + 0.004 * Math.sin(day / 3) + 0.0015 * Math.cos(day * 1.7)).toFixed(4));
  }
  const history: RateSeries = { base: 'EUR', quote: 'USD', times, rates };
  const exposures = createExposureBook(
    Object.values(BANKS).map((b) => ({ counterparty: b.bic, limit: money('50000000.00', 'EUR') })),
  );
  return createRiskAssessor(() => ({ now: START_MS, history, exposures }));
}

/** A clock the example moves by hand, so the run takes milliseconds whatever the bank's delay. */
export interface ManualClock {
  now(): number;
  advance(ms: number): number;
}

export function createManualClock(startMs = START_MS): ManualClock {
  let nowMs = startMs;
  return {
    now: () => nowMs,
    advance: (ms) => {
      nowMs += ms;
      return nowMs;
    },
  };
}

/**
 * A simulated correspondent bank (`createSimulatedBankRail`): it takes the pacs.009 / pacs.008 the
 * settlement engine sends and, `delayMs` later on the manual clock, answers with a pacs.002 ACSP, a
 * pacs.002 ACSC and a camt.054 debit. `answer()` moves the clock to the bank's answers and returns
 * their XML, which the host feeds back to the gateway (`pipeline.submit`), exactly as it would with a
 * real bank's messages.
 */
export function createSimulatedBank(clock: ManualClock, delayMs = 90_000) {
  const scheduled: { at: number; fn: () => void }[] = [];
  const outbox: string[] = [];
  const sent: string[] = [];
  const rail = createSimulatedBankRail({
    delayMs,
    schedule: (ms, fn) => scheduled.push({ at: clock.now() + ms, fn }),
    deliver: (xml) => outbox.push(xml),
    now: clock.now,
    servicerBic: SETTLEMENT_BIC,
    accountId: (request) => RESERVE_ACCOUNTS[request.instruction.currency as keyof typeof RESERVE_ACCOUNTS],
    send: (request) => sent.push(`${request.message.type} ${request.messageId}`),
  });
  return {
    rail,
    /** Messages the bank received (type and message id). */
    sent,
    /** Submissions the bank has not answered yet. */
    get pending(): number {
      return scheduled.length;
    },
    /** Advances the clock to the bank's answers and returns them, oldest first. */
    answer(): string[] {
      scheduled.sort((a, b) => a.at - b.at);
      for (const { at, fn } of scheduled.splice(0)) {
        if (at > clock.now()) clock.advance(at - clock.now());
        fn();
      }
      return outbox.splice(0);
    },
  };
}

const random = createSeededRandom(2026); // fixed seed: the same UETRs on every run
const CUSTOMERS = ['Northwind Logistics', 'Pennine Foods', 'Bluewater Software', 'Isar Instruments'];
let customer = 0;

/**
 * A customer credit transfer between customers of two participant banks, for example
 * `payment('INV-1001', 'rheinufer', 'thames', '250000.00 EUR')`. Party names are invented unless given.
 */
export function payment(
  reference: string,
  from: BankKey,
  to: BankKey,
  amount: string,
  parties: { readonly debtor?: string; readonly creditor?: string; readonly creditorCountry?: string } = {},
): CanonicalPayment {
  const [value, currency] = amount.split(' ') as [string, CurrencyCode];
  const debtorBank = BANKS[from];
  const creditorBank = BANKS[to];
  const next = () => `${CUSTOMERS[customer++ % CUSTOMERS.length]} Ltd`;
  return {
    uetr: createUetr(random),
    endToEndId: reference,
    messageId: `MSG-${reference}`,
    source: { type: 'pacs.008' },
    amount: money(value, currency),
    settlementDate: VALUE_DATE,
    chargeBearer: 'SHAR',
    debtor: {
      name: parties.debtor ?? next(),
      postalAddress: { country: debtorBank.country, townName: 'Capital City', streetName: 'Market Street' },
      account: { otherId: `ACC-${reference}-D` },
    },
    creditor: {
      name: parties.creditor ?? next(),
      postalAddress: {
        country: parties.creditorCountry ?? creditorBank.country,
        townName: 'Harbour Town',
        streetName: 'Bridge Road',
      },
      account: { otherId: `ACC-${reference}-C` },
    },
    debtorAgent: { bic: debtorBank.bic },
    creditorAgent: { bic: creditorBank.bic },
    remittanceInformation: { unstructured: [`Invoice ${reference}`] },
  };
}

/** The pacs.008 a participant bank sends in (one message, one transaction per payment). */
export function pacs008(payments: readonly CanonicalPayment[], messageId: string): string {
  return buildPacs008(payments, { messageId, creationDateTime: new Date(START_MS).toISOString() });
}

/**
 * The camt.054 the settlement bank sends when the paying banks' money arrives on the reserve account:
 * one booked credit per payment, carrying its UETR and EndToEndId so the token ledger mints 1:1 against
 * it. Submitted before the payments, as a bank prefunds its position.
 */
export function fundingCamt054(payments: readonly CanonicalPayment[], messageId: string): string {
  const at = new Date(START_MS).toISOString();
  const currency = payments[0]!.amount.currency as keyof typeof RESERVE_ACCOUNTS;
  return buildCamt054({
    messageId,
    creationDateTime: at,
    reports: [
      {
        id: `${messageId}-1`,
        creationDateTime: at,
        account: { otherId: RESERVE_ACCOUNTS[currency], currency },
        servicer: { bic: SETTLEMENT_BIC },
        entries: payments.map((p, i) => ({
          entryReference: `${messageId}-E${i + 1}`,
          amount: p.amount,
          creditDebit: 'CRDT' as const,
          status: 'BOOK',
          bookingDate: VALUE_DATE,
          valueDate: VALUE_DATE,
          accountServicerReference: `${messageId}-E${i + 1}`,
          bankTransactionCode: { domain: 'PMNT', family: 'RCDT', subFamily: 'XBCT' },
          transactions: [
            {
              accountServicerReference: `${messageId}-T${i + 1}`,
              endToEndId: p.endToEndId,
              uetr: p.uetr,
              amount: p.amount,
              creditDebit: 'CRDT' as const,
            },
          ],
        })),
      },
    ],
  });
}

/**
 * The international day of `international.ts`, on a pipeline the caller assembled (over any transport):
 * prints the flow from the topics, submits the funding camt.054 and the pacs.008, closes the netting
 * window, and feeds the simulated bank's answers back in. Resolves once the host has seen every result.
 */
export async function runInternationalDay(parts: {
  readonly pipeline: Pipeline;
  readonly clock: ManualClock;
  readonly bank: ReturnType<typeof createSimulatedBank>;
}): Promise<{ readonly settled: number; readonly rejected: number }> {
  const { pipeline, clock, bank } = parts;
  const results = { settled: 0, rejected: 0 };
  const print = (label: string, text: string) => console.log(`${label.padEnd(20)}${text}`);
  const subscriptions = [
    await pipeline.subscribe('obligationCreate', (event) => {
      const { payment: p } = event.data as ObligationCreateJson;
      print('compliance ALLOW', `${p.endToEndId} ${p.amount.amount} ${p.amount.currency}`);
    }),
    await pipeline.subscribe('tokenMinted', (event) => {
      const m = event.data as TokenMintedJson;
      print('token minted', `${m.amount.amount} x${m.amount.currency} to ${m.participant}`);
    }),
    await pipeline.subscribe('clearingCompleted', (event) => {
      const w = event.data as ClearingCompletedJson;
      const net = w.result.netPositions.map((p) => `${p.participant} ${p.amount}`).join(', ');
      print('clearing completed', `${w.windowId}: ${net}`);
    }),
    await pipeline.subscribe('settlementExecute', (event) => {
      const i = event.data as SettlementInstructionJson;
      print('settlement instr.', `${i.fromBic} → ${i.toBic} ${i.amount.amount} ${i.amount.currency}`);
    }),
    await pipeline.subscribe('settlementCompleted', (event) => {
      const s = event.data as SettlementResultJson;
      if (s.status === 'SETTLED') results.settled += 1;
      else results.rejected += 1;
      print(`settlement ${s.status}`, `${s.to} ${s.amount.amount} ${s.currency}`);
    }),
  ];

  const payments = [
    payment('INV-2001', 'rheinufer', 'thames', '250000.00 EUR'),
    payment('INV-2002', 'thames', 'hudson', '120000.00 EUR'),
    payment('INV-2003', 'hudson', 'rheinufer', '40000.00 EUR'),
  ];
  await pipeline.submit(fundingCamt054(payments, 'FUND-2001'));
  await pipeline.idle();
  await pipeline.submit(pacs008(payments, 'PACS8-2001'));
  await pipeline.idle();
  await pipeline.flush(clock.advance(15 * 60_000));
  await pipeline.idle();
  while (bank.pending > 0) {
    for (const xml of bank.answer()) await pipeline.submit(xml);
    await pipeline.tick(clock.now());
    await pipeline.idle();
  }
  // The host's own subscriptions are not part of idle(): wait (a few seconds at most) until they saw
  // one result per message sent to the bank.
  const deadline = Date.now() + 10_000;
  while (results.settled + results.rejected < bank.sent.length && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  await Promise.all(subscriptions.map((s) => s.close()));
  return results;
}
