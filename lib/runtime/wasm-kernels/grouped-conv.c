/*
 * Grouped 2-D convolution, NHWC, float32, WebAssembly SIMD: Layerwise's hand-written kernels (and
 * the channel gather at the bottom).
 *
 * Why it exists: tfjs has no grouped convolution, and its best stand-in on wasm (groupconv.ts,
 * 'packed') hands XNNPACK a depthwise conv that sees one input channel per tap, which runs
 * ResNeXt's grouped 3x3 layers at 7-17 GFLOP/s against 30-35 for the dense layers beside them
 * (scripts/bench-groupconv.ts). This computes each group's sum over (tap, input channel) directly,
 * on tfjs's own heap: the module imports tfjs-backend-wasm's memory and owns no memory itself.
 *
 * RULES THIS FILE KEEPS, because the memory is tfjs's: no static data, no globals, no stack
 * (no local arrays, nothing whose address is taken across a call that is not inlined).
 * scripts/build-wasm-kernels.sh refuses a binary that reads or writes a global (the linker's stack
 * pointer) or has data; lib/runtime/wasm-kernels/binary.test.ts runs the kernels in a memory full
 * of sentinels and checks they wrote nothing but their outputs.
 *
 * Layouts (all float offsets are from the pointers given):
 *   x  [n, h, w, c]              c = groups * cgIn, group g's channels at g*cgIn + ci
 *   y  [n, ho, wo, groups*cgOut]
 *   wp [groups][cgOut/4][kh][kw][cgIn][4]: weight of output g*cgOut + 4*b + j from input ci at
 *      tap (ky, kx); bias [groups*cgOut]. Both already carry any folded BatchNorm.
 * The sum starts from the bias and adds taps in (ky, kx, ci) order, then the activation (none,
 * ReLU or ReLU6). With groups = 1 it is a dense convolution, which the executor also runs here.
 *
 * Speed: one function per channel count (CONV below). The same code inlined into one large entry
 * point ran 2-3x slower in V8 (Node 20: 12-20 against 25-50 GFLOP/s on ResNeXt-50's grouped
 * layers). Per (tap, input channel) a tile does 1-2 weight loads, 4-8 broadcast loads, 8 mul and
 * 8 add for 32 multiply-adds, with 8 independent accumulators (wasm SIMD has no fused
 * multiply-add; 8 chains hide the add latency).
 */
#include <wasm_simd128.h>

#define INLINE static inline __attribute__((always_inline))

typedef struct {
  int h, w, c, ho, wo, oc, cgin, cgout, kh, kw, sh, sw, ph, pw, act;
} geom_t;

/* The activation after the bias: 0 none, 1 ReLU, 2 ReLU6 (pmax/pmin: one instruction each). */
INLINE v128_t act(v128_t v, int a) {
  if (a == 0) return v;
  v = wasm_f32x4_pmax(v, wasm_f32x4_splat(0.f));
  return a == 2 ? wasm_f32x4_pmin(v, wasm_f32x4_splat(6.f)) : v;
}

/*
 * One output pixel, every 4-channel block of group g, bounds-checked taps: the image border.
 * Four accumulators over ci mod 4 keep four add chains in flight.
 */
