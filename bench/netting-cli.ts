/**
 * Runs `deltran net` from the sources without going through src/cli/main.ts, for the whole-process
 * benchmark in netting.bench.ts while `net` is not yet registered there: `node --import tsx
 * bench/netting-cli.ts net FILE --mode multilateral`. Answers `--help` like the real CLI, listing `net`.
 */
import net from '../src/cli/commands/net';
import { processIo } from '../src/cli/io';

const [command, ...rest] = process.argv.slice(2);
if (command === '--help') {
  process.stdout.write('Commands:\n  net        net obligations (bench helper)\n');
} else if (command !== 'net') {
  process.stderr.write('usage: netting-cli.ts net FILE --mode MODE\n');
  process.exitCode = 2;
} else {
  net(rest, processIo()).then((code) => {
    process.exitCode = code;
  });
}
