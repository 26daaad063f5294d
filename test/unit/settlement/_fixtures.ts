/**
 * Instructions, payments, a clock, a scheduler and confirmation builders for the settlement tests.
 * Instructions come from `deltran/routing` itself, so they have the shape the pipeline hands over.
 * @internal
 */
import { type CanonicalPayment, formatMoney, type Money, money } from 'deltran';
import { buildCamt054, buildPacs002, type StatusReason } from 'deltran/iso20022';
import {
  type BankProfile,
  createRegistry,
  type Registry,
  routeLocalPayment,
  routeNetPositions,
  type SettlementInstruction,
} from 'deltran/routing';
import type { RailAck, RailRequest, SettlementRail } from 'deltran/settlement';

/** Monday 2026-04-13 12:00 UTC. */
export const NOW = '2026-04-13T12:00:00Z';
export const NOW_MS: number = Date.parse(NOW);
export const CCP = 'CCPXGB2LXXX';
export const UETR = 'eb6305c9-1f7f-49de-aed0-16487c27b42d';
export const UETR_2 = '7c2f7c3e-5d52-4b41-9d0b-2a8d2a0c6f11';

const SETTLEMENT_BANK: BankProfile = {
  bic: 'DEUTDEFFXXX',
  currencies: ['EUR', 'USD', 'JPY'],
  liquidity: { EUR: '9999999999999999.99', USD: '9999999999999999.99', JPY: '999999999999999999' },
  sla: { medianMinutes: 10, successRate: 0.99 },
  timeZone: 'UTC',
  operatingDays: [1, 2, 3, 4, 5, 6, 7],
};

export function registry(): Registry {
  return createRegistry({ banks: [SETTLEMENT_BANK], corridors: [], rates: [] });
}

/** A net-position instruction: a negative amount pays the CCP, a positive one is paid by it. */
export function netInstruction(
  participant: string,
  amount: string,
  currency: 'EUR' | 'USD' | 'JPY' = 'EUR',
  windowId = 'w-1',
): SettlementInstruction {
  const batch = routeNetPositions([{ participant, currency, amount, windowId }], registry(), {
    now: NOW,
    settlementBic: CCP,
  });
  const instruction = batch.instructions[0];
  if (instruction === undefined) throw new Error(`no route for ${participant} ${amount}`);
  return instruction;
}

/** A local payment instruction (same currency, same country). */
export function paymentInstruction(uetr = UETR, amount = '250.00'): SettlementInstruction {
  const routed = routeLocalPayment(
    { uetr, debtorBic: 'AAAADEFFXXX', creditorBic: 'BBBBDEFFXXX', amount, currency: 'EUR' },
    registry(),
    { now: NOW },
  );
  if (!routed.ok) throw routed.error;
  return routed.value;
}

/** The customer payment behind {@link paymentInstruction}. */
export function customerPayment(uetr = UETR, amount = '250.00'): CanonicalPayment {
  return {
    uetr,
    endToEndId: 'E2E-ALICE-0001',
    instructionId: 'INSTR-IN-1',
    messageId: 'MSG-IN-1',
    source: { type: 'pacs.008', version: 'pacs.008.001.08' },
    creationDateTime: '2026-04-13T11:00:00Z',
    amount: money(amount, 'EUR'),
    settlementDate: '2026-04-13',
    chargeBearer: 'SHAR',
    debtor: { name: 'Alice Müller GmbH', account: { iban: 'DE89370400440532013000' } },
    debtorAgent: { bic: 'AAAADEFFXXX' },
    creditor: { name: 'Bob Martin', account: { iban: 'DE75512108001245126199' } },
    creditorAgent: { bic: 'BBBBDEFFXXX' },
    remittanceInformation: { unstructured: ['Invoice 2026-117'] },
  };
}

