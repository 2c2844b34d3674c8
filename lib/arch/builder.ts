/**
 * GraphBuilder: the small imperative helper every family spec uses to emit an ir.ts Graph.
 *
 * Nodes are appended in forward order (which is a topological order), shapes are inferred on the
 * fly (shape.ts), and `group(...)` scopes set Node.group to the innermost open group.
 */
import type { Activation, Graph, Group, GroupKind, GroupRole, Node, Op, Pair, Shape } from './ir';
import { INPUT } from './ir';
import { inferShape } from './shape';
import { checkSize } from './validate';

const pair = (v: number | Pair): Pair => (typeof v === 'number' ? [v, v] : v);

export interface ConvArgs {
  outC: number;
  k: number | Pair;
  s?: number | Pair;
  /** Defaults to k // 2 (PyTorch "same" for odd kernels at stride 1). */
  p?: number | Pair;
  groups?: number;
  bias?: boolean;
}

/** What a group is: its nesting level, its paper role and its human label. */
export interface GroupSpec {
  readonly kind: GroupKind;
  readonly role: GroupRole;
  readonly label: string;
}

export interface BuilderOptions {
  /** BatchNorm momentum for every bn() of this graph (PyTorch's default 0.1). */
  readonly bnMomentum?: number;
}

/** PyTorch's BatchNorm2d default momentum. */
export const TORCH_BN_MOMENTUM = 0.1;

export class GraphBuilder {
  private readonly nodes: Node[] = [];
  private readonly groups: Group[] = [];
  private readonly shapes = new Map<string, Shape>();
  private readonly stack: string[] = [];

  constructor(
    private readonly id: string,
    private readonly input: Shape,
    private readonly options: BuilderOptions = {},
  ) {
    // Every graph is built for a square input of MIN_SIZE..MAX_SIZE pixels (any channel count).
    checkSize(input[1]);
    this.shapes.set(INPUT, input);
  }

  shape(name: string): Shape {
    const s = this.shapes.get(name);
    if (!s) throw new Error(`unknown node ${name}`);
    return s;
  }

  channels(name: string): number {
    return this.shape(name)[0];
  }

  /** Opens a group for the duration of fn; nodes and groups created inside get it as parent. */
  group<T>(id: string, spec: GroupSpec, fn: () => T): T {
    if (this.groups.some((g) => g.id === id)) throw new Error(`duplicate group ${id}`);
    this.groups.push({ id, kind: spec.kind, role: spec.role, label: spec.label, parent: this.stack.at(-1) ?? null });
    this.stack.push(id);
    try {
      return fn();
    } finally {
      this.stack.pop();
    }
  }

  add(name: string, op: Op, inputs: readonly string[]): string {
    if (this.shapes.has(name)) throw new Error(`duplicate node name ${name}`);
    const inShapes = inputs.map((i) => this.shape(i));
    const outShape = inferShape(name, op, inShapes);
    this.nodes.push({ name, op, inputs: [...inputs], inShapes, outShape, group: this.stack.at(-1) ?? null });
    this.shapes.set(name, outShape);
    return name;
  }

  conv(name: string, x: string, a: ConvArgs): string {
    const k = pair(a.k);
    return this.add(
      name,
      {
        kind: 'conv',
        inC: this.channels(x),
        outC: a.outC,
        kernel: k,
        stride: pair(a.s ?? 1),
        padding: pair(a.p ?? [Math.floor(k[0] / 2), Math.floor(k[1] / 2)]),
        groups: a.groups ?? 1,
        bias: a.bias ?? false,
      },
      [x],
    );
  }

  bn(name: string, x: string, eps = 1e-5): string {
    return this.add(name, { kind: 'bn', channels: this.channels(x), eps, momentum: this.options.bnMomentum ?? TORCH_BN_MOMENTUM }, [x]);
  }

  act(name: string, x: string, fn: Activation = 'relu'): string {
    return this.add(name, { kind: 'act', fn }, [x]);
  }

  maxpool(name: string, x: string, k: number, s: number, p: number, ceilMode = false): string {
    return this.add(name, { kind: 'maxpool', kernel: [k, k], stride: [s, s], padding: [p, p], ceilMode }, [x]);
  }

  avgpool(name: string, x: string, k: number, s: number, p = 0, ceilMode = false): string {
    return this.add(name, { kind: 'avgpool', kernel: [k, k], stride: [s, s], padding: [p, p], ceilMode }, [x]);
  }

  gap(name: string, x: string, keepDims: boolean): string {
    return this.add(name, { kind: 'gap', keepDims }, [x]);
  }

  linear(name: string, x: string, outF: number, bias = true): string {
    const s = this.shape(x);
    return this.add(name, { kind: 'linear', inF: s.reduce((a, b) => a * b, 1), outF, bias }, [x]);
  }

  build(output: string): Graph {
    this.shape(output);
    return { id: this.id, input: this.input, nodes: this.nodes, groups: this.groups, output };
  }
}
