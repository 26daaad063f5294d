/**
 * Starts a private `nats-server -js` for a test or a bench: loopback only, a free random port, a
 * temporary store directory, so a test can SIGKILL it and restart it on the same store without
 * touching the shared server at 127.0.0.1:4222 (as nats/nst/src/launcher.ts does).
 *
 * The binary is Debian's (`/usr/sbin/nats-server`, package `nats-server`), or `NATS_SERVER_BIN`.
 * When it is missing, {@link natsServerBinary} says why, and {@link describeWithNatsServer} skips with
 * that reason printed, unless DELTRAN_REQUIRE_SERVICES=1, where it fails instead.
 *
 * No vitest import at the top level: bench/ uses this file too.
 * @internal
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const NATS_SERVER_DEFAULT_BIN = '/usr/sbin/nats-server';

/** The binary to run, or why there is none. */
export function natsServerBinary(): { readonly bin: string } | { readonly reason: string } {
  const bin = process.env.NATS_SERVER_BIN ?? NATS_SERVER_DEFAULT_BIN;
  try {
    accessSync(bin, constants.X_OK);
    return { bin };
  } catch {
    return {
      reason: `nats-server not found at ${bin} (apt-get install nats-server, or set NATS_SERVER_BIN)`,
    };
  }
}

export interface NatsServerHandle {
  readonly host: string;
  readonly port: number;
  readonly url: string;
  readonly storeDir: string;
  /** The current process id (changes on restart). */
  readonly pid: number | undefined;
  /** Kills the server with SIGKILL (or the given signal) and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts it again on the same port and store directory. */
  restart(): Promise<void>;
  /** Stops it (SIGTERM, then SIGKILL) and removes the store directory. Idempotent. */
  stop(): Promise<void>;
  /** The server's log so far (stderr), for a failure message. */
  log(): string;
}

/** Starts a private JetStream server; rejects when the binary is missing or it never listens. */
export async function startNatsServer(
  options: { readonly storeDir?: string; readonly args?: readonly string[] } = {},
): Promise<NatsServerHandle> {
  const found = natsServerBinary();
  if ('reason' in found) throw new Error(found.reason);
  const host = '127.0.0.1';
  const port = await freePort(host);
  const storeDir = options.storeDir ?? mkdtempSync(join(tmpdir(), 'deltran-nats-'));
  let child: ChildProcess | undefined;
  let output = '';
  let stopped = false;

  const launch = async (): Promise<void> => {
    const proc = spawn(
      found.bin,
      ['-a', host, '-p', String(port), '-js', '-sd', storeDir, ...(options.args ?? [])],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    child = proc;
    let ready = false;
    let tail = '';
    proc.stderr?.setEncoding('utf8');
    proc.stderr?.on('data', (chunk: string) => {
      output = (output + chunk).slice(-20_000);
      tail = (tail + chunk).slice(-200);
      if (tail.includes('Server is ready')) ready = true;
    });
    const deadline = Date.now() + 10_000;
    // Listening is not enough: JetStream is up once the server logs that it is ready.
    while (!ready || !(await canConnect(host, port))) {
      if (proc.exitCode !== null) throw new Error(`nats-server exited with ${proc.exitCode}:\n${output}`);
      if (Date.now() > deadline) throw new Error(`nats-server did not listen on ${host}:${port}:\n${output}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };

  const kill = async (signal: NodeJS.Signals = 'SIGKILL'): Promise<void> => {
    const proc = child;
    if (proc === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((resolvePromise) => {
      proc.once('exit', () => resolvePromise());
      proc.kill(signal);
    });
  };

  await launch();
  return {
    host,
    port,
    url: `nats://${host}:${port}`,
    storeDir,
    get pid() {
      return child?.pid;
    },
    kill,
    async restart() {
      await kill('SIGKILL');
      await launch();
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      const proc = child;
      if (proc !== undefined && proc.exitCode === null && proc.signalCode === null) {
        const timer = setTimeout(() => proc.kill('SIGKILL'), 3_000);
        await kill('SIGTERM');
        clearTimeout(timer);
      }
      if (options.storeDir === undefined) rmSync(storeDir, { recursive: true, force: true });
    },
    log: () => output,
  };
}

/**
 * `describe` for a suite that starts its own nats-server: skips with the printed reason when the
 * binary is missing, fails when DELTRAN_REQUIRE_SERVICES=1.
 */
export async function describeWithNatsServer(name: string, fn: () => void): Promise<void> {
  const { describe, it } = await import('vitest');
  const found = natsServerBinary();
  if ('bin' in found) {
    describe(name, fn);
    return;
  }
  if (process.env.DELTRAN_REQUIRE_SERVICES === '1') {
    describe(name, () => {
      it('requires nats-server (DELTRAN_REQUIRE_SERVICES=1)', () => {
        throw new Error(found.reason);
      });
    });
    return;
  }
  process.stderr.write(`[deltran] skipping "${name}": ${found.reason}\n`);
  describe.skip(name, fn);
}

function freePort(host: string): Promise<number> {
  return new Promise((resolvePromise, rejectPromise) => {
    const server = createServer();
    server.once('error', rejectPromise);
    server.listen(0, host, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolvePromise(port));
    });
  });
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = new Socket();
    const done = (ok: boolean) => {
      socket.destroy();
      resolvePromise(ok);
    };
    socket.setTimeout(500, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}
