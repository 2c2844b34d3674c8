/**
 * A tiny Graph builder with shape inference, for the runtime's own tests (the real builders live
 * in lib/arch, written independently; the parity tests run both when they exist). Node names
 * follow torchvision module names for tensor-owning nodes.
 */
import type { Activation, Graph, Group, GroupKind, GroupRole, Node, Op, Shape } from '../../arch/ir';
import { INPUT } from '../../arch/ir';

function poolOut(size: number, k: number, s: number, p: number, ceil: boolean): number {
  const span = size + 2 * p - k;
  let out = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  if (ceil && (out - 1) * s >= size + p) out -= 1;
  return out;
}

export class GraphBuilder {
  private readonly nodes: Node[] = [];
  private readonly groups: Group[] = [];
  private readonly shapes = new Map<string, Shape>();
  private groupStack: string[] = [];

  constructor(readonly inputShape: Shape) {
    this.shapes.set(INPUT, inputShape);
  }

  shape(name: string): Shape {
    const s = this.shapes.get(name);
    if (!s) throw new Error(`unknown value ${name}`);
    return s;
  }

  group<T>(id: string, kind: GroupKind, role: GroupRole, fn: () => T): T {
    this.groups.push({ id, kind, role, label: id, parent: this.groupStack.at(-1) ?? null });
    this.groupStack.push(id);
    try {
      return fn();
    } finally {
      this.groupStack.pop();
    }
  }

  add(name: string, op: Op, inputs: string[], outShape: Shape): string {
    if (this.shapes.has(name)) throw new Error(`duplicate ${name}`);
    this.nodes.push({ name, op, inputs, inShapes: inputs.map((i) => this.shape(i)), outShape, group: this.groupStack.at(-1) ?? null });
    this.shapes.set(name, outShape);
    return name;
  }

  conv(name: string, x: string, outC: number, k: number, s = 1, p = 0, groups = 1, bias = false): string {
    const [c, h, w] = this.shape(x);
    const ho = Math.floor((h + 2 * p - k) / s) + 1;
    const wo = Math.floor((w + 2 * p - k) / s) + 1;
    return this.add(name, { kind: 'conv', inC: c, outC, kernel: [k, k], stride: [s, s], padding: [p, p], groups, bias }, [x], [outC, ho, wo]);
  }

  bn(name: string, x: string, eps = 1e-5): string {
    return this.add(name, { kind: 'bn', channels: this.shape(x)[0], eps, momentum: 0.1 }, [x], this.shape(x));
  }

  act(name: string, x: string, fn: Activation = 'relu'): string {
    return this.add(name, { kind: 'act', fn }, [x], this.shape(x));
  }

  maxpool(name: string, x: string, k: number, s: number, p: number, ceil = false): string {
    const [c, h, w] = this.shape(x);
    return this.add(
      name,
      { kind: 'maxpool', kernel: [k, k], stride: [s, s], padding: [p, p], ceilMode: ceil },
      [x],
      [c, poolOut(h, k, s, p, ceil), poolOut(w, k, s, p, ceil)],
    );
  }

  avgpool(name: string, x: string, k: number, s: number, p = 0, ceil = false): string {
    const [c, h, w] = this.shape(x);
    return this.add(
      name,
      { kind: 'avgpool', kernel: [k, k], stride: [s, s], padding: [p, p], ceilMode: ceil },
      [x],
      [c, poolOut(h, k, s, p, ceil), poolOut(w, k, s, p, ceil)],
    );
  }

  gap(name: string, x: string, keepDims: boolean): string {
    const c = this.shape(x)[0];
    return this.add(name, { kind: 'gap', keepDims }, [x], keepDims ? [c, 1, 1] : [c]);
  }

  flatten(name: string, x: string): string {
    return this.add(name, { kind: 'flatten' }, [x], [this.shape(x).reduce((a, b) => a * b, 1)]);
  }

  linear(name: string, x: string, outF: number, bias = true): string {
    return this.add(name, { kind: 'linear', inF: this.shape(x)[0], outF, bias }, [x], [outF]);
  }

  dropout(name: string, x: string, p: number): string {
    return this.add(name, { kind: 'dropout', p }, [x], this.shape(x));
  }

  concat(name: string, xs: string[]): string {
    const [, h, w] = this.shape(xs[0]);
    return this.add(name, { kind: 'concat' }, xs, [xs.reduce((a, x) => a + this.shape(x)[0], 0), h, w]);
  }

  addN(name: string, xs: string[]): string {
    return this.add(name, { kind: 'add' }, xs, this.shape(xs[0]));
  }

  mul(name: string, x: string, s: string): string {
    return this.add(name, { kind: 'mul' }, [x, s], this.shape(x));
  }

  slice(name: string, x: string, start: number, size: number): string {
    const [, h, w] = this.shape(x);
    return this.add(name, { kind: 'slice', start, size }, [x], [size, h, w]);
  }

  shuffle(name: string, x: string, groups: number): string {
    return this.add(name, { kind: 'shuffle', groups }, [x], this.shape(x));
  }

  build(id: string, output: string): Graph {
    return { id, input: this.inputShape, nodes: [...this.nodes], groups: [...this.groups], output };
  }
}
