import { describe, expect, it } from 'vitest';
import { imagenetDetail, imagenetErrorMessage, imagenetLoadedLabel, imagenetOptionLabel, imagenetProgressDetail } from './labels';
import type { ImagenetEntry } from './manifest';

const trained: ImagenetEntry = {
  id: 'resnet50',
  file: 'resnet50.safetensors',
  dtype: 'F32',
  bytes: 102_470_168,
  sha256: '0'.repeat(64),
  params: 25_557_032,
  pretrained: true,
  source: { weights: 'ResNet50_Weights.IMAGENET1K_V1', url: 'https://download.pytorch.org/models/resnet50-0676ba61.pth', acc1: 76.13 },
  licence: 'note',
};
const offline: ImagenetEntry = { ...trained, dtype: 'F16', bytes: 51_249_752, pretrained: false, note: 'offline test export, not trained' };

describe('how the lab names ImageNet weights', () => {
  it('the option gives the size, fp16, and says when an offline export is not trained', () => {
    expect(imagenetOptionLabel(trained)).toBe('ImageNet weights (torchvision, 102 MB)');
    expect(imagenetOptionLabel(offline)).toBe('ImageNet weights (torchvision, 51.2 MB, fp16): offline test export, not trained');
  });

  it('what is loaded names the weights enum; the detail gives the accuracy', () => {
    expect(imagenetLoadedLabel(trained)).toBe('ImageNet weights (torchvision ResNet50_Weights.IMAGENET1K_V1)');
    expect(imagenetLoadedLabel(offline)).toBe('ImageNet weights (torchvision ResNet50_Weights.IMAGENET1K_V1, offline test export, not trained)');
    expect(imagenetDetail(trained)).toBe('76.1% top-1 on ImageNet-1K, ResNet50_Weights.IMAGENET1K_V1');
    expect(imagenetDetail(offline)).toMatch(/^Not trained: /);
  });

  it('a failure says what stays loaded, then why', () => {
    expect(imagenetErrorMessage('resnet50', 'resnet50.safetensors is not on this site (HTTP 404).', 'Seeded random (seed 0)')).toBe(
      'The ImageNet weights for resnet50 could not be used. The previous weights (Seeded random (seed 0)) stay loaded.\nresnet50.safetensors is not on this site (HTTP 404).',
    );
  });

  it('progress: bytes while downloading, then the check; a cached copy says so', () => {
    expect(imagenetProgressDetail({ loaded: 1_200_000, total: 2_780_576, stage: 'download' })).toBe('downloading ImageNet weights: 1.20 MB of 2.78 MB');
    expect(imagenetProgressDetail({ loaded: 1, total: 1, stage: 'verify' })).toBe('checking the SHA-256 of the ImageNet weights');
    expect(imagenetProgressDetail({ loaded: 1, total: 1, stage: 'cache' })).toBe("ImageNet weights from this browser's cache");
  });
});
