/**
 * What travels on each of the 14 topics: the JSON payloads (amounts as decimal strings, never numbers
 * or `bigint`), and the converters between them and the domain values.
 *
 * Every transport that encodes events sends JSON, so a payload must survive `JSON.stringify` /
 * `JSON.parse` unchanged. Money inside the domain types (`bigint` minor units) is written as a
 * {@link MoneyJson} `{ currency, amount }` with the amount a decimal string in the currency's minor unit.
 *
 * @packageDocumentation
 */
import {
  type CanonicalPayment,
  type CanonicalPaymentJson,
  type CurrencyCode,
  canonicalPaymentToJson,
  formatMoney,
  type Money,
  type MoneyJson,
  money,
  parseCanonicalPayment,
} from '../index';
import type { JsonOf } from '../iso20022/index';
import type { NettingResultJson } from '../netting/index';
import type { Obligation } from '../obligations/index';
import type { SettlementInstruction } from '../routing/index';
import type { FundingEventJson, SettlementResultJson } from '../settlement/index';
import { PipelineError, PipelineErrorCodes } from './errors';

/** Money → MoneyJson everywhere inside `T` (`bigint` cannot cross a transport); `deltran/iso20022`'s. @public */
export type { JsonOf };

import type { TopicKey } from './topics';

/** One reason of a decision, as it travels: a stable code and a sentence. @public */
export interface ReasonJson {
  /** Stable code, for example `COMPLIANCE_SANCTIONS_NAME_MATCH`. */
  readonly code: string;
  /** Human-readable explanation. */
  readonly message: string;
  /** The decision the reason calls for, when it has one. */
  readonly decision?: string;
  /** Where in the payment it applies. */
  readonly path?: readonly (string | number)[];
}

/** `deltran.obligation.create`: an allowed payment with its screening decision. @public */
export interface ObligationCreateJson {
  /** The payment. */
  readonly payment: CanonicalPaymentJson;
  /** Always `ALLOW` on this topic. */
  readonly decision: 'ALLOW';
  /** Reasons recorded on the way (informational for an ALLOW). */
  readonly reasons: readonly ReasonJson[];
  /** When it was screened, ISO instant. */
  readonly screenedAt: string;
}

/** `deltran.compliance.reject`: a payment that did not pass, with every reason. @public */
export interface ComplianceRejectJson {
  /** The payment's UETR. */
  readonly uetr: string;
  /** Its EndToEndId. */
  readonly endToEndId: string;
  /** `REJECT`, or `REVIEW` when the pipeline is told to hold payments for review. */
  readonly decision: 'REJECT' | 'REVIEW';
  /** Why. */
  readonly reasons: readonly ReasonJson[];
  /** When it was decided, ISO instant. */
  readonly at: string;
  /** Debtor agent BIC, when known. */
  readonly debtorAgent?: string;
  /** Creditor agent BIC, when known. */
  readonly creditorAgent?: string;
  /** The amount. */
  readonly amount?: MoneyJson;
}

/** `deltran.clearing.submit`: an obligation (international payment). @public */
export interface ObligationJson {
  /** `obl:<UETR>`. */
  readonly id: string;
  /** The payment's UETR. */
  readonly uetr: string;
  /** Its EndToEndId. */
  readonly endToEndId: string;
  /** The paying agent's BIC (the debtor of the obligation). */
  readonly debtorAgent: string;
  /** The receiving agent's BIC (the creditor). */
  readonly creditorAgent: string;
  /** ISO 3166 country of the debtor agent. */
  readonly debtorAgentCountry: string;
  /** ISO 3166 country of the creditor agent. */
  readonly creditorAgentCountry: string;
  /** ISO 4217 code. */
  readonly currency: string;
  /** Decimal string in the currency's minor unit. */
  readonly amount: string;
  /** `YYYY-MM-DD`. */
  readonly valueDate: string;
  /** True for an international obligation. */
  readonly crossBorder: boolean;
}

