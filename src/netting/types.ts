/**
 * Public types of `deltran/netting`.
 *
 * @packageDocumentation
 */
import type { CurrencyCode, Money } from '../index';

/**
 * What a participant owes another: the input of netting, one per payment (a `deltran.clearing.submit`
 * event carries one).
 * @public
 */
export interface Obligation {
  /** Unique id of the obligation (for example the UETR of the payment it comes from). */
  readonly id: string;
  /** The participant who pays, usually a BIC (ISO 20022 `DbtrAgt/FinInstnId/BICFI`). */
  readonly debtor: string;
  /** The participant who is paid, usually a BIC (ISO 20022 `CdtrAgt/FinInstnId/BICFI`). */
  readonly creditor: string;
  /** ISO 4217 alphabetic code (ISO 20022 `IntrBkSttlmAmt/@Ccy`). */
  readonly currency: string;
  /**
   * The amount, positive: a decimal string in the currency's minor unit (`"10.50"`, ISO 20022
   * `IntrBkSttlmAmt`) or a {@link Money} in `currency`.
   */
  readonly amount: string | Money;
}

/**
 * How obligations are settled:
 * - `gross`: no netting, one instruction per obligation (the baseline);
 * - `bilateral`: each pair of participants nets to at most one payment;
 * - `multilateral`: direct payments between participants that settle the net positions with the least
 *   possible liquidity (settled total = Σ net debits) and at most n − 1 instructions per currency;
 * - `hub`: every participant settles its net position with one central account;
 * - `conservative`: only existing debtor→creditor links are used, each for at most its gross amount,
 *   with the smallest total any such solution can reach (exact minimum-cost circulation).
 * @public
 */
export type NettingMode = 'gross' | 'bilateral' | 'multilateral' | 'hub' | 'conservative';

/** Options of `net`. @public */
export interface NetOptions {
  /** The netting mode. */
  readonly mode: NettingMode;
  /**
   * The central account in `hub` mode (a CCP or settlement bank). When it is also a participant its own
   * net position settles inside it. Only allowed with `mode: 'hub'`.
   * @defaultValue `'HUB'`
   */
  readonly hub?: string;
}

/**
 * A participant's net position in one currency: gross received minus gross paid. Positive means the
 * participant is owed money (net creditor), negative that it must pay (net debtor).
 * @public
 */
export interface NetPosition {
  /** The participant. */
  readonly participant: string;
  /** The currency of the position. */
  readonly currency: CurrencyCode;
  /** Received minus paid. */
  readonly amount: Money;
}

/** One payment that settles (part of) the net positions: `from` pays `amount` to `to`. @public */
export interface NettingInstruction {
  /** The payer. */
  readonly from: string;
  /** The payee. */
  readonly to: string;
  /** The currency of the payment. */
  readonly currency: CurrencyCode;
  /** Positive amount to pay. */
  readonly amount: Money;
}

/** Figures of one currency of a run; every amount is in that currency. @public */
export interface CurrencyNettingStats {
  /** The currency these figures are for. */
  readonly currency: CurrencyCode;
  /** Obligations in this currency. */
  readonly obligationCount: number;
  /** Participants with at least one obligation in this currency. */
  readonly participantCount: number;
  /** Σ of all obligations (what `gross` mode settles). */
  readonly gross: Money;
  /** What bilateral netting settles: Σ over pairs of |owed one way − owed the other way|. */
  readonly bilateral: Money;
  /** Σ of the net debit positions: no netting can settle less. */
  readonly lowerBound: Money;
  /** Σ of this run's instructions. */
  readonly settled: Money;
  /** `gross − settled`: the liquidity this run saves over gross settlement. */
  readonly savings: Money;
  /** `savings / gross` as a fraction between 0 and 1 (0 when nothing is owed); not an amount. */
  readonly savingsRatio: number;
  /** Number of instructions in this currency. */
  readonly instructionCount: number;
  /** Number of strongly connected components of the currency's obligation graph (Kosaraju). */
  readonly componentCount: number;
  /**
   * The strongly connected components with two or more participants: the only places where cycles, and
   * so conservative savings, can exist. Each lists its participants in code-unit order; the list is
   * sorted by first participant.
   */
  readonly cyclicComponents: readonly (readonly string[])[];
}

/** A participant's dual potential in an {@link OptimalityCertificate}. @public */
export interface ParticipantPotential {
  /** The participant. */
  readonly participant: string;
  /** An integer ≥ 0. */
  readonly potential: number;
}

/**
 * Proof that a conservative result is optimal (LP duality): potentials π such that for every link
 * `u → v` with gross amount `a` and instruction amount `f` (0 without instruction),
 * `f < a ⇒ 1 + π(u) − π(v) ≥ 0` and `f > 0 ⇒ 1 + π(u) − π(v) ≤ 0`. `verifyNetting` checks it in
 * linear time; docs/netting.md has the proof that it implies optimality.
 * @public
 */
export interface OptimalityCertificate {
  /** The currency the potentials are for. */
  readonly currency: CurrencyCode;
  /** One entry per participant of the currency, in code-unit order. */
  readonly potentials: readonly ParticipantPotential[];
}

/**
 * The result of `net`. Lists are sorted (by currency code, then participant or payer and payee in
 * code-unit order), so the same obligations in any order give the same result and, through
 * `toNettingJson`, byte-identical JSON.
 * @public
 */
export interface NettingResult {
  /** The mode that produced this result. */
  readonly mode: NettingMode;
  /** The hub account, in `hub` mode only. */
  readonly hub?: string;
  /** Every participant's position in every currency it has obligations in (zero positions included). */
  readonly netPositions: readonly NetPosition[];
  /** The payments that settle the net positions. */
  readonly instructions: readonly NettingInstruction[];
  /** Figures per currency, sorted by currency code. */
  readonly stats: readonly CurrencyNettingStats[];
  /** Optimality certificates, one per currency, in `conservative` mode only. */
  readonly certificates?: readonly OptimalityCertificate[];
  /**
   * `sha256:` and 64 hex digits over a canonical encoding of the netted input (per currency: the
   * participants and the gross amount of every debtor→creditor link), the mode and the whole output.
   * `verifyNetting` recomputes it from the obligations.
   */
  readonly digest: string;
}

/** A {@link NetPosition} with its amount as a decimal string, as `toNettingJson` writes it. @public */
export interface NetPositionJson {
  readonly participant: string;
  readonly currency: string;
  readonly amount: string;
}

/** A {@link NettingInstruction} with its amount as a decimal string. @public */
export interface NettingInstructionJson {
  readonly from: string;
  readonly to: string;
  readonly currency: string;
  readonly amount: string;
}

/** {@link CurrencyNettingStats} with amounts as decimal strings. @public */
export interface CurrencyNettingStatsJson {
  readonly currency: string;
  readonly obligationCount: number;
  readonly participantCount: number;
  readonly gross: string;
  readonly bilateral: string;
  readonly lowerBound: string;
  readonly settled: string;
  readonly savings: string;
  readonly savingsRatio: number;
  readonly instructionCount: number;
  readonly componentCount: number;
  readonly cyclicComponents: readonly (readonly string[])[];
}

/** A {@link NettingResult} as JSON-safe data: every amount a decimal string (STYLE.md §3.1). @public */
export interface NettingResultJson {
  readonly mode: NettingMode;
  readonly hub?: string;
  readonly netPositions: readonly NetPositionJson[];
  readonly instructions: readonly NettingInstructionJson[];
  readonly stats: readonly CurrencyNettingStatsJson[];
  readonly certificates?: readonly OptimalityCertificate[];
  readonly digest: string;
}
