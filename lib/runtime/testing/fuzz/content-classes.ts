/** Mutations of what the file holds: keys, metadata, values. */
import { type FuzzContext, type Variants, fileOf, halfBits, headerText, j } from './base';

const HOSTILE_KEYS = [
  '',
  '__proto__',
  'constructor',
  'toString',
  '__metadata',
  'a\u0000b',
  'line\nbreak',
  'bidi\u202eevil\u202c',
  'zero\u200bwidth',
  '\ud83d\ude00 emoji',
  'x'.repeat(100_000),
  'a\\"b',
];

export function contentClasses(c: FuzzContext): Record<'keys' | 'metadata' | 'values', Variants> {
  const { rng, int, pick, fresh, withEntries, mk, rebuilt, floatBytes, withValues, tensors, base, floats, vars, counters } = c;
  return {
    keys: [
      () => {
        const e = fresh();
        const a = int(0, e.length - 1);
        let b = int(0, e.length - 1);
        if (b === a) b = (a + 1) % e.length;
        e[b].key = e[a].key;
        return mk('keys', 'two tensors with one key', 'invalid', withEntries(e));
      },
      () => {
        const e = fresh();
        const a = int(0, e.length - 1);
        const dup = { ...e[a] };
        e.splice(int(0, e.length), 0, dup);
        return mk('keys', 'an entry repeated', 'invalid', withEntries(e));
      },
      () => {
        const e = fresh();
        const a = int(0, e.length - 1);
        let b = int(0, e.length - 1);
        if (b === a) b = (a + 1) % e.length;
        e[b].key = `"${[...tensors[a].key].map((c) => (c === '.' ? '\\u002e' : c)).join('')}"`;
        return mk('keys', 'duplicate key spelled with an escape', 'invalid', withEntries(e));
      },
      () => {
        const e = fresh();
        const i = int(0, e.length - 1);
        const f = pick(['dtype', 'shape', 'data_offsets']);
        e[i].extra = `,"${f}":${f === 'dtype' ? e[i].dtype : f === 'shape' ? e[i].shape : e[i].offsets}`;
        return mk('keys', `field ${f} twice`, 'invalid', withEntries(e));
      },
      () => {
        const e = fresh();
        const i = int(0, e.length - 1);
        e[i].value = pick(['1', '"x"', 'null', `[${e[i].dtype},${e[i].shape},${e[i].offsets}]`, 'true', '{}']);
        return mk('keys', `entry written as ${e[i].value.slice(0, 20)}`, 'invalid', withEntries(e));
      },
      () => {
        const e = fresh();
        const i = int(0, e.length - 1);
        e[i].key = tensors[i].key;
        return mk('keys', 'unquoted key', 'invalid', withEntries(e));
      },
      () => {
        const k = pick(HOSTILE_KEYS);
        const i = int(0, tensors.length - 1);
        return mk(
          'keys',
          `key renamed to ${j(k.slice(0, 12))}${k.length > 12 ? '…' : ''}`,
          'misfit',
          rebuilt((ts) => {
            ts[i] = { ...ts[i], key: k };
            return ts;
          }),
        );
      },
      () => {
        const i = pick(floats);
        const p = pick(['module.', 'model.', '_orig_mod.']);
        return mk(
          'keys',
          `prefix ${p}`,
          'misfit',
          rebuilt((ts) => ts.map((t, n) => (n === i || rng() < 0.5 ? { ...t, key: p + t.key } : t))),
        );
      },
      () => {
        const i = pick(floats);
        return mk(
          'keys',
          `tensor ${i} removed`,
          'misfit',
          rebuilt((ts) => ts.filter((_, n) => n !== i)),
        );
      },
      () =>
        mk(
          'keys',
          'an extra tensor',
          'misfit',
          rebuilt((ts) => [
            ...ts,
            { key: pick(['extra.weight', 'fc2.bias', 'classifier.9.weight']), dtype: 'F32', shape: [3], bytes: new Uint8Array(12), role: 'weight' },
          ]),
        ),
      () => {
        const i = pick(counters);
        return mk(
          'keys',
          'a num_batches_tracked removed',
          'valid',
          rebuilt((ts) => ts.filter((_, n) => n !== i)),
        );
      },
      () => {
        const groups = new Map<string, number[]>();
        floats.forEach((i) => groups.set(tensors[i].shape.join('x'), [...(groups.get(tensors[i].shape.join('x')) ?? []), i]));
        const pairs = [...groups.values()].filter((g) => g.length > 1);
        const g = pick(pairs);
        const a = g[0];
        const b = g[int(1, g.length - 1)];
        return mk(
          'keys',
          'two same-shape tensors swap names',
          'valid',
          rebuilt((ts) => {
            const [ka, kb] = [ts[a].key, ts[b].key];
            ts[a] = { ...ts[a], key: kb };
            ts[b] = { ...ts[b], key: ka };
            return ts;
          }),
        );
      },
    ],
    metadata: [
      () => mk('metadata', 'no metadata', 'valid', withEntries(fresh(), {}, null)),
      () => mk('metadata', 'empty metadata', 'valid', withEntries(fresh(), {}, '{}')),
      () =>
        mk(
          'metadata',
          'unicode and escapes',
          'valid',
          withEntries(fresh(), {}, j({ 'caf\u00e9': 'na\u00efve \ud83d\ude00', 'a"b': 'c\\d', nl: 'x\ny', bidi: '\u202eevil' })),
        ),
      () => {
        const m: Record<string, string> = {};
        for (let n = 0; n < int(100, 2000); n++) m[`k${n}`] = `v${n}`;
        return mk('metadata', 'many entries', 'valid', withEntries(fresh(), {}, j(m)));
      },
      () => mk('metadata', 'a 100 kB value', 'valid', withEntries(fresh(), {}, j({ note: 'x'.repeat(100_000) }))),
      () => mk('metadata', 'prototype names as keys', 'valid', withEntries(fresh(), {}, '{"__proto__":"a","constructor":"b","toString":"c"}')),
      () => mk('metadata', 'metadata after the tensors', 'valid', fileOf(headerText(fresh(), j({ format: 'pt' }), true), base.data)),
      () => {
        const v = pick(['1', 'null', '{"a":"b"}', '["pt"]', 'true', '1.5', '[]']);
        return mk('metadata', `a value written as ${v}`, 'invalid', withEntries(fresh(), {}, `{"format":"pt","x":${v}}`));
      },
      () => {
        const v = pick(['[]', '["format","pt"]', '"pt"', '1', 'null', 'true', '[["format","pt"]]']);
        return mk('metadata', `metadata written as ${v}`, 'invalid', withEntries(fresh(), {}, v));
      },
      () => mk('metadata', 'a key twice in the metadata', 'invalid', withEntries(fresh(), {}, '{"format":"pt","format":"np"}')),
      () => mk('metadata', '__metadata__ twice', 'invalid', fileOf(headerText(fresh(), j({ format: 'pt' })).replace(/}$/, ',"__metadata__":{}}'), base.data)),
    ],
    values: [
      () => {
        const i = pick(floats);
        const v = pick([NaN, Infinity, -Infinity]);
        return mk(
          'values',
          `${v} in tensor ${i}`,
          'values',
          withValues(i, (f) => (f[int(0, f.length - 1)] = v)),
        );
      },
      () => {
        const i = pick(floats);
        const bits = pick([0x7fc00001, 0x7f800001, 0xffffffff, 0x7fbfffff]);
        return mk(
          'values',
          `NaN bits 0x${bits.toString(16)} in tensor ${i}`,
          'values',
          withValues(i, (f) => (new Uint32Array(f.buffer)[int(0, f.length - 1)] = bits)),
        );
      },
      () => {
        const ks = new Set(Array.from({ length: int(2, 20) }, () => pick(floats)));
        return mk(
          'values',
          `NaN in ${ks.size} tensors`,
          'values',
          rebuilt((ts) =>
            ts.map((t, n) => {
              if (!ks.has(n)) return t;
              const f = new Float32Array(t.bytes.slice().buffer);
              for (let m = 0; m < int(1, 5); m++) f[int(0, f.length - 1)] = NaN;
              return { ...t, bytes: floatBytes(f) };
            }),
          ),
        );
      },
      () => {
        const i = pick(vars);
        return mk(
          'values',
          `negative running_var in tensor ${i}`,
          'values',
          withValues(i, (f) => (f[int(0, f.length - 1)] = -pick([1e-6, 0.5, 3]))),
        );
      },
      () => {
        const i = pick(floats);
        return mk(
          'values',
          `all of tensor ${i} NaN`,
          'values',
          withValues(i, (f) => f.fill(NaN)),
        );
      },
      () => {
        const i = pick(floats.filter((x) => tensors[x].role !== 'running_var'));
        const v = pick([3.4e38, -3.4e38, 1e-45, -0, 0, 1e-38]);
        return mk(
          'values',
          `finite extreme ${v} in tensor ${i}`,
          'valid',
          withValues(i, (f) => (f[int(0, f.length - 1)] = v)),
        );
      },
      () => {
        const i = pick(vars);
        return mk(
          'values',
          `zero running_var in tensor ${i}`,
          'valid',
          withValues(i, (f) => (f[int(0, f.length - 1)] = 0)),
        );
      },
      () => {
        const i = pick(floats.filter((x) => tensors[x].role !== 'running_var'));
        return mk(
          'values',
          `negative values in tensor ${i} (not a variance)`,
          'valid',
          withValues(i, (f) => (f[int(0, f.length - 1)] = -1)),
        );
      },
      () => {
        const i = pick(floats);
        return mk(
          'values',
          `F16 infinity in tensor ${i}`,
          'values',
          rebuilt((ts) => {
            const f = new Float32Array(ts[i].bytes.slice().buffer);
            const out = new Uint8Array(f.length * 2);
            const dv = new DataView(out.buffer);
            for (let n = 0; n < f.length; n++) dv.setUint16(n * 2, halfBits(f[n]), true);
            dv.setUint16(2 * int(0, f.length - 1), pick([0x7c00, 0xfc00, 0x7e00]), true);
            ts[i] = { ...ts[i], dtype: 'F16', bytes: out };
            return ts;
          }),
        );
      },
    ],
  };
}