INLINE void pixel(const float *x, float *y, const float *wg, const float *bg, const geom_t *G, int iy0, int ix0, int cgin) {
  const int taps = G->kh * G->kw;
  for (int b = 0; b < G->cgout / 4; b++) {
    const float *wb = wg + b * taps * cgin * 4;
    v128_t a0 = wasm_v128_load(bg + 4 * b), a1 = wasm_f32x4_splat(0.f), a2 = a1, a3 = a1;
    for (int ky = 0; ky < G->kh; ky++) {
      const int iy = iy0 + ky;
      if (iy < 0 || iy >= G->h) continue;
      for (int kx = 0; kx < G->kw; kx++) {
        const int ix = ix0 + kx;
        if (ix < 0 || ix >= G->w) continue;
        const float *xp = x + (iy * G->w + ix) * G->c;
        const float *wp = wb + (ky * G->kw + kx) * cgin * 4;
        int ci = 0;
        for (; ci + 4 <= cgin; ci += 4) {
          a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(wasm_v128_load32_splat(xp + ci), wasm_v128_load(wp + 4 * ci)));
          a1 = wasm_f32x4_add(a1, wasm_f32x4_mul(wasm_v128_load32_splat(xp + ci + 1), wasm_v128_load(wp + 4 * ci + 4)));
          a2 = wasm_f32x4_add(a2, wasm_f32x4_mul(wasm_v128_load32_splat(xp + ci + 2), wasm_v128_load(wp + 4 * ci + 8)));
          a3 = wasm_f32x4_add(a3, wasm_f32x4_mul(wasm_v128_load32_splat(xp + ci + 3), wasm_v128_load(wp + 4 * ci + 12)));
        }
        for (; ci < cgin; ci++) a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(wasm_v128_load32_splat(xp + ci), wasm_v128_load(wp + 4 * ci)));
      }
    }
    wasm_v128_store(y + 4 * b, act(wasm_f32x4_add(wasm_f32x4_add(a0, a1), wasm_f32x4_add(a2, a3)), G->act));
  }
}

/*
 * 8 output pixels along the row x 4 output channels (one block), every tap inside the image
 * horizontally. x0 and wb are at the first tap row inside the image, and `rows` rows are inside.
 * ps = sw * c, the step between the tile's input pixels.
 */
INLINE void tile8x4(const float *x0, float *y0, const float *wb, const float *bb, const geom_t *G, int rows, int cgin) {
  const int ps = G->sw * G->c, os = G->oc;
  const v128_t bias = wasm_v128_load(bb);
  v128_t a0 = bias, a1 = bias, a2 = bias, a3 = bias, a4 = bias, a5 = bias, a6 = bias, a7 = bias;
  for (int ky = 0; ky < rows; ky++)
    for (int kx = 0; kx < G->kw; kx++) {
      const float *xp = x0 + (ky * G->w + kx) * G->c;
      const float *wp = wb + (ky * G->kw + kx) * cgin * 4;
      for (int ci = 0; ci < cgin; ci++) {
        const v128_t wv = wasm_v128_load(wp + 4 * ci);
        const float *xc = xp + ci;
        a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(wasm_v128_load32_splat(xc), wv));
        a1 = wasm_f32x4_add(a1, wasm_f32x4_mul(wasm_v128_load32_splat(xc + ps), wv));
        a2 = wasm_f32x4_add(a2, wasm_f32x4_mul(wasm_v128_load32_splat(xc + 2 * ps), wv));
        a3 = wasm_f32x4_add(a3, wasm_f32x4_mul(wasm_v128_load32_splat(xc + 3 * ps), wv));
        a4 = wasm_f32x4_add(a4, wasm_f32x4_mul(wasm_v128_load32_splat(xc + 4 * ps), wv));
        a5 = wasm_f32x4_add(a5, wasm_f32x4_mul(wasm_v128_load32_splat(xc + 5 * ps), wv));
        a6 = wasm_f32x4_add(a6, wasm_f32x4_mul(wasm_v128_load32_splat(xc + 6 * ps), wv));
        a7 = wasm_f32x4_add(a7, wasm_f32x4_mul(wasm_v128_load32_splat(xc + 7 * ps), wv));
      }
    }
  const int r = G->act;
  wasm_v128_store(y0, act(a0, r));
  wasm_v128_store(y0 + os, act(a1, r));
  wasm_v128_store(y0 + 2 * os, act(a2, r));
  wasm_v128_store(y0 + 3 * os, act(a3, r));
  wasm_v128_store(y0 + 4 * os, act(a4, r));
  wasm_v128_store(y0 + 5 * os, act(a5, r));
  wasm_v128_store(y0 + 6 * os, act(a6, r));
  wasm_v128_store(y0 + 7 * os, act(a7, r));
}

