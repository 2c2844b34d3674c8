/**
 * PyTorch -> tfjs layout conversions on plain typed arrays (done once at weight-load time, on the
 * CPU, so they behave the same on every backend).
 */

/** Conv weight OIHW [out, in, kh, kw] -> HWIO [kh, kw, in, out] (tf.conv2d's filter layout). */
export function oihwToHwio(w: Float32Array, out: number, inC: number, kh: number, kw: number): Float32Array {
  const f = new Float32Array(w.length);
  for (let o = 0; o < out; o++)
    for (let c = 0; c < inC; c++)
      for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) f[((i * kw + j) * inC + c) * out + o] = w[((o * inC + c) * kh + i) * kw + j];
  return f;
}

/**
 * Depthwise weight [C*mult, 1, kh, kw] -> [kh, kw, C, mult]. PyTorch's output channel c*mult + m
 * and tfjs' depthwise output channel c*mult + m coincide, so this is a plain transpose.
 */
export function depthwiseToTf(w: Float32Array, channels: number, mult: number, kh: number, kw: number): Float32Array {
  const f = new Float32Array(w.length);
  for (let c = 0; c < channels; c++)
    for (let m = 0; m < mult; m++)
      for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) f[((i * kw + j) * channels + c) * mult + m] = w[((c * mult + m) * kh + i) * kw + j];
  return f;
}

/** Linear weight [out, in] -> [in, out] so that y = x . W. */
export function linearToTf(w: Float32Array, outF: number, inF: number): Float32Array {
  const f = new Float32Array(w.length);
  for (let o = 0; o < outF; o++) for (let i = 0; i < inF; i++) f[i * outF + o] = w[o * inF + i];
  return f;
}

/** NCHW -> NHWC for a flat array. */
export function nchwToNhwc(x: Float32Array, n: number, c: number, h: number, w: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let b = 0; b < n; b++)
    for (let ch = 0; ch < c; ch++)
      for (let y = 0; y < h; y++) for (let xx = 0; xx < w; xx++) out[((b * h + y) * w + xx) * c + ch] = x[((b * c + ch) * h + y) * w + xx];
  return out;
}

/** NHWC -> NCHW for a flat array. */
export function nhwcToNchw(x: Float32Array | Int32Array | Uint8Array, n: number, h: number, w: number, c: number): Float32Array {
  const out = new Float32Array(x.length);
  for (let b = 0; b < n; b++)
    for (let y = 0; y < h; y++)
      for (let xx = 0; xx < w; xx++) for (let ch = 0; ch < c; ch++) out[((b * c + ch) * h + y) * w + xx] = x[((b * h + y) * w + xx) * c + ch];
  return out;
}

/**
 * Eval-mode BatchNorm as y = x * scale + shift, folded in float64 and rounded once to float32:
 * scale = gamma / sqrt(var + eps), shift = beta - mean * scale (what PyTorch's CPU inference
 * kernel precomputes as alpha/beta).
 */
export function foldBatchNorm(
  gamma: Float32Array,
  beta: Float32Array,
  mean: Float32Array,
  variance: Float32Array,
  eps: number,
): { scale: Float32Array; shift: Float32Array } {
  const n = gamma.length;
  const scale = new Float32Array(n);
  const shift = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const s = gamma[i] / Math.sqrt(variance[i] + eps);
    scale[i] = s;
    shift[i] = beta[i] - mean[i] * s;
  }
  return { scale, shift };
}
