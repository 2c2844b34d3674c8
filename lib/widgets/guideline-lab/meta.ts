import { boolP, enumP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';
import { GUIDELINE_IDS } from './benchmarks';
import { BACKEND_PARAM } from '@/lib/url-state/common-params';

/** Re-exported for the widgets' backend pickers: the one list is lib/url-state/common-params.ts. */
export { BACKEND_CHOICES } from '@/lib/url-state/common-params';

/** The guideline lab's whole state (URL parameters of its embed page). */
export const guidelineLabSchema = {
  guideline: enumP(GUIDELINE_IDS, 'g1', 'which guideline to test: g1 channel ratio, g2 groups, g3 fragments, g4 element-wise'),
  backend: BACKEND_PARAM,
  setting: enumP(
    ['auto', 'gpu', 'arm'] as const,
    'auto',
    "the paper's channel setting to use: its GPU or its ARM column (auto: GPU for WebGPU/WebGL, ARM otherwise)",
  ),
  width: enumP(['0', '1', '2'] as const, '0', "the paper's width column: 0 = ×1 (or the smallest c), 1 = ×2, 2 = ×4"),
  reduced: boolP(false, 'reduced size: 28×28 instead of 56×56, 1 warm-up and 3 timed passes instead of 2 and 7'),
} as const;

export type GuidelineLabSchema = typeof guidelineLabSchema;

export const guidelineLabMeta: WidgetMeta<GuidelineLabSchema> = {
  id: 'guideline-lab',
  title: 'ShuffleNet v2 guideline lab',
  description: "Runs the paper's G1-G4 micro-benchmarks in the browser and sets the results beside the paper's GTX 1080Ti and ARM numbers.",
  schema: guidelineLabSchema,
  usesWebcam: false,
  usesTfjs: true,
};
