/**
 * Hostile input through the public entry point: DTDs and entity bombs, size and depth limits,
 * prototype-polluting names, encodings that lie.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createSeededRandom } from 'deltran';
import { parseMessage, safeParseMessage } from 'deltran/iso20022';
import { describe, expect, it } from 'vitest';

const fixture = (path: string): Buffer =>
  readFileSync(fileURLToPath(new URL(`../../fixtures/iso20022/${path}`, import.meta.url)));
const minimal = fixture('pacs008/valid/minimal.xml').toString('utf8');

function codeOf(input: string | Uint8Array, options?: Parameters<typeof safeParseMessage>[1]): string {
  const result = safeParseMessage(input, options);
  return result.ok ? 'ok' : result.error.code;
}

describe('safety', () => {
  describe('DTDs and entities', () => {
    it('should refuse a billion-laughs document before expanding anything, in well under a millisecond per KB', () => {
      // Arrange: the classic bomb, followed by 5 MB of body that must never be read.
      const bomb = fixture('pacs008/invalid/billion-laughs.xml')
        .toString('utf8')
        .replace('<lolz>&lol9;</lolz>', `<lolz>${'&lol9;'.repeat(1_000_000)}</lolz>`);
      // Act
      const start = performance.now();
      const code = codeOf(bomb);
      const elapsed = performance.now() - start;
      // Assert
      expect(code).toBe('ISO20022_DOCTYPE_FORBIDDEN');
      expect(elapsed).toBeLessThan(200);
    });

    it('should refuse an external entity (XXE) and any markup declaration, in any case, anywhere', () => {
      expect(codeOf(fixture('pacs008/invalid/doctype-external-entity.xml'))).toBe(
        'ISO20022_DOCTYPE_FORBIDDEN',
      );
      expect(codeOf(`<!-- c --><!doctype x>${minimal.split('\n').slice(1).join('\n')}`)).toBe(
        'ISO20022_DOCTYPE_FORBIDDEN',
      );
      expect(codeOf(minimal.replace('<GrpHdr>', '<GrpHdr><!ENTITY x "y">'))).toBe(
        'ISO20022_DOCTYPE_FORBIDDEN',
      );
    });

    it('should not treat "<!DOCTYPE" inside a comment or CDATA as a declaration', () => {
      expect(codeOf(minimal.replace('<GrpHdr>', '<GrpHdr><!-- <!DOCTYPE x> -->'))).toBe('ok');
    });

    it('should refuse undeclared entities (there is no DTD to declare them)', () => {
      expect(codeOf(minimal.replace('Acme Widgets', 'Acme &ouml; Widgets'))).toBe('ISO20022_MALFORMED_XML');
      expect(codeOf(minimal.replace('Acme Widgets', 'Acme & Widgets'))).toBe('ISO20022_MALFORMED_XML');
      expect(codeOf(minimal.replace('Acme Widgets', 'Acme &#0; Widgets'))).toBe('ISO20022_MALFORMED_XML');
    });
  });

  describe('limits', () => {
    it('should refuse input above maxBytes before decoding it (default 32 MiB)', () => {
      // Arrange
      const big = new Uint8Array(32 * 1024 * 1024 + 1).fill(0x20);
      // Act / Assert
      expect(codeOf(big)).toBe('ISO20022_INPUT_TOO_LARGE');
      expect(codeOf(minimal, { maxBytes: 1000 })).toBe('ISO20022_INPUT_TOO_LARGE');
      expect(codeOf(Buffer.from(minimal), { maxBytes: 1000 })).toBe('ISO20022_INPUT_TOO_LARGE');
      expect(codeOf(minimal, { maxBytes: minimal.length })).toBe('ok');
    });

    it('should count a string in UTF-8 bytes', () => {
      const wide = minimal.replace('Acme Widgets GmbH', '中'.repeat(40)); // 40 characters, 120 bytes
      const bytes = Buffer.byteLength(wide);
      expect(codeOf(wide, { maxBytes: bytes })).toBe('ok');
      expect(codeOf(wide, { maxBytes: bytes - 1 })).toBe('ISO20022_INPUT_TOO_LARGE');
    });

    it('should refuse nesting deeper than maxDepth (default 64), without recursion', () => {
      const deep = minimal.replace(
        '<RmtInf>',
        `<SplmtryData><Envlp>${'<x>'.repeat(100)}${'</x>'.repeat(100)}</Envlp></SplmtryData><RmtInf>`,
      );
      expect(codeOf(deep)).toBe('ISO20022_TOO_DEEP');
      expect(codeOf(deep, { maxDepth: 200 })).toBe('ok');
      expect(codeOf(minimal, { maxDepth: 5 })).toBe('ISO20022_TOO_DEEP');
      expect(codeOf(`${'<a>'.repeat(200_000)}${'</a>'.repeat(200_000)}`, { maxDepth: 300_000 })).toBe(
        'ISO20022_NO_DOCUMENT',
      );
    });
  });

  describe('prototype pollution', () => {
    it('should read __proto__, constructor and prototype elements as plain data, reaching no prototype', () => {
      // Act
      const message = parseMessage(fixture('pacs008/valid/proto-element-names.xml'), {
        random: createSeededRandom(1),
      });
      // Assert
      expect(message.type).toBe('pacs.008');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect(Object.getPrototypeOf(message)).toBe(Object.prototype);
    });

    it('should survive such names as attributes and in the envelope too', () => {
      const xml = `<__proto__ constructor="x" __proto__="y"><prototype/>${minimal.split('\n').slice(1).join('\n')}</__proto__>`;
      expect(codeOf(xml)).toBe('ok');
      expect(({} as Record<string, unknown>).x).toBeUndefined();
    });
  });

  describe('encodings', () => {
    const utf16 = (s: string, bom: boolean): Uint8Array => {
      const body = Buffer.from(s, 'utf16le');
      return bom ? Buffer.concat([Buffer.from([0xff, 0xfe]), body]) : body;
    };

    it('should read UTF-8 with or without a BOM, and ASCII-only text under any ASCII-compatible label', () => {
      expect(codeOf(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(minimal)]))).toBe('ok');
      expect(codeOf(Buffer.from(minimal.replace('encoding="UTF-8"', 'encoding="utf-8"')))).toBe('ok');
      expect(codeOf(Buffer.from(minimal.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')))).toBe('ok');
      expect(codeOf(Buffer.from(minimal.replace('encoding="UTF-8"', 'encoding="US-ASCII"')))).toBe('ok');
    });

    it('should refuse a declaration the bytes contradict', () => {
      expect(codeOf(fixture('pacs008/invalid/declared-utf16-on-8-bit-bytes.xml'))).toBe(
        'ISO20022_ENCODING_MISMATCH',
      );
      expect(codeOf(fixture('pacs008/invalid/declared-latin1-on-utf8-bytes.xml'))).toBe(
        'ISO20022_ENCODING_MISMATCH',
      );
    });

    it('should refuse invalid UTF-8, including overlong forms and encoded surrogates', () => {
      expect(codeOf(fixture('pacs008/invalid/invalid-utf8-bytes.xml'))).toBe('ISO20022_INVALID_ENCODING');
      for (const bad of [
        [0xc0, 0x80],
        [0xed, 0xa0, 0x80],
        [0xf5, 0x80, 0x80, 0x80],
        [0xe2, 0x82],
      ]) {
        const bytes = Buffer.concat([
          Buffer.from(minimal.slice(0, 300)),
          Buffer.from(bad),
          Buffer.from(minimal.slice(300)),
        ]);
        expect(codeOf(bytes), bad.join(',')).toBe('ISO20022_INVALID_ENCODING');
      }
    });

    it('should refuse UTF-16 and real Latin-1 bytes: ISO 20022 is UTF-8', () => {
      expect(codeOf(utf16(minimal, true))).toBe('ISO20022_UNSUPPORTED_ENCODING');
      expect(codeOf(utf16(minimal, false))).toBe('ISO20022_UNSUPPORTED_ENCODING');
      expect(codeOf(fixture('pacs008/invalid/latin1-bytes.xml'))).toBe('ISO20022_UNSUPPORTED_ENCODING');
      expect(codeOf(Buffer.from(minimal.replace('encoding="UTF-8"', 'encoding="EBCDIC-CP-US"')))).toBe(
        'ISO20022_UNSUPPORTED_ENCODING',
      );
    });

    it('should take a string as already decoded, whatever its declaration says', () => {
      expect(codeOf(minimal.replace('encoding="UTF-8"', 'encoding="UTF-16"'))).toBe('ok');
      expect(codeOf(`\uFEFF${minimal}`)).toBe('ok');
    });

    it('should refuse characters XML forbids: C0 controls and lone surrogates', () => {
      expect(codeOf(minimal.replace('Acme', 'A\u0001cme'))).toBe('ISO20022_MALFORMED_XML');
      expect(codeOf(minimal.replace('Acme', 'A\uD800cme'))).toBe('ISO20022_MALFORMED_XML');
      expect(codeOf(minimal.replace('Acme', 'A\uFFFEcme'))).toBe('ISO20022_MALFORMED_XML');
    });
  });
});
