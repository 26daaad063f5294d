/**
 * `deltran build TYPE INPUT.json`: builds an ISO 20022 message (or an MT103) from what `deltran parse`
 * prints, or from a plain array of canonical payments in their JSON form, and prints it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  type Agent,
  type CanonicalPayment,
  DeltranError,
  formatPath,
  type Issue,
  safeParseCanonicalPayment,
} from '../../index';
import {
  type AppHdrOptions,
  type BankToCustomerReport,
  type BuildMessageType,
  buildMessage,
  buildMt103,
  type ParsedMessage,
  type PaymentStatusReport,
  paymentToMt103,
  type SettlementMethod,
  safeMessageFromJson,
} from '../../iso20022/index';
import type { CliCommand, CliIo } from '../io';

const TYPES = ['pacs.008', 'pacs.009', 'pacs.002', 'camt.054', 'camt.053', 'pain.001', 'mt103'] as const;
type Target = (typeof TYPES)[number];

const HELP = `Usage: deltran build TYPE INPUT.json [options]

Builds a message and prints it. TYPE is one of: ${TYPES.join(', ')}.
INPUT.json is what "deltran parse" prints (one message; several with --compact, one per line), a
plain array of canonical payments in JSON form, or one such payment.

  --version V          message version: full (pacs.008.001.13) or short (13); default per type
  --envelope[=HEAD]    wrap in a head.001 AppHdr envelope (head.001.001.02 by default, or .04)
  --from BIC           AppHdr sender (default: the input's AppHdr, else the first payment's agent)
  --to BIC             AppHdr receiver (likewise)
  --message-id ID      GrpHdr/MsgId (default: the input's)
  --creation-date-time DT
                       GrpHdr/CreDtTm (default: the input's); builders never read the clock
  --settlement-method M  pacs.008/pacs.009 SttlmMtd: INDA, INGA, COVE or CLRG
  -h, --help           show this help

Exit codes: 0 built, 1 the input cannot be built (each issue printed as CODE PATH: message),
2 usage error.
`;

/** What the input file held, normalised. */
interface Input {
  readonly payments?: readonly CanonicalPayment[];
  readonly statusReport?: PaymentStatusReport;
  readonly report?: BankToCustomerReport;
  readonly message?: ParsedMessage;
}

class UsageError extends Error {}

function fail(io: CliIo, issues: readonly Issue[], fallback: string): number {
  if (issues.length === 0) io.stderr(`deltran build: ${fallback}\n`);
  for (const i of issues) io.stderr(`${i.code} ${formatPath(i.path) || '(root)'}: ${i.message}\n`);
  return 1;
}

function isPaymentJson(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    'uetr' in value &&
    'amount' in value
  );
}

function decodePayments(items: readonly unknown[], issues: Issue[]): CanonicalPayment[] {
  const out: CanonicalPayment[] = [];
  items.forEach((item, index) => {
    const result = safeParseCanonicalPayment(item);
    if (result.ok) out.push(result.value);
    else for (const i of result.error.issues) issues.push({ ...i, path: [index, ...i.path] });
  });
  return out;
}

function decodeMessages(items: readonly unknown[], issues: Issue[]): ParsedMessage[] {
  const out: ParsedMessage[] = [];
  items.forEach((item, index) => {
    const result = safeMessageFromJson(item);
    if (result.ok) out.push(result.value);
    else
      for (const i of result.error.issues)
        issues.push({ ...i, path: items.length > 1 ? [index, ...i.path] : i.path });
  });
  return out;
}

function readInput(json: unknown, issues: Issue[]): Input {
  const items = Array.isArray(json) ? json : [json];
  if (items.length === 0) {
    issues.push({ code: 'CLI_EMPTY_INPUT', path: [], message: 'the input holds no payment and no message' });
    return {};
  }
  if (items.every(isPaymentJson)) return { payments: decodePayments(items, issues) };
  const messages = decodeMessages(items, issues);
  if (messages.length === 0) return {};
  const first = messages[0]!;
  if (messages.length > 1) {
    const payments = messages.flatMap((m) => ('payments' in m ? m.payments : []));
    if (payments.length === 0)
      issues.push({
        code: 'CLI_INVALID_INPUT',
        path: [],
        message: 'several messages can only be combined when they carry payments',
      });
    return { payments, message: first };
  }
  if (first.type === 'pacs.002') {
    const { messageId, creationDateTime, transactions } = first;
    return {
      message: first,
      statusReport: {
        messageId,
        creationDateTime,
        ...(first.instructingAgent !== undefined ? { instructingAgent: first.instructingAgent } : {}),
        ...(first.instructedAgent !== undefined ? { instructedAgent: first.instructedAgent } : {}),
        ...(first.originalGroups !== undefined ? { originalGroups: first.originalGroups } : {}),
        transactions,
      },
    };
  }
  if (first.type === 'camt.052' || first.type === 'camt.053' || first.type === 'camt.054')
    return {
      message: first,
      report: {
        messageId: first.messageId,
        creationDateTime: first.creationDateTime,
        reports: first.reports,
      },
    };
  return { message: first, payments: first.payments };
}

function bicAgent(bic: string | undefined): Agent | undefined {
  return bic === undefined ? undefined : { bic };
}

function envelopeOf(
  version: string,
  values: { from?: string | undefined; to?: string | undefined },
  input: Input,
): AppHdrOptions {
  const header = input.message?.appHeader;
  const payment = input.payments?.[0];
  const from =
    bicAgent(values.from) ?? header?.from?.institution ?? payment?.instructingAgent ?? payment?.debtorAgent;
  const to =
    bicAgent(values.to) ?? header?.to?.institution ?? payment?.instructedAgent ?? payment?.creditorAgent;
  if (from === undefined || to === undefined)
    throw new UsageError('--envelope needs --from and --to (the input has no AppHdr and no payment agents)');
  if (version !== 'head.001.001.02' && version !== 'head.001.001.04')
    throw new UsageError(`--envelope takes head.001.001.02 or head.001.001.04, got "${version}"`);
  return {
    version,
    from,
    to,
    ...(header?.businessService !== undefined ? { businessService: header.businessService } : {}),
  };
}

