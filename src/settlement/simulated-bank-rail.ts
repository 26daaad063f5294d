/**
 * A simulated bank, for the demo and tests: takes pacs.009 / pacs.008 like the ISO 20022 rail and,
 * after a delay passed in, answers with the pacs.002 and camt.054 a real bank would send, built with the
 * real iso20022 builders (so they parse with `parseMessage`).
 * @packageDocumentation
 */
import { isValidIban } from '../index';
import {
  type BankToCustomerReport,
  buildCamt054,
  buildPacs002,
  type PaymentStatusReport,
  type TransactionStatus,
} from '../iso20022/index';
import { requireFunction } from './_internal/ack';
import { digest32 } from './_internal/ids';
import { InvalidSettlementInputError, SettlementErrorCodes } from './errors';
import { buildIso20022Message, type Pacs008RailOptions, type Pacs009RailOptions } from './iso20022-rail';
import type { RailAck, RailMessage, RailRequest, RailSubmission, SettlementRail } from './types';

/**
 * What the simulated bank does with a submission: settle it (`ACSC`), reject it (`RJCT` with an
 * `ExternalStatusReason1Code` such as `AM04`), or stay silent (`NONE`, to exercise timeouts).
 * @public
 */
export type SimulatedDecision =
  | { readonly status: 'ACSC' }
  | { readonly status: 'RJCT'; readonly reason: string; readonly text?: string }
  | { readonly status: 'NONE' };

/** Options of {@link createSimulatedBankRail}. @public */
export interface SimulatedBankRailOptions {
  /** Delay before the bank answers, ms, ≥ 0, passed to `schedule`. */
  readonly delayMs: number;
  /** Runs `fn` after `delayMs` (a timer, or a fake scheduler in tests). */
  readonly schedule: (delayMs: number, fn: () => void) => void;
  /** Receives each answer, XML text (the host passes it to `engine.receive`). */
  readonly deliver: (xml: string) => void;
  /** The bank's decision per submission. @defaultValue settle everything */
  readonly decide?: (request: RailRequest) => SimulatedDecision;
  /** The bank's clock for `CreDtTm` of its answers, epoch ms. @defaultValue the submission's `createdAt` */
  readonly now?: () => number;
  /**
   * The settlement (reserve) account the camt.054 debit is booked on: an IBAN is written as `Acct/Id/IBAN`,
   * anything else as `Acct/Id/Othr/Id`. @defaultValue `<fromBic>-<currency>`
   */
  readonly accountId?: string | ((request: RailRequest) => string);
  /** BIC of the account servicer (`Acct/Svcr`, `InstgAgt` of the pacs.002). @defaultValue the instruction's `bank` */
  readonly servicerBic?: string;
  /** Also sees every outgoing message, for example to write it to a folder. */
  readonly send?: (request: RailRequest) => void;
  /** The rail's name. @defaultValue `'simulated-bank'` */
  readonly name?: string;
  /** pacs.008 builder options. */
  readonly pacs008?: Pacs008RailOptions;
  /** pacs.009 builder options. */
  readonly pacs009?: Pacs009RailOptions;
}

/** Identifier of one answer: `SIM` + its kind + 20 base-32 characters of SHA-256 of the kind and message id. */
function answerId(kind: string, request: RailRequest): string {
  return `SIM${kind}${digest32(`${kind}:${request.messageId}`, 20)}`;
}

/** A pacs.002 of the bank with one transaction status (its `statusId` derived from `kind`). */
function statusReport(
  kind: string,
  request: RailRequest,
  at: string,
  servicerBic: string,
  status: TransactionStatus,
): string {
  const r: PaymentStatusReport = {
    messageId: answerId(kind, request),
    creationDateTime: at,
    instructingAgent: { bic: servicerBic },
    instructedAgent: { bic: request.instruction.fromBic },
    transactions: [status],
  };
  return buildPacs002(r);
}

