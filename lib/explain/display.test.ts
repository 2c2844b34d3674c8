import { describe, expect, it } from 'vitest';
import { buildGraph } from '../arch';
import { chosenClass, classNames, explainCaption, heatValues, randomWeightsNote, searchClasses } from './display';

describe('Explain view data', () => {
  it('names the classes of ImageNet and digits models', () => {
    const inet = classNames(buildGraph('mnasnet0_5'), 'imagenet');
    expect(inet).toHaveLength(1000);
    expect(inet[281]).toBe('tabby');
    expect(classNames(buildGraph('resnet_digits'), 'digits')).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('takes the class from the URL when it is an output, else the top-1 with a notice', () => {
    expect(chosenClass('', 1000, 7)).toEqual({ index: 7, notice: null });
    expect(chosenClass('281', 1000, 7)).toEqual({ index: 281, notice: null });
    const bad = chosenClass('12', 10, 3);
    expect(bad.index).toBe(3);
    expect(bad.notice).toMatch(/classes 0–9/);
  });

  it('finds classes by words or index', () => {
    const names = ['tabby, tabby cat', 'tiger cat', 'Persian cat', 'dog'];
    expect(searchClasses(names, 'cat').map((c) => c.index)).toEqual([0, 1, 2]);
    expect(searchClasses(names, 'CAT tiger').map((c) => c.index)).toEqual([1]);
    expect(searchClasses(names, '3')).toEqual([{ index: 3, name: 'dog' }]);
    expect(searchClasses(names, '9')).toEqual([]);
    expect(searchClasses(names, '  ')).toEqual([]);
    expect(searchClasses(names, 'cat', 2)).toHaveLength(2);
  });

  it('scales Grad-CAM to its maximum and upsamples it; clips saliency at its 99th percentile', () => {
    const cam = heatValues({ method: 'gradcam', height: 2, width: 2, map: Float32Array.from([0, 2, 4, 8]) }, 4);
    expect(cam.length).toBe(16);
    expect(cam[15]).toBe(1);
    expect(cam[0]).toBe(0);
    const sal = Float32Array.from({ length: 100 }, (_, i) => i + 1);
    sal[99] = 1e6;
    const s = heatValues({ method: 'saliency', height: 10, width: 10, map: sal }, 10);
    expect(s[98]).toBe(1);
    expect(s[49]).toBeCloseTo(50 / 99, 6);
  });

  it('says what was computed, and plainly that random weights show architecture', () => {
    const text = explainCaption(
      { method: 'gradcam', classIndex: 281, layer: 'layers.16', height: 7, width: 7, map: new Float32Array(49), samples: 1, score: 3.14159, ms: 1 },
      'tabby',
      [1280, 7, 7],
      224,
    );
    expect(text).toContain('layers.16 (1280 channels of 7×7)');
    expect(text).toContain('224×224');
    expect(text).toContain('3.14');
    expect(randomWeightsNote(3)).toMatch(/architecture, not learning/);
  });
});