/** A controllable clock. */
export function clock(start = NOW_MS): {
  now: () => number;
  set: (ms: number) => void;
  advance: (ms: number) => void;
} {
  let t = start;
  return {
    now: () => t,
    set: (ms) => {
      t = ms;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** A fake scheduler: tasks run only when `run` is called, in order of due time then of scheduling. */
export function fakeScheduler(): {
  schedule: (delayMs: number, fn: () => void) => void;
  pending: () => number;
  delays: number[];
  run: () => void;
} {
  const tasks: { delayMs: number; fn: () => void; seq: number }[] = [];
  const delays: number[] = [];
  let seq = 0;
  return {
    schedule: (delayMs, fn) => {
      delays.push(delayMs);
      tasks.push({ delayMs, fn, seq: seq++ });
    },
    pending: () => tasks.length,
    delays,
    run: () => {
      const due = tasks.splice(0).sort((a, b) => a.delayMs - b.delayMs || a.seq - b.seq);
      for (const task of due) task.fn();
    },
  };
}

/** A rail that records requests and answers with `answer` (default accepted). */
export function recordingRail(
  name = 'test-rail',
  answer: (request: RailRequest) => RailAck | Promise<RailAck> = () => ({ accepted: true }),
): SettlementRail & { requests: RailRequest[] } {
  const requests: RailRequest[] = [];
  return {
    name,
    kind: 'api',
    requests,
    build: (s) => ({
      format: 'json',
      type: 'json',
      text: JSON.stringify({ id: s.instruction.id, m: s.messageId }),
    }),
    submit: async (request) => {
      requests.push(request);
      return answer(request);
    },
  };
}

let counter = 0;
/** A unique confirmation message id. */
export function nextId(prefix = 'CONF'): string {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** A pacs.002 with one transaction status, naming whichever references are given. */
export function pacs002(refs: {
  readonly status: string;
  readonly uetr?: string;
  readonly messageId?: string;
  readonly endToEndId?: string;
  readonly reasons?: readonly StatusReason[];
  readonly amount?: Money;
  readonly id?: string;
}): string {
  return buildPacs002({
    messageId: refs.id ?? nextId('P002'),
    creationDateTime: '2026-04-13T12:05:00Z',
    transactions: [
      {
        ...(refs.messageId !== undefined
          ? { originalMessageId: refs.messageId, originalMessageNameId: 'pacs.009.001.08' }
          : {}),
        ...(refs.endToEndId !== undefined ? { originalEndToEndId: refs.endToEndId } : {}),
        ...(refs.uetr !== undefined ? { originalUetr: refs.uetr } : {}),
        status: refs.status,
        ...(refs.reasons !== undefined ? { reasons: refs.reasons } : {}),
        ...(refs.amount !== undefined ? { originalSettlementAmount: refs.amount } : {}),
      },
    ],
  });
}

/** A camt.054 with one entry (one transaction) on account `RESERVE-EUR`. */
export function camt054(refs: {
  readonly amount: Money;
  readonly uetr?: string;
  readonly messageId?: string;
  readonly endToEndId?: string;
  readonly status?: string;
  readonly creditDebit?: 'CRDT' | 'DBIT';
  readonly servicerReference?: string;
  readonly id?: string;
}): string {
  const id = refs.id ?? nextId('C054');
  return buildCamt054({
    messageId: id,
    creationDateTime: '2026-04-13T12:06:00Z',
    reports: [
      {
        id: `N-${id}`,
        account: { otherId: `RESERVE-${refs.amount.currency}`, currency: refs.amount.currency },
        entries: [
          {
            entryReference: `E-${id}`,
            amount: refs.amount,
            creditDebit: refs.creditDebit ?? 'DBIT',
            status: refs.status ?? 'BOOK',
            bookingDate: '2026-04-13',
            valueDate: '2026-04-13',
            accountServicerReference: refs.servicerReference ?? `ASR-${id}`,
            transactions: [
              {
                ...(refs.messageId !== undefined ? { messageId: refs.messageId } : {}),
                ...(refs.endToEndId !== undefined ? { endToEndId: refs.endToEndId } : {}),
                ...(refs.uetr !== undefined ? { uetr: refs.uetr } : {}),
                amount: refs.amount,
                creditDebit: refs.creditDebit ?? 'DBIT',
              },
            ],
          },
        ],
      },
    ],
  });
}

/** The decimal text of a Money, for readable assertions. */
export const text = (m: Money): string => `${formatMoney(m)} ${m.currency}`;
