import { MODEL_IDS } from '@/lib/arch';
import { enumP, intP, setP } from '@/lib/url-state/schema';
import { BACKEND_PARAM } from '@/lib/url-state/common-params';

export const COMPARE_SIZES = ['64', '112', '160', '224'] as const;

/** /compare's state in its URL: which models, at what size, on which backend. */
export const compareSchema = {
  models: setP(MODEL_IDS, ['shufflenet_v2_x0_5', 'shufflenet_v2_x1_0', 'mnasnet0_5', 'mnasnet1_0', 'resnet50'], 'models to measure'),
  size: enumP(COMPARE_SIZES, '112', 'input size in pixels'),
  backend: BACKEND_PARAM,
  runs: intP(1, 30, 5, 'timed runs per model (after one warm-up); the median is reported'),
} as const;
