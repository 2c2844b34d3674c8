/**
 * The two small torchvision configurations of the numeric parity fixtures (shared/parity/*.json),
 * both at a 64x64 input by default.
 */
import type { Graph } from './ir';
import { densenet } from './densenet';
import { resnext } from './resnext';

/** torchvision DenseNet(growth_rate=12, block_config=(2, 2, 2), num_init_features=16, bn_size=4, num_classes=10). */
export function parityDenseNetSmall(size = 64): Graph {
  return densenet({ growthRate: 12, blockConfig: [2, 2, 2], initFeatures: 16, bnSize: 4, numClasses: 10 }, size, 'densenet_small');
}

/** torchvision ResNet(Bottleneck, [1, 1, 1, 1], groups=4, width_per_group=4, num_classes=10). */
export function parityResNeXtSmall(size = 64): Graph {
  return resnext({ layers: [1, 1, 1, 1], cardinality: 4, widthPerGroup: 4, numClasses: 10 }, size, 'resnext_small');
}