/** `deltran.liquidity.select.local`: a domestic payment to route to a local bank. @public */
export interface LocalLiquidityRequestJson {
  /** The payment's UETR. */
  readonly uetr: string;
  /** Its EndToEndId. */
  readonly endToEndId: string;
  /** Debtor agent BIC. */
  readonly debtorBic: string;
  /** Creditor agent BIC. */
  readonly creditorBic: string;
  /** ISO 4217 code. */
  readonly currency: string;
  /** Decimal string. */
  readonly amount: string;
  /** `YYYY-MM-DD`. */
  readonly valueDate: string;
}

/** `deltran.liquidity.select`: one net position of a closed netting window. @public */
export interface NetPositionJson {
  /** The window. */
  readonly windowId: string;
  /** The participant (BIC). */
  readonly participant: string;
  /** ISO 4217 code. */
  readonly currency: string;
  /** Received minus paid, a signed decimal string. */
  readonly amount: string;
}

/** `deltran.clearing.completed`: a closed netting window and its result. @public */
export interface ClearingCompletedJson {
  /** The window id (also the envelope subject). */
  readonly windowId: string;
  /** The window's currency (the clearing stage keeps one window per currency). */
  readonly currency: string;
  /** Why it closed. */
  readonly reason: 'count' | 'time' | 'manual';
  /** When it closed, ISO instant. */
  readonly closedAt: string;
  /** The obligations it held, in arrival order. */
  readonly obligations: readonly {
    readonly id: string;
    readonly debtor: string;
    readonly creditor: string;
    readonly currency: string;
    readonly amount: string;
  }[];
  /** The netting result (`toNettingJson`). */
  readonly result: NettingResultJson;
}

/** `deltran.risk.check`: the FX exposure of a settlement instruction, with the instruction to echo back. @public */
export interface RiskCheckJson {
  /** Request id: `risk:<instruction id>`. */
  readonly id: string;
  /** The counterparty (BIC). */
  readonly counterparty: string;
  /** The amount at risk. */
  readonly amount: MoneyJson;
  /** The currency the exposure is measured in. */
  readonly quote: string;
  /** The instruction waiting for the answer; the risk stage returns it in `deltran.risk.result`, so routing keeps no state. */
  readonly instruction: SettlementInstructionJson;
}

/** `deltran.risk.result`: the verdict, and the instruction it is about. @public */
export interface RiskResultJson {
  /** The request id. */
  readonly requestId: string;
  /** What to do: execute now, wait for a better window, hedge, or hold. */
  readonly action: 'EXECUTE_NOW' | 'WAIT_FOR_WINDOW' | 'HEDGE' | 'HOLD';
  /** 0–100. */
  readonly score: number;
  /** Why. */
  readonly reasons: readonly ReasonJson[];
  /** The instruction, echoed from the request. */
  readonly instruction: SettlementInstructionJson;
}

/** A settlement instruction with every Money as {@link MoneyJson} (`deltran.settlement.execute`). @public */
export type SettlementInstructionJson = JsonOf<SettlementInstruction>;

/** `deltran.token.minted`: tokens minted 1:1 against a confirmed credit. @public */
export interface TokenMintedJson {
  /** The mint command id (`mint:<UETR>`). */
  readonly mintId: string;
  /** Who received the tokens. */
  readonly participant: string;
  /** The amount minted. */
  readonly amount: MoneyJson;
  /** The funded payment's UETR. */
  readonly uetr?: string;
  /** The bank entry that funded it. */
  readonly fundedBy?: string;
}

function isMoney(value: unknown): value is Money {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { minor?: unknown; currency?: unknown };
  return typeof v.minor === 'bigint' && typeof v.currency === 'string' && Object.keys(value).length === 2;
}

function isMoneyJson(value: unknown): value is MoneyJson {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as { amount?: unknown; currency?: unknown };
  return typeof v.amount === 'string' && typeof v.currency === 'string' && Object.keys(value).length === 2;
}

/**
 * Writes a domain value for the wire: every Money becomes `{ currency, amount }` with a decimal string.
 * @param value - any JSON-like value that may hold Money
 * @returns a JSON-safe copy
 * @throws {@link PipelineError} (`PIPELINE_INVALID_PAYLOAD`) on a `bigint` that is not inside a Money
 * @public
 */
export function moneyToWire<T>(value: T): JsonOf<T> {
  return walkOut(value, []) as JsonOf<T>;
}

