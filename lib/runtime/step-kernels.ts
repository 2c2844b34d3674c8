/**
 * Runs one step of the executor's plan (plan.ts) and keeps the folded kernels it needs: conv+BN
 * filters (fusion.ts foldIntoConv, also with a reordered output for a packed grouped conv), the
 * grouped strategy's folded conv (groupconv.ts fold), and BN as a 1x1 depthwise kernel
 * (foldAffine). Each is built on first use from the current weights and kept until clear().
 */
import * as tf from '@tensorflow/tfjs';
import { convKind } from '../arch/conv-kind';
import type { GroupConvStrategy, FusedGroupConv } from './groupconv';
import type { Node } from '../arch/ir';
import {
  type AffineChain,
  type FusedAffine,
  type FusedChain,
  type FusedConv,
  applyAffine,
  applyDirect,
  applyFused,
  directConv,
  foldAffine,
  foldIntoConv,
} from './fusion';
import { applyNode } from './ops';
import { globalAvgPoolAsPool } from './ops/dense';
import { maxPoolPadded } from './ops/pool';
import type { ParamSet } from './params';
import type { Step } from './plan';

export class StepKernels {
  /** Folded conv+BN filters, keyed by conv node name (and output order). */
  private fused = new Map<string, FusedConv>();
  /** The same for grouped convs whose strategy folds (one kernel + BN + activation). */
  private fusedGrouped = new Map<string, FusedGroupConv>();
  /** BN (+act) as one 1x1 depthwise kernel, keyed by BN node name. */
  private affine = new Map<string, FusedAffine>();

  constructor(private readonly groupConv: GroupConvStrategy) {}

  run(step: Step, ins: tf.Tensor[], params: ParamSet): tf.Tensor[] {
    switch (step.kind) {
      case 'node':
        if (step.direct) return [applyDirect(step.node, ins[0] as tf.Tensor4D, this.directConv(step.node, params), null)];
        return [applyNode(step.node, ins, params.byNode.get(step.node.name))];
      case 'conv-chain':
        return [this.applyChain(step, ins[0] as tf.Tensor4D, params)];
      case 'affine':
        return [applyAffine(step.chain, ins[0] as tf.Tensor4D, this.fusedAffine(step.chain, params))];
      case 'channels':
        return step.step.gather.run(ins);
      case 'pool': {
        const op = step.node.op;
        const x = ins[0] as tf.Tensor4D;
        if (op.kind === 'maxpool') return [maxPoolPadded(x, op)];
        if (op.kind === 'gap') return [globalAvgPoolAsPool(x, op.keepDims)];
        throw new Error(`${step.node.name}: not a pooling node`);
      }
    }
  }

  private fusedAffine(chain: AffineChain, params: ParamSet): FusedAffine {
    let f = this.affine.get(chain.bn.name);
    if (!f) {
      f = foldAffine(chain, params);
      this.affine.set(chain.bn.name, f);
    }
    return f;
  }

  private applyChain(step: Extract<Step, { kind: 'conv-chain' }>, x: tf.Tensor4D, params: ParamSet): tf.Tensor {
    const chain = step.chain;
    const op = chain.conv.op;
    if (op.kind === 'conv' && convKind(op) === 'grouped') {
      const g = this.groupedFusedConv(chain, params);
      if (!step.prepacked) return g.run(x);
      if (!g.runPrepacked) throw new Error(`${chain.conv.name}: the ${this.groupConv} strategy takes no packed input`);
      return g.runPrepacked(x);
    }
    return applyFused(chain, x, this.fusedConv(chain, params, step.outOrder, step.direct));
  }

  /** A dense conv alone on the direct kernel (its filter in the kernel's layout, built once). */
  private directConv(node: Node, params: ParamSet): FusedConv {
    const key = `${node.name}\u0000alone`; // not the folded chain's filter (fusedConv's keys)
    let f = this.fused.get(key);
    if (!f) {
      f = directConv(node, params);
      this.fused.set(key, f);
    }
    return f;
  }

  private groupedFusedConv(chain: FusedChain, params: ParamSet): FusedGroupConv {
    let f = this.fusedGrouped.get(chain.conv.name);
    if (!f) {
      const c = params.byNode.get(chain.conv.name);
      const b = params.byNode.get(chain.bn.name);
      if (!c || c.kind !== 'conv' || c.conv.kind !== 'grouped' || !c.conv.prepared.fold || !b || b.kind !== 'bn')
        throw new Error(`cannot fuse ${chain.conv.name}`);
      f = c.conv.prepared.fold(b.scale, b.shift, c.conv.bias, chain.act);
      this.fusedGrouped.set(chain.conv.name, f);
    }
    return f;
  }

  /** Keyed by conv name, plus the output order when one is asked for (a capture plan may not). */
  private fusedConv(chain: FusedChain, params: ParamSet, outOrder?: Int32Array, direct = false): FusedConv {
    const key = `${chain.conv.name}${outOrder ? '\u0000packed' : ''}${direct ? '\u0000direct' : ''}`;
    let f = this.fused.get(key);
    if (!f) {
      f = foldIntoConv(chain, params, outOrder, direct);
      this.fused.set(key, f);
    }
    return f;
  }

  /** Free every folded kernel (new weights, or the model is disposed). */
  clear(): void {
    for (const f of this.fused.values()) tf.dispose([f.filter, f.bias]);
    this.fused.clear();
    for (const f of this.affine.values()) tf.dispose([f.filter, f.bias]);
    this.affine.clear();
    for (const f of this.fusedGrouped.values()) f.dispose();
    this.fusedGrouped.clear();
  }
}