// The transaction statuses are written out as literals (no `{ ...base, … }`): the same keys in the same
// order as the spreads made, as objects the builder reads fast.

/** The `ACSP` status of a request. */
function acceptedStatus(request: RailRequest, at: string): TransactionStatus {
  return {
    statusId: answerId('PS', request),
    originalMessageId: request.messageId,
    originalMessageNameId: request.message.type,
    originalCreationDateTime: request.createdAt,
    originalInstructionId: request.instructionReference,
    originalEndToEndId: request.endToEndId,
    originalUetr: request.uetr,
    originalSettlementAmount: request.instruction.amount,
    status: 'ACSP',
    acceptanceDateTime: at,
  };
}

/** The `ACSC` status of a request. */
function settledStatus(request: RailRequest, at: string): TransactionStatus {
  return {
    statusId: answerId('SS', request),
    originalMessageId: request.messageId,
    originalMessageNameId: request.message.type,
    originalCreationDateTime: request.createdAt,
    originalInstructionId: request.instructionReference,
    originalEndToEndId: request.endToEndId,
    originalUetr: request.uetr,
    originalSettlementAmount: request.instruction.amount,
    status: 'ACSC',
    acceptanceDateTime: at,
    effectiveSettlementDate: request.instruction.valueDate,
  };
}

/** The `RJCT` status of a request, with the decision's reason (and text). */
function rejectedStatus(request: RailRequest, reason: string, text: string | undefined): TransactionStatus {
  return {
    statusId: answerId('RS', request),
    originalMessageId: request.messageId,
    originalMessageNameId: request.message.type,
    originalCreationDateTime: request.createdAt,
    originalInstructionId: request.instructionReference,
    originalEndToEndId: request.endToEndId,
    originalUetr: request.uetr,
    originalSettlementAmount: request.instruction.amount,
    status: 'RJCT',
    reasons: [
      text !== undefined ? { code: reason, additionalInformation: [text.slice(0, 105)] } : { code: reason },
    ],
  };
}

/** The answers the simulated bank sends for a request and a decision, XML texts in order of delivery. @internal */
function answers(
  request: RailRequest,
  decision: SimulatedDecision,
  at: string,
  accountId: string,
  accountIsIban: boolean,
  servicerBic: string,
): string[] {
  if (decision.status === 'NONE') return [];
  if (decision.status === 'RJCT')
    return [
      statusReport('R', request, at, servicerBic, rejectedStatus(request, decision.reason, decision.text)),
    ];
  const i = request.instruction;
  const servicerReference = answerId('E', request);
  const currency = i.amount.currency;
  const notification: BankToCustomerReport = {
    messageId: answerId('C', request),
    creationDateTime: at,
    reports: [
      {
        id: answerId('N', request),
        creationDateTime: at,
        account: accountIsIban ? { iban: accountId, currency } : { otherId: accountId, currency },
        servicer: { bic: servicerBic },
        entries: [
          {
            entryReference: request.messageId,
            amount: i.amount,
            creditDebit: 'DBIT',
            status: 'BOOK',
            bookingDate: i.valueDate,
            valueDate: i.valueDate,
            accountServicerReference: servicerReference,
            bankTransactionCode: { domain: 'PMNT', family: 'ICDT', subFamily: 'XBCT' },
            transactions: [
              {
                messageId: request.messageId,
                accountServicerReference: servicerReference,
                instructionId: request.instructionReference,
                endToEndId: request.endToEndId,
                uetr: request.uetr,
                amount: i.amount,
                creditDebit: 'DBIT',
                settlementDate: i.valueDate,
              },
            ],
          },
        ],
      },
    ],
  };
  return [
    statusReport('P', request, at, servicerBic, acceptedStatus(request, at)),
    statusReport('S', request, at, servicerBic, settledStatus(request, at)),
    buildCamt054(notification),
  ];
}

/** Most account ids whose IBAN check a simulated bank remembers. */
const IBAN_CACHE_MAX = 256;

