/**
 * camt.053 builder: BankToCustomerStatement.
 * @packageDocumentation
 */

import type { BankToCustomerReport } from '../types';
import { buildBankToCustomer } from './_camt';
import type { BuildOptions, CamtGroupHeaderOptions } from './options';

/** The camt.053 versions {@link buildCamt053} writes. @public */
export type Camt053Version = 'camt.053.001.08';

/** Every version {@link buildCamt053} accepts. @public */
export const CAMT053_VERSIONS: readonly Camt053Version[] = Object.freeze(['camt.053.001.08']);

/** Options of {@link buildCamt053}: `messageId`/`creationDateTime` override the report's own. @public */
export interface BuildCamt053Options extends BuildOptions, CamtGroupHeaderOptions {
  /** Message version; default (and only) `camt.053.001.08`. */
  readonly version?: Camt053Version;
}

/**
 * Builds a camt.053 BankToCustomerStatement: `GrpHdr` (`MsgId`, `CreDtTm`), then one `Stmt` per report
 * with `Id`, `CreDtTm`, `Acct` (`CashAccount39`, with `Svcr`), `Bal` (at least one), `Ntry` (`NtryRef`, `Amt`,
 * `CdtDbtInd`, `RvslInd`, `Sts`, `BookgDt`, `ValDt`, `AcctSvcrRef`, `BkTxCd`, `NtryDtls/TxDtls` with
 * `Refs` (`EndToEndId`, `UETR` …), `Amt`, `CdtDbtInd`, `RmtInf/Ustrd`, `RltdDts/IntrBkSttlmDt`), in XSD order.
 *
 * @param report - the statement; `messageId`/`creationDateTime` may be overridden by the options
 * @param options - version, `MsgId`/`CreDtTm` override, envelope
 * @returns the XML text, deterministic
 * @throws {@link Iso20022BuildError} listing every value that cannot be represented
 * @public
 */
export function buildCamt053(report: BankToCustomerReport, options: BuildCamt053Options = {}): string {
  return buildBankToCustomer(report, options, {
    fn: 'buildCamt053',
    versions: CAMT053_VERSIONS,
    root: 'BkToCstmrStmt',
    element: 'Stmt',
    what: 'statement',
  });
}
