/**
 * What the feature-map view's effective-field job is for: the selected unit of a layer, on a run.
 * Named by value, not by the handle object, so that a new handle of the same run (the Runner ran
 * again on the same model, weights and input; the lab's other jobs finishing meanwhile) keeps the
 * job, its pending "long computation" question and its result, while another model, backend,
 * layer or unit, or new weights or a new input (the old handle gone stale), starts over.
 */
import type { LabHandle } from './handle';
import type { Unit } from './cell-selection';

export interface FieldSelection {
  /** "graph|backend|layer|channel|row,col", or null when there is no run, layer or unit. */
  readonly key: string | null;
  /** Counts the runs the key outlived: bumped when a new handle arrives and the previous one is stale. */
  readonly generation: number;
  /** The handle last seen, to tell a stale run from a new handle of the same run. */
  readonly source: LabHandle | null;
}

export const NO_FIELD_SELECTION: FieldSelection = { key: null, generation: 0, source: null };

/** The selection after a render with these inputs; `prev` itself when nothing that matters changed. */
export function nextFieldSelection(prev: FieldSelection, source: LabHandle | null, layer: string | null, unit: Unit | null): FieldSelection {
  const key = source && layer && unit ? `${source.graph.id}|${source.backend}|${layer}|${unit.channel}|${unit.cell[0]},${unit.cell[1]}` : null;
  const seen = source ?? prev.source;
  const stale = seen !== prev.source && prev.source !== null && !prev.source.isCurrent();
  if (key === prev.key && seen === prev.source) return prev;
  return { key, generation: prev.generation + (stale ? 1 : 0), source: seen };
}

/** One name per job: the selection on one run; null when there is nothing to compute. */
export function fieldJobId(s: FieldSelection): string | null {
  return s.key === null ? null : `${s.key}#${s.generation}`;
}
