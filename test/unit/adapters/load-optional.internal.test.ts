/** White-box tests of src/adapters/_internal/load-optional.ts. */
import { describe, expect, it } from 'vitest';
import { loadOptional } from '../../../src/adapters/_internal/load-optional';

describe('loadOptional', () => {
  it('should name the missing package in a typed error', async () => {
    // Arrange: what Node throws for an absent package
    const missing = () =>
      Promise.reject(Object.assign(new Error('Cannot find package'), { code: 'ERR_MODULE_NOT_FOUND' }));
    // Act
    const error = await loadOptional('@nats-io/transport-node', 'nats', missing).catch((e: unknown) => e);
    // Assert
    expect(error).toMatchObject({ code: 'TRANSPORT_MISSING_DEPENDENCY' });
    expect((error as Error).message).toContain('npm install @nats-io/transport-node');
  });

  it('should pass other failures through, and a loaded module back', async () => {
    const boom = new Error('syntax error in the package');
    await expect(loadOptional('x', 'y', () => Promise.reject(boom))).rejects.toBe(boom);
    await expect(loadOptional('x', 'y', async () => ({ ok: 1 }))).resolves.toEqual({ ok: 1 });
  });
});