// The walkers share one path array (push / pop) and copy it only where it is kept (an error, a Money's
// error context): a copy per property was most of their cost on the routing / risk / settlement hops.
function walkOut(value: unknown, path: (string | number)[]): unknown {
  if (isMoney(value)) return { currency: value.currency, amount: formatMoney(value) };
  if (typeof value === 'bigint') {
    throw new PipelineError(
      PipelineErrorCodes.INVALID_PAYLOAD,
      `[deltran] payload: ${path.join('.') || '(root)'}: a bigint cannot travel as JSON; write amounts as Money or decimal strings`,
      { path: [...path] },
    );
  }
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i += 1) {
      path.push(i);
      out[i] = walkOut(value[i], path);
      path.pop();
    }
    return out;
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = (value as Record<string, unknown>)[key];
      if (item === undefined) continue;
      path.push(key);
      out[key] = walkOut(item, path);
      path.pop();
    }
    return out;
  }
  return value;
}

/**
 * Reads a wire value back: every `{ currency, amount }` object (exactly those two string fields) becomes a
 * Money, checked against its currency (an amount that does not fit its currency is an error).
 * @param value - a parsed JSON value
 * @returns the value with Money restored
 * @throws the core `InvalidAmountError` / currency errors for an amount that does not fit
 * @public
 */
export function moneyFromWire<T>(value: JsonOf<T>): T {
  return walkIn(value, []) as T;
}

function walkIn(value: unknown, path: (string | number)[]): unknown {
  if (isMoneyJson(value)) return money(value.amount, value.currency as CurrencyCode, { path: [...path] });
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i += 1) {
      path.push(i);
      out[i] = walkIn(value[i], path);
      path.pop();
    }
    return Object.freeze(out);
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      path.push(key);
      out[key] = walkIn((value as Record<string, unknown>)[key], path);
      path.pop();
    }
    return Object.freeze(out);
  }
  return value;
}

/**
 * The payment carried by `compliance.check`, `obligation.create` and `token.mint`, validated.
 * @param data - the event data (a CanonicalPaymentJson, or an ObligationCreateJson)
 * @returns the payment
 * @throws core `ValidationError` (fatal: it can never pass)
 * @public
 */
export function paymentFromWire(data: unknown): CanonicalPayment {
  const candidate =
    typeof data === 'object' && data !== null && 'payment' in data
      ? (data as { payment: unknown }).payment
      : data;
  if (typeof candidate !== 'object' || candidate === null) return parseCanonicalPayment(candidate);
  const known = paymentByWire.get(candidate);
  if (known !== undefined) return known;
  if (trustedWire.has(candidate)) {
    const payment = deepFreeze(parseCanonicalPayment(candidate));
    // An encoder output of this process, deep-frozen: decoding it again gives this payment, and encoding
    // the payment gives it back (the codec round trip, test/unit/core/payment.test.ts "properties").
    paymentByWire.set(candidate, payment);
    wireByPayment.set(payment, candidate as CanonicalPaymentJson);
    return payment;
  }
  return parseCanonicalPayment(candidate);
}

/*
 * Identity caches of the payment codec (see docs/pipeline-performance.md). With an encoding-free
 * transport (the memory transport's `encoding: 'none'`) the wire object a stage publishes is the very
 * object the next stage receives; re-validating it with zod at every hop (14–28 µs a payment, plus
 * 13 µs to encode it again) was the largest cost of the pipeline's own code. Only objects this module
 * produced and deep-froze are trusted, so nothing a host or a broker hands in skips validation: JSON
 * decoded from bytes is always a new object, and is always parsed.
 */
const trustedWire = new WeakSet<object>();
const paymentByWire = new WeakMap<object, CanonicalPayment>();
const wireByPayment = new WeakMap<CanonicalPayment, CanonicalPaymentJson>();

// Frozen before its children (they stay freezable), which are visited without the array
// Object.values made for every object: on the gateway's hop this was most of encoding a payment.
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i += 1) {
        const item: unknown = value[i];
        if (typeof item === 'object' && item !== null) deepFreeze(item);
      }
    } else {
      for (const key in value) {
        const item: unknown = value[key];
        if (typeof item === 'object' && item !== null && Object.hasOwn(value, key)) deepFreeze(item);
      }
    }
  }
  return value;
}

