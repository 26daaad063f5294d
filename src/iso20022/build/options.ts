/**
 * Options shared by every ISO 20022 builder, and the group-header defaults they resolve to.
 * @packageDocumentation
 */
import type { Party } from '../../index';
import { XmlWriter } from '../_internal/xml-writer';
import { Iso20022BuildErrorCodes as Codes } from '../errors';
import { checkText, type Issues, isIsoDateTime } from './_shared';
import { type AppHdrOptions, ENVELOPE_NAMESPACE, writeAppHdr } from './app-hdr';

/**
 * Options every builder takes. Builders never read a clock or a random source: the message id and the
 * creation time come from here (or from the input), so the same input always gives the same bytes.
 * @public
 */
export interface BuildOptions {
  /**
   * `GrpHdr/MsgId` (Max35Text). Default: the `messageId` of the first input item (for payments,
   * `CanonicalPayment.messageId`), so a parsed message rebuilds with its own id.
   */
  readonly messageId?: string;
  /** `GrpHdr/CreDtTm` (ISODateTime). Default: the `creationDateTime` of the first input item. */
  readonly creationDateTime?: string;
  /** Wrap the Document in an envelope with a head.001 `AppHdr` (see {@link AppHdrOptions}). */
  readonly envelope?: AppHdrOptions;
  /** Write `<?xml version="1.0" encoding="UTF-8"?>` first; default `true`. */
  readonly xmlDeclaration?: boolean;
}

/** The resolved group-header identity of a message. @internal */
export interface Header {
  readonly messageId: string;
  readonly creationDateTime: string;
}

/**
 * Picks `MsgId` and `CreDtTm` from the options, else from the first input item, and checks them;
 * records an issue when neither has one. Builders write the returned values as they are.
 * @internal
 */
export function resolveHeader(
  issues: Issues,
  options: BuildOptions,
  first: { readonly messageId?: string; readonly creationDateTime?: string } | undefined,
): Header {
  const messageId = options.messageId ?? first?.messageId;
  const creationDateTime = options.creationDateTime ?? first?.creationDateTime;
  if (messageId === undefined)
    issues.add(Codes.MISSING_ELEMENT, ['GrpHdr', 'MsgId'], 'no messageId in the options nor in the input');
  if (creationDateTime === undefined)
    issues.add(
      Codes.MISSING_ELEMENT,
      ['GrpHdr', 'CreDtTm'],
      'no creationDateTime in the options nor in the input (builders never read the clock)',
    );
  if (messageId !== undefined) checkText(issues, ['GrpHdr', 'MsgId'], messageId, 35);
  if (creationDateTime !== undefined && !isIsoDateTime(creationDateTime))
    issues.add(
      Codes.INVALID_DATE,
      ['GrpHdr', 'CreDtTm'],
      `expected an ISO date-time YYYY-MM-DDThh:mm:ss[.sss][Z|±hh:mm], got ${JSON.stringify(creationDateTime)}`,
    );
  return { messageId: messageId ?? '', creationDateTime: creationDateTime ?? '' };
}

/**
 * Starts a message: XML declaration, optional envelope and AppHdr, then `<Document xmlns=…>` and the
 * message root element. Returns the writer; call {@link finishDocument} after writing the content.
 * @internal
 */
export function startDocument(
  issues: Issues,
  options: BuildOptions,
  messageDefinition: string,
  root: string,
  header: Header,
): XmlWriter {
  const w = new XmlWriter(options.xmlDeclaration ?? true);
  if (options.envelope !== undefined) {
    w.open('Envelope', ENVELOPE_NAMESPACE);
    writeAppHdr(w, issues, options.envelope, messageDefinition, header);
  }
  w.open('Document', `urn:iso:std:iso:20022:tech:xsd:${messageDefinition}`);
  w.open(root);
  return w;
}

/** Closes what {@link startDocument} opened and returns the text. @internal */
export function finishDocument(w: XmlWriter, options: BuildOptions): string {
  w.close().close();
  if (options.envelope !== undefined) w.close();
  return w.toString();
}

/** Group-header extras of camt.053/054 (`GroupHeader81`). @public */
export interface CamtGroupHeaderOptions {
  /** `GrpHdr/MsgRcpt`. */
  readonly messageRecipient?: Party;
  /** `GrpHdr/MsgPgntn`: page number (Max5NumericText) and last-page flag. */
  readonly pagination?: { readonly pageNumber: string; readonly lastPage: boolean };
  /** `GrpHdr/AddtlInf` (Max500Text). */
  readonly additionalInformation?: string;
}
