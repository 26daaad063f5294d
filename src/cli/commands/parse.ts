/**
 * `deltran parse FILE...`: parses ISO 20022 files and prints each as the JSON form of a parsed
 * message (`messageToJson`), the form `deltran build` reads back.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createSeededRandom, formatPath, type Issue } from '../../index';
import { messageToJson, type ParseOptions, safeParseMessage } from '../../iso20022/index';
import type { CliCommand, CliIo } from '../io';

const HELP = `Usage: deltran parse [options] FILE...

Parses ISO 20022 messages (pain.001, pacs.008, pacs.009, pacs.002, camt.052, camt.053, camt.054; any
supported version, enveloped or not) and prints one JSON document per file: the canonical form, with
amounts as decimal strings ({ "currency": "EUR", "amount": "12.50" }). "deltran build" reads it back.

  --compact          one document per line (NDJSON) instead of indented JSON
  --seed N           assign missing UETRs (pain.001, old pacs.008) from a seeded source, reproducibly
  --max-bytes N      refuse files larger than N bytes (default 33554432, 32 MiB)
  --max-depth N      refuse elements nested deeper than N (default 64)
  -h, --help         show this help

Problems go to stderr as "FILE: CODE PATH: message", one line each; warnings as
"FILE: warning CODE PATH: message".
Exit codes: 0 every file parsed, 1 at least one file could not be read or parsed, 2 usage error.
`;

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new RangeError(`--${name} expects a non-negative integer, got "${value}"`);
  return Number(value);
}

function printIssues(io: CliIo, file: string, issues: readonly Issue[], prefix: string): void {
  for (const issue of issues) {
    const where = formatPath(issue.path);
    io.stderr(`${file}: ${prefix}${issue.code}${where === '' ? '' : ` ${where}`}: ${issue.message}\n`);
  }
}

/** `deltran parse`. @internal */
const parse: CliCommand = async (args, io) => {
  let values: {
    compact?: boolean;
    seed?: string;
    'max-bytes'?: string;
    'max-depth'?: string;
    help?: boolean;
  };
  let files: string[];
  let options: ParseOptions;
  try {
    const parsed = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: {
        compact: { type: 'boolean' },
        seed: { type: 'string' },
        'max-bytes': { type: 'string' },
        'max-depth': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    values = parsed.values;
    files = parsed.positionals;
    const seed = integer('seed', values.seed);
    const maxBytes = integer('max-bytes', values['max-bytes']);
    const maxDepth = integer('max-depth', values['max-depth']);
    options = {
      ...(seed === undefined ? {} : { random: createSeededRandom(seed) }),
      ...(maxBytes === undefined ? {} : { maxBytes }),
      ...(maxDepth === undefined ? {} : { maxDepth }),
    };
  } catch (error) {
    io.stderr(`deltran parse: ${error instanceof Error ? error.message : String(error)}\n\n${HELP}`);
    return 2;
  }
  if (values.help === true) {
    io.stdout(HELP);
    return 0;
  }
  if (files.length === 0) {
    io.stderr(`deltran parse: expected at least one FILE\n\n${HELP}`);
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(resolve(io.cwd, file));
    } catch (error) {
      io.stderr(`${file}: cannot read: ${error instanceof Error ? error.message : String(error)}\n`);
      failed++;
      continue;
    }
    const result = safeParseMessage(bytes, options);
    if (!result.ok) {
      printIssues(io, file, result.error.issues, '');
      failed++;
      continue;
    }
    printIssues(io, file, result.value.warnings, 'warning ');
    const json = messageToJson(result.value);
    io.stdout(`${values.compact === true ? JSON.stringify(json) : JSON.stringify(json, null, 2)}\n`);
  }
  return failed > 0 ? 1 : 0;
};

export default parse;
