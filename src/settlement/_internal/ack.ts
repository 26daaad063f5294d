/**
 * Turning what a host callback returned into a {@link RailAck}, and checking rail options.
 * @packageDocumentation
 * @internal
 */
import { InvalidSettlementInputError, SettlementErrorCodes } from '../errors';
import type { RailAck, RailCallbackResult } from '../types';

/** Nothing (or `undefined`) means accepted; an ack is checked and kept. @internal */
export async function toAck(value: RailCallbackResult | Promise<RailCallbackResult>): Promise<RailAck> {
  const given = await value;
  if (given === undefined || given === null) return { accepted: true };
  if (given.accepted === true) return given;
  if (given.accepted === false && typeof given.reason?.code === 'string') return given;
  throw new InvalidSettlementInputError(
    SettlementErrorCodes.INVALID_OPTIONS,
    '[deltran] settlement: a rail callback returned neither nothing nor a RailAck ({ accepted: true } or { accepted: false, reason: { code } })',
  );
}

/** Throws `SETTLEMENT_INVALID_OPTIONS` unless `value` is a function. @internal */
export function requireFunction(where: string, name: string, value: unknown): void {
  if (typeof value !== 'function')
    throw new InvalidSettlementInputError(
      SettlementErrorCodes.INVALID_OPTIONS,
      `[deltran] settlement: ${where}: expected option "${name}" to be a function, got ${typeof value}`,
      { path: [name] },
    );
}
