/** Mutations of the file's framing: truncation, the header length, the header's JSON, garbage. */
import { type FuzzContext, type Variants, concat, enc, fileOf, headerText } from './base';

export function formatClasses(c: FuzzContext): Record<'truncation' | 'header length' | 'header JSON' | 'garbage', Variants> {
  const { rng, int, pick, fresh, withEntries, mk, tensors, base, baseHeader, baseFile, headerBytes, floats } = c;
  return {
    truncation: [
      () => mk('truncation', 'cut inside the length field', 'invalid', baseFile.slice(0, int(0, 7))),
      () => mk('truncation', 'cut inside the header', 'invalid', baseFile.slice(0, int(8, 8 + headerBytes - 1))),
      () => mk('truncation', 'cut inside the data', 'invalid', baseFile.slice(0, int(8 + headerBytes, baseFile.length - 1))),
      () => mk('truncation', 'last byte missing', 'invalid', baseFile.slice(0, baseFile.length - 1)),
      () => mk('truncation', 'last float missing', 'invalid', baseFile.slice(0, baseFile.length - 4)),
      () => {
        const i = int(0, tensors.length - 2);
        return mk('truncation', `cut after tensor ${i}`, 'invalid', baseFile.slice(0, 8 + headerBytes + base.begins[i] + tensors[i].bytes.length));
      },
    ],
    'header length': [
      () => {
        const d = pick([-8, -7, -6, -5, -4, -3, -2, -1, 1, 2, 3, 4, 5, 6, 7, 8]);
        return mk('header length', `N ${d > 0 ? '+' : ''}${d}`, 'invalid', fileOf(baseHeader, base.data, { n: headerBytes + d }));
      },
      () => mk('header length', 'N = 0', 'invalid', fileOf(baseHeader, base.data, { n: 0 })),
      () => mk('header length', 'N + 2^32', 'invalid', fileOf(baseHeader, base.data, { n: headerBytes + 4294967296 })),
      () => mk('header length', 'N = 100,000,001', 'invalid', fileOf(baseHeader, base.data, { n: 100_000_001 })),
      () => mk('header length', 'N = whole file', 'invalid', fileOf(baseHeader, base.data, { n: headerBytes + base.data.length })),
      () => mk('header length', 'N random huge', 'invalid', fileOf(baseHeader, base.data, { n: int(1, 2 ** 21) * 2 ** 32 + int(0, 2 ** 32 - 1) })),
      () => mk('header length', 'N a little short, padding kept', 'invalid', fileOf(baseHeader, base.data, { n: headerBytes - int(1, 16) })),
    ],
    'header JSON': [
      () => mk('header JSON', 'BOM before {', 'invalid', fileOf(concat(new Uint8Array([0xef, 0xbb, 0xbf]), enc.encode(baseHeader)), base.data)),
      () => mk('header JSON', 'whitespace before {', 'invalid', fileOf(pick([' ', '\n', '\t', '\r\n']) + baseHeader, base.data)),
      () => {
        const c = pick(['\t', '\n', '\r', '\u0000', 'x', '}', ',', '\u00a0', '\u3000']);
        return mk(
          'header JSON',
          `padding with U+${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
          'invalid',
          fileOf(baseHeader, base.data, { pad: c + ' '.repeat(int(0, 9)) }),
        );
      },
      () => {
        const pos = [...baseHeader].flatMap((c, i) => ('{}[]:"'.includes(c) ? [i] : []));
        const at = pick(pos);
        return mk(
          'header JSON',
          `structural ${baseHeader[at]} deleted at ${at}`,
          'invalid',
          fileOf(baseHeader.slice(0, at) + baseHeader.slice(at + 1), base.data),
        );
      },
      () => {
        const at = int(1, baseHeader.length - 2);
        return mk('header JSON', `JSON cut at ${at}`, 'invalid', fileOf(baseHeader.slice(0, at), base.data));
      },
      () => mk('header JSON', 'root not an object', 'invalid', fileOf(pick(['[1,2]', '"x"', '1', 'null', 'true', `[${baseHeader}]`]), base.data)),
      () => mk('header JSON', 'garbage after the root', 'invalid', fileOf(baseHeader + pick(['{}', ',', '}', ' x', '\u0000', '[]']), base.data)),
      () => {
        const d = pick([63, 64, 100, 1000, 100_000, 1_000_000]);
        const e = fresh();
        e[int(0, e.length - 1)].extra = `,"note":${'['.repeat(d)}${']'.repeat(d)}`;
        return mk('header JSON', `nesting ${d + 2} deep in an unknown field`, 'invalid', withEntries(e));
      },
      () => {
        const d = int(1, 60);
        const e = fresh();
        e[int(0, e.length - 1)].extra = `,"note":${'[{"a":'.repeat(d / 2)}1${'}]'.repeat(d / 2)}`;
        return mk('header JSON', `unknown field ${d} deep (ignored, as the reference reader does)`, 'valid', withEntries(e));
      },
      () =>
        mk('header JSON', 'lone surrogate escape', 'invalid', withEntries(fresh(), {}, pick(['{"a":"\\ud800"}', '{"\\udc00":"b"}', '{"a":"\\ud800\\u0041"}']))),
      () => mk('header JSON', 'raw control character in a string', 'invalid', withEntries(fresh(), {}, `{"a":"x${String.fromCharCode(int(0, 31))}y"}`)),
      () => mk('header JSON', 'bad escape', 'invalid', withEntries(fresh(), {}, pick(['{"a":"\\x41"}', '{"a":"\\u12"}', '{"a":"\\"}', "{'a':'b'}"]))),
      () => {
        const h = enc.encode(headerText(fresh(), '{"a":"__"}'));
        const at = new TextDecoder().decode(h).indexOf('"__"') + 1;
        h[at] = pick([0xff, 0xc0, 0x80, 0xed]);
        return mk('header JSON', 'invalid UTF-8 in a string', 'invalid', fileOf(h, base.data));
      },
      () => {
        const e = fresh();
        const i = pick(floats);
        e[i].shape = e[i].shape.replace(/\d+/, (d) => `0${d}`);
        return mk('header JSON', 'number with a leading zero', 'invalid', withEntries(e));
      },
      () => mk('header JSON', 'not JSON at all', 'invalid', withEntries(fresh(), {}, pick(['/* c */{}', '{a:1}', 'NaN', '{"a":Infinity}', '{"a":"b",}']))),
      () => mk('header JSON', 'pretty-printed', 'valid', fileOf(JSON.stringify(JSON.parse(baseHeader), null, pick([1, 2, '\t'])), base.data)),
      () => {
        const ws = () => pick([' ', '\n', '\t', '\r', '  \n\t']);
        // Inside the root only: before "{" and after "}" whitespace is not allowed.
        const h = `{${baseHeader.slice(1, -1).replace(/[,:[\]{}]/g, (c) => (rng() < 0.3 ? ws() + c + ws() : c))}}`;
        return mk('header JSON', 'whitespace between tokens', 'valid', fileOf(h, base.data));
      },
      () => mk('header JSON', 'no padding', 'valid', fileOf(baseHeader, base.data, { pad: '' })),
      () => mk('header JSON', 'extra padding', 'valid', fileOf(baseHeader, base.data, { pad: ' '.repeat(int(1, 4096)) })),
      () => {
        const e = fresh();
        const i = int(0, e.length - 1);
        e[i].key = [...tensors[i].key].map((c) => (rng() < 0.5 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}` : c)).join('');
        e[i].key = `"${e[i].key}"`;
        return mk('header JSON', 'key written with \\u escapes', 'valid', withEntries(e));
      },
    ],
    garbage: [
      () => {
        const b = new Uint8Array(int(0, 4096)).map(() => int(0, 255));
        if (b.length > 8 && b[8] === 0x7b) b[8] = 0;
        return mk('garbage', `${b.length} random bytes`, 'invalid', b);
      },
      () => {
        const body = new Uint8Array(int(16, 2048)).map(() => int(1, 255));
        body[0] = 0x7b;
        body[int(1, body.length - 1)] = 0;
        return mk('garbage', '{ then random bytes', 'invalid', fileOf(body, new Uint8Array(0), { pad: '' }));
      },
      () => {
        const magic = pick([
          [0x50, 0x4b, 0x03, 0x04],
          [0x80, 0x02, 0x8a, 0x0a],
          [0x1f, 0x8b, 0x08, 0x00],
          [0x89, 0x50, 0x4e, 0x47],
          [0x93, 0x4e, 0x55, 0x4d],
        ]);
        return mk(
          'garbage',
          'another format',
          'invalid',
          concat(
            new Uint8Array(magic),
            new Uint8Array(int(0, 4096)).map(() => int(0, 255)),
          ),
        );
      },
      () =>
        mk(
          'garbage',
          'text',
          'invalid',
          enc.encode(pick(['hello', 'version https://git-lfs.github.com/spec/v1\noid sha256:…', '<!DOCTYPE html><html>404</html>', ''])),
        ),
      () => mk('garbage', 'zero bytes', 'invalid', new Uint8Array(int(8, 64))),
      () => {
        const f = baseFile.slice();
        const at = int(8, 8 + headerBytes - 1);
        f.fill(0, at, Math.min(8 + headerBytes, at + int(1, 16)));
        return mk('garbage', 'NUL bytes over the header', 'invalid', f);
      },
      () =>
        mk(
          'garbage',
          'file prefixed with 8 bytes',
          'invalid',
          concat(
            new Uint8Array(8).map(() => int(0, 255)),
            baseFile,
          ),
        ),
      () => mk('garbage', 'the file twice', 'invalid', concat(baseFile, baseFile)),
      () => {
        const h = baseHeader;
        const u16 = new Uint8Array(h.length * 2);
        for (let n = 0; n < h.length; n++) new DataView(u16.buffer).setUint16(n * 2, h.charCodeAt(n), true);
        return mk('garbage', 'header in UTF-16', 'invalid', fileOf(u16, base.data, { pad: '' }));
      },
    ],
  };
}
