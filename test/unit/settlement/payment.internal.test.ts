/**
 * White-box test of the rail's payment mapping (`_internal/payment.ts`): the literal-per-shape objects
 * equal, key order included, what the former spreads built (kept here as the reference).
 */
import { type Agent, type CanonicalPayment, money } from 'deltran';
import type { RailSubmission } from 'deltran/settlement';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { customerPayment, netPositionPayment } from '../../../src/settlement/_internal/payment';
import { netInstruction, paymentInstruction, UETR } from './_fixtures';

function referenceIntermediaries(submission: RailSubmission): readonly Agent[] {
  return submission.instruction.banks.slice(1, 4).map((bic) => ({ bic }));
}
function referenceNet(submission: RailSubmission): CanonicalPayment {
  const { instruction } = submission;
  const via = referenceIntermediaries(submission);
  const source = instruction.source;
  const line =
    source.kind === 'netPosition'
      ? `/NETP/${source.windowId ?? ''}/${source.participant}/${source.currency}`
      : `/SI/${instruction.id}`;
  return {
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
    ...(via.length > 0 ? { intermediaryAgents: via } : {}),
    debtor: { bic: instruction.fromBic },
    debtorAgent: {},
    creditor: { bic: instruction.toBic },
    creditorAgent: {},
    remittanceInformation: { unstructured: [line.slice(0, 140)] },
  };
}
function referenceCustomer(submission: RailSubmission): CanonicalPayment {
  const { instruction, payment } = submission;
  const via = referenceIntermediaries(submission);
  const chargeBearer = submission.instruction.charges === 'billed' ? 'DEBT' : 'SHAR';
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
  if (payment === undefined) {
    return {
      ...ids,
      source: { type: 'api' },
      chargeBearer,
      ...(via.length > 0 ? { intermediaryAgents: via } : {}),
      debtor: { bic: instruction.fromBic },
      debtorAgent: { bic: instruction.fromBic },
      creditor: { bic: instruction.toBic },
      creditorAgent: { bic: instruction.toBic },
    };
  }
  const {
    underlyingCustomerCreditTransfer: _cover,
    transactionId: _tx,
    paymentInformationId: _pmtInf,
    requestedExecutionDate: _reqd,
    ...rest
  } = payment;
  return { ...rest, ...ids, chargeBearer: payment.chargeBearer ?? chargeBearer };
}

/** JSON with every object's keys in their own order (bigint as text): equal text is equal order. */
function ordered(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));
}

const bic = fc.constantFrom('AAAADEFFXXX', 'BBBBDEFFXXX', 'CCCCGB2LXXX', 'DDDDUS33XXX', 'EEEEFRPPXXX');

describe('rail payment mapping (internal)', () => {
  it('should build the same objects, keys in the same order, as the spreads did', () => {
    const base = paymentInstruction(UETR);
    const net = netInstruction('AAAADEFFXXX', '120.00');
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(bic, { minLength: 1, maxLength: 6 }),
        fc.constantFrom('billed', 'deducted', undefined),
        fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
        fc.boolean(),
        fc.integer({ min: 1, max: 3 }),
        (isNet, banks, charges, windowId, withPayment, attempt) => {
          const template = isNet ? net : base;
          const source =
            isNet && template.source.kind === 'netPosition'
              ? windowId === undefined
                ? (({ windowId: _w, ...s }) => s)(template.source)
                : { ...template.source, windowId }
              : template.source;
          const instruction = {
            ...template,
            banks,
            bank: banks[0]!,
            source,
            ...(charges === undefined ? {} : { charges }),
            amount: money('17.25', 'EUR'),
          } as RailSubmission['instruction'];
          const payment: CanonicalPayment | undefined =
            withPayment && !isNet
              ? ({
                  uetr: UETR,
                  endToEndId: 'E2E-1',
                  transactionId: 'TX-1',
                  amount: money('17.25', 'EUR'),
                  source: { type: 'api' },
                  debtor: { name: 'A' },
                  debtorAgent: { bic: 'AAAADEFFXXX' },
                  creditor: { name: 'B' },
                  creditorAgent: { bic: 'BBBBDEFFXXX' },
                } as unknown as CanonicalPayment)
              : undefined;
          const submission: RailSubmission = {
            instruction,
            ...(payment !== undefined ? { payment } : {}),
            attempt,
            messageId: `DTMSG-${attempt}`,
            instructionReference: `DTMSG-${attempt}`,
            endToEndId: 'E2E-REF',
            uetr: UETR,
            createdAt: '2026-04-13T12:00:00.000Z',
          };
          expect(ordered(customerPayment(submission))).toBe(ordered(referenceCustomer(submission)));
          expect(customerPayment(submission)).toStrictEqual(referenceCustomer(submission));
          expect(ordered(netPositionPayment(submission))).toBe(ordered(referenceNet(submission)));
          expect(netPositionPayment(submission)).toStrictEqual(referenceNet(submission));
        },
      ),
      { seed: 1315, numRuns: 400 },
    );
  });
});
