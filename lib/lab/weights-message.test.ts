import { describe, expect, it } from 'vitest';
import { valueConfirmText, weightsErrorMessage } from './weights-message';

describe('weightsErrorMessage', () => {
  it('names keys and shapes, caps the list and says what stays loaded', () => {
    const issues = [
      { kind: 'shape' as const, key: 'conv1.weight', expected: [64, 3, 7, 7], got: [64, 3, 3, 3], message: '' },
      { kind: 'missing' as const, key: 'fc.bias', expected: [1000], message: '' },
      ...Array.from({ length: 10 }, (_, i) => ({ kind: 'unexpected' as const, key: `extra.${i}`, got: [1], message: '' })),
    ];
    const m = weightsErrorMessage('r50.safetensors', 'resnet50', issues, 'Seeded random (seed 0)').split('\n');
    expect(m[0]).toBe('r50.safetensors does not fit resnet50 (12 problems). The previous weights (Seeded random (seed 0)) stay loaded.');
    expect(m[1]).toBe('conv1.weight: expected shape [64, 3, 7, 7], the file has [64, 3, 3, 3]');
    expect(m[2]).toBe('fc.bias: missing from the file (expected shape [1000])');
    expect(m.at(-1)).toBe('… and 4 more');
  });
  it('reports a parse failure in one line', () => {
    const m = weightsErrorMessage(
      'x.bin',
      'resnet50',
      [{ kind: 'parse', key: '', rule: 'too-short', message: 'too-short: the file has 3 bytes' }],
      'seeded random, seed 0',
    );
    expect(m).toBe('x.bin could not be used. The previous weights (seeded random, seed 0) stay loaded.\ntoo-short: the file has 3 bytes');
  });
  it('shortens and escapes hostile keys and file names', () => {
    const key = `a\u202eb${'x'.repeat(500)}`;
    const m = weightsErrorMessage(`f\n${'n'.repeat(300)}.safetensors`, 'resnet50', [{ kind: 'unexpected', key, got: [1], message: '' }], null).split('\n');
    expect(m).toHaveLength(2);
    for (const l of m) expect(l.length).toBeLessThanOrEqual(200);
    expect(m[1]).toContain('a\\u202eb');
    expect(m[1]).not.toContain('\u202e');
  });
  it('asks about NaN/Inf and negative variances with one line per tensor', () => {
    const findings = [
      { key: 'fc.bias', problem: 'non-finite' as const, count: 3, firstIndex: 7, firstValue: NaN },
      { key: 'bn1.running_var', problem: 'negative-variance' as const, count: 1, firstIndex: 0, firstValue: -0.5 },
    ];
    expect(valueConfirmText('r.safetensors', findings, 'Seeded random (seed 0)')).toEqual({
      head: 'r.safetensors holds values the model cannot compute with: NaN/Inf values in 1 tensor, negative running variances in 1 tensor; its predictions would be NaN. Until you choose, the current weights (Seeded random (seed 0)) stay loaded.',
      lines: ['"fc.bias": 3 NaN/Inf values (first at [7]: NaN)', '"bn1.running_var": 1 negative running variance (first at [0]: -0.5)'],
    });
  });
});
