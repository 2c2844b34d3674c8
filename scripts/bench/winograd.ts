/**
 * Winograd F(2x2, 3x3) convolution written in tfjs ops, for scripts/bench-winograd.ts (issue 18:
 * can it beat tfjs-backend-wasm's own XNNPACK conv2d on the 3x3 layers of ResNet-50 and
 * DenseNet-121?). Benchmark code, not runtime code: nothing in lib/ uses it.
 *
 * Lavin & Gray 2016, "Fast Algorithms for Convolutional Neural Networks", section 4.1 (eq. 8):
 * Y = A^T [ (G g G^T) ⊙ (B^T d B) ] A, with the F(2x2, 3x3) matrices B^T, G, A^T below. Each
 * 4x4 input tile d (stride 2, so tiles overlap by 2) gives a 2x2 output tile; summed over input
 * channels the ⊙ becomes 16 matrix products [P, C] x [C, Cout], P = number of tiles (eq. 12).
 *
 * Only stride 1, padding 1, 3x3 (the layers the issue is about). Odd sizes are exact: the input is
 * padded to cover ceil(H/2) tiles and the extra output row/column is cropped.
 */
import * as tf from '@tensorflow/tfjs';

/** Lavin & Gray 2016, section 4.1: F(2x2, 3x3). */
export const BT = [
  [1, 0, -1, 0],
  [0, 1, 1, 0],
  [0, -1, 1, 0],
  [0, 1, 0, -1],
];
export const G = [
  [1, 0, 0],
  [0.5, 0.5, 0.5],
  [0.5, -0.5, 0.5],
  [0, 0, 1],
];
export const AT = [
  [1, 1, 1, 0],
  [0, 1, -1, -1],
];

/** How each of the three stages is done in tfjs ops. */
export interface WinogradVariant {
  /**
   * sep: B^T d B separably: 4 row phases (strided slices), adds, then 4 column phases of each.
   * slices: the 16 strided 2x2-phase slices stacked, then one matMul with B^T ⊗ B^T [16, 16].
   * depthwise: one depthwiseConv2d (4x4 kernel, stride 2, multiplier 16) + a transpose to [16, P, C].
   * depthwise4: four of them with multiplier 4, so that splitting into the 16 V_k copies less
   * (tfjs-wasm's Slice/Unpack copy the whole source tensor out of the heap on every call).
   */
  readonly input: 'sep' | 'slices' | 'depthwise' | 'depthwise4';
  /** batched: one matMul [16, P, C] x [16, C, Cout]; loop: 16 matMuls [P, C] x [C, Cout]. */
  readonly product: 'batched' | 'loop';
  /**
   * d2s: A^T M A as adds/subs, the 4 output phases concatenated on channels and interleaved by depthToSpace.
   * transpose: the same adds, the 4 phases stacked and interleaved by two rank-4 transposes.
   * matmul: one matMul A^T ⊗ A^T [4, 16] x [16, P*Cout], interleaved by the same two transposes.
   */
  readonly output: 'd2s' | 'transpose' | 'matmul';
}

export const variantName = (v: WinogradVariant): string => `${v.input}/${v.product}/${v.output}`;

/** A Winograd layer: its filter transformed once (U = G g G^T, 16 matrices [C, Cout]). */
export interface WinogradLayer {
  readonly run: (x: tf.Tensor4D) => tf.Tensor4D;
  readonly dispose: () => void;
}

/** [a, b] ⊗ [c, d]: row (i, j), column (r, s) = m[i][r] · m[j][s]. */
function kron(m: readonly (readonly number[])[]): number[][] {
  const rows: number[][] = [];
  for (const mi of m)
    for (const mj of m) {
      const row: number[] = [];
      for (const a of mi) for (const b of mj) row.push(a * b);
      rows.push(row);
    }
  return rows;
}

/** U[i·4+j][c][o] = Σ_{r,s} G[i][r] g[r][s][c][o] G[j][s], from a tfjs HWIO filter [3, 3, C, Cout]. */
export function transformFilter(g: Float32Array, c: number, cout: number): Float32Array {
  const n = c * cout;
  const u = new Float32Array(16 * n);
  for (let k = 0; k < n; k++)
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++) {
        let s = 0; // float64, rounded once
        for (let r = 0; r < 3; r++) for (let q = 0; q < 3; q++) s += G[i][r] * g[(r * 3 + q) * n + k] * G[j][q];
        u[(i * 4 + j) * n + k] = s;
      }
  return u;
}

