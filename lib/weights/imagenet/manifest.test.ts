import { describe, expect, it } from 'vitest';
import { MANIFEST_FORMAT, emptyManifest, parseManifest } from './manifest';
import { TORCHVISION_IMAGENET_IDS } from './models';
import { MODELS } from '../../arch/registry';

const entry = (over: Record<string, unknown> = {}) => ({
  id: 'shufflenet_v2_x0_5',
  file: 'shufflenet_v2_x0_5.f16.safetensors',
  dtype: 'F16',
  bytes: 2780608,
  sha256: 'bd6463f7e5ae08fc74c8ed41a1a90f950e6483022270a564851a8907b549ee12',
  params: 1366792,
  pretrained: true,
  source: {
    weights: 'ShuffleNet_V2_X0_5_Weights.IMAGENET1K_V1',
    url: 'https://download.pytorch.org/models/shufflenetv2_x0.5-f707e7126e.pth',
    acc1: 60.552,
    acc5: 81.746,
    transforms: { resize: 256, crop: 224 },
  },
  licence: 'torchvision says …',
  ...over,
});
const manifest = (models: unknown[], over: Record<string, unknown> = {}) => ({ format: MANIFEST_FORMAT, version: 1, models, ...over });

describe('the ImageNet weights manifest', () => {
  it('the models come from the registry: its 16 torchvision ImageNet models, nothing else', () => {
    expect(TORCHVISION_IMAGENET_IDS).toHaveLength(16);
    expect(TORCHVISION_IMAGENET_IDS).toEqual(MODELS.filter((m) => m.dataset === 'imagenet' && m.torchvision).map((m) => m.id));
    expect(TORCHVISION_IMAGENET_IDS).not.toContain('mnasnet_a1');
  });

  it('a valid manifest parses with no errors, keeping every field', () => {
    const r = parseManifest(
      JSON.stringify(manifest([entry(), entry({ id: 'resnet50', file: 'resnet50.safetensors', dtype: 'F32', pretrained: false, note: 'offline' })])),
    );
    expect(r.errors).toEqual([]);
    expect(r.manifest.models.map((m) => [m.id, m.dtype, m.pretrained, m.note])).toEqual([
      ['shufflenet_v2_x0_5', 'F16', true, undefined],
      ['resnet50', 'F32', false, 'offline'],
    ]);
    expect(r.manifest.models[0].source).toEqual(entry().source);
  });

  it('an empty manifest lists nothing and is not an error', () => {
    expect(parseManifest(manifest([]))).toEqual({ manifest: { models: [] }, errors: [] });
  });

  it('what is not a manifest says why and lists nothing', () => {
    expect(parseManifest('{"models": [').errors[0]).toMatch(/^not JSON: /);
    expect(parseManifest([]).errors).toEqual(['expected an object {format, version, models}, got []']);
    expect(parseManifest(manifest([], { format: 'x' })).errors).toEqual([`format: expected "${MANIFEST_FORMAT}", got "x"`]);
    expect(parseManifest(manifest([], { version: 2 })).errors).toEqual(['version: expected 1 (this site reads version 1), got 2']);
    expect(parseManifest(manifest([], { models: {} })).errors).toEqual(['models: expected a list, got {}']);
  });

  it('each bad field is named with its path, what was expected and what was there; good entries stay', () => {
    const r = parseManifest(
      manifest([
        entry({ sha256: 'ABC', bytes: -1 }),
        entry({ id: 'mnasnet_a1' }),
        entry({ id: 'resnet50', file: '../secret.safetensors', dtype: 'F64', params: 0, pretrained: 'yes', licence: '' }),
        entry({ id: 'mnasnet0_5', source: { weights: 'resnet50', url: 'http://example.com/x.pth', acc1: 101 } }),
        entry({ id: 'densenet121', file: 'densenet121.safetensors' }),
        entry({ id: 'densenet121', file: 'densenet121.safetensors' }),
        7,
      ]),
    );
    expect(r.errors).toEqual([
      'models[0].bytes: expected the file size in bytes (an integer above 8), got -1',
      'models[0].sha256: expected 64 lowercase hex digits, got "ABC"',
      `models[1].id: expected one of the torchvision ImageNet models (${TORCHVISION_IMAGENET_IDS.join(', ')}), got "mnasnet_a1"`,
      'models[2].file: expected a file name ending in .safetensors, in the manifest\'s folder (no "/"), got "../secret.safetensors"',
      'models[2].dtype: expected "F32" or "F16", got "F64"',
      'models[2].params: expected a positive integer, got 0',
      'models[2].pretrained: expected true or false, got "yes"',
      'models[2].licence: expected a licence note, got ""',
      'models[3].source.weights: expected a torchvision weights enum member such as "ResNet50_Weights.IMAGENET1K_V1", got "resnet50"',
      'models[3].source.url: expected an https URL, got "http://example.com/x.pth"',
      'models[3].source.acc1: expected a percentage, got 101',
      'models[5].id: densenet121 is listed twice',
      'models[6]: expected an object, got 7',
    ]);
    expect(r.manifest.models.map((m) => m.id)).toEqual(['densenet121']);
  });

  it('a missing source is named', () => {
    const noSource: Record<string, unknown> = entry();
    delete noSource.source;
    expect(parseManifest(manifest([noSource])).errors).toEqual(['models[0].source: expected an object {weights, url}, got nothing']);
  });
});

describe('the empty manifest (what prepare-assets writes when the host has none)', () => {
  it('is valid and lists nothing', () => {
    expect(parseManifest(JSON.stringify(emptyManifest()))).toEqual({ manifest: { models: [] }, errors: [] });
  });
});
