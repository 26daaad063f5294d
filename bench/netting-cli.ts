/**
 * Runs `deltran net` from the sources without going through src/cli/main.ts: the fallback of the
 * whole-process benchmark in netting.bench.ts when dist/ is not built (it bundles this file with tsup),
 * and `node --import tsx bench/netting-cli.ts net FILE --mode multilateral` by hand. Answers `--help`
 * like the real CLI, listing `net`.
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