/** B^T d B along one axis: 4 strided phases of x (axis 0 or 1 of a rank-3 tensor) → 4 tensors. */
function sepPass(x: tf.Tensor3D, axis: 0 | 1, t: number): tf.Tensor3D[] {
  const [h, w, c] = x.shape;
  const phase = (i: number) =>
    axis === 0 ? tf.stridedSlice(x, [i, 0, 0], [i + 2 * t - 1, w, c], [2, 1, 1]) : tf.stridedSlice(x, [0, i, 0], [h, i + 2 * t - 1, c], [1, 2, 1]);
  const [d0, d1, d2, d3] = [0, 1, 2, 3].map(phase) as tf.Tensor3D[];
  // Rows of B^T: (1, 0, -1, 0), (0, 1, 1, 0), (0, -1, 1, 0), (0, 1, 0, -1).
  return [tf.sub(d0, d2), tf.add(d1, d2), tf.sub(d2, d1), tf.sub(d1, d3)];
}

export function winogradConv(filter: Float32Array, bias: Float32Array, c: number, cout: number, v: WinogradVariant): WinogradLayer {
  const u = transformFilter(filter, c, cout);
  const uBatched = tf.tensor3d(u, [16, c, cout]);
  const uLoop = v.product === 'loop' ? tf.unstack(uBatched) : [];
  const b = tf.tensor1d(bias);
  const btbt = tf.tensor2d(kron(BT));
  const atat = tf.tensor2d(kron(AT));
  // depthwise filter [4, 4, C, 16]: f[r][s][c][i·4+j] = B^T[i][r] · B^T[j][s], the same for every c.
  // multiplier m, group q: f[r][s][c][j'] = B^T ⊗ B^T [(q·m + j'), (r, s)], the same for every c.
  const dwFilter = (m: number, q: number): tf.Tensor4D =>
    tf.tidy(() => {
      const k = kron(BT); // [16][16]: row (i, j), column (r, s)
      const f = new Float32Array(16 * m);
      for (let j = 0; j < m; j++) for (let rs = 0; rs < 16; rs++) f[rs * m + j] = k[q * m + j][rs];
      return tf.tile(tf.tensor4d(f, [4, 4, 1, m]), [1, 1, c, 1]);
    });
  const dwFilters = v.input === 'depthwise' ? [dwFilter(16, 0)] : v.input === 'depthwise4' ? [0, 1, 2, 3].map((q) => dwFilter(4, q)) : [];
  const consts = [uBatched, ...uLoop, b, btbt, atat, ...dwFilters];

  const run = (x: tf.Tensor4D): tf.Tensor4D =>
    tf.tidy((): tf.Tensor4D => {
      const [n, h, w, cin] = x.shape;
      if (n !== 1 || cin !== c) throw new Error(`winogradConv: expected [1, H, W, ${c}], got [${x.shape.join(', ')}]`);
      const th = Math.ceil(h / 2);
      const tw = Math.ceil(w / 2);
      const p = th * tw;
      // Pad 1 on top/left (the conv's own padding) and enough at the bottom/right to cover the tiles.
      const xp = tf.pad(x, [
        [0, 0],
        [1, 2 * th + 1 - h],
        [1, 2 * tw + 1 - w],
        [0, 0],
      ]);

      // --- input transform → V: 16 matrices [P, C] (k = i·4 + j) ---
      let vStack: tf.Tensor3D | null = null; // [16, P, C]
      let vList: tf.Tensor2D[] | null = null;
      if (v.input === 'sep') {
        const rows = sepPass(xp.squeeze([0]) as tf.Tensor3D, 0, th);
        vList = rows.flatMap((r) => sepPass(r, 1, tw)).map((t) => t.reshape([p, c]) as tf.Tensor2D);
      } else if (v.input === 'slices') {
        const x3 = xp.squeeze([0]) as tf.Tensor3D;
        const phases: tf.Tensor3D[] = [];
        for (let r = 0; r < 4; r++)
          for (let s = 0; s < 4; s++) phases.push(tf.stridedSlice(x3, [r, s, 0], [r + 2 * th - 1, s + 2 * tw - 1, c], [2, 2, 1]) as tf.Tensor3D);
        const d = tf.stack(phases).reshape([16, p * c]) as tf.Tensor2D;
        vStack = tf.matMul(btbt, d).reshape([16, p, c]) as tf.Tensor3D;
      } else if (v.input === 'depthwise') {
        const y = tf.depthwiseConv2d(xp, dwFilters[0], 2, 'valid'); // [1, th, tw, C·16], channel c·16 + k
        vStack = tf.transpose(y.reshape([p, c, 16]), [2, 0, 1]) as tf.Tensor3D;
      } else {
        const parts = dwFilters.map((f) => tf.transpose(tf.depthwiseConv2d(xp, f, 2, 'valid').reshape([p, c, 4]), [2, 0, 1]) as tf.Tensor3D);
        if (v.product === 'batched') vStack = tf.concat(parts, 0) as tf.Tensor3D;
        else vList = parts.flatMap((t) => tf.unstack(t) as tf.Tensor2D[]);
      }

      // --- the 16 products M_k = V_k U_k: [P, Cout] ---
      let mStack: tf.Tensor3D | null = null;
      let mList: tf.Tensor2D[] | null = null;
      if (v.product === 'batched') {
        mStack = tf.matMul(vStack ?? (tf.stack(vList as tf.Tensor2D[]) as tf.Tensor3D), uBatched) as tf.Tensor3D;
      } else {
        const vs = vList ?? (tf.unstack(vStack as tf.Tensor3D) as tf.Tensor2D[]);
        mList = vs.map((vk, k) => tf.matMul(vk, uLoop[k] as tf.Tensor2D));
      }

      // --- output transform Y = A^T M A, bias, ReLU, interleave the 4 output phases ---
      // [a, b, t, s, o] → [t, a, s, b, o] in two rank-4 transposes (tfjs-wasm's rank-5 one is slow).
      const interleave = (ys: tf.Tensor) => {
        const y1 = tf.transpose(ys.reshape([2, 2, th, tw * cout]), [2, 0, 1, 3]); // [t, a, b, (s, o)]
        return tf.transpose(y1.reshape([th * 2, 2, tw, cout]), [0, 2, 1, 3]).reshape([1, 2 * th, 2 * tw, cout]) as tf.Tensor4D;
      };
      let y: tf.Tensor4D;
      if (v.output !== 'matmul') {
        const m = mList ?? (tf.unstack(mStack as tf.Tensor3D) as tf.Tensor2D[]);
        const at = (i: number, j: number) => m[i * 4 + j];
        // A^T rows: (1, 1, 1, 0), (0, 1, -1, -1); first along i, then along j.
        const o0 = [0, 1, 2, 3].map((j) => tf.addN([at(0, j), at(1, j), at(2, j)]));
        const o1 = [0, 1, 2, 3].map((j) => tf.sub(tf.sub(at(1, j), at(2, j)), at(3, j)));
        const ys = [o0, o1].flatMap((o) => [tf.addN([o[0], o[1], o[2]]), tf.sub(tf.sub(o[1], o[2]), o[3])]);
        // ys = [Y00, Y01, Y10, Y11]; depthToSpace: out[2t+a][2s+b][o] = in[t][s][(a·2+b)·Cout + o].
        if (v.output === 'd2s') y = tf.depthToSpace(tf.concat(ys, 1).reshape([1, th, tw, 4 * cout]) as tf.Tensor4D, 2);
        else y = interleave(tf.stack(ys));
      } else {
        const m = (mStack ?? (tf.stack(mList as tf.Tensor2D[]) as tf.Tensor3D)).reshape([16, p * cout]) as tf.Tensor2D;
        y = interleave(tf.matMul(atat, m)); // [(a, b), (t, s, o)]
      }
      if (2 * th !== h || 2 * tw !== w) y = tf.slice(y, [0, 0, 0, 0], [1, h, w, cout]);
      return tf.relu(tf.add(y, b)) as tf.Tensor4D;
    });

  return { run, dispose: () => consts.forEach((t) => t.dispose()) };
}
