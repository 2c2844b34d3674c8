import { describe, expect, it } from 'vitest';
import { weightsErrorMessage } from './weights-message';

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
    const m = weightsErrorMessage('x.bin', 'resnet50', [{ kind: 'parse', key: '', message: 'x.bin is not a valid .safetensors file (too-short): 3 bytes' }], null);
    expect(m).toBe('x.bin could not be used: x.bin is not a valid .safetensors file (too-short): 3 bytes.');
  });
});
