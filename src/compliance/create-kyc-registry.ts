/**
 * KYC: the registry of participant institutions, by BIC, with their status.
 * @packageDocumentation
 */
import { type Agent, type CanonicalPayment, isValidBic } from '../index';
import { ComplianceConfigError, ComplianceErrorCodes, ComplianceReasonCodes } from './errors';
import type { Decision, KycRegistry, KycRegistryOptions, Participant, Reason } from './types';

/**
 * Builds a participant registry. A payment whose checked agents are all `active` participants
 * passes; an agent that is unknown, `suspended` or `closed`, or that has no BIC, is a `REJECT`.
 *
 * A participant registered by BIC8 covers all of its branches; one registered by BIC11 covers
 * that branch only (and `XXX` is the same as the BIC8). The most specific entry wins, so a
 * suspended branch of an active institution is suspended.
 *
 * @param participants - the institutions, each with its status
 * @param options - which agents must be participants (default: debtor and creditor agents)
 * @returns the registry
 * @throws {@link ComplianceConfigError} (`COMPLIANCE_INVALID_CONFIG`) for an invalid or duplicate BIC
 * @example
 * ```ts
 * const kyc = createKycRegistry([{ bic: 'DEUTDEFF', status: 'active' }, { bic: 'BNPAFRPP', status: 'suspended' }]);
 * kyc.check(payment).decision; // 'REJECT' when an agent is BNPAFRPP…
 * ```
 * @public
 */
export function createKycRegistry(
  participants: readonly Participant[],
  options: KycRegistryOptions = {},
): KycRegistry {
  const byBic = new Map<string, Participant>();
  participants.forEach((p, i) => {
    if (!isValidBic(p.bic)) {
      throw new ComplianceConfigError(
        ComplianceErrorCodes.INVALID_CONFIG,
        `[deltran] createKycRegistry: participants[${i}].bic "${p.bic}" is not a valid BIC`,
        { path: ['participants', i, 'bic'] },
      );
    }
    const key = canonical(p.bic);
    if (byBic.has(key)) {
      throw new ComplianceConfigError(
        ComplianceErrorCodes.INVALID_CONFIG,
        `[deltran] createKycRegistry: participants[${i}].bic "${p.bic}" is registered twice`,
        { path: ['participants', i, 'bic'] },
      );
    }
    byBic.set(key, p);
  });
  const scope = options.agents ?? 'debtor-and-creditor';
  const find = (bic: string): Participant | undefined => {
    if (!isValidBic(bic)) return undefined;
    return byBic.get(canonical(bic)) ?? byBic.get(bic.slice(0, 8));
  };
  // The participant of each BIC looked up (`null` for none): the registry never changes, so this is a
  // pure function of the BIC, and a payment's agents are a few hundred institutions over and over.
  // Bounded: emptied when full.
  let found = new Map<string, Participant | null>();
  const lookup = (bic: string): Participant | undefined => {
    const known = found.get(bic);
    if (known !== undefined) return known ?? undefined;
    const participant = find(bic);
    if (found.size >= LOOKUPS_MAX) found = new Map();
    found.set(bic, participant ?? null);
    return participant;
  };
  // One agent: a reason appended when it is not an active participant. The path is built only then.
  const checkAgent = (agent: Agent, reasons: Reason[], role: string, index?: number): void => {
    const where = index === undefined ? role : `${role}.${index}`;
    if (agent.bic === undefined) {
      reasons.push({
        code: ComplianceReasonCodes.KYC_MISSING_AGENT_BIC,
        decision: 'REJECT',
        message: `${where} has no BIC, so it cannot be checked against the participant registry`,
        path: agentBicPath(role, index),
      });
      return;
    }
    const participant = lookup(agent.bic);
    if (participant === undefined) {
      reasons.push({
        code: ComplianceReasonCodes.KYC_UNKNOWN_AGENT,
        decision: 'REJECT',
        message: `${where} ${agent.bic} is not a participant`,
        path: agentBicPath(role, index),
      });
    } else if (participant.status !== 'active') {
      reasons.push({
        code: ComplianceReasonCodes.KYC_INACTIVE_AGENT,
        decision: 'REJECT',
        message: `${where} ${agent.bic} is a ${participant.status} participant`,
        path: agentBicPath(role, index),
      });
    }
  };
  const check = (payment: CanonicalPayment) => {
    const reasons: Reason[] = [];
    checkAgent(payment.debtorAgent, reasons, 'debtorAgent');
    checkAgent(payment.creditorAgent, reasons, 'creditorAgent');
    if (scope === 'all') {
      if (payment.instructingAgent !== undefined)
        checkAgent(payment.instructingAgent, reasons, 'instructingAgent');
      if (payment.instructedAgent !== undefined)
        checkAgent(payment.instructedAgent, reasons, 'instructedAgent');
      const intermediaries = payment.intermediaryAgents ?? [];
      for (let i = 0; i < intermediaries.length; i++) {
        checkAgent(intermediaries[i]!, reasons, 'intermediaryAgents', i);
      }
    }
    const decision: Decision = reasons.length > 0 ? 'REJECT' : 'ALLOW';
    return { decision, reasons };
  };
  return { size: byBic.size, lookup, check };
}

/** BICs whose look-up a registry keeps. */
const LOOKUPS_MAX = 4096;

function agentBicPath(role: string, index: number | undefined): (string | number)[] {
  return index === undefined ? [role, 'bic'] : [role, index, 'bic'];
}

/** BIC8 for the primary office (`XXX` branch or none), BIC11 for a branch. */
function canonical(bic: string): string {
  return bic.length === 11 && bic.endsWith('XXX') ? bic.slice(0, 8) : bic;
}
