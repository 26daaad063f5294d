/**
 * What a CLI command may touch: its arguments, output streams and environment, injected so commands
 * are testable in-process without spawning.
 * @internal
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** True when stdout is a terminal (colours, tables sized to it). */
  readonly isTty: boolean;
  /** True when stderr is a terminal: progress bars go there. Defaults to `isTty`. */
  readonly stderrIsTty?: boolean;
}

/** A sub-command: returns the process exit code. @internal */
export type CliCommand = (args: readonly string[], io: CliIo) => Promise<number>;

/** The io of the running process. @internal */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    isTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
  };
}