/**
 * A simulated bank rail. Each submission is built like the ISO 20022 rail's (pacs.009 / pacs.008) and
 * acknowledged at once; after `delayMs` (through `schedule`) the bank delivers, in order:
 * - settled (`ACSC`, the default): a pacs.002 `ACSP`, a pacs.002 `ACSC` and a camt.054 with one booked
 *   debit on the settlement account, carrying the UETR, EndToEndId and original message id;
 * - rejected (`RJCT`): one pacs.002 `RJCT` with the reason code (and text);
 * - silent (`NONE`): nothing.
 * Every answer's identifiers derive from the attempt's message id, so the same run gives the same bytes.
 *
 * @param options - delay, scheduler, delivery callback, decision, account and servicer
 * @returns the rail
 * @throws {@link InvalidSettlementInputError} (`SETTLEMENT_INVALID_OPTIONS`) for a missing callback or a negative delay
 * @example
 * ```ts
 * const rail = createSimulatedBankRail({
 *   delayMs: 50,
 *   schedule: (ms, fn) => setTimeout(fn, ms),
 *   deliver: (xml) => engine.receive(xml),
 *   decide: (r) => (r.instruction.toBic === 'BADBDEFFXXX' ? { status: 'RJCT', reason: 'AC04' } : { status: 'ACSC' }),
 * });
 * ```
 * @public
 */
export function createSimulatedBankRail(options: SimulatedBankRailOptions): SettlementRail {
  requireFunction('createSimulatedBankRail', 'schedule', options?.schedule);
  requireFunction('createSimulatedBankRail', 'deliver', options.deliver);
  if (typeof options.delayMs !== 'number' || !(options.delayMs >= 0) || !Number.isFinite(options.delayMs))
    throw new InvalidSettlementInputError(
      SettlementErrorCodes.INVALID_OPTIONS,
      `[deltran] settlement: createSimulatedBankRail: expected delayMs to be a finite number ≥ 0, got ${String(options.delayMs)}`,
      { path: ['delayMs'] },
    );
  const { delayMs, schedule, deliver } = options;
  const decide = options.decide ?? ((): SimulatedDecision => ({ status: 'ACSC' }));
  const builders = {
    ...(options.pacs008 !== undefined ? { pacs008: options.pacs008 } : {}),
    ...(options.pacs009 !== undefined ? { pacs009: options.pacs009 } : {}),
  };
  const accountOf = (request: RailRequest): string => {
    const given = options.accountId;
    if (typeof given === 'function') return given(request);
    return given ?? `${request.instruction.fromBic}-${request.instruction.amount.currency}`;
  };
  // Whether an account id is an IBAN, by id: a bank books on a handful of settlement accounts. Bounded:
  // cleared when it holds IBAN_CACHE_MAX ids.
  const ibanChecks = new Map<string, boolean>();
  const isIban = (accountId: string): boolean => {
    let known = ibanChecks.get(accountId);
    if (known === undefined) {
      if (ibanChecks.size >= IBAN_CACHE_MAX) ibanChecks.clear();
      known = isValidIban(accountId);
      ibanChecks.set(accountId, known);
    }
    return known;
  };
  return Object.freeze({
    name: options.name ?? 'simulated-bank',
    kind: 'iso20022',
    build: (submission: RailSubmission): RailMessage => buildIso20022Message(submission, builders),
    submit: (request: RailRequest): Promise<RailAck> => {
      options.send?.(request);
      const decision = decide(request);
      schedule(delayMs, () => {
        const at = options.now === undefined ? request.createdAt : new Date(options.now()).toISOString();
        const servicer = options.servicerBic ?? request.instruction.bank;
        const accountId = accountOf(request);
        for (const xml of answers(request, decision, at, accountId, isIban(accountId), servicer))
          deliver(xml);
      });
      return Promise.resolve({ accepted: true, reference: request.messageId });
    },
  });
}