/* 4 output pixels x 4 output channels: a group's odd last block beside 4x8 tiles. */
INLINE void tile4x4(const float *x0, float *y0, const float *wb, const float *bb, const geom_t *G, int rows, int cgin) {
  const int ps = G->sw * G->c, os = G->oc;
  const v128_t bias = wasm_v128_load(bb);
  v128_t a0 = bias, a1 = bias, a2 = bias, a3 = bias;
  for (int ky = 0; ky < rows; ky++)
    for (int kx = 0; kx < G->kw; kx++) {
      const float *xp = x0 + (ky * G->w + kx) * G->c;
      const float *wp = wb + (ky * G->kw + kx) * cgin * 4;
      for (int ci = 0; ci < cgin; ci++) {
        const v128_t wv = wasm_v128_load(wp + 4 * ci);
        const float *xc = xp + ci;
        a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(wasm_v128_load32_splat(xc), wv));
        a1 = wasm_f32x4_add(a1, wasm_f32x4_mul(wasm_v128_load32_splat(xc + ps), wv));
        a2 = wasm_f32x4_add(a2, wasm_f32x4_mul(wasm_v128_load32_splat(xc + 2 * ps), wv));
        a3 = wasm_f32x4_add(a3, wasm_f32x4_mul(wasm_v128_load32_splat(xc + 3 * ps), wv));
      }
    }
  const int r = G->act;
  wasm_v128_store(y0, act(a0, r));
  wasm_v128_store(y0 + os, act(a1, r));
  wasm_v128_store(y0 + 2 * os, act(a2, r));
  wasm_v128_store(y0 + 3 * os, act(a3, r));
}

/*
 * 4 output pixels x 2 groups of 4 output channels (groups g and g+1: their inputs are cgin floats
 * apart, their weights gs floats apart). For cgOut = 4 this beats 8x4: 4 pixel pointers instead of
 * 8, with the second group's loads at constant offsets.
 */
INLINE void tile4x4x2(const float *x0, float *y0, const float *wb, int gs, const float *bb, const geom_t *G, int rows, int cgin) {
  const int ps = G->sw * G->c, os = G->oc;
  const v128_t b0 = wasm_v128_load(bb), b1 = wasm_v128_load(bb + 4);
  v128_t a0 = b0, a1 = b0, a2 = b0, a3 = b0, c0 = b1, c1 = b1, c2 = b1, c3 = b1;
  for (int ky = 0; ky < rows; ky++)
    for (int kx = 0; kx < G->kw; kx++) {
      const float *xp = x0 + (ky * G->w + kx) * G->c;
      const float *wp = wb + (ky * G->kw + kx) * cgin * 4;
      for (int ci = 0; ci < cgin; ci++) {
        const v128_t w0 = wasm_v128_load(wp + 4 * ci), w1 = wasm_v128_load(wp + gs + 4 * ci);
        const float *xc = xp + ci;
        a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(wasm_v128_load32_splat(xc), w0));
        c0 = wasm_f32x4_add(c0, wasm_f32x4_mul(wasm_v128_load32_splat(xc + cgin), w1));
        a1 = wasm_f32x4_add(a1, wasm_f32x4_mul(wasm_v128_load32_splat(xc + ps), w0));
        c1 = wasm_f32x4_add(c1, wasm_f32x4_mul(wasm_v128_load32_splat(xc + ps + cgin), w1));
        a2 = wasm_f32x4_add(a2, wasm_f32x4_mul(wasm_v128_load32_splat(xc + 2 * ps), w0));
        c2 = wasm_f32x4_add(c2, wasm_f32x4_mul(wasm_v128_load32_splat(xc + 2 * ps + cgin), w1));
        a3 = wasm_f32x4_add(a3, wasm_f32x4_mul(wasm_v128_load32_splat(xc + 3 * ps), w0));
        c3 = wasm_f32x4_add(c3, wasm_f32x4_mul(wasm_v128_load32_splat(xc + 3 * ps + cgin), w1));
      }
    }
  const int r = G->act;
  wasm_v128_store(y0, act(a0, r));
  wasm_v128_store(y0 + 4, act(c0, r));
  wasm_v128_store(y0 + os, act(a1, r));
  wasm_v128_store(y0 + os + 4, act(c1, r));
  wasm_v128_store(y0 + 2 * os, act(a2, r));
  wasm_v128_store(y0 + 2 * os + 4, act(c2, r));
  wasm_v128_store(y0 + 3 * os, act(a3, r));
  wasm_v128_store(y0 + 3 * os + 4, act(c3, r));
}

