/**
 * Settlement instructions: the routing stage's output, the settlement stage's input.
 *
 * @packageDocumentation
 */
import {
  type CurrencyCode,
  type DeltranError,
  err,
  isCurrencyCode,
  type Money,
  money,
  ok,
  type Result,
} from '../index';
import { isoInstant } from './_internal/local-time';
import { type Resolved, resolveOptions } from './_internal/options';
import { InvalidRouteRequestError, NoRouteError, RoutingErrorCodes } from './errors';
import { selectResolved } from './select-route';
import type {
  ChargeTreatment,
  Exclusion,
  InstructionBatch,
  InstructionOptions,
  InstructionSource,
  LocalPaymentRequest,
  NetPositionInput,
  Registry,
  RouteCandidate,
  RouteOptions,
  SettlementInstruction,
} from './types';

/** What {@link buildSettlementInstruction} needs besides the route. @public */
export interface SettlementInstructionContext {
  /** The net position or payment settled. */
  readonly source: InstructionSource;
  /** The paying agent. */
  readonly fromBic: string;
  /** The receiving agent. */
  readonly toBic: string;
  /** The instant the route was chosen at. */
  readonly routedAt: number;
  /** How fees are paid on the route. */
  readonly charges: ChargeTreatment;
}

/**
 * Turns a chosen route into the instruction the settlement stage executes. The id is `si:` followed by
 * the source's reference (the UETR, or `window:participant:currency`), so routing the same event twice
 * yields the same id and settlement stays idempotent.
 *
 * @param candidate - a candidate from `selectRoute` or `findBestPath`
 * @param context - source, agents, time, charges
 * @returns the frozen instruction
 * @public
 */
export function buildSettlementInstruction(
  candidate: RouteCandidate,
  context: SettlementInstructionContext,
): SettlementInstruction {
  return instructionOf(candidate, context, Object.freeze({ ...context.source }));
}

/**
 * {@link buildSettlementInstruction} with the source already a frozen object of its own (the routing
 * functions make it fresh, so the copy the public function makes of a caller's source is not needed).
 */
function instructionOf(
  candidate: RouteCandidate,
  context: SettlementInstructionContext,
  source: InstructionSource,
): SettlementInstruction {
  const reference =
    source.kind === 'payment'
      ? source.uetr
      : `${source.windowId ?? 'netting'}:${source.participant}:${source.currency}`;
  return Object.freeze({
    id: `si:${reference}`,
    source,
    fromBic: context.fromBic,
    toBic: context.toBic,
    amount: candidate.amountSent,
    currency: candidate.corridor.to,
    amountReceived: candidate.amountReceived,
    bank: candidate.banks[0] as string,
    banks: candidate.banks,
    corridor: candidate.corridor,
    hops: candidate.hops,
    rates: candidate.rates,
    expectedCost: candidate.expectedCost,
    valueDate: candidate.valueDate,
    cutOff: candidate.cutOff,
    routedAt: isoInstant(context.routedAt),
    score: candidate.score,
    charges: context.charges,
  });
}

/**
 * Routes a local payment (`deltran.liquidity.select.local`): a same-currency route through the best
 * bank holding the currency, fees billed (the full amount moves).
 *
 * @param payment - UETR, agents, amount and currency
 * @param registry - from `createRegistry`
 * @param options - now, weights, rounding
 * @returns the instruction, or a {@link NoRouteError} value listing every exclusion
 * @throws {@link InvalidRouteRequestError} (`ROUTING_INVALID_REQUEST`) for a malformed payment
 * @public
 */
export function routeLocalPayment(
  payment: LocalPaymentRequest,
  registry: Registry,
  options: RouteOptions,
): Result<SettlementInstruction, NoRouteError> {
  if (typeof payment?.uetr !== 'string' || payment.uetr === '')
    failLocal('uetr', 'expected the payment’s UETR');
  if (typeof payment.debtorBic !== 'string' || typeof payment.creditorBic !== 'string')
    failLocal('debtorBic', 'expected the debtor and creditor agents’ BICs');
  const amount = toMoney(payment.amount, payment.currency, 'routeLocalPayment');
  // Resolved once: the selection below sees the same options with multi-hop off, which always pass.
  const resolved = directOnly(resolveOptions(options, 'routeLocalPayment'));
  const now = resolved.now;
  const selection = selectResolved(
    { reference: payment.uetr, amount, charges: 'billed' },
    registry,
    resolved,
  );
  if (selection.best === undefined)
    return err(noRoute(`payment ${payment.uetr}`, amount, selection.excluded));
  const source: InstructionSource = Object.freeze({ kind: 'payment', uetr: payment.uetr });
  return ok(
    instructionOf(
      selection.best,
      { source, fromBic: payment.debtorBic, toBic: payment.creditorBic, routedAt: now, charges: 'billed' },
      source,
    ),
  );
}

