import type { CliCommand, CliIo } from './io';

/**
 * Sub-commands, loaded lazily so `deltran parse` never pays for netting or the demo.
 * Each lives in `src/cli/commands/<name>.ts` and default-exports a {@link CliCommand}.
 */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ default: CliCommand }> }> = {
  demo: {
    summary: 'run a day of payments through the whole pipeline in memory and print a report',
    load: () => import('./commands/demo'),
  },
  parse: {
    summary: 'parse ISO 20022 messages and print them as canonical JSON',
    load: () => import('./commands/parse'),
  },
  build: {
    summary: 'build an ISO 20022 message or an MT103 from JSON (parse output or canonical payments)',
    load: () => import('./commands/build'),
  },
  screen: {
    summary: 'screen the parties of payments (ISO 20022 XML or JSON) against sanctions lists',
    load: () => import('./commands/screen'),
  },
  reconcile: {
    summary: 'reconcile a camt.053/camt.052 statement against a token ledger (snapshot or PostgreSQL)',
    load: () => import('./commands/reconcile'),
  },
  net: {
    summary:
      'net obligations (JSON Lines, JSON or CSV) per currency: gross, bilateral, multilateral, hub or conservative',
    load: () => import('./commands/net'),
  },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `Usage: deltran <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "deltran <command> --help" for a command's options.\n`;
}

/** Runs the CLI with the given arguments (without the node and script paths). @internal */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    io.stderr(`deltran: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  const { default: run } = await command.load();
  return run(rest, io);
}

declare const __DELTRAN_VERSION__: string | undefined;
const VERSION: string = typeof __DELTRAN_VERSION__ === 'string' ? __DELTRAN_VERSION__ : '0.0.0-dev';
