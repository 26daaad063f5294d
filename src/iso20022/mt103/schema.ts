/**
 * MT103 (SWIFT FIN Single Customer Credit Transfer): the message model shared by {@link parseMt103} and
 * {@link buildMt103}, the error codes, and the SWIFT X character set.
 *
 * References: SWIFT Standards MT November release, "Category 1 – MT103"; FIN block structure
 * (blocks 1 basic header, 2 application header, 3 user header, 4 text, 5 trailer).
 * @packageDocumentation
 */
import type { Issue, Money } from '../../index';

/** Block 1, basic header: `F01` + logical terminal + session + sequence number. @public */
export interface Mt103BasicHeader {
  /** Application identifier: `F` (FIN). */
  readonly applicationId: string;
  /** Service identifier: `01` for user messages (`21` is an acknowledgement). */
  readonly serviceId: string;
  /** Logical terminal address, 12 characters: BIC8 + terminal code + branch (`BANKBEBBAXXX`). */
  readonly logicalTerminal: string;
  /** Session number, 4 digits. */
  readonly sessionNumber: string;
  /** Sequence number (ISN/OSN), 6 digits. */
  readonly sequenceNumber: string;
}

/** Block 2 of a message sent to SWIFT (`I`). @public */
export interface Mt103InputHeader {
  readonly direction: 'I';
  /** `103`. */
  readonly messageType: string;
  /** Receiver's address, 12 characters (BIC8 + `X` + branch). */
  readonly receiverAddress: string;
  /** `N` normal, `U` urgent, `S` system. */
  readonly priority?: string;
  /** Delivery monitoring `1`, `2` or `3`. */
  readonly deliveryMonitoring?: string;
  /** Obsolescence period, 3 digits. */
  readonly obsolescencePeriod?: string;
}

/** Block 2 of a message delivered by SWIFT (`O`). @public */
export interface Mt103OutputHeader {
  readonly direction: 'O';
  /** `103`. */
  readonly messageType: string;
  /** Sender's input time, HHMM. */
  readonly inputTime: string;
  /** Message input reference, 28 characters: input date YYMMDD, sender's LT, session, ISN. */
  readonly messageInputReference: string;
  /** Output date YYMMDD. */
  readonly outputDate: string;
  /** Output time HHMM. */
  readonly outputTime: string;
  /** `N`, `U` or `S`. */
  readonly priority?: string;
}

/** One `{tag:value}` of block 3 or block 5 (for example `{121:<UETR>}`, `{CHK:…}`). @public */
export interface MtTagValue {
  readonly tag: string;
  readonly value: string;
}

/** Options of the institution fields 52a–57a. @public */
export type Mt103InstitutionOption = 'A' | 'B' | 'C' | 'D';

/**
 * An institution field (52a, 53a, 54a, 55a, 56a, 57a).
 * - `A`: `[/1!a][/34x]` party identifier line, then a BIC;
 * - `B`: party identifier line and/or a location (35x);
 * - `C`: a party identifier line only (`/34x`);
 * - `D`: party identifier line, then up to 4 lines of name and address.
 * @public
 */
export interface Mt103Institution {
  readonly option: Mt103InstitutionOption;
  /** The first line when it starts with `/`, written as it is (`/0569`, `//RT`, `/C/123`). */
  readonly partyIdentifier?: string;
  /** Option A: the BIC (8 or 11 characters). */
  readonly bic?: string;
  /** Option B: location. */
  readonly location?: string;
  /** Option D: name and address lines (at most 4 × 35). */
  readonly nameAndAddress?: readonly string[];
}

/**
 * A customer field: 50a (ordering customer, options A, F, K) or 59a (beneficiary, no letter, A, F).
 * - `A`: optional `/account`, then a BIC;
 * - `F`: a party identifier (first line, 35x) then numbered lines `1/NAME`, `2/ADDRESS`, `3/CC/TOWN` …;
 *   for 59F the first line is an optional `/account`;
 * - `K` (50K) or no letter (59): optional `/account`, then up to 4 lines of name and address.
 * @public
 */
export interface Mt103Customer {
  /** `A`, `F`, `K` (50a) or `A`, `F`, `` (59a, the empty string meaning plain `:59:`). */
  readonly option: 'A' | 'F' | 'K' | '';
  /** The account, without its leading `/` (`/1234567890` → `1234567890`). */
  readonly account?: string;
  /** 50F: the party identifier line (not starting with `/`, for example `DRLC/BE/BRUSSELS/NUMBER`). */
  readonly partyIdentifier?: string;
  /** Option A: the BIC. */
  readonly bic?: string;
  /** Name and address lines (K and plain 59), or the numbered lines of option F, as written. */
  readonly lines?: readonly string[];
}

/** An amount with its currency as in 32A, 33B, 71F, 71G. @public */
export type Mt103Amount = Money;

