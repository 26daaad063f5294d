/**
 * The head.001 Business Application Header (`AppHdr`) and the envelope builders wrap a Document in.
 * @packageDocumentation
 */
import type { Agent } from '../../index';
import type { XmlWriter } from '../_internal/xml-writer';
import { Iso20022BuildErrorCodes as Codes } from '../errors';
import { dateTime, financialInstitutionId, type Issues, optionalText, type Path, text } from './_shared';

/** The head.001 versions the builders can write. @public */
export type AppHdrVersion = 'head.001.001.02' | 'head.001.001.04';

/** Namespace of the envelope that carries `AppHdr` and `Document` side by side (SWIFT / CBPR+ style). @public */
export const ENVELOPE_NAMESPACE: string = 'urn:swift:xsd:envelope';

/**
 * Options of the head.001 Business Application Header written when a builder is asked for an envelope.
 * The result is `<Envelope xmlns="urn:swift:xsd:envelope"><AppHdr …/><Document …/></Envelope>`.
 * @public
 */
export interface AppHdrOptions {
  /** head.001 version; default `head.001.001.02` (the CBPR+ one). */
  readonly version?: AppHdrVersion;
  /** `Fr/FIId/FinInstnId`: the sending institution. */
  readonly from: Agent;
  /** `To/FIId/FinInstnId`: the receiving institution. */
  readonly to: Agent;
  /** `BizMsgIdr` (Max35Text); default: the Document's `GrpHdr/MsgId`. */
  readonly businessMessageId?: string;
  /** `BizSvc` (Max35Text), for example `swift.cbprplus.02`. */
  readonly businessService?: string;
  /** `CreDt` (ISODateTime); default: the Document's `GrpHdr/CreDtTm`. */
  readonly creationDate?: string;
  /** `PssblDplct`: set `true` when re-sending a message that may already have arrived. */
  readonly possibleDuplicate?: boolean;
}

/** True when `value` names a head.001 version the builders write. @internal */
export function isAppHdrVersion(value: unknown): value is AppHdrVersion {
  return value === 'head.001.001.02' || value === 'head.001.001.04';
}

/**
 * Writes `AppHdr` in its own default namespace. Element order follows `BusinessApplicationHeaderV02`
 * / `V04`: `Fr`, `To`, `BizMsgIdr`, `MsgDefIdr`, `BizSvc`, `CreDt`, `PssblDplct`.
 * @internal
 */
export function writeAppHdr(
  w: XmlWriter,
  issues: Issues,
  options: AppHdrOptions,
  messageDefinition: string,
  defaults: { readonly messageId: string; readonly creationDateTime: string },
): void {
  const version = options.version ?? 'head.001.001.02';
  const path: Path = ['AppHdr'];
  if (!isAppHdrVersion(version)) {
    issues.add(
      Codes.UNSUPPORTED_VERSION,
      path,
      `expected head.001.001.02 or head.001.001.04, got "${String(version)}"`,
    );
    return;
  }
  w.open('AppHdr', `urn:iso:std:iso:20022:tech:xsd:${version}`);
  for (const [name, who] of [
    ['Fr', options.from],
    ['To', options.to],
  ] as const) {
    w.open(name).open('FIId');
    financialInstitutionId(w, issues, [...path, name, 'FIId'], who ?? {});
    w.close().close();
  }
  text(w, issues, path, 'BizMsgIdr', options.businessMessageId ?? defaults.messageId, 35);
  w.leaf('MsgDefIdr', messageDefinition);
  optionalText(w, issues, path, 'BizSvc', options.businessService, 35);
  dateTime(w, issues, path, 'CreDt', options.creationDate ?? defaults.creationDateTime);
  if (options.possibleDuplicate !== undefined)
    w.leaf('PssblDplct', options.possibleDuplicate ? 'true' : 'false');
  w.close();
}
