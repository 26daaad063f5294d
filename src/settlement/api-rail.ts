/**
 * The API rail: the instruction as JSON (amounts as decimal strings) to a host callback, for banks and
 * networks reached through their own API.
 * @packageDocumentation
 */
import { formatMoney, type Money, type MoneyJson } from '../index';
import type { InstructionSource } from '../routing/index';
import { requireFunction, toAck } from './_internal/ack';
import type { RailCallbackResult, RailMessage, RailRequest, RailSubmission, SettlementRail } from './types';

/** What the API rail sends: one attempt of an instruction, JSON-safe. @public */
export interface ApiRailPayload {
  /** `deltran.settlement.api`, version 1. */
  readonly format: 'deltran.settlement.api';
  readonly version: 1;
  /** The instruction id. */
  readonly instructionId: string;
  /** The attempt's message id (new per attempt). */
  readonly messageId: string;
  /** The attempt, from 1. */
  readonly attempt: number;
  /** The UETR (the same for every attempt). */
  readonly uetr: string;
  /** The EndToEndId (the same for every attempt). */
  readonly endToEndId: string;
  /** When the attempt was made, ISO 8601 UTC. */
  readonly createdAt: string;
  /** The net position or payment settled. */
  readonly source: InstructionSource;
  /** The paying agent's BIC. */
  readonly fromBic: string;
  /** The receiving agent's BIC. */
  readonly toBic: string;
  /** The bank chosen for the first hop. */
  readonly bank: string;
  /** Every bank on the route. */
  readonly banks: readonly string[];
  /** The amount sent, decimal string. */
  readonly amount: MoneyJson;
  /** The amount delivered in `currency`, decimal string. */
  readonly amountReceived: MoneyJson;
  /** The settlement currency. */
  readonly currency: string;
  /** Value date, YYYY-MM-DD. */
  readonly valueDate: string;
  /** Release before this instant, ISO. */
  readonly cutOff: string;
  /** `billed` or `deduct`. */
  readonly charges: string;
}

/** Options of {@link createApiRail}. @public */
export interface ApiRailOptions {
  /** Calls the host's API; return nothing (accepted) or a {@link RailAck}; throw on a transport failure. */
  readonly call: (
    payload: ApiRailPayload,
    request: RailRequest,
  ) => RailCallbackResult | Promise<RailCallbackResult>;
  /** The rail's name. @defaultValue `'api'` */
  readonly name?: string;
}

const moneyJson = (m: Money): MoneyJson => ({ currency: m.currency, amount: formatMoney(m) });

/**
 * The JSON payload of a submission.
 * @param submission - the attempt
 * @returns the payload, JSON-safe
 * @public
 */
export function toApiRailPayload(submission: RailSubmission): ApiRailPayload {
  const i = submission.instruction;
  return {
    format: 'deltran.settlement.api',
    version: 1,
    instructionId: i.id,
    messageId: submission.messageId,
    attempt: submission.attempt,
    uetr: submission.uetr,
    endToEndId: submission.endToEndId,
    createdAt: submission.createdAt,
    source: i.source,
    fromBic: i.fromBic,
    toBic: i.toBic,
    bank: i.bank,
    banks: i.banks,
    amount: moneyJson(i.amount),
    amountReceived: moneyJson(i.amountReceived),
    currency: i.currency,
    valueDate: i.valueDate,
    cutOff: i.cutOff,
    charges: i.charges,
  };
}

/**
 * An API rail: each attempt goes to `call` as an {@link ApiRailPayload} (its text, the message recorded,
 * is the payload's JSON). The host reports outcomes later with `engine.receiveStatus` (or pacs.002).
 *
 * @param options - the `call` callback and a name
 * @returns the rail
 * @throws {@link InvalidSettlementInputError} (`SETTLEMENT_INVALID_OPTIONS`) without `call`
 * @public
 */
export function createApiRail(options: ApiRailOptions): SettlementRail {
  requireFunction('createApiRail', 'call', options?.call);
  const { call } = options;
  return Object.freeze({
    name: options.name ?? 'api',
    kind: 'api',
    build: (submission: RailSubmission): RailMessage => ({
      format: 'json',
      type: 'json',
      text: JSON.stringify(toApiRailPayload(submission)),
    }),
    submit: (request: RailRequest) => toAck(call(toApiRailPayload(request), request)),
  });
}
