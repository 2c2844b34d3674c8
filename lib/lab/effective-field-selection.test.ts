import { describe, expect, it } from 'vitest';
import type { LabHandle } from './handle';
import type { Unit } from './cell-selection';
import { type FieldSelection, NO_FIELD_SELECTION, fieldJobId, nextFieldSelection } from './effective-field-selection';

/** A handle as the feature-map view sees it: its run's model and backend, and whether that run is still current. */
function handle(graphId = 'resnext101_32x8d', backend: LabHandle['backend'] = 'wasm'): LabHandle & { current: boolean } {
  const h = { graph: { id: graphId }, backend, current: true, isCurrent: () => h.current };
  return h as unknown as LabHandle & { current: boolean };
}

const cell = (channel: number, y: number, x: number): Unit => ({ channel, cell: [y, x] });

/** The selections the hook goes through, render after render. */
function walk(steps: readonly [LabHandle | null, string | null, Unit | null][]): FieldSelection[] {
  const out: FieldSelection[] = [];
  let s = NO_FIELD_SELECTION;
  for (const [source, layer, unit] of steps) out.push((s = nextFieldSelection(s, source, layer, unit)));
  return out;
}

describe('the effective field job follows the selection, not the handle object', () => {
  it('a new handle of the same run (the lab finished another job, the Runner ran again) keeps the job, its question and its result', () => {
    const first = handle();
    const second = handle();
    const [asked, after] = walk([
      [first, 'layer4.2.relu3', cell(0, 4, 4)],
      [second, 'layer4.2.relu3', cell(0, 4, 4)],
    ]);
    expect(fieldJobId(asked)).toBe('resnext101_32x8d|wasm|layer4.2.relu3|0|4,4#0');
    expect(fieldJobId(after)).toBe(fieldJobId(asked));
    // The same unit as a new object (parsed again from the URL) is the same selection.
    expect(nextFieldSelection(after, second, 'layer4.2.relu3', cell(0, 4, 4))).toBe(after);
  });

  it('a new run of the same selection (new weights or input: the old handle is stale) is a new job', () => {
    const first = handle();
    const [before] = walk([[first, 'layer1', cell(2, 1, 1)]]);
    first.current = false;
    const after = nextFieldSelection(before, handle(), 'layer1', cell(2, 1, 1));
    expect(after.key).toBe(before.key);
    expect(fieldJobId(after)).toBe('resnext101_32x8d|wasm|layer1|2|1,1#1');
    // ...and only once: the next render with the same handle changes nothing.
    expect(nextFieldSelection(after, after.source, 'layer1', cell(2, 1, 1))).toBe(after);
  });

  it('another cell, channel, layer, backend or model is a new job', () => {
    const h = handle();
    const ids = walk([
      [h, 'layer1', cell(2, 1, 1)],
      [h, 'layer1', cell(2, 1, 0)],
      [h, 'layer1', cell(3, 1, 0)],
      [h, 'layer2', cell(3, 1, 0)],
      [handle('resnext101_32x8d', 'webgl'), 'layer2', cell(3, 1, 0)],
      [handle('resnet50', 'webgl'), 'layer2', cell(3, 1, 0)],
    ]).map(fieldJobId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('nothing to compute without a run, a layer or a unit; the selection comes back as it was', () => {
    const h = handle();
    const steps = walk([
      [h, 'layer1', cell(0, 0, 0)],
      [h, 'layer1', null],
      [null, 'layer1', cell(0, 0, 0)],
      [h, null, cell(0, 0, 0)],
      [h, 'layer1', cell(0, 0, 0)],
    ]);
    expect(steps.map(fieldJobId)).toEqual(['resnext101_32x8d|wasm|layer1|0|0,0#0', null, null, null, 'resnext101_32x8d|wasm|layer1|0|0,0#0']);
    // No run at all (before the first Run): nothing, and no new state on every render.
    expect(nextFieldSelection(NO_FIELD_SELECTION, null, 'layer1', cell(0, 0, 0))).toBe(NO_FIELD_SELECTION);
  });

  it('a run that went stale while the view had none (the model was switched and back) is a new job', () => {
    const old = handle();
    const [before, gone] = walk([
      [old, 'layer1', cell(0, 0, 0)],
      [null, 'layer1', cell(0, 0, 0)],
    ]);
    expect(nextFieldSelection(gone, null, 'layer1', cell(0, 0, 0))).toBe(gone);
    old.current = false;
    expect(fieldJobId(nextFieldSelection(gone, handle(), 'layer1', cell(0, 0, 0)))).toBe(`${before.key}#1`);
  });
});