/* 4 output pixels x 8 output channels (blocks b and b+1, `bs` floats apart in wp). */
INLINE void tile4x8(const float *x0, float *y0, const float *wb, int bs, const float *bb, const geom_t *G, int rows, int cgin) {
  const int ps = G->sw * G->c, os = G->oc;
  const v128_t b0 = wasm_v128_load(bb), b1 = wasm_v128_load(bb + 4);
  v128_t a0 = b0, a1 = b0, a2 = b0, a3 = b0, c0 = b1, c1 = b1, c2 = b1, c3 = b1;
  for (int ky = 0; ky < rows; ky++)
    for (int kx = 0; kx < G->kw; kx++) {
      const float *xp = x0 + (ky * G->w + kx) * G->c;
      const float *wp = wb + (ky * G->kw + kx) * cgin * 4;
      for (int ci = 0; ci < cgin; ci++) {
        const v128_t w0 = wasm_v128_load(wp + 4 * ci), w1 = wasm_v128_load(wp + bs + 4 * ci);
        const float *xc = xp + ci;
        const v128_t x0v = wasm_v128_load32_splat(xc), x1v = wasm_v128_load32_splat(xc + ps);
        const v128_t x2v = wasm_v128_load32_splat(xc + 2 * ps), x3v = wasm_v128_load32_splat(xc + 3 * ps);
        a0 = wasm_f32x4_add(a0, wasm_f32x4_mul(x0v, w0));
        c0 = wasm_f32x4_add(c0, wasm_f32x4_mul(x0v, w1));
        a1 = wasm_f32x4_add(a1, wasm_f32x4_mul(x1v, w0));
        c1 = wasm_f32x4_add(c1, wasm_f32x4_mul(x1v, w1));
        a2 = wasm_f32x4_add(a2, wasm_f32x4_mul(x2v, w0));
        c2 = wasm_f32x4_add(c2, wasm_f32x4_mul(x2v, w1));
        a3 = wasm_f32x4_add(a3, wasm_f32x4_mul(x3v, w0));
        c3 = wasm_f32x4_add(c3, wasm_f32x4_mul(x3v, w1));
      }
    }
  const int r = G->act;
  wasm_v128_store(y0, act(a0, r));
  wasm_v128_store(y0 + 4, act(c0, r));
  wasm_v128_store(y0 + os, act(a1, r));
  wasm_v128_store(y0 + os + 4, act(c1, r));
  wasm_v128_store(y0 + 2 * os, act(a2, r));
  wasm_v128_store(y0 + 2 * os + 4, act(c2, r));
  wasm_v128_store(y0 + 3 * os, act(a3, r));
  wasm_v128_store(y0 + 3 * os + 4, act(c3, r));
}

/*
 * The whole convolution for one image. Per output row: the border pixels (some tap outside the
 * image horizontally) one at a time, the interior in tiles; a last tile that would run past the
 * interior is moved back to end at its edge (recomputing a few pixels, identically), unless half
 * a tile or less is left, which goes pixel by pixel.
 * Tiles: 4 pixels x 8 channels of one group (and 4 x 4 for an odd last block) when cgOut >= 8;
 * 4 pixels x 4 channels of two groups when cgOut = 4 and the groups pair up; else 8 x 4.
 */
