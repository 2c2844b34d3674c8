/** Mutations of tensor entries: data_offsets, dtypes, shapes. */
import { type FuzzContext, type Variants, concat, fileOf, halfBits, headerText, j, layout, shapeText } from './base';

const PROTO_NAMES = [
  'toString',
  'hasOwnProperty',
  '__proto__',
  'constructor',
  'valueOf',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  '__defineGetter__',
  '__lookupSetter__',
];
const BAD_DTYPES = ['f32', 'F32 ', ' F32', 'float32', '', 'U4', 'F8_E8M0', 'C64', 'F4', 'F6_E2M3', 'I4', 'FP32', 'F 32', 'F32\u0000', 'F\u202e23'];
const BAD_DTYPE_VALUES = ['32', 'null', '["F32"]', '{"F32":1}', 'true', '4.0'];

export function entryClasses(c: FuzzContext): Record<'offsets' | 'dtypes' | 'shapes', Variants> {
  const { int, pick, fresh, withEntries, mk, rebuilt, tensors, base, baseHeader, floats, big } = c;
  return {
    offsets: [
      () => {
        const e = fresh();
        const i = int(0, e.length - 1);
        const k = pick([-16, -8, -4, -1, 1, 4, 8, 16]);
        const b = base.begins[i] + k;
        if (b < 0)
          return mk(
            'offsets',
            'tensor 0 shifted back (negative)',
            'invalid',
            withEntries(e.map((x, n) => (n === 0 ? { ...x, offsets: `[${b},${b + tensors[0].bytes.length}]` } : x))),
          );
        e[i].offsets = `[${b},${b + tensors[i].bytes.length}]`;
        return mk('offsets', `tensor ${i} shifted by ${k}`, 'invalid', withEntries(e));
      },
      () => {
        const e = fresh();
        const i = pick(floats);
        e[i].offsets = `[${base.begins[i] + tensors[i].bytes.length},${base.begins[i]}]`;
        return mk('offsets', 'begin and end swapped', 'invalid', withEntries(e));
      },
      () => {
        const e = fresh();
        const i = int(0, e.length - 1);
        const b = base.begins[i];
        const en = b + tensors[i].bytes.length;
        e[i].offsets = pick([
          `[${b}]`,
          `[${b},${en},${en}]`,
          '[]',
          `["${b}","${en}"]`,
          `[${b}.0,${en}.0]`,
          `[${b}e0,${en}e0]`,
          `[${b},${en}.5]`,
          `[-0,${en}]`,
          `[${b},9007199254740993]`,
          'null',
          `{"begin":${b},"end":${en}}`,
          `[${b},null]`,
          `[[${b}],[${en}]]`,
        ]);
        if (e[i].offsets === `[-0,${en}]` && b !== 0) e[i].offsets = `[-${b},${en}]`;
        return mk('offsets', `offsets written as ${e[i].offsets.slice(0, 30)}`, 'invalid', withEntries(e));
      },
      () => {
        // The hidden overlap: tensor i moved 4 bytes into its predecessor, behind a zero-length entry.
        const e = fresh();
        const i = pick(big.filter((x) => x > 0));
        const b = base.begins[i] - 4;
        e[i].offsets = `[${b},${b + tensors[i].bytes.length}]`;
        e.push({ key: j('extra.num_batches_tracked'), dtype: '"I64"', shape: '[0]', offsets: `[${b},${b}]`, extra: '' });
        return mk('offsets', 'overlap behind a zero-length entry', 'invalid', withEntries(e));
      },
      () => {
        // A zero-length entry inside another tensor's bytes.
        const e = fresh();
        const i = pick(big);
        const b = base.begins[i] + 4 * int(1, tensors[i].bytes.length / 4 - 1);
        e.push({ key: j('extra.num_batches_tracked'), dtype: '"I64"', shape: '[0]', offsets: `[${b},${b}]`, extra: '' });
        return mk('offsets', 'zero-length entry inside a tensor', 'invalid', withEntries(e));
      },
      () => {
        const e = fresh();
        const i = int(0, e.length - 1);
        const k = int(1, 64);
        for (let n = 0; n < e.length; n++)
          if (base.begins[n] > base.begins[i]) e[n].offsets = `[${base.begins[n] + k},${base.begins[n] + k + tensors[n].bytes.length}]`;
        const at = base.begins[i] + tensors[i].bytes.length;
        const data = concat(base.data.subarray(0, at), new Uint8Array(k), base.data.subarray(at));
        return mk('offsets', `hole of ${k} bytes after tensor ${i}`, 'invalid', fileOf(headerText(e), data));
      },
      () =>
        mk(
          'offsets',
          'bytes after the last tensor',
          'invalid',
          fileOf(
            baseHeader,
            concat(
              base.data,
              new Uint8Array(int(1, 64)).map(() => int(0, 255)),
            ),
          ),
        ),
      () => {
        const e = fresh();
        const i = pick(floats);
        e[i].offsets = `[${base.begins[i]},${base.begins[i]}]`;
        return mk('offsets', 'empty range for a non-empty tensor', 'invalid', withEntries(e));
      },
      () => {
        const order = tensors.map((_, i) => i);
        for (let n = order.length - 1; n > 0; n--) {
          const m = int(0, n);
          [order[n], order[m]] = [order[m], order[n]];
        }
        const l = layout(tensors, order);
        return mk('offsets', 'data laid out in another order', 'valid', fileOf(headerText(l.entries), l.data));
      },
      () => {
        const e = fresh();
        for (let n = e.length - 1; n > 0; n--) {
          const m = int(0, n);
          [e[n], e[m]] = [e[m], e[n]];
        }
        return mk('offsets', 'header entries in another order', 'valid', withEntries(e));
      },
      () => {
        const e = fresh();
        const i = int(0, e.length - 1);
        const b = base.begins[i];
        e.push({ key: j('extra.num_batches_tracked'), dtype: '"I64"', shape: '[0]', offsets: `[${b},${b}]`, extra: '' });
        return mk('offsets', 'zero-length entry at a tensor boundary', 'valid', withEntries(e));
      },
      () => {
        const e = fresh();
        const i = int(0, e.length - 1);
        e[i].offsets = e[i].offsets.replace('[', '[ ').replace(',', ' , ').replace(']', ' ]');
        return mk('offsets', 'offsets with whitespace', 'valid', withEntries(e));
      },
    ],
    dtypes: [
      () => {
        const e = fresh();
        const i = pick(floats);
        const d = pick(PROTO_NAMES);
        e[i].dtype = j(d);
        return mk('dtypes', `dtype ${d}`, 'invalid', withEntries(e));
      },
      () => {
        const e = fresh();
        const i = pick(floats);
        const d = pick(BAD_DTYPES);
        e[i].dtype = j(d);
        return mk('dtypes', `dtype ${j(d)}`, 'invalid', withEntries(e));
      },
      () => {
        const e = fresh();
        const i = pick(floats);
        e[i].dtype = pick(BAD_DTYPE_VALUES);
        return mk('dtypes', `dtype written as ${e[i].dtype}`, 'invalid', withEntries(e));
      },
      () => {
        const e = fresh();
        const i = pick(floats);
        e[i].value = `{"shape":${e[i].shape},"data_offsets":${e[i].offsets}}`;
        return mk('dtypes', 'dtype missing', 'invalid', withEntries(e));
      },
      () => {
        const e = fresh();
        const i = pick(floats);
        const d = pick(['F16', 'BF16', 'F64', 'U8', 'I64', 'BOOL', 'F8_E4M3']);
        e[i].dtype = j(d);
        return mk('dtypes', `dtype ${d} with F32's byte range`, 'invalid', withEntries(e));
      },
      () => {
        const e = fresh();
        const i = pick(floats);
        const d = pick(['I32', 'U32']);
        e[i].dtype = j(d);
        return mk('dtypes', `dtype ${d} (same size, integers)`, 'misfit', withEntries(e));
      },
      () => {
        const e = fresh();
        const i = pick(floats);
        const d = pick(['U8', 'I8', 'BOOL', 'F8_E5M2', 'F8_E4M3']);
        e[i].dtype = j(d);
        e[i].shape = shapeText([...tensors[i].shape, 4]);
        return mk('dtypes', `dtype ${d} with shape × 4`, 'misfit', withEntries(e));
      },
      () => {
        const d = pick(['F16', 'BF16', 'F64'] as const);
        const i = pick(floats);
        return mk(
          'dtypes',
          `tensor ${i} stored as ${d}`,
          'valid',
          rebuilt((ts) => {
            const f = new Float32Array(ts[i].bytes.slice().buffer);
            const size = d === 'F64' ? 8 : 2;
            const out = new Uint8Array(f.length * size);
            const dv = new DataView(out.buffer);
            for (let n = 0; n < f.length; n++) {
              // BN variances are 1 and weights are small: all exactly or nearly representable.
              if (d === 'F64') dv.setFloat64(n * 8, f[n], true);
              else if (d === 'BF16') dv.setUint16(n * 2, new Uint32Array(new Float32Array([f[n]]).buffer)[0] >>> 16, true);
              else dv.setUint16(n * 2, halfBits(f[n]), true);
            }
            ts[i] = { ...ts[i], dtype: d, bytes: out };
            return ts;
          }),
        );
      },
    ],
    shapes: [
      () => {
        const e = fresh();
        const i = pick(floats);
        const s = [...tensors[i].shape];
        const d = int(0, Math.max(0, s.length - 1));
        const bad = pick([
          `-${s[d] ?? 1}`,
          `${s[d] ?? 1}.0`,
          `${s[d] ?? 1}e0`,
          `"${s[d] ?? 1}"`,
          'null',
          `[${s[d] ?? 1}]`,
          'true',
          '9007199254740993',
          '1e400',
        ]);
        e[i].shape = s.length ? `[${s.map((x, n) => (n === d ? bad : String(x))).join(',')}]` : `[${bad}]`;
        return mk('shapes', `dimension written as ${bad}`, 'invalid', withEntries(e));
      },
      () => {
        const e = fresh();
        const i = pick(floats);
        e[i].shape = pick([String(tensors[i].shape[0]), 'null', '"[24]"', '{}', `{"0":${tensors[i].shape[0]}}`]);
        return mk('shapes', `shape written as ${e[i].shape}`, 'invalid', withEntries(e));
      },
      () => {
        const e = fresh();
        const i = pick(floats);
        e[i].value = `{"dtype":"F32","data_offsets":${e[i].offsets}}`;
        return mk('shapes', 'shape missing', 'invalid', withEntries(e));
      },
      () => {
        // Deep nesting where the shape goes: the old reader's error message serialised it whole.
        const e = fresh();
        const i = pick(floats);
        const d = pick([100, 10_000, 200_000]);
        e[i].shape = `${'['.repeat(d)}1${']'.repeat(d)}`;
        return mk('shapes', `shape nested ${d} deep`, 'invalid', withEntries(e));
      },
      () => {
        const e = fresh();
        const i = pick(floats);
        const r = int(9, 16);
        e[i].shape = shapeText([...tensors[i].shape, ...new Array<number>(r - tensors[i].shape.length).fill(1)]);
        return mk('shapes', `rank ${r} (same element count)`, 'invalid', withEntries(e));
      },
      () => {
        const e = fresh();
        const i = pick(floats);
        const n = pick([10_000, 1_000_000]);
        e[i].shape = `[${new Array(n).fill(pick([0, 1])).join(',')}]`;
        return mk('shapes', `shape of ${n} entries`, 'invalid', withEntries(e));
      },
      () => {
        const e = fresh();
        const i = pick(floats);
        e[i].shape = pick(['[9007199254740991,2]', '[2147483648,2147483648,2147483648]', '[4294967296,4294967296]', '[9007199254740991]']);
        return mk('shapes', `huge shape ${e[i].shape}`, 'invalid', withEntries(e));
      },
      () => {
        const e = fresh();
        const i = pick(floats);
        const s = [...tensors[i].shape];
        const d = int(0, s.length - 1);
        s[d] = s[d] * pick([2, 3]) + pick([0, 1]);
        e[i].shape = shapeText(s);
        return mk('shapes', 'element count differs from the byte range', 'invalid', withEntries(e));
      },
      () => {
        const e = fresh();
        const i = pick(floats.filter((x) => tensors[x].bytes.length > 4));
        e[i].shape = '[]';
        return mk('shapes', 'scalar shape for a tensor', 'invalid', withEntries(e));
      },
      () => {
        const e = fresh();
        const i = pick(floats.filter((x) => tensors[x].shape.length > 2));
        const s = tensors[i].shape;
        e[i].shape = shapeText([s[0], s.slice(1).reduce((a, b) => a * b, 1)]);
        return mk('shapes', 'reshaped to 2-D (same bytes)', 'misfit', withEntries(e));
      },
      () => {
        const e = fresh();
        const i = pick(floats);
        e[i].shape = shapeText([...tensors[i].shape, ...new Array<number>(8 - tensors[i].shape.length).fill(1)]);
        return mk('shapes', 'rank 8 (the largest allowed)', 'misfit', withEntries(e));
      },
      () => {
        const e = fresh();
        const i = pick(floats);
        e[i].shape = e[i].shape.replace(/,/g, ' , ').replace('[', '[ ');
        return mk('shapes', 'shape with whitespace', 'valid', withEntries(e));
      },
    ],
  };
}
