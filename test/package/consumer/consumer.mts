// Type-checked against dist/*.d.ts by test/package/dist.test.ts (ESM consumer).
import { add, type CanonicalPayment, formatMoney, type Money, money } from 'deltran';

const total: Money<'USD'> = add(money('0.10', 'USD'), money('0.20', 'USD'));
export const text: string = formatMoney(total);
export type Uetr = CanonicalPayment['uetr'];
