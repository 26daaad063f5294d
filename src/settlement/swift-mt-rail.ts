/**
 * The SWIFT MT rail: MT103 for customer payments, handed to a host callback as FIN text.
 * @packageDocumentation
 */
import { buildMt103, type PaymentToMt103Options, paymentToMt103 } from '../iso20022/index';
import type { SettlementInstruction } from '../routing/index';
import { requireFunction, toAck } from './_internal/ack';
import { mtReference } from './_internal/ids';
import { customerPayment } from './_internal/payment';
import { InvalidSettlementInputError, SettlementErrorCodes } from './errors';
import type { RailCallbackResult, RailMessage, RailRequest, RailSubmission, SettlementRail } from './types';

/** Options of {@link createSwiftMtRail}. @public */
export interface SwiftMtRailOptions {
  /** Hands the FIN text to the network; return nothing (accepted) or a {@link RailAck}; throw on a transport failure. */
  readonly send: (request: RailRequest) => RailCallbackResult | Promise<RailCallbackResult>;
  /** The rail's name. @defaultValue `'swift-mt'` */
  readonly name?: string;
  /** Header options (logical terminals, `:23B:`, priority). */
  readonly mt103?: PaymentToMt103Options;
}

/**
 * Builds the MT103 of a payment submission: `:20:` a 16-character reference of the attempt's message id,
 * block 3 `{121:}` the UETR, `:32A:` value date and amount, `:52A:`/`:57A:` the agents.
 *
 * @param submission - the attempt (a `payment` instruction)
 * @param options - header options
 * @returns the FIN text, with the mapping's warnings
 * @throws {@link InvalidSettlementInputError} (`SETTLEMENT_INVALID_INSTRUCTION`) for a net-position instruction
 * @throws `Mt103Error` when a mandatory field is missing
 * @public
 */
export function buildMt103Message(
  submission: RailSubmission,
  options: PaymentToMt103Options = {},
): RailMessage {
  if (submission.instruction.source.kind !== 'payment')
    throw new InvalidSettlementInputError(
      SettlementErrorCodes.INVALID_INSTRUCTION,
      `[deltran] settlement: buildMt103Message: instruction "${submission.instruction.id}" settles a net position; MT103 carries customer payments only (use pacs.009)`,
      { path: ['source', 'kind'] },
    );
  const base = customerPayment(submission);
  const payment = { ...base, instructionId: mtReference(submission.messageId) };
  const mapped = paymentToMt103(payment, options);
  const built = buildMt103(mapped.message);
  const warnings = [...mapped.warnings, ...built.warnings];
  return { format: 'mt', type: 'MT103', text: built.text, ...(warnings.length > 0 ? { warnings } : {}) };
}

/**
 * A SWIFT MT rail for payment instructions (MT103 via the iso20022 module's converter and builder). It
 * does not carry net positions: `supports` is false for them, so the engine picks another rail.
 *
 * @param options - the `send` callback, a name, header options
 * @returns the rail
 * @throws {@link InvalidSettlementInputError} (`SETTLEMENT_INVALID_OPTIONS`) without `send`
 * @public
 */
export function createSwiftMtRail(options: SwiftMtRailOptions): SettlementRail {
  requireFunction('createSwiftMtRail', 'send', options?.send);
  const { send } = options;
  const headers = options.mt103 ?? {};
  return Object.freeze({
    name: options.name ?? 'swift-mt',
    kind: 'swift-mt',
    supports: (instruction: SettlementInstruction): boolean => instruction.source.kind === 'payment',
    build: (submission: RailSubmission): RailMessage => buildMt103Message(submission, headers),
    submit: (request: RailRequest) => toAck(send(request)),
  });
}
