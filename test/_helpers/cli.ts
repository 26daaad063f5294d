/** An in-memory CliIo for running CLI commands in-process. @internal */
import type { CliIo } from '../../src/cli/io';

export interface CapturedIo extends CliIo {
  readonly out: () => string;
  readonly err: () => string;
}

export function captureIo(
  options: { cwd?: string; isTty?: boolean; env?: Record<string, string> } = {},
): CapturedIo {
  let out = '';
  let err = '';
  return {
    stdout: (text) => {
      out += text;
    },
    stderr: (text) => {
      err += text;
    },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    isTty: options.isTty ?? false,
    out: () => out,
    err: () => err,
  };
}
