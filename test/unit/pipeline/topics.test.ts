import { createTopicNames, DEFAULT_TOPICS, eventTypeOf, TOPIC_KEYS, type TopicKey } from 'deltran/pipeline';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('topics', () => {
  it('should name the 14 topics of ARCHITECTURE.md under deltran.', () => {
    // Act
    const names = Object.keys(TOPIC_KEYS).map((key) => DEFAULT_TOPICS[key as TopicKey]);
    // Assert
    expect(names).toEqual([
      'deltran.compliance.check',
      'deltran.obligation.create',
      'deltran.compliance.reject',
      'deltran.token.mint',
      'deltran.clearing.submit',
      'deltran.liquidity.select.local',
      'deltran.liquidity.select',
      'deltran.clearing.completed',
      'deltran.risk.check',
      'deltran.risk.result',
      'deltran.settlement.execute',
      'deltran.settlement.completed',
      'deltran.funding.confirmed',
      'deltran.token.minted',
    ]);
    expect(DEFAULT_TOPICS.deadLetter).toBe('deltran.dead-letter');
    expect(DEFAULT_TOPICS.prefix).toBe('deltran.');
  });

  it('should apply a configured prefix but keep the event types', () => {
    // Act
    const topics = createTopicNames({ prefix: 'eu.bank1.' });
    // Assert
    expect(topics.tokenMint).toBe('eu.bank1.token.mint');
    expect(topics.deadLetter).toBe('eu.bank1.dead-letter');
    expect(eventTypeOf('tokenMint')).toBe('deltran.token.mint');
    expect(createTopicNames({ prefix: '' }).riskCheck).toBe('risk.check');
  });

  it('should refuse a prefix no broker takes', () => {
    for (const prefix of ['deltran', 'a..', 'has space.', 'wild*.', '>.']) {
      expect(() => createTopicNames({ prefix })).toThrow(
        expect.objectContaining({ code: 'PIPELINE_INVALID_TOPIC_PREFIX' }),
      );
    }
  });
});

describe('properties', () => {
  it('should give 15 distinct names, each starting with the prefix', () => {
    const word = fc.stringMatching(/^[A-Za-z0-9_-]{1,8}$/);
    fc.assert(
      fc.property(fc.array(word, { maxLength: 3 }), (words) => {
        // Arrange
        const prefix = words.map((w) => `${w}.`).join('');
        // Act
        const topics = createTopicNames({ prefix });
        const names = [...Object.keys(TOPIC_KEYS).map((k) => topics[k as TopicKey]), topics.deadLetter];
        // Assert
        expect(new Set(names).size).toBe(15);
        expect(names.every((n) => n.startsWith(prefix))).toBe(true);
      }),
    );
  });
});
