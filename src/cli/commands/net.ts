/**
 * `deltran net FILE --mode …`: nets a file of obligations (JSON Lines, a JSON array or CSV) and prints
 * the result as one JSON document, or a readable table with `--summary`.
 *
 * The file is streamed: it is read in 1 MiB chunks and each record is parsed as soon as it is complete,
 * so memory holds the obligations, never the whole text. JSON Lines go as bytes to the netting
 * module's reader (`createObligationLinesReader`), which keeps every error on its own line number
 * and makes no object per line; JSON arrays are split into their
 * top-level elements by a small scanner; CSV follows RFC 4180 (quoted fields, `""` escapes).
 */
import { createReadStream, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DeltranError, formatPath } from '../../index';
import {
  createObligationLinesReader,
  DEFAULT_HUB,
  InvalidObligationLineError,
  NETTING_MODES,
  type NettingMode,
  type NettingResultJson,
  net,
  type Obligation,
  type ObligationLines,
  toNettingJson,
} from '../../netting/index';
import type { CliCommand, CliIo } from '../io';

const HELP = `Usage: deltran net FILE --mode MODE [--hub NAME] [--format FORMAT] [--summary] [--pretty]

Nets the obligations in FILE per currency and prints one JSON document
{ mode, netPositions, instructions, stats, digest } with amounts as decimal strings.

  FILE              obligations as JSON Lines (.jsonl, .ndjson), a JSON array (.json)
                    or CSV (.csv, header id,debtor,creditor,currency,amount)
  --mode MODE       ${NETTING_MODES.join(' | ')}
  --hub NAME        the central account in hub mode (default ${DEFAULT_HUB})
  --format FORMAT   jsonl | json | csv (default: from the extension, else from the content)
  --summary         print a table (gross, bilateral, settled, savings, instructions per currency)
  --pretty          indent the JSON document
`;

type Format = 'jsonl' | 'json' | 'csv';

/** A problem in the input file, located by line. */
class InputError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

interface Loaded {
  readonly obligations: Obligation[];
  /** Line number (1-based) of each obligation, for error messages. */
  readonly lines: Int32Array;
}

/** A growable Int32Array of line numbers. */
class LineNumbers {
  private data = new Int32Array(1024);
  length = 0;
  push(line: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = line;
  }
  done(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/** Streams lines of a file; `onLine(text, lineNumber)` gets each line without its end of line. */
async function forEachLine(
  path: string,
  onLine: (text: string, line: number) => void,
  onProgress: (bytes: number) => void,
): Promise<void> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let rest = '';
  let line = 0;
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<string>) {
    bytes += chunk.length;
    const text = rest.length === 0 ? chunk : rest + chunk;
    let start = 0;
    for (;;) {
      const end = text.indexOf('\n', start);
      if (end < 0) break;
      line++;
      const stop = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      onLine(text.slice(start, stop), line);
      start = end + 1;
    }
    rest = text.slice(start);
    onProgress(bytes);
  }
  if (rest.length > 0) onLine(rest.endsWith('\r') ? rest.slice(0, -1) : rest, line + 1);
}

/**
 * JSON Lines go to the netting module's reader as raw bytes, in 1 MiB chunks: it scans the usual flat
 * lines straight into columns and hands every other line to `JSON.parse` (docs/netting.md §9).
 */
async function loadJsonLines(path: string, onProgress: (bytes: number) => void): Promise<ObligationLines> {
  const reader = createObligationLinesReader();
  const stream = createReadStream(path, { highWaterMark: 1 << 20 });
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      reader.push(chunk);
      onProgress(bytes);
    }
    return reader.end();
  } catch (error) {
    if (error instanceof InvalidObligationLineError) {
      stream.destroy();
      throw new InputError(error.line, `not valid JSON (${error.reason})`);
    }
    throw error;
  }
}

