/**
 * The ISO 20022 rail: pacs.009 for net positions (bank-to-bank settlement), pacs.008 for customer
 * payments, handed to a host callback as XML.
 * @packageDocumentation
 */
import {
  type BuildPacs008Options,
  type BuildPacs009Options,
  buildPacs008,
  buildPacs009,
} from '../iso20022/index';
import { requireFunction, toAck } from './_internal/ack';
import { customerPayment, netPositionPayment } from './_internal/payment';
import type { RailCallbackResult, RailMessage, RailRequest, RailSubmission, SettlementRail } from './types';

/** Builder options the rail passes through (the ids and creation time are the engine's). @public */
export type Pacs008RailOptions = Omit<BuildPacs008Options, 'messageId' | 'creationDateTime'>;

/** Builder options the rail passes through (the ids and creation time are the engine's). @public */
export type Pacs009RailOptions = Omit<BuildPacs009Options, 'messageId' | 'creationDateTime'>;

/** Options of {@link createIso20022Rail}. @public */
export interface Iso20022RailOptions {
  /** Hands the built message to the network; return nothing (accepted) or a {@link RailAck}; throw on a transport failure. */
  readonly send: (request: RailRequest) => RailCallbackResult | Promise<RailCallbackResult>;
  /** The rail's name. @defaultValue `'iso20022'` */
  readonly name?: string;
  /** pacs.008 options (version, settlement method, clearing system, envelope). */
  readonly pacs008?: Pacs008RailOptions;
  /** pacs.009 options. */
  readonly pacs009?: Pacs009RailOptions;
}

/**
 * Builds the ISO 20022 message of a submission: pacs.009 for a `netPosition` instruction, pacs.008 for a
 * `payment` one, with the submission's `MsgId`, `CreDtTm`, `InstrId`, `EndToEndId` and `UETR`.
 *
 * @param submission - the attempt
 * @param options - builder options per message
 * @returns the XML, deterministic
 * @throws `Iso20022BuildError` when a field cannot be represented
 * @public
 */
export function buildIso20022Message(
  submission: RailSubmission,
  options: { readonly pacs008?: Pacs008RailOptions; readonly pacs009?: Pacs009RailOptions } = {},
): RailMessage {
  const header = { messageId: submission.messageId, creationDateTime: submission.createdAt };
  if (submission.instruction.source.kind === 'netPosition') {
    const text = buildPacs009([netPositionPayment(submission)], { ...options.pacs009, ...header });
    return { format: 'xml', type: options.pacs009?.version ?? 'pacs.009.001.08', text };
  }
  const text = buildPacs008([customerPayment(submission)], { ...options.pacs008, ...header });
  return { format: 'xml', type: options.pacs008?.version ?? 'pacs.008.001.08', text };
}

/**
 * An ISO 20022 rail: builds pacs.009 (net positions) or pacs.008 (payments) with the real builders and
 * hands each attempt to `send`.
 *
 * @param options - the `send` callback, a name, builder options
 * @returns the rail
 * @throws {@link InvalidSettlementInputError} (`SETTLEMENT_INVALID_OPTIONS`) without `send`
 * @example
 * ```ts
 * const rail = createIso20022Rail({ send: async (request) => { await mq.put(request.message.text); } });
 * ```
 * @public
 */
export function createIso20022Rail(options: Iso20022RailOptions): SettlementRail {
  requireFunction('createIso20022Rail', 'send', options?.send);
  const { send } = options;
  const builders = {
    ...(options.pacs008 !== undefined ? { pacs008: options.pacs008 } : {}),
    ...(options.pacs009 !== undefined ? { pacs009: options.pacs009 } : {}),
  };
  return Object.freeze({
    name: options.name ?? 'iso20022',
    kind: 'iso20022',
    build: (submission: RailSubmission): RailMessage => buildIso20022Message(submission, builders),
    submit: (request: RailRequest) => toAck(send(request)),
  });
}