function buildOne(
  target: Target,
  input: Input,
  values: Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>,
  io: CliIo,
): number {
  const issues: Issue[] = [];
  const str = (name: string): string | undefined => {
    const v = values[name];
    return typeof v === 'string' ? v : undefined;
  };
  if (target === 'mt103') {
    const payments = input.payments;
    if (payments === undefined || payments.length === 0) throw new UsageError('mt103 is built from payments');
    const texts: string[] = [];
    for (const [index, payment] of payments.entries()) {
      try {
        const mapped = paymentToMt103(payment);
        const built = buildMt103(mapped.message);
        for (const w of [...mapped.warnings, ...built.warnings])
          io.stderr(
            `warning ${w.code} ${payments.length > 1 ? `[${index}]/` : ''}${formatPath(w.path)}: ${w.message}\n`,
          );
        texts.push(built.text);
      } catch (error) {
        if (!(error instanceof DeltranError)) throw error;
        for (const i of error.issues)
          issues.push({ ...i, path: payments.length > 1 ? [index, ...i.path] : i.path });
      }
    }
    if (issues.length > 0) return fail(io, issues, 'cannot build');
    // Several messages form an RJE batch: `$` between messages.
    io.stdout(`${texts.join('\r\n$')}\r\n`);
    return 0;
  }
  const group = input.message?.groupHeader;
  const envelopeValue = values.envelope;
  const settlement = str('settlement-method') ?? group?.settlementMethod;
  const options = {
    ...(str('version') !== undefined ? { version: str('version')! } : {}),
    ...(str('message-id') !== undefined ? { messageId: str('message-id')! } : {}),
    ...(str('creation-date-time') !== undefined ? { creationDateTime: str('creation-date-time')! } : {}),
    ...(settlement !== undefined && (target === 'pacs.008' || target === 'pacs.009')
      ? { settlementMethod: settlement as SettlementMethod }
      : {}),
    ...(envelopeValue !== undefined && envelopeValue !== false
      ? {
          envelope: envelopeOf(
            typeof envelopeValue === 'string' && envelopeValue !== '' ? envelopeValue : 'head.001.001.02',
            { from: str('from'), to: str('to') },
            input,
          ),
        }
      : {}),
    ...(target === 'pain.001' && group?.initiatingParty !== undefined
      ? { initiatingParty: group.initiatingParty }
      : {}),
    ...((target === 'pacs.008' || target === 'pacs.009') && group?.clearingSystem !== undefined
      ? { clearingSystem: group.clearingSystem }
      : {}),
    ...(target === 'camt.053' || target === 'camt.054'
      ? {
          ...(group?.messageRecipient !== undefined ? { messageRecipient: group.messageRecipient } : {}),
          ...(group?.pagination !== undefined ? { pagination: group.pagination } : {}),
          ...(group?.additionalInformation !== undefined
            ? { additionalInformation: group.additionalInformation }
            : {}),
        }
      : {}),
  };
  let content: readonly CanonicalPayment[] | PaymentStatusReport | BankToCustomerReport | undefined;
  if (target === 'pacs.002') content = input.statusReport;
  else if (target === 'camt.053' || target === 'camt.054') content = input.report;
  else content = input.payments;
  if (content === undefined)
    throw new UsageError(
      `${target} cannot be built from ${input.message !== undefined ? `a ${input.message.type} message` : 'canonical payments'}`,
    );
  try {
    const xml = buildMessage(target as BuildMessageType, content, options);
    io.stdout(xml);
    return 0;
  } catch (error) {
    if (error instanceof DeltranError) return fail(io, error.issues, error.message);
    throw error;
  }
}

/** One JSON document, or NDJSON (`deltran parse --compact` over several files): one document per line. */
function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
    if (lines.length < 2) throw error;
    return lines.map((line) => JSON.parse(line) as unknown);
  }
}

/** `deltran build`. @internal */
const build: CliCommand = async (args, io) => {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      // A bare `--envelope` means the default header; a value must be attached (`--envelope=head.001.001.04`)
      // so that `--envelope INPUT.json` never swallows the file name.
      args: args.map((a) => (a === '--envelope' ? '--envelope=head.001.001.02' : a)),
      allowPositionals: true,
      options: {
        version: { type: 'string' },
        envelope: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'message-id': { type: 'string' },
        'creation-date-time': { type: 'string' },
        'settlement-method': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr(`deltran build: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    return 2;
  }
  if (parsed.values.help === true) {
    io.stdout(HELP);
    return 0;
  }
  const [type, file, ...extra] = parsed.positionals;
  if (type === undefined || file === undefined || extra.length > 0) {
    io.stderr(`deltran build: expected TYPE and INPUT.json\n\n${HELP}`);
    return 2;
  }
  if (!(TYPES as readonly string[]).includes(type)) {
    io.stderr(`deltran build: unknown type "${type}"; expected one of ${TYPES.join(', ')}\n`);
    return 2;
  }
  let json: unknown;
  try {
    json = readJson(readFileSync(resolve(io.cwd, file), 'utf8'));
  } catch (error) {
    io.stderr(
      `deltran build: cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 2;
  }
  const issues: Issue[] = [];
  const input = readInput(json, issues);
  if (issues.length > 0) return fail(io, issues, 'invalid input');
  try {
    return buildOne(type as Target, input, parsed.values, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`deltran build: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
};

export default build;
