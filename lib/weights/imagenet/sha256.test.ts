import { createHash, webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Sha256, sha256Hex, sha256HexJs } from './sha256';

const enc = (s: string) => new TextEncoder().encode(s);

// FIPS 180-4's examples (NIST CSRC "SHA256.pdf", "SHA2_Additional.pdf") and the million-'a' vector.
const VECTORS: [string, Uint8Array, string][] = [
  ['empty', enc(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'],
  ['"abc"', enc('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
  ['448 bits', enc('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'), '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1'],
  [
    '896 bits',
    enc('abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu'),
    'cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1',
  ],
  ['one million "a"', new Uint8Array(1_000_000).fill(0x61), 'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0'],
];

describe('SHA-256', () => {
  it.each(VECTORS)('pure JS: %s', (_, data, hex) => {
    expect(sha256HexJs(data)).toBe(hex);
  });

  it.each(VECTORS)('Web Crypto path: %s', async (_, data, hex) => {
    await expect(sha256Hex(data, webcrypto.subtle as SubtleCrypto)).resolves.toEqual({ hex, path: 'subtle' });
  });

  it('without Web Crypto (a non-secure origin) the pure-JS path answers', async () => {
    await expect(sha256Hex(enc('abc'), null)).resolves.toEqual({ hex: VECTORS[1][2], path: 'js' });
  });

  it('incremental: any chunking gives the one-shot digest (lengths around the 55/56/64-byte padding edges)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) & 0xff;
    for (const n of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1000, 4099]) {
      const data = Uint8Array.from({ length: n }, rnd);
      const want = createHash('sha256').update(data).digest('hex');
      expect(sha256HexJs(data), `n=${n}`).toBe(want);
      const h = new Sha256();
      for (let i = 0; i < n;) {
        const step = 1 + (rnd() % 70);
        h.update(data.subarray(i, i + step));
        i += step;
      }
      expect(h.hex(), `n=${n} chunked`).toBe(want);
    }
  });

  it('hex() ends the hash: asking twice gives the same digest, updating after it throws', () => {
    const h = new Sha256().update(enc('abc'));
    expect(h.hex()).toBe(h.hex());
    expect(() => h.update(enc('d'))).toThrow('update after hex()');
  });
});
