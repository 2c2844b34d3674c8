/** Naive float64 reference implementations in PyTorch layout (NCHW), for tests. */

/** Grouped Conv2d, NCHW input [1, inC, h, w], weight [outC, inC/groups, kh, kw]. */
export function naiveConv2d(
  x: Float32Array,
  [inC, h, w]: [number, number, number],
  wt: Float32Array,
  o: { outC: number; k: [number, number]; s: [number, number]; p: [number, number]; groups: number },
): { data: Float64Array; shape: [number, number, number] } {
  const [kh, kw] = o.k;
  const ho = Math.floor((h + 2 * o.p[0] - kh) / o.s[0]) + 1;
  const wo = Math.floor((w + 2 * o.p[1] - kw) / o.s[1]) + 1;
  const cgIn = inC / o.groups;
  const cgOut = o.outC / o.groups;
  const out = new Float64Array(o.outC * ho * wo);
  for (let oc = 0; oc < o.outC; oc++) {
    const g = Math.floor(oc / cgOut);
    for (let y = 0; y < ho; y++)
      for (let xx = 0; xx < wo; xx++) {
        let s = 0;
        for (let ci = 0; ci < cgIn; ci++)
          for (let i = 0; i < kh; i++)
            for (let j = 0; j < kw; j++) {
              const iy = y * o.s[0] - o.p[0] + i;
              const ix = xx * o.s[1] - o.p[1] + j;
              if (iy < 0 || ix < 0 || iy >= h || ix >= w) continue;
              s += x[((g * cgIn + ci) * h + iy) * w + ix] * wt[((oc * cgIn + ci) * kh + i) * kw + j];
            }
        out[(oc * ho + y) * wo + xx] = s;
      }
  }
  return { data: out, shape: [o.outC, ho, wo] };
}

/** PyTorch pooling on one [C,H,W] map (max, or avg with count_include_pad=True and ceil clipping). */
export function naivePool(
  x: Float32Array,
  [c, h, w]: [number, number, number],
  o: { kind: 'max' | 'avg'; k: number; s: number; p: number; ceil: boolean },
): { data: Float64Array; shape: [number, number, number] } {
  const size = (n: number) => {
    const span = n + 2 * o.p - o.k;
    let out = (o.ceil ? Math.ceil(span / o.s) : Math.floor(span / o.s)) + 1;
    if (o.ceil && (out - 1) * o.s >= n + o.p) out -= 1;
    return out;
  };
  const ho = size(h);
  const wo = size(w);
  const out = new Float64Array(c * ho * wo);
  for (let ch = 0; ch < c; ch++)
    for (let y = 0; y < ho; y++)
      for (let xx = 0; xx < wo; xx++) {
        const hs = y * o.s - o.p;
        const ws = xx * o.s - o.p;
        const he = Math.min(hs + o.k, h + o.p);
        const we = Math.min(ws + o.k, w + o.p);
        const div = (he - hs) * (we - ws);
        let m = -Infinity;
        let s = 0;
        for (let iy = Math.max(hs, 0); iy < Math.min(he, h); iy++)
          for (let ix = Math.max(ws, 0); ix < Math.min(we, w); ix++) {
            const v = x[(ch * h + iy) * w + ix];
            m = Math.max(m, v);
            s += v;
          }
        out[(ch * ho + y) * wo + xx] = o.kind === 'max' ? m : s / div;
      }
  return { data: out, shape: [c, ho, wo] };
}
