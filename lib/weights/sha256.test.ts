/**
 * sha256.ts against the FIPS 180-4 examples (NIST CSRC "SHA256.pdf"), the padding edges (55, 56,
 * 63, 64 bytes: one or two final blocks), and Node's own crypto on random lengths; Web Crypto and
 * the plain-JavaScript fallback must agree.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex, sha256HexSync } from './sha256';

const text = (s: string) => new TextEncoder().encode(s);

describe('sha256', () => {
  it('FIPS 180-4 test vectors', async () => {
    const vectors: [string, string][] = [
      ['', 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
      ['abc', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
      ['abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq', '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
    ];
    for (const [m, h] of vectors) {
      expect(sha256HexSync(text(m)), JSON.stringify(m)).toBe(h);
      expect(await sha256Hex(text(m)), JSON.stringify(m)).toBe(h);
    }
    // One million 'a' (FIPS 180-2 appendix B.3).
    expect(sha256HexSync(new Uint8Array(1_000_000).fill(0x61))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('equals node:crypto at every padding edge and on random bytes', async () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    for (const n of [1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 65_537]) {
      const b = Uint8Array.from({ length: n }, rand);
      const want = createHash('sha256').update(b).digest('hex');
      expect(sha256HexSync(b), `${n} bytes`).toBe(want);
      expect(await sha256Hex(b), `${n} bytes`).toBe(want);
    }
  });

  it('a view into a larger buffer hashes only its own bytes', async () => {
    const big = text('xxabcxx');
    const view = big.subarray(2, 5);
    expect(sha256HexSync(view)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(await sha256Hex(view)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
