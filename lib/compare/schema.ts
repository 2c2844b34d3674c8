import { MODELS } from '@/lib/arch';
import { enumP, intP, setP } from '@/lib/url-state/schema';
import { BACKEND_PARAM } from '@/lib/url-state/common-params';

export const COMPARE_SIZES = ['64', '112', '160', '224'] as const;

/**
 * The models /compare offers: those that take RGB photos (ImageNet, CIFAR-10), timed at photo
 * sizes. The digits models (1-channel 28×28 input) are left out: at 64–224 px their MACs and times
 * describe no input they were made for; /train compares them on their own data.
 */
export const COMPARE_MODEL_IDS: readonly string[] = MODELS.filter((m) => m.dataset !== 'digits').map((m) => m.id);

/** /compare's state in its URL: which models, at what size, on which backend. */
export const compareSchema = {
  models: setP(COMPARE_MODEL_IDS, ['shufflenet_v2_x0_5', 'shufflenet_v2_x1_0', 'mnasnet0_5', 'mnasnet1_0', 'resnet50'], 'models to measure'),
  size: enumP(COMPARE_SIZES, '112', 'input size in pixels'),
  backend: BACKEND_PARAM,
  runs: intP(1, 30, 5, 'timed runs per model (after one warm-up); the median is reported'),
} as const;
