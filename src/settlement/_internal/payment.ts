/**
 * From a submission to the canonical payment the ISO 20022 and MT103 builders take: pacs.009 for a
 * net position (bank to bank), pacs.008 for a customer payment.
 * @packageDocumentation
 * @internal
 */
import type { Agent, CanonicalPayment, ChargeBearer } from '../../index';
import type { RailSubmission } from '../types';

/** ISO 20022 `ChrgBr` for routing's charge treatment: billed on top → DEBT, deducted on the way → SHAR. */
function chargeBearerOf(submission: RailSubmission): ChargeBearer {
  return submission.instruction.charges === 'billed' ? 'DEBT' : 'SHAR';
}

/** `IntrmyAgt1..3`: the route's banks after the first, at most three. */
function intermediaries(submission: RailSubmission): readonly Agent[] {
  return submission.instruction.banks.slice(1, 4).map((bic) => ({ bic }));
}

/**
 * The pacs.009 transaction of a net-position instruction: debtor `fromBic`, creditor `toBic` (both
 * institutions), `InstgAgt` the payer, `InstdAgt` the settlement bank chosen by routing, the amount sent
 * and the value date; the remittance names the position (`/NETP/<window>/<participant>/<currency>`).
 * @internal
 */
export function netPositionPayment(submission: RailSubmission): CanonicalPayment {
  const { instruction } = submission;
  const via = intermediaries(submission);
  const source = instruction.source;
  const line =
    source.kind === 'netPosition'
      ? `/NETP/${source.windowId ?? ''}/${source.participant}/${source.currency}`
      : `/SI/${instruction.id}`;
  const remittanceInformation = { unstructured: [line.slice(0, 140)] };
  // One literal per shape (no spread in the middle), keys in the same order as before.
  return via.length > 0
    ? {
        uetr: submission.uetr,
        endToEndId: submission.endToEndId,
        instructionId: submission.instructionReference,
        messageId: submission.messageId,
        creationDateTime: submission.createdAt,
        source: { type: 'api' },
        amount: instruction.amount,
        settlementDate: instruction.valueDate,
        instructingAgent: { bic: instruction.fromBic },
        instructedAgent: { bic: instruction.bank },
        intermediaryAgents: via,
        debtor: { bic: instruction.fromBic },
        debtorAgent: {},
        creditor: { bic: instruction.toBic },
        creditorAgent: {},
        remittanceInformation,
      }
    : {
        uetr: submission.uetr,
        endToEndId: submission.endToEndId,
        instructionId: submission.instructionReference,
        messageId: submission.messageId,
        creationDateTime: submission.createdAt,
        source: { type: 'api' },
        amount: instruction.amount,
        settlementDate: instruction.valueDate,
        instructingAgent: { bic: instruction.fromBic },
        instructedAgent: { bic: instruction.bank },
        debtor: { bic: instruction.fromBic },
        debtorAgent: {},
        creditor: { bic: instruction.toBic },
        creditorAgent: {},
        remittanceInformation,
      };
}

/**
 * The pacs.008 (or MT103) transaction of a payment instruction: the host's payment when given (its
 * parties, EndToEndId, remittance), with this attempt's identifiers, the routed amount and value date, and
 * `InstgAgt` / `InstdAgt` set to the payer and the chosen bank; otherwise a payment between the agents.
 * @internal
 */
export function customerPayment(submission: RailSubmission): CanonicalPayment {
  const { instruction, payment } = submission;
  const via = intermediaries(submission);
  if (payment === undefined) {
    // One literal per shape, keys in the order of the former spread of the ids: a spread followed by
    // more keys made a slow object that every builder read then paid for.
    const fromBic = instruction.fromBic;
    const toBic = instruction.toBic;
    return via.length > 0
      ? {
          uetr: submission.uetr,
          endToEndId: submission.endToEndId,
          instructionId: submission.instructionReference,
          messageId: submission.messageId,
          creationDateTime: submission.createdAt,
          amount: instruction.amount,
          settlementDate: instruction.valueDate,
          instructingAgent: { bic: fromBic },
          instructedAgent: { bic: instruction.bank },
          source: { type: 'api' },
          chargeBearer: chargeBearerOf(submission),
          intermediaryAgents: via,
          debtor: { bic: fromBic },
          debtorAgent: { bic: fromBic },
          creditor: { bic: toBic },
          creditorAgent: { bic: toBic },
        }
      : {
          uetr: submission.uetr,
          endToEndId: submission.endToEndId,
          instructionId: submission.instructionReference,
          messageId: submission.messageId,
          creationDateTime: submission.createdAt,
          amount: instruction.amount,
          settlementDate: instruction.valueDate,
          instructingAgent: { bic: fromBic },
          instructedAgent: { bic: instruction.bank },
          source: { type: 'api' },
          chargeBearer: chargeBearerOf(submission),
          debtor: { bic: fromBic },
          debtorAgent: { bic: fromBic },
          creditor: { bic: toBic },
          creditorAgent: { bic: toBic },
        };
  }
  const ids = {
    uetr: submission.uetr,
    endToEndId: submission.endToEndId,
    instructionId: submission.instructionReference,
    messageId: submission.messageId,
    creationDateTime: submission.createdAt,
    amount: instruction.amount,
    settlementDate: instruction.valueDate,
    instructingAgent: { bic: instruction.fromBic },
    instructedAgent: { bic: instruction.bank },
  };
  // Only what a pacs.008 carries: the cover part and the originating message's own ids are dropped.
  const {
    underlyingCustomerCreditTransfer: _cover,
    transactionId: _tx,
    paymentInformationId: _pmtInf,
    requestedExecutionDate: _reqd,
    ...rest
  } = payment;
  return {
    ...rest,
    ...ids,
    chargeBearer: payment.chargeBearer ?? chargeBearerOf(submission),
  };
}