/** Splits a JSON array into its top-level elements while streaming, then parses each one. */
async function loadJsonArray(path: string, onProgress: (bytes: number) => void): Promise<Loaded> {
  const obligations: Obligation[] = [];
  const lines = new LineNumbers();
  // before "[" → between elements → inside an element → after "]"
  let state = 'before' as 'before' | 'between' | 'element' | 'after';
  let afterComma = false;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let element = '';
  let elementLine = 0;
  let line = 1;
  const finish = (): void => {
    let value: unknown;
    try {
      value = JSON.parse(element);
    } catch (cause) {
      throw new InputError(elementLine, `not valid JSON (${(cause as Error).message})`);
    }
    obligations.push(value as Obligation);
    lines.push(elementLine);
    element = '';
  };
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let bytes = 0;
  for await (const chunk of stream as AsyncIterable<string>) {
    bytes += chunk.length;
    let start = state === 'element' ? 0 : -1; // where the current element starts in this chunk
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (state === 'element') {
        if (c === 10) line++;
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 92) escaped = true;
          else if (c === 34) inString = false;
        } else if (c === 34) {
          inString = true;
        } else if (c === 123 || c === 91) {
          depth++;
        } else if ((c === 125 || c === 93) && depth > 0) {
          depth--;
        } else if ((c === 44 || c === 93) && depth === 0) {
          element += chunk.slice(start, i);
          finish();
          state = c === 44 ? 'between' : 'after';
          afterComma = c === 44;
        }
        continue;
      }
      if (c === 10) line++;
      if (c === 32 || c === 9 || c === 10 || c === 13) continue;
      if (state === 'before') {
        if (c !== 91) throw new InputError(line, 'expected a JSON array of obligations, starting with "["');
        state = 'between';
      } else if (state === 'between') {
        if (c === 93 && !afterComma && obligations.length === 0) {
          state = 'after';
          continue;
        }
        state = 'element';
        start = i;
        elementLine = line;
        depth = 0;
        i--; // read this character again as the first one of the element
      } else {
        throw new InputError(line, 'unexpected content after the closing "]"');
      }
    }
    if (state === 'element') element += chunk.slice(start);
    onProgress(bytes);
  }
  if (state !== 'after') throw new InputError(line, 'the JSON array is not closed with "]"');
  return { obligations, lines: lines.done() };
}

const CSV_COLUMNS = ['id', 'debtor', 'creditor', 'currency', 'amount'] as const;

