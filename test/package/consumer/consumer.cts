// Type-checked against dist/*.d.cts by test/package/dist.test.ts (CommonJS consumer).
import deltran = require('deltran');

const total: deltran.Money<'EUR'> = deltran.add(deltran.money('1.00', 'EUR'), deltran.money('2.50', 'EUR'));
export const text: string = deltran.formatMoney(total);
