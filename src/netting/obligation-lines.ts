/**
 * `createObligationLinesReader`: obligations from JSON Lines bytes, straight into the engine's
 * columns, for files of millions of lines.
 *
 * @packageDocumentation
 */

import { ingest } from './_internal/ingest';
import { LineSyntaxError, LinesBuilder } from './_internal/json-lines';
import { checkNetOptions } from './_internal/options';
import { NettingError, NettingErrorCodes } from './errors';
import { netColumns } from './net';
import type { NetOptions, NettingResult, Obligation } from './types';

/**
 * A line of a JSON Lines input that is not valid JSON. `line` is its number (1-based) and `reason`
 * the parser's message.
 * @public
 */
export class InvalidObligationLineError extends NettingError {
  /** The number of the line, from 1. */
  readonly line: number;
  /** What `JSON.parse` said about the line. */
  readonly reason: string;

  constructor(line: number, reason: string) {
    super(
      NettingErrorCodes.INVALID_JSON_LINE,
      `[deltran] obligation lines: line ${line}: not valid JSON (${reason})`,
      {
        path: [line],
      },
    );
    this.line = line;
    this.reason = reason;
  }
}

/**
 * Obligations read by an {@link ObligationLinesReader}, held in columns (no object per obligation).
 * @public
 */
export interface ObligationLines {
  /** The number of obligations (blank lines are skipped). */
  readonly count: number;
  /** The line number (from 1) of each obligation, for messages. */
  readonly lines: Int32Array;
  /**
   * Nets the obligations: exactly `net(obligations, options)` on the obligations the lines hold, the
   * same result, digest and errors. An `InvalidObligationError`'s `path` is `[index, field]`,
   * with `index` the obligation's position (its line is `lines[index]`).
   */
  net(options: NetOptions): NettingResult;
  /**
   * The obligations as objects, in input order. Amounts of valid obligations are `Money` of the same
   * value; an invalid obligation is the value its line parsed to.
   */
  toObligations(): Obligation[];
}

/** Reads JSON Lines bytes in chunks; see {@link createObligationLinesReader}. @public */
export interface ObligationLinesReader {
  /**
   * Reads the next bytes of the input (UTF-8). A line may be split anywhere across calls.
   * @throws {@link InvalidObligationLineError} (`NETTING_INVALID_JSON_LINE`) for a line that is not
   *   valid JSON; the reader is not used after that
   */
  push(chunk: Uint8Array): void;
  /**
   * Ends the input and returns the obligations.
   * @throws {@link InvalidObligationLineError} when the last line, unterminated, is not valid JSON
   */
  end(): ObligationLines;
}

/**
 * Creates a reader of obligations in JSON Lines: one JSON object `{ id, debtor, creditor, currency,
 * amount }` per line, `\n` or `\r\n` line ends, blank lines skipped. It gives the same obligations as
 * `JSON.parse` on each line, without making an object per line: the usual flat lines are scanned
 * straight into columns, and every other line (escapes, other key order, non-ASCII text …) goes
 * through `JSON.parse` (docs/netting.md, "Command line"). Validation is `net()`'s, when the lines are
 * netted.
 *
 * @returns a reader: `push` the bytes, then `end()`
 * @example
 * ```ts
 * const reader = createObligationLinesReader();
 * for await (const chunk of createReadStream('obligations.jsonl')) reader.push(chunk);
 * const result = reader.end().net({ mode: 'multilateral' });
 * ```
 * @public
 */
export function createObligationLinesReader(): ObligationLinesReader {
  const builder = new LinesBuilder();
  const guard = <T>(run: () => T): T => {
    try {
      return run();
    } catch (error) {
      if (error instanceof LineSyntaxError) throw new InvalidObligationLineError(error.line, error.reason);
      throw error;
    }
  };
  return {
    push: (chunk) => guard(() => builder.push(chunk)),
    end: () =>
      guard(() => {
        builder.end();
        return linesOf(builder);
      }),
  };
}

function linesOf(builder: LinesBuilder): ObligationLines {
  const lines = builder.lineNumbers();
  return {
    count: builder.count,
    lines,
    net(options: NetOptions): NettingResult {
      const { mode, hub } = checkNetOptions(options, 'net');
      const columns = builder.columns();
      // Something is wrong: net()'s own validation on the obligations as objects reports it.
      return netColumns(columns ?? ingest(builder.obligations() as Obligation[], 'net'), mode, hub);
    },
    toObligations: () => builder.obligations() as Obligation[],
  };
}
