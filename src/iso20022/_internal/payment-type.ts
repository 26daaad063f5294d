/**
 * `PmtTpInf` (`PaymentTypeInformation`), every version: service levels, local instrument,
 * instruction priority and category purpose. pacs.008 / pacs.009 carry it in the group header and
 * in each transaction, pain.001 in each payment block and each transaction: a transaction's own
 * value wins, field by field, over the level above.
 * @internal
 * @packageDocumentation
 */
import type { CanonicalPayment } from '../../index';
import { at, code, codeOrProprietary, type ParseContext, type Path } from './context';
import type { XmlElement } from './xml';

type Writable<T> = { -readonly [K in keyof T]: T[K] };
type InstructionPriority = NonNullable<CanonicalPayment['instructionPriority']>;

const INSTRUCTION_PRIORITIES: readonly InstructionPriority[] = ['HIGH', 'NORM'];

/** What the canonical model keeps of a `PmtTpInf`. @internal */
export interface PaymentType {
  /** `SvcLvl/Cd` or `Prtry`, one per `SvcLvl`. */
  readonly serviceLevel?: readonly string[];
  /** `LclInstrm/Cd` or `Prtry`. */
  readonly localInstrument?: string;
  /** `InstrPrty`. */
  readonly instructionPriority?: InstructionPriority;
  /** `CtgyPurp/Cd` or `Prtry` (a bare code in pacs.008.001.01). */
  readonly categoryPurpose?: string;
}

/**
 * Reads `parent/PmtTpInf`; `undefined` when absent.
 * @internal
 */
export function paymentType(
  ctx: ParseContext,
  parent: XmlElement | undefined,
  base: Path,
): PaymentType | undefined {
  const doc = ctx.doc;
  const el = doc.child(parent, 'PmtTpInf');
  if (el === undefined) return undefined;
  const path = at(base, 'PmtTpInf');
  const out: Writable<PaymentType> = {};
  const levels = doc.childrenNamed(el, 'SvcLvl');
  if (levels.length > 0) {
    const kept: string[] = [];
    for (let i = 0; i < levels.length; i++) {
      const level = codeOrProprietary(ctx, levels[i], at(path, 'SvcLvl', i), 35);
      if (level !== undefined) kept.push(level);
    }
    if (kept.length > 0) out.serviceLevel = kept;
  }
  const local = doc.child(el, 'LclInstrm');
  if (local !== undefined) {
    const instrument = codeOrProprietary(ctx, local, at(path, 'LclInstrm'), 35);
    if (instrument !== undefined) out.localInstrument = instrument;
  }
  const priority = code(ctx, el, 'InstrPrty', path, INSTRUCTION_PRIORITIES);
  if (priority !== undefined) out.instructionPriority = priority;
  const category = doc.child(el, 'CtgyPurp');
  if (category !== undefined) {
    // CategoryPurpose1Choice (Cd or Prtry); pacs.008.001.01 has the code itself.
    const purpose = doc.hasChildren(category)
      ? codeOrProprietary(ctx, category, at(path, 'CtgyPurp'), 35)
      : doc.hasText(category)
        ? doc.text(category)
        : undefined;
    if (purpose !== undefined) out.categoryPurpose = purpose;
  }
  return out;
}

/**
 * Sets the payment-type fields of `payment`: each from `own` (the transaction's `PmtTpInf`), else
 * from `inherited` (the group's or the payment block's).
 * @internal
 */
export function applyPaymentType(
  payment: Writable<CanonicalPayment>,
  own: PaymentType | undefined,
  inherited: PaymentType | undefined,
): void {
  if (own === undefined && inherited === undefined) return;
  const serviceLevel = own?.serviceLevel ?? inherited?.serviceLevel;
  if (serviceLevel !== undefined) payment.serviceLevel = serviceLevel;
  const localInstrument = own?.localInstrument ?? inherited?.localInstrument;
  if (localInstrument !== undefined) payment.localInstrument = localInstrument;
  const instructionPriority = own?.instructionPriority ?? inherited?.instructionPriority;
  if (instructionPriority !== undefined) payment.instructionPriority = instructionPriority;
  const categoryPurpose = own?.categoryPurpose ?? inherited?.categoryPurpose;
  if (categoryPurpose !== undefined) payment.categoryPurpose = categoryPurpose;
}