/** Splits one CSV record (RFC 4180); returns undefined when a quoted field continues on the next line. */
function splitCsv(record: string): string[] | undefined {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    if (record.charCodeAt(i) === 34) {
      let value = '';
      i++;
      for (;;) {
        const q = record.indexOf('"', i);
        if (q < 0) return undefined;
        value += record.slice(i, q);
        if (record.charCodeAt(q + 1) === 34) {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      fields.push(value);
      if (i >= record.length) return fields;
      if (record.charCodeAt(i) !== 44) throw new Error('expected "," after a quoted field');
      i++;
    } else {
      const comma = record.indexOf(',', i);
      if (comma < 0) {
        fields.push(record.slice(i));
        return fields;
      }
      fields.push(record.slice(i, comma));
      i = comma + 1;
    }
  }
}

async function loadCsv(path: string, onProgress: (bytes: number) => void): Promise<Loaded> {
  const obligations: Obligation[] = [];
  const lines = new LineNumbers();
  let header: number[] | undefined;
  let pending = '';
  let pendingLine = 0;
  await forEachLine(
    path,
    (text, line) => {
      const record = pending.length > 0 ? `${pending}\n${text}` : text;
      const recordLine = pending.length > 0 ? pendingLine : line;
      if (record.length === 0) return;
      let fields: string[] | undefined;
      try {
        fields = splitCsv(record);
      } catch (cause) {
        throw new InputError(recordLine, (cause as Error).message);
      }
      if (fields === undefined) {
        pending = record;
        pendingLine = recordLine;
        return;
      }
      pending = '';
      if (header === undefined) {
        const names = fields.map((f) => f.trim());
        header = CSV_COLUMNS.map((c) => names.indexOf(c));
        const missing = CSV_COLUMNS.filter((_, k) => header![k]! < 0);
        if (missing.length > 0) {
          throw new InputError(
            recordLine,
            `the CSV header lacks ${missing.join(', ')} (expected ${CSV_COLUMNS.join(',')})`,
          );
        }
        return;
      }
      const at = header;
      obligations.push({
        id: fields[at[0]!] as string,
        debtor: fields[at[1]!] as string,
        creditor: fields[at[2]!] as string,
        currency: fields[at[3]!] as string,
        amount: fields[at[4]!] as string,
      });
      lines.push(recordLine);
    },
    onProgress,
  );
  if (pending.length > 0) throw new InputError(pendingLine, 'a quoted field is not closed');
  if (header === undefined)
    throw new InputError(1, `the CSV file is empty (expected the header ${CSV_COLUMNS.join(',')})`);
  return { obligations, lines: lines.done() };
}

async function sniff(path: string): Promise<Format> {
  const stream = createReadStream(path, { encoding: 'utf8', start: 0, end: 4095 });
  let head = '';
  for await (const chunk of stream as AsyncIterable<string>) head += chunk;
  const first = head.trimStart()[0];
  if (first === '[') return 'json';
  if (first === '{') return 'jsonl';
  return 'csv';
}

async function formatOf(path: string, given: string | undefined): Promise<Format> {
  if (given === 'jsonl' || given === 'json' || given === 'csv') return given;
  const ext = extname(path).toLowerCase();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.csv') return 'csv';
  return sniff(path);
}

/** A one-line progress bar on stderr, only on a terminal, redrawn at most every 100 ms. */
function progressBar(io: CliIo, total: number): { update: (bytes: number) => void; clear: () => void } {
  let last = 0;
  let drawn = false;
  return {
    update: (bytes) => {
      if (!(io.stderrIsTty ?? io.isTty)) return;
      const now = performance.now();
      if (now - last < 100 && bytes < total) return;
      last = now;
      drawn = true;
      const ratio = total > 0 ? Math.min(1, bytes / total) : 1;
      const width = 30;
      const full = Math.round(ratio * width);
      io.stderr(
        `\rreading [${'#'.repeat(full)}${'.'.repeat(width - full)}] ${(ratio * 100).toFixed(0).padStart(3)}%`,
      );
    },
    clear: () => {
      if (drawn) io.stderr(`\r${' '.repeat(50)}\r`);
    },
  };
}

function group(n: number): string {
  return n.toLocaleString('en-US');
}

function summary(json: NettingResultJson, file: string): string {
  const rows = json.stats.map((s) => [
    s.currency,
    group(s.obligationCount),
    group(s.participantCount),
    s.gross,
    s.bilateral,
    s.lowerBound,
    s.settled,
    `${(s.savingsRatio * 100).toFixed(1)}%`,
    group(s.instructionCount),
  ]);
  const head = [
    'currency',
    'obligations',
    'participants',
    'gross',
    'bilateral',
    'lower bound',
    'settled',
    'savings',
    'instructions',
  ];
  const widths = head.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((c, k) => (k === 0 ? c.padEnd(widths[k]!) : c.padStart(widths[k]!))).join('  ');
  const out = [
    `deltran net ${file}: mode ${json.mode}${json.hub === undefined ? '' : ` (hub ${json.hub})`}`,
    '',
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    '',
    `digest ${json.digest}`,
  ];
  return `${out.join('\n')}\n`;
}

const netCommand: CliCommand = async (args, io) => {
  let values: {
    mode?: string;
    hub?: string;
    format?: string;
    summary?: boolean;
    pretty?: boolean;
    help?: boolean;
  };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: [...args],
      options: {
        mode: { type: 'string', short: 'm' },
        hub: { type: 'string' },
        format: { type: 'string' },
        summary: { type: 'boolean' },
        pretty: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    }));
  } catch (error) {
    io.stderr(`deltran net: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (values.help) {
    io.stdout(HELP);
    return 0;
  }
  const usage = (message: string): number => {
    io.stderr(`deltran net: ${message}\n\n${HELP}`);
    return 2;
  };
  if (positionals.length !== 1) return usage(`expected one FILE, got ${positionals.length}`);
  if (!NETTING_MODES.includes(values.mode as NettingMode)) {
    return usage(
      `expected --mode ${NETTING_MODES.join('|')}, got ${values.mode === undefined ? 'none' : JSON.stringify(values.mode)}`,
    );
  }
  const mode = values.mode as NettingMode;
  if (values.hub !== undefined && mode !== 'hub') return usage('--hub is only used with --mode hub');
  if (values.format !== undefined && !['jsonl', 'json', 'csv'].includes(values.format)) {
    return usage(`expected --format jsonl|json|csv, got ${JSON.stringify(values.format)}`);
  }
  const file = positionals[0]!;
  const path = resolve(io.cwd, file);
  let size: number;
  try {
    size = statSync(path).size;
  } catch {
    io.stderr(`deltran net: cannot read ${file}\n`);
    return 1;
  }

  const bar = progressBar(io, size);
  let loaded: Loaded | ObligationLines;
  try {
    const format = await formatOf(path, values.format);
    const load = format === 'jsonl' ? loadJsonLines : format === 'json' ? loadJsonArray : loadCsv;
    loaded = await load(path, bar.update);
  } catch (error) {
    bar.clear();
    if (error instanceof InputError) {
      io.stderr(`deltran net: ${file}:${error.line}: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    bar.clear();
  }

  let json: NettingResultJson;
  try {
    const options = { mode, ...(values.hub === undefined ? {} : { hub: values.hub }) };
    const result = 'net' in loaded ? loaded.net(options) : net(loaded.obligations, options);
    json = toNettingJson(result);
  } catch (error) {
    if (!(error instanceof DeltranError)) throw error;
    const lines: string[] = [];
    for (const issue of error.issues.slice(0, 10)) {
      const [index, ...field] = issue.path;
      const where =
        typeof index === 'number' && index < loaded.lines.length
          ? `${file}:${loaded.lines[index]}: ${formatPath(field)}`
          : file;
      const text = issue.message.replace(/^\[deltran\] net: [^:]*: /, '');
      lines.push(`deltran net: ${where}: ${issue.code}: ${text}`);
    }
    if (error.issues.length > 10) lines.push(`deltran net: … and ${error.issues.length - 10} more problems`);
    io.stderr(`${lines.join('\n')}\n`);
    return 1;
  }
  io.stdout(
    values.summary ? summary(json, file) : `${JSON.stringify(json, null, values.pretty ? 2 : undefined)}\n`,
  );
  return 0;
};

export default netCommand;
