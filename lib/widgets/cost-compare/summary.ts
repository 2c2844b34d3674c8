/**
 * What the cost widget shows, from the spec (before any run) and from a profile (after one):
 * params and MACs, the measured whole-model time, time per op kind, and the per-layer points of the
 * FLOPs-versus-time scatter. Pure (the profile type is imported as a type only).
 */
import { buildGraph, graphCost, type Cost } from '@/lib/arch';
import { type DisplayOpKind, OP_KIND_LABELS } from '@/lib/lab/op-kind';
import { achievedGflops, totalsByKind, type KindTotal, type LabProfile } from '@/lib/lab/profile-stats';

export interface SpecCost {
  readonly id: string;
  readonly size: number;
  /** At the chosen input size. */
  readonly atSize: Cost;
  /** At 224×224, the number papers quote. */
  readonly at224: Cost;
}

export function specCost(id: string, size: number): SpecCost {
  return { id, size, atSize: graphCost(buildGraph(id, { size })).total, at224: graphCost(buildGraph(id, { size: 224 })).total };
}

export interface ScatterPoint {
  readonly model: string;
  readonly name: string;
  readonly kind: DisplayOpKind;
  readonly macs: number;
  readonly ms: number;
}

/** Layers with work and a positive time: the points of a log–log MACs-vs-ms plot. */
export function scatterPoints(p: LabProfile, model: string): ScatterPoint[] {
  return p.rows.filter((r) => r.macs > 0 && r.ms > 0 && Number.isFinite(r.ms)).map((r) => ({ model, name: r.name, kind: r.kind, macs: r.macs, ms: r.ms }));
}

export interface ModelMeasurement {
  readonly id: string;
  readonly wholeMs: number;
  readonly sumLayersMs: number;
  /** Whole-model GFLOP/s = 2·MACs / time. */
  readonly gflops: number;
  readonly kinds: readonly KindTotal[];
  /** Share of per-layer time spent in layers with zero MACs (concat, BN, ReLU, pooling…). */
  readonly zeroMacShare: number;
}

export function measure(p: LabProfile, id: string): ModelMeasurement {
  const macs = p.rows.reduce((s, r) => s + r.macs, 0);
  const finite = p.rows.filter((r) => Number.isFinite(r.ms));
  const sum = finite.reduce((s, r) => s + r.ms, 0);
  const zero = finite.filter((r) => r.macs === 0).reduce((s, r) => s + r.ms, 0);
  return {
    id,
    wholeMs: p.wholeMs,
    sumLayersMs: sum,
    gflops: achievedGflops(macs, p.wholeMs),
    kinds: totalsByKind(p.rows),
    zeroMacShare: sum > 0 ? zero / sum : 0,
  };
}

export function kindLabel(k: DisplayOpKind): string {
  return OP_KIND_LABELS[k];
}

/** "densenet121" -> "DenseNet-121", "resnext50_32x4d" -> "ResNeXt-50 (32×4d)". */
export function modelLabel(id: string): string {
  const dn = /^densenet(\d+)$/.exec(id);
  if (dn) return `DenseNet-${dn[1]}`;
  const rx = /^resnext(\d+)_(\d+)x(\d+)d$/.exec(id);
  if (rx) return `ResNeXt-${rx[1]} (${rx[2]}×${rx[3]}d)`;
  const rn = /^resnet(\d+)$/.exec(id);
  if (rn) return `ResNet-${rn[1]}`;
  return id;
}