INLINE void conv(const float *x, float *y, const float *w, const float *bias, const geom_t *G, int cgin) {
  const int taps = G->kh * G->kw, bs = taps * cgin * 4, nb = G->cgout / 4;
  const int groups = G->c / cgin;
  /* Interior columns: ox*sw - pw >= 0 and ox*sw - pw + kw - 1 <= w - 1. */
  int xa = (G->pw + G->sw - 1) / G->sw, xb = (G->w - G->kw + G->pw) / G->sw + 1;
  if (xb > G->wo) xb = G->wo;
  if (xa > xb) xa = xb;
  const int pairs = nb == 1 && groups % 2 == 0;
  const int t = (nb & 1) && !pairs ? 8 : 4;
  const int gstep = pairs ? 2 : 1;
  const int tiled = xb - xa >= t;
  /* Interior pixels past the last whole tile: at most half a tile go one at a time (cheaper than
   * recomputing the rest of an overlapping tile: ResNet-50's 7x7 layers have 5 interior columns). */
  const int rem = (xb - xa) % t, xt = rem && 2 * rem <= t ? xb - rem : xb;
  for (int oy = 0; oy < G->ho; oy++) {
    const int iy0 = oy * G->sh - G->ph;
    const int ky0 = -iy0 > 0 ? -iy0 : 0, ky1 = G->h - iy0 < G->kh ? G->h - iy0 : G->kh;
    float *yrow = y + oy * G->wo * G->oc;
    for (int g = 0; g < groups; g++) {
      const float *wg = w + g * nb * bs, *bg = bias + g * G->cgout;
      float *yg = yrow + g * G->cgout;
      for (int ox = 0; ox < G->wo; ox++) {
        if (tiled && ox == xa) { ox = xt - 1; continue; }
        pixel(x + g * cgin, yg + ox * G->oc, wg, bg, G, iy0, ox * G->sw - G->pw, cgin);
      }
    }
    if (!tiled) continue;
    for (int g = 0; g < groups; g += gstep) {
      const float *wg = w + g * nb * bs + ky0 * G->kw * cgin * 4, *bg = bias + g * G->cgout;
      float *yg = yrow + g * G->cgout;
      for (int ox = xa;; ox += t) {
        if (ox > xt - t) ox = xt - t;
        /* x0: the tile's first input pixel in its first tap row inside the image. */
        const float *x0 = x + g * cgin + ((iy0 + ky0) * G->w + ox * G->sw - G->pw) * G->c;
        float *y0 = yg + ox * G->oc;
        if (pairs) tile4x4x2(x0, y0, wg, bs, bg, G, ky1 - ky0, cgin);
        else if (t == 8)
          for (int b = 0; b < nb; b++) tile8x4(x0, y0 + 4 * b, wg + b * bs, bg + 4 * b, G, ky1 - ky0, cgin);
        else {
          int b = 0;
          for (; b + 1 < nb; b += 2) tile4x8(x0, y0 + 4 * b, wg + b * bs, bs, bg + 4 * b, G, ky1 - ky0, cgin);
          if (b < nb) tile4x4(x0, y0 + 4 * b, wg + b * bs, bg + 4 * b, G, ky1 - ky0, cgin);
        }
        if (ox == xt - t) break;
      }
    }
  }
}

/*
 * One function per channel count, each with cgin a constant: small functions that V8 compiles
 * (and allocates registers for) one at a time. They take the geometry as scalars: a pointer to a
 * struct across a call would put the struct in memory, i.e. on a stack in tfjs's heap.
 */
#define GEOM_PARAMS int h, int wd, int c, int ho, int wo, int oc, int cgin, int cgout, int kh, int kw, int sh, int sw, int ph, int pw, int act
#define GEOM_ARGS h, wd, c, ho, wo, oc, cgin, cgout, kh, kw, sh, sw, ph, pw, act
#define CONV(name, n)                                                                                       \
  __attribute__((noinline)) static void conv_##name(const float *x, float *y, const float *w, const float *bias, GEOM_PARAMS) { \
    const geom_t G = {h, wd, c, ho, wo, oc, cgin, cgout, kh, kw, sh, sw, ph, pw, act};                     \
    conv(x, y, w, bias, &G, n);                                                                             \
  }