/**
 * Routes net positions (`deltran.liquidity.select`): one same-currency instruction per non-zero position,
 * through the best settlement bank for its currency, fees billed so the net amount moves in full. A net
 * debtor pays the settlement account (`settlementBic`); the settlement account pays a net creditor.
 *
 * @param positions - net positions (netting's `NetPosition` fits)
 * @param registry - from `createRegistry`
 * @param options - now, the settlement account's BIC, weights, rounding
 * @returns the instructions and the positions that could not be routed, with every exclusion
 * @throws {@link InvalidRouteRequestError} (`ROUTING_INVALID_REQUEST`) for a malformed position
 * @example
 * ```ts
 * routeNetPositions(result.positions, registry, { now, settlementBic: 'CCPXGB2LXXX' }).instructions;
 * ```
 * @public
 */
export function routeNetPositions(
  positions: readonly NetPositionInput[],
  registry: Registry,
  options: InstructionOptions,
): InstructionBatch {
  const resolved = directOnly(resolveOptions(options, 'routeNetPositions'));
  const now = resolved.now;
  if (typeof options.settlementBic !== 'string' || options.settlementBic === '') {
    throw new InvalidRouteRequestError(
      RoutingErrorCodes.INVALID_OPTIONS,
      '[deltran/routing] routeNetPositions: settlementBic: expected the settlement account’s BIC',
      { path: ['settlementBic'] },
    );
  }
  const instructions: SettlementInstruction[] = [];
  const unrouted: { position: NetPositionInput; excluded: readonly Exclusion[] }[] = [];
  positions.forEach((position, i) => {
    if (typeof position?.participant !== 'string' || position.participant === '') {
      throw new InvalidRouteRequestError(
        RoutingErrorCodes.INVALID_REQUEST,
        `[deltran/routing] routeNetPositions: [${i}]/participant: expected a BIC`,
        { path: [i, 'participant'] },
      );
    }
    const signed = toMoney(position.amount, position.currency, 'routeNetPositions', [i]);
    if (signed.minor === 0n) return;
    const amount: Money = signed.minor < 0n ? { minor: -signed.minor, currency: signed.currency } : signed;
    const source: InstructionSource = Object.freeze(
      position.windowId === undefined
        ? { kind: 'netPosition', participant: position.participant, currency: signed.currency }
        : {
            kind: 'netPosition',
            participant: position.participant,
            currency: signed.currency,
            windowId: position.windowId,
          },
    );
    const reference = `${position.windowId ?? 'netting'}:${position.participant}:${signed.currency}`;
    const selection = selectResolved(
      { reference, amount: Object.freeze(amount), charges: 'billed' },
      registry,
      resolved,
    );
    if (selection.best === undefined) {
      unrouted.push(Object.freeze({ position, excluded: selection.excluded }));
      return;
    }
    const debtor = signed.minor < 0n;
    instructions.push(
      instructionOf(
        selection.best,
        {
          source,
          fromBic: debtor ? position.participant : options.settlementBic,
          toBic: debtor ? options.settlementBic : position.participant,
          routedAt: now,
          charges: 'billed',
        },
        source,
      ),
    );
  });
  return Object.freeze({ instructions: Object.freeze(instructions), unrouted: Object.freeze(unrouted) });
}

function failLocal(path: string, message: string): never {
  throw new InvalidRouteRequestError(
    RoutingErrorCodes.INVALID_REQUEST,
    `[deltran/routing] routeLocalPayment: ${path}: ${message}`,
    { path: [path] },
  );
}

/** Resolved options with multi-hop off: the instruction builders route within one currency. */
function directOnly(resolved: Resolved): Resolved {
  return resolved.multiHop === 'off' ? resolved : { ...resolved, multiHop: 'off' };
}

function toMoney(
  value: unknown,
  currency: unknown,
  where: string,
  path: readonly (string | number)[] = [],
): Money {
  if (!isCurrencyCode(currency)) {
    throw new InvalidRouteRequestError(
      RoutingErrorCodes.INVALID_REQUEST,
      `[deltran/routing] ${where}: currency: expected an ISO 4217 code, got ${JSON.stringify(currency)}`,
      { path: [...path, 'currency'] },
    );
  }
  if (typeof value === 'object' && value !== null && typeof (value as Money).minor === 'bigint') {
    if ((value as Money).currency !== currency) {
      throw new InvalidRouteRequestError(
        RoutingErrorCodes.INVALID_REQUEST,
        `[deltran/routing] ${where}: amount: expected a Money in ${currency}, got ${(value as Money).currency}`,
        { path: [...path, 'amount'] },
      );
    }
    return value as Money;
  }
  try {
    return money(value as string, currency as CurrencyCode);
  } catch (cause) {
    throw new InvalidRouteRequestError(
      RoutingErrorCodes.INVALID_REQUEST,
      `[deltran/routing] ${where}: amount: ${(cause as DeltranError).message}`,
      { path: [...path, 'amount'], cause },
    );
  }
}

function noRoute(what: string, amount: Money, excluded: readonly Exclusion[]): NoRouteError {
  const reasons = [...new Set(excluded.map((e) => e.reason))].join(', ') || 'no bank holds the currency';
  return new NoRouteError(
    `[deltran/routing] no eligible route for ${what} (${amount.currency}): ${reasons}`,
    excluded,
  );
}
