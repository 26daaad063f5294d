/**
 * JSON form of a netting result.
 *
 * @packageDocumentation
 */
import { formatMoney } from '../index';
import type { NettingResult, NettingResultJson } from './types';

/**
 * Turns a result into JSON-safe data with every amount a canonical decimal string (STYLE.md §3.1), the
 * document `deltran net` prints. Key order is fixed, so `JSON.stringify` of it is byte-identical for the
 * same obligations in any order.
 *
 * @param result - a result of `net`
 * @returns `{ mode, hub?, netPositions, instructions, stats, certificates?, digest }`
 * @example
 * ```ts
 * JSON.stringify(toNettingJson(net(obligations, { mode: 'multilateral' })));
 * ```
 * @public
 */
export function toNettingJson(result: NettingResult): NettingResultJson {
  return {
    mode: result.mode,
    ...(result.hub === undefined ? {} : { hub: result.hub }),
    netPositions: result.netPositions.map((p) => ({
      participant: p.participant,
      currency: p.currency,
      amount: formatMoney(p.amount),
    })),
    instructions: result.instructions.map((i) => ({
      from: i.from,
      to: i.to,
      currency: i.currency,
      amount: formatMoney(i.amount),
    })),
    stats: result.stats.map((s) => ({
      currency: s.currency,
      obligationCount: s.obligationCount,
      participantCount: s.participantCount,
      gross: formatMoney(s.gross),
      bilateral: formatMoney(s.bilateral),
      lowerBound: formatMoney(s.lowerBound),
      settled: formatMoney(s.settled),
      savings: formatMoney(s.savings),
      savingsRatio: s.savingsRatio,
      instructionCount: s.instructionCount,
      componentCount: s.componentCount,
      cyclicComponents: s.cyclicComponents.map((c) => [...c]),
    })),
    ...(result.certificates === undefined
      ? {}
      : {
          certificates: result.certificates.map((c) => ({
            currency: c.currency,
            potentials: c.potentials.map((p) => ({ participant: p.participant, potential: p.potential })),
          })),
        }),
    digest: result.digest,
  };
}
