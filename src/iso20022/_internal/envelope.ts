/**
 * Finding the message inside whatever wraps it, and reading the head.001 Business Application Header.
 *
 * Envelopes seen in practice (and in the corpus): none (the `Document` is the root); SWIFT
 * `<Envelope xmlns="urn:swift:xsd:envelope">`; un-namespaced `<Envelope>` / `<RequestPayload>`; FedNow
 * `<FedNowIncoming>/<FedNowIncomingMessage>/<FedNowCustomerCreditTransfer>` (three levels). Rather
 * than list them, the reader looks for the first `Document` in an ISO 20022 namespace breadth-first,
 * a few levels down, and the `AppHdr` next to it. Type and version come from the `Document`
 * namespace only; the header is metadata, and a header that disagrees is a warning.
 * @internal
 * @packageDocumentation
 */
import type { Agent, Party } from '../../index';
import { Iso20022ErrorCodes as Codes } from '../errors';
import type { AppHeader, AppHeaderParty, MessageType } from '../types';
import { at, bool, isIsoDateTime, type ParseContext, quote, rawText } from './context';
import { financialInstitution, partyIdentification } from './parties';
import type { XmlElement, XmlTree } from './xml';

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/** Prefix of every ISO 20022 XML namespace: `urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08`. @internal */
export const ISO_NAMESPACE_PREFIX = 'urn:iso:std:iso:20022:tech:xsd:';

/** How deep below the root a `Document` may sit (FedNow puts it at depth 4). */
const SEARCH_DEPTH = 6;

/** Where the message is. @internal */
export interface Located {
  readonly document: XmlElement;
  readonly appHdr: XmlElement | undefined;
}

/**
 * Finds the ISO 20022 `Document` (and the `AppHdr` beside it), breadth-first.
 * @internal
 */
export function locate(doc: XmlTree): Located | undefined {
  let level: XmlElement[] = [doc.root];
  let firstAppHdr: XmlElement | undefined;
  for (let depth = 0; depth < SEARCH_DEPTH && level.length > 0; depth++) {
    const next: XmlElement[] = [];
    for (const el of level) {
      if (doc.name(el) === 'Document' && doc.ns(el).startsWith(ISO_NAMESPACE_PREFIX)) {
        return { document: el, appHdr: appHdrNear(doc, el, level) ?? firstAppHdr };
      }
      if (isAppHdr(doc, el)) {
        firstAppHdr ??= el;
        continue;
      }
      for (let c = doc.firstChild(el); c !== undefined; c = doc.nextSibling(c)) next.push(c);
    }
    level = next;
  }
  return undefined;
}

function isAppHdr(doc: XmlTree, el: XmlElement): boolean {
  return doc.name(el) === 'AppHdr' && doc.ns(el).startsWith(`${ISO_NAMESPACE_PREFIX}head.`);
}

/** The `AppHdr` sibling of the `Document` (same parent), if any. */
function appHdrNear(
  doc: XmlTree,
  document: XmlElement,
  level: readonly XmlElement[],
): XmlElement | undefined {
  for (const el of level) if (el !== document && isAppHdr(doc, el)) return el;
  return undefined;
}

/** Finds a `Document` without an ISO namespace, to say so in the error. @internal */
export function findBareDocument(doc: XmlTree): XmlElement | undefined {
  let level: XmlElement[] = [doc.root];
  for (let depth = 0; depth < SEARCH_DEPTH && level.length > 0; depth++) {
    const next: XmlElement[] = [];
    for (const el of level) {
      if (doc.name(el) === 'Document') return el;
      for (let c = doc.firstChild(el); c !== undefined; c = doc.nextSibling(c)) next.push(c);
    }
    level = next;
  }
  return undefined;
}

/** Versions the gateway reads, by type: the numbers after `.001.` in the namespace. */
const SUPPORTED: Readonly<Record<MessageType, readonly [number, number]>> = {
  // pain.001 .01/.02 had another layout (the root was named after the message); .03 onwards share it.
  'pain.001': [3, 12],
  'pacs.008': [1, 13],
  'pacs.009': [1, 11],
  'pacs.002': [3, 14],
  'camt.052': [2, 13],
  'camt.053': [2, 13],
  'camt.054': [2, 13],
};

/** Every message version {@link parseMessage} reads, e.g. `pacs.008.001.08`. @internal */
export function supportedVersions(): string[] {
  const out: string[] = [];
  for (const [type, [from, to]] of Object.entries(SUPPORTED)) {
    for (let v = from; v <= to; v++) out.push(`${type}.001.${String(v).padStart(2, '0')}`);
  }
  return out;
}

/** The outcome of reading a Document namespace. @internal */
export type Identified =
  | { readonly ok: true; readonly type: MessageType; readonly version: string }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** Reads message type and version from a `Document` namespace. @internal */
