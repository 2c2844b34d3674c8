/**
 * Composing a kernel from other kernels of the same backend, the way tfjs' own backends do
 * (e.g. tfjs-backend-wasm's Reverse calls its Reshape; tfjs-backend-cpu's Conv3D calls Transpose):
 * each step calls another kernel's kernelFunc with {inputs, backend, attrs} on TensorInfos, and
 * every intermediate is freed with backend.disposeData. No high-level tf op runs inside a kernel,
 * so the engine records one kernel (no tape entries, no tensors, no tidy scopes).
 *
 * Only what the three training kernels need: Conv2D, DepthwiseConv2dNative, Transpose, Reshape,
 * Slice, PadV2, Sum, Reverse.
 */
import * as tf from '@tensorflow/tfjs';

type Info = tf.TensorInfo;
type Attrs = Record<string, unknown>;

/** The backend a kernelFunc receives: dispose() goes through its refcount (Reshape shares data). */
export interface ComposeBackend {
  disposeData(dataId: object, force?: boolean): boolean;
}

/**
 * Runs kernels of `backendName` and remembers every output, so `done(result)` can free all of
 * them but the result (also when a step throws: call `dispose()` in a finally).
 */
export class KernelChain {
  private readonly made: Info[] = [];

  constructor(
    private readonly backendName: string,
    private readonly backend: ComposeBackend,
  ) {}

  run(kernelName: string, inputs: Record<string, Info>, attrs: Attrs = {}): Info {
    const k = tf.getKernel(kernelName, this.backendName);
    if (!k) throw new Error(`training kernels need the ${this.backendName} backend's ${kernelName} kernel, which is not registered`);
    const out = k.kernelFunc({ inputs, backend: this.backend as unknown as tf.KernelBackend, attrs: attrs as tf.NamedAttrMap });
    if (Array.isArray(out)) throw new Error(`${kernelName} returned several outputs; one was expected`);
    this.made.push(out);
    return out;
  }

  reshape(x: Info, shape: number[]): Info {
    return this.run('Reshape', { x }, { shape });
  }

  transpose(x: Info, perm: number[]): Info {
    return this.run('Transpose', { x }, { perm });
  }

  slice(x: Info, begin: number[], size: number[]): Info {
    return this.run('Slice', { x }, { begin, size });
  }

  /** Crops to `size` from the origin; no kernel runs when the shape already is `size`. */
  cropTo(x: Info, size: number[]): Info {
    return x.shape.every((d, i) => d === size[i])
      ? x
      : this.slice(
          x,
          size.map(() => 0),
          size,
        );
  }

  pad(x: Info, paddings: [number, number][]): Info {
    return paddings.every(([a, b]) => a === 0 && b === 0) ? x : this.run('PadV2', { x }, { paddings, constantValue: 0 });
  }

  sum(x: Info, axis: number[]): Info {
    return this.run('Sum', { x }, { axis, keepDims: false });
  }

  /** Frees every intermediate except `result`, which the engine takes over. */
  done(result: Info): Info {
    // The result must be a kernel output of this chain: handing the engine one of the kernel's own
    // inputs would make two tensors share (and free) one buffer.
    if (!this.made.includes(result)) throw new Error('a composed kernel must return the output of a kernel it ran');
    for (const t of this.made) if (t !== result) this.backend.disposeData(t.dataId);
    this.made.length = 0;
    return result;
  }

  /** Frees everything made so far (error path; after done() there is nothing left). */
  dispose(): void {
    for (const t of this.made) this.backend.disposeData(t.dataId);
    this.made.length = 0;
  }
}

/** Runs `body` on a chain and returns its result, freeing every intermediate (also on throw). */
export function composed(backendName: string, backend: ComposeBackend, body: (c: KernelChain) => Info): Info {
  const chain = new KernelChain(backendName, backend);
  try {
    return chain.done(body(chain));
  } finally {
    chain.dispose();
  }
}