CONV(4, 4)
CONV(8, 8)
CONV(16, 16)
CONV(32, 32)
CONV(64, 64)
CONV(any, cgin)

/*
 * The entry point. Pointers are byte offsets into tfjs's heap. The channel counts ResNeXt uses
 * (cgIn 4..64: 32x4d, 32x8d, 64x4d) get their own constant-folded copy; others take the generic
 * one. Requires cgOut % 4 == 0 (the caller checks).
 */
__attribute__((export_name("grouped_conv2d")))
void grouped_conv2d(const float *x, float *y, const float *w, const float *bias, int n, GEOM_PARAMS) {
  for (int i = 0; i < n; i++) {
    const float *xi = x + i * h * wd * c;
    float *yi = y + i * ho * wo * oc;
    switch (cgin) {
      case 4: conv_4(xi, yi, w, bias, GEOM_ARGS); break;
      case 8: conv_8(xi, yi, w, bias, GEOM_ARGS); break;
      case 16: conv_16(xi, yi, w, bias, GEOM_ARGS); break;
      case 32: conv_32(xi, yi, w, bias, GEOM_ARGS); break;
      case 64: conv_64(xi, yi, w, bias, GEOM_ARGS); break;
      default: conv_any(xi, yi, w, bias, GEOM_ARGS); break;
    }
  }
}

/*
 * Channel bookkeeping as one copy (ops/channel-gather.ts): output channel dst + i*stride of each
 * pixel is channel ch + i of input src, for each run (src, ch, dst, stride, len). DenseNet's
 * concatenations are stride-1 runs; ShuffleNet v2's shuffle-and-split is pairs of stride-2 runs
 * that interleave its two branches, done here as 4-lane interleaving shuffles. Pure copies.
 *
 * d (int32): pixels, outC, nIn, then nIn input byte offsets, nIn input channel counts, the output
 * byte offset, nRuns, then nRuns x (src, ch, dst, stride, len).
 */
__attribute__((export_name("gather_channels")))
void gather_channels(const int *d) {
  const int pixels = d[0], oc = d[1], nin = d[2];
  const int *base = d + 3, *inc = d + 3 + nin;
  float *out = (float *)d[3 + 2 * nin];
  const int nruns = d[4 + 2 * nin];
  const int *runs = d + 5 + 2 * nin;
  for (int p = 0; p < pixels; p++) {
    float *o = out + p * oc;
    for (int k = 0; k < nruns; k++) {
      const int *r = runs + 5 * k;
      const float *s = (const float *)base[r[0]] + p * inc[r[0]] + r[1];
      float *t = o + r[2];
      const int stride = r[3], len = r[4];
      if (stride == 1) {
        int i = 0;
        for (; i + 4 <= len; i += 4) wasm_v128_store(t + i, wasm_v128_load(s + i));
        for (; i < len; i++) t[i] = s[i];
        continue;
      }
      const int *q = r + 5;
      if (stride == 2 && k + 1 < nruns && q[2] == r[2] + 1 && q[3] == 2 && q[4] == len) {
        /* This run and the next fill alternate channels: interleave them 4 + 4 at a time. */
        const float *s2 = (const float *)base[q[0]] + p * inc[q[0]] + q[1];
        int i = 0;
        for (; i + 4 <= len; i += 4) {
          const v128_t a = wasm_v128_load(s + i), b = wasm_v128_load(s2 + i);
          wasm_v128_store(t + 2 * i, wasm_i32x4_shuffle(a, b, 0, 4, 1, 5));
          wasm_v128_store(t + 2 * i + 4, wasm_i32x4_shuffle(a, b, 2, 6, 3, 7));
        }
        for (; i < len; i++) {
          t[2 * i] = s[i];
          t[2 * i + 1] = s2[i];
        }
        k++;
        continue;
      }
      for (int i = 0; i < len; i++) t[i * stride] = s[i];
    }
  }
}