/**
 * The JSON form of a payment for the wire.
 * @param payment - the payment
 * @returns its CanonicalPaymentJson
 * @public
 */
export function paymentToWire(payment: CanonicalPayment): CanonicalPaymentJson {
  const known = wireByPayment.get(payment);
  if (known !== undefined) return known;
  const wire = deepFreeze(canonicalPaymentToJson(payment));
  trustedWire.add(wire);
  // Only a payment that is not itself mutable may be remembered: a host may change its own object.
  if (Object.isFrozen(payment) && Object.isFrozen(payment.amount)) wireByPayment.set(payment, wire);
  return wire;
}

/**
 * The wire form of an obligation (`deltran.clearing.submit`).
 * @param obligation - the obligation engine's obligation
 * @returns its JSON
 * @public
 */
export function obligationToWire(obligation: Obligation): ObligationJson {
  return {
    id: obligation.id,
    uetr: obligation.uetr,
    endToEndId: obligation.endToEndId,
    debtorAgent: agentId(obligation.debtorAgent, 'debtorAgent'),
    creditorAgent: agentId(obligation.creditorAgent, 'creditorAgent'),
    debtorAgentCountry: obligation.debtorAgentCountry,
    creditorAgentCountry: obligation.creditorAgentCountry,
    currency: obligation.amount.currency,
    amount: formatMoney(obligation.amount),
    valueDate: obligation.valueDate,
    crossBorder: obligation.crossBorder,
  };
}

/**
 * The identifier of an agent used as a participant: its BIC, else its clearing member id, else its LEI.
 * @param agent - the agent
 * @param field - for the error path
 * @returns the participant id
 * @throws {@link PipelineError} (`PIPELINE_INVALID_PAYLOAD`) when the agent has none
 * @public
 */
export function agentId(
  agent: { readonly bic?: string; readonly lei?: string; readonly clearingMemberId?: string } | undefined,
  field: string,
): string {
  const id = agent?.bic ?? agent?.clearingMemberId ?? agent?.lei;
  if (id === undefined || id === '') {
    throw new PipelineError(
      PipelineErrorCodes.INVALID_PAYLOAD,
      `[deltran] payload: ${field}: expected an agent with a BIC (or clearing member id or LEI) to settle with`,
      { path: [field] },
    );
  }
  return id;
}

/** Maps each topic key to the type of its data on the wire. @public */
export interface TopicPayloads {
  /** gateway → compliance. */
  readonly complianceCheck: CanonicalPaymentJson;
  /** compliance → obligations. */
  readonly obligationCreate: ObligationCreateJson;
  /** compliance → notification. */
  readonly complianceReject: ComplianceRejectJson;
  /** obligations → token. */
  readonly tokenMint: CanonicalPaymentJson;
  /** obligations → clearing. */
  readonly clearingSubmit: ObligationJson;
  /** obligations → routing. */
  readonly liquiditySelectLocal: LocalLiquidityRequestJson;
  /** clearing → routing. */
  readonly liquiditySelect: NetPositionJson;
  /** clearing → reporting. */
  readonly clearingCompleted: ClearingCompletedJson;
  /** routing → risk. */
  readonly riskCheck: RiskCheckJson;
  /** risk → routing. */
  readonly riskResult: RiskResultJson;
  /** routing → settlement. */
  readonly settlementExecute: SettlementInstructionJson;
  /** settlement → notification/reporting (see `deltran/settlement` `settlementResultToJson`). */
  readonly settlementCompleted: SettlementResultJson;
  /** settlement → token (see `deltran/settlement` `fundingEventToJson`). */
  readonly fundingConfirmed: FundingEventJson;
  /** token → analytics. */
  readonly tokenMinted: TokenMintedJson;
}

/** Checks that the data of a topic is an object (a cheap guard before the stage reads it). @internal */
export function expectObject(data: unknown, topic: TopicKey): Record<string, unknown> {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new PipelineError(
      PipelineErrorCodes.INVALID_PAYLOAD,
      `[deltran] ${topic}: expected the event data to be a JSON object, got ${data === null ? 'null' : typeof data}`,
      { path: ['data'] },
    );
  }
  return data as Record<string, unknown>;
}
