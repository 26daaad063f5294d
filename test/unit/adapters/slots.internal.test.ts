/** White-box tests of src/adapters/_internal/slots.ts. */
import { describe, expect, it } from 'vitest';
import { Slots } from '../../../src/adapters/_internal/slots';

describe('Slots', () => {
  it('should hand slots to waiters in order and report idleness', async () => {
    // Arrange
    const slots = new Slots(2);
    const order: number[] = [];
    // Act
    expect(slots.tryAcquire()).toBe(true);
    expect(await slots.acquire()).toBe(true);
    const third = slots.acquire().then((ok) => order.push(ok ? 3 : -3));
    const fourth = slots.acquire().then((ok) => order.push(ok ? 4 : -4));
    slots.release();
    await third;
    const idle = slots.whenIdle().then(() => order.push(0));
    slots.cancel();
    await fourth;
    slots.release(2);
    await idle;
    // Assert
    expect(order).toEqual([3, -4, 0]);
    expect(slots.free).toBe(2);
  });

  it('should take every free slot up to a maximum', async () => {
    const slots = new Slots(5);
    slots.tryAcquire();
    expect(await slots.acquireMany(3)).toBe(3);
    expect(slots.inFlight).toBe(4);
    expect(await slots.acquireMany(9)).toBe(1);
    slots.cancel();
  });
});
