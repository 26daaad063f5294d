/**
 * Real servers for integration tests (NATS with JetStream, PostgreSQL). A suite that needs one is
 * skipped with a printed reason when the server is absent, and fails instead when
 * DELTRAN_REQUIRE_SERVICES=1 (set by .ci/run).
 * @internal
 */
import { Socket } from 'node:net';
import { describe, it } from 'vitest';

export const servicesRequired: boolean = process.env.DELTRAN_REQUIRE_SERVICES === '1';

/** Resolves true when a TCP connection to host:port succeeds within timeoutMs. */
export function canConnect(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = new Socket();
    const done = (result: boolean) => {
      socket.destroy();
      resolvePromise(result);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('error', () => done(false));
    socket.connect(port, host, () => done(true));
  });
}

/**
 * `describe` for a suite that needs a server reachable at host:port (checked once, before collection,
 * with top-level await in the test file: `await describeService(...)`).
 */
export async function describeService(
  name: string,
  server: { readonly label: string; readonly host: string; readonly port: number },
  fn: () => void,
): Promise<void> {
  if (await canConnect(server.host, server.port)) {
    describe(name, fn);
    return;
  }
  const reason = `${server.label} not reachable at ${server.host}:${server.port}`;
  if (servicesRequired) {
    describe(name, () => {
      it(`requires ${server.label} (DELTRAN_REQUIRE_SERVICES=1)`, () => {
        throw new Error(reason);
      });
    });
    return;
  }
  process.stderr.write(`[deltran] skipping "${name}": ${reason}\n`);
  describe.skip(name, fn);
}