/** Block 4, the text of an MT103, in the field order of the standard. @public */
export interface Mt103Text {
  /** `:20:` Sender's Reference (16x). */
  readonly senderReference: string;
  /** `:13C:` Time Indications, each `/CODE/HHMM±HHMM`, as written. */
  readonly timeIndications?: readonly string[];
  /** `:23B:` Bank Operation Code (`CRED`, `SPAY`, `SSTD`, `SPRI`, `CRTS`). */
  readonly bankOperationCode: string;
  /** `:23E:` Instruction Codes, each `CODE[/additional]`, as written. */
  readonly instructionCodes?: readonly string[];
  /** `:26T:` Transaction Type Code. */
  readonly transactionTypeCode?: string;
  /** `:32A:` value date, as an ISO date `YYYY-MM-DD` (YY 00–79 → 20YY, 80–99 → 19YY). */
  readonly valueDate: string;
  /** `:32A:` currency and interbank settled amount. */
  readonly settledAmount: Mt103Amount;
  /** `:33B:` currency and instructed amount. */
  readonly instructedAmount?: Mt103Amount;
  /** `:36:` exchange rate, as a decimal string with a point (`1,0909` → `1.0909`). */
  readonly exchangeRate?: string;
  /** `:50a:` Ordering Customer (A, F or K). */
  readonly orderingCustomer: Mt103Customer;
  /** `:52a:` Ordering Institution (A or D). */
  readonly orderingInstitution?: Mt103Institution;
  /** `:53a:` Sender's Correspondent (A, B or D). */
  readonly sendersCorrespondent?: Mt103Institution;
  /** `:54a:` Receiver's Correspondent (A, B or D). */
  readonly receiversCorrespondent?: Mt103Institution;
  /** `:55a:` Third Reimbursement Institution (A, B or D). */
  readonly thirdReimbursementInstitution?: Mt103Institution;
  /** `:56a:` Intermediary Institution (A, C or D). */
  readonly intermediaryInstitution?: Mt103Institution;
  /** `:57a:` Account With Institution (A, B, C or D). */
  readonly accountWithInstitution?: Mt103Institution;
  /** `:59a:` Beneficiary Customer (plain, A or F). */
  readonly beneficiaryCustomer: Mt103Customer;
  /** `:70:` Remittance Information, at most 4 lines of 35. */
  readonly remittanceInformation?: readonly string[];
  /** `:71A:` Details of Charges: `OUR`, `SHA` or `BEN`. */
  readonly detailsOfCharges: string;
  /** `:71F:` Sender's Charges, one per occurrence. */
  readonly sendersCharges?: readonly Mt103Amount[];
  /** `:71G:` Receiver's Charges. */
  readonly receiversCharges?: Mt103Amount;
  /** `:72:` Sender to Receiver Information, at most 6 lines of 35. */
  readonly senderToReceiverInformation?: readonly string[];
  /** `:77B:` Regulatory Reporting, at most 3 lines of 35. */
  readonly regulatoryReporting?: readonly string[];
  /**
   * Fields outside the list above (for example `:21:` or `:77T:`), as written, in their order. The builder
   * writes them after `:77B:`.
   */
  readonly otherFields?: readonly MtTagValue[];
}

/** A whole MT103: blocks 1 to 5. @public */
export interface Mt103Message {
  /** Block 1. */
  readonly basicHeader: Mt103BasicHeader;
  /** Block 2. */
  readonly applicationHeader: Mt103InputHeader | Mt103OutputHeader;
  /** Block 3, in order; `{121:…}` is the UETR, `{119:STP}` the validation flag, `{108:…}` the MUR. */
  readonly userHeader?: readonly MtTagValue[];
  /** Block 4. */
  readonly text: Mt103Text;
  /** Block 5, in order (`MAC`, `CHK`, `PDE` …). */
  readonly trailer?: readonly MtTagValue[];
  /** What the parser noticed but accepted (never set by hand; absent when there is nothing to say). */
  readonly warnings?: readonly Issue[];
}

/** A service message 21 (ACK/NAK) found in an RJE batch before the message it acknowledges. @public */
export interface MtAcknowledgement {
  /** Block 1 (`F21…`). */
  readonly basicHeader: Mt103BasicHeader;
  /** `{451:0}` is an ACK (`true`), `{451:1}` a NAK (`false`). */
  readonly accepted: boolean;
  /** The tags of its block 4 (`177` date-time, `451` accept/reject, `405` reject reason …), in order. */
  readonly fields: readonly MtTagValue[];
}

/** One message of an RJE batch with the acknowledgement that preceded it, if any. @public */
export interface Mt103BatchEntry {
  readonly message: Mt103Message;
  readonly acknowledgement?: MtAcknowledgement;
}

/** Allowed letters per institution tag (MT103 field specifications). @internal */
export const INSTITUTION_OPTIONS: Readonly<Record<string, string>> = Object.freeze({
  '52': 'AD',
  '53': 'ABD',
  '54': 'ABD',
  '55': 'ABD',
  '56': 'ACD',
  '57': 'ABCD',
});

/** The SWIFT X character set: `a-z A-Z 0-9 / - ? : ( ) . , ' +` space (plus CR LF between lines). @internal */
export const X_CHARSET: RegExp = /^[A-Za-z0-9/\-?:().,'+ ]*$/;

/** True when a BIC is well-formed for FIN: 4 alphanumerics, 2 letters, 2 alphanumerics, optional 3 alphanumerics. @internal */
export const BIC_PATTERN: RegExp = /^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;
