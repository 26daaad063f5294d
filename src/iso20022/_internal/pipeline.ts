/**
 * The parse pipeline every entry point runs: limits → bytes → XML tree → envelope → type and version
 * from the Document namespace → one extractor per message family → every issue collected → one
 * result. No exception escapes for bad input: the caller gets a `Result`.
 * @internal
 * @packageDocumentation
 */
import { cryptoRandom, err, type Issue, ok, type Result } from '../../index';
import { Iso20022ErrorCodes as Codes, type Iso20022Error, iso20022Error } from '../errors';
import type { GroupHeader, MessageType, ParsedMessage, ParseOptions } from '../types';
import { ParseContext } from './context';
import { findBareDocument, identify, locate, readAppHeader } from './envelope';
import { extractCamt } from './extract-camt';
import { extractCreditTransfer } from './extract-credit-transfer';
import { extractPacs002 } from './extract-pacs002';
import { extractPain001 } from './extract-pain001';
import { readXml, type XmlElement, XmlReadError, type XmlTree } from './xml';

/** Default `maxBytes`: 32 MiB, far above any real message, far below what would hurt a host. @internal */
export const DEFAULT_MAX_BYTES: number = 32 * 1024 * 1024;
/** Default `maxDepth`. @internal */
export const DEFAULT_MAX_DEPTH = 64;

function failure(
  fn: string,
  code: string,
  message: string,
  path: readonly (string | number)[] = [],
  cause?: unknown,
): Result<never, Iso20022Error> {
  return err(iso20022Error(fn, [{ code, path, message }], cause));
}

function positiveInteger(value: number | undefined, fallback: number): number {
  return value === undefined ? fallback : Number.isInteger(value) && value > 0 ? value : Number.NaN;
}

/**
 * Parses one message. `fn` names the public entry point in error messages; `expected` restricts the
 * message type (per-type entry points).
 * @internal
 */
export function runParse(
  input: string | Uint8Array,
  options: ParseOptions | undefined,
  fn: string,
  expected?: MessageType,
): Result<ParsedMessage, Iso20022Error> {
  if (typeof input !== 'string' && !(input instanceof Uint8Array)) {
    return failure(
      fn,
      Codes.MALFORMED_XML,
      'expected the message as a string or a Uint8Array of UTF-8 bytes',
    );
  }
  const maxBytes = positiveInteger(options?.maxBytes, DEFAULT_MAX_BYTES);
  const maxDepth = positiveInteger(options?.maxDepth, DEFAULT_MAX_DEPTH);
  if (Number.isNaN(maxBytes) || Number.isNaN(maxDepth)) {
    return failure(fn, Codes.INVALID_VALUE, 'options maxBytes and maxDepth must be positive integers');
  }
  let doc: XmlTree;
  try {
    doc = readXml(input, { maxBytes, maxDepth });
  } catch (error) {
    if (error instanceof XmlReadError) return failure(fn, error.code, error.message, [], error);
    throw error;
  }
  const located = locate(doc);
  if (located === undefined) {
    const bare = findBareDocument(doc);
    const bareNs = bare === undefined ? '' : doc.ns(bare);
    return failure(
      fn,
      Codes.NO_DOCUMENT,
      bare === undefined
        ? `no ISO 20022 Document element found (root element <${doc.name(doc.root)}>)`
        : `the Document element has ${bareNs === '' ? 'no namespace' : `the namespace "${bareNs}"`}; ISO 20022 namespaces start with urn:iso:std:iso:20022:tech:xsd:`,
    );
  }
  const identified = identify(doc.ns(located.document));
  if (!identified.ok) return failure(fn, identified.code, identified.message, ['Document']);
  const { type, version } = identified;
  if (expected !== undefined && type !== expected) {
    return failure(fn, Codes.UNEXPECTED_MESSAGE_TYPE, `expected a ${expected} message, got ${version}`, [
      'Document',
    ]);
  }
  const messageRoot = doc.firstChild(located.document);
  if (messageRoot === undefined || doc.nextSibling(messageRoot) !== undefined) {
    return failure(fn, Codes.MISSING_ELEMENT, 'expected exactly one message element inside Document', [
      'Document',
    ]);
  }

  const ctx = new ParseContext(doc, options?.random ?? cryptoRandom);
  const appHeader = located.appHdr === undefined ? undefined : readAppHeader(ctx, located.appHdr, version);
  const message = extract(ctx, messageRoot, type, version);
  if (ctx.errors.length > 0) return err(iso20022Error(fn, ctx.errors));
  // Key order is the order of the JSON form: identity, header, content, warnings.
  const parsed: Record<string, unknown> = { type, version };
  if (appHeader !== undefined) parsed.appHeader = appHeader;
  parsed.groupHeader = message.groupHeader;
  Object.assign(parsed, message.content);
  parsed.warnings = ctx.warnings as readonly Issue[];
  return ok(parsed as unknown as ParsedMessage);
}

type Extracted = { readonly groupHeader: GroupHeader; readonly content: object };

function extract(ctx: ParseContext, root: XmlElement, type: MessageType, version: string): Extracted {
  switch (type) {
    case 'pacs.008':
    case 'pacs.009': {
      const { groupHeader, payments } = extractCreditTransfer(ctx, root, type, version);
      return { groupHeader, content: { payments } };
    }
    case 'pain.001': {
      const { groupHeader, payments } = extractPain001(ctx, root, version);
      return { groupHeader, content: { payments } };
    }
    case 'pacs.002': {
      ctx.isReport = true;
      const { groupHeader, report } = extractPacs002(ctx, root);
      return { groupHeader, content: report };
    }
    case 'camt.052':
    case 'camt.053':
    case 'camt.054': {
      ctx.isReport = true;
      const { groupHeader, report } = extractCamt(ctx, root, type);
      return { groupHeader, content: report };
    }
  }
}