export function identify(namespace: string): Identified {
  const id = namespace.slice(ISO_NAMESPACE_PREFIX.length);
  const m = /^([a-z]{4}\.\d{3})\.(\d{3})\.(\d{2})$/.exec(id);
  if (m === null) {
    return {
      ok: false,
      code: Codes.UNSUPPORTED_MESSAGE,
      message: `the Document namespace ${quote(namespace)} names no ISO 20022 message`,
    };
  }
  const type = m[1] as MessageType;
  const range = Object.hasOwn(SUPPORTED, type) ? SUPPORTED[type] : undefined;
  if (range === undefined) {
    return {
      ok: false,
      code: Codes.UNSUPPORTED_MESSAGE,
      message: `${id} is not a message the gateway reads (it reads ${Object.keys(SUPPORTED).join(', ')})`,
    };
  }
  const variant = m[2];
  const version = Number(m[3]);
  if (variant !== '001' || version < range[0] || version > range[1]) {
    return {
      ok: false,
      code: Codes.UNSUPPORTED_VERSION,
      message: `${id} is not a version of ${type} the gateway reads (${type}.001.${String(range[0]).padStart(2, '0')} to .${String(range[1]).padStart(2, '0')})`,
    };
  }
  return { ok: true, type, version: id };
}

/**
 * Reads a head.001 `AppHdr`. Every problem is a warning (`ISO20022_INVALID_HEADER`): the header is
 * routing metadata, and the corpus has real messages with empty `Fr` or placeholder dates in it.
 * @internal
 */
export function readAppHeader(ctx: ParseContext, el: XmlElement, version: string): AppHeader {
  const base = ['AppHdr'];
  const out: Writable<AppHeader> = { version: ctx.doc.ns(el).slice(ISO_NAMESPACE_PREFIX.length) };
  // Identifier and length checks inside the header must not fail the message: read it in report mode.
  const wasReport = ctx.isReport;
  const errorsBefore = ctx.errors.length;
  ctx.isReport = true;
  const from = headerParty(ctx, el, 'Fr', base);
  if (from !== undefined) out.from = from;
  const to = headerParty(ctx, el, 'To', base);
  if (to !== undefined) out.to = to;
  const bizMsgIdr = rawText(ctx, el, 'BizMsgIdr');
  if (bizMsgIdr !== undefined) out.businessMessageId = bizMsgIdr;
  else ctx.warn(Codes.INVALID_HEADER, at(base, 'BizMsgIdr'), 'expected a BizMsgIdr');
  const msgDefIdr = rawText(ctx, el, 'MsgDefIdr');
  if (msgDefIdr !== undefined) {
    out.messageDefinitionId = msgDefIdr;
    if (msgDefIdr !== version) {
      ctx.warn(
        Codes.HEADER_MISMATCH,
        at(base, 'MsgDefIdr'),
        `the header names ${quote(msgDefIdr)} but the Document is ${version}; the Document namespace is what counts`,
      );
    }
  } else ctx.warn(Codes.INVALID_HEADER, at(base, 'MsgDefIdr'), 'expected a MsgDefIdr');
  const bizSvc = rawText(ctx, el, 'BizSvc');
  if (bizSvc !== undefined) out.businessService = bizSvc;
  const creDt = rawText(ctx, el, 'CreDt');
  if (creDt !== undefined) {
    out.creationDate = creDt;
    if (!isIsoDateTime(creDt))
      ctx.warn(Codes.INVALID_HEADER, at(base, 'CreDt'), `expected an ISO date-time, got ${quote(creDt)}`);
  } else ctx.warn(Codes.INVALID_HEADER, at(base, 'CreDt'), 'expected a CreDt');
  const cpyDplct = rawText(ctx, el, 'CpyDplct');
  if (cpyDplct !== undefined) out.copyDuplicate = cpyDplct;
  const pssblDplct = bool(ctx, el, 'PssblDplct', base);
  if (pssblDplct !== undefined) out.possibleDuplicate = pssblDplct;
  const prty = rawText(ctx, el, 'Prty');
  if (prty !== undefined) out.priority = prty;
  // Anything bool() recorded as an error belongs to the header: demote it.
  for (const issue of ctx.errors.splice(errorsBefore))
    ctx.warn(Codes.INVALID_HEADER, issue.path, issue.message);
  ctx.isReport = wasReport;
  return out;
}

function headerParty(
  ctx: ParseContext,
  hdr: XmlElement,
  name: string,
  base: readonly string[],
): AppHeaderParty | undefined {
  const el = ctx.doc.child(hdr, name);
  const path = at(base, name);
  if (el === undefined) {
    ctx.warn(Codes.INVALID_HEADER, path, `expected ${name}`);
    return undefined;
  }
  const fiid = ctx.doc.child(el, 'FIId');
  const org = ctx.doc.child(el, 'OrgId');
  const out: Writable<AppHeaderParty> = {};
  if (fiid !== undefined) {
    const institution: Agent = financialInstitution(
      ctx,
      ctx.doc.child(fiid, 'FinInstnId'),
      at(path, 'FIId', 'FinInstnId'),
    );
    out.institution = institution;
  }
  if (org !== undefined) {
    const organisation: Party = partyIdentification(ctx, org, at(path, 'OrgId'));
    out.organisation = organisation;
  }
  if (fiid === undefined && org === undefined) {
    ctx.warn(Codes.INVALID_HEADER, path, `expected FIId or OrgId in ${name}`);
    return undefined;
  }
  return out;
}
