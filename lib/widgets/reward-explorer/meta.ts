import { numP, intP } from '@/lib/url-state/schema';
import type { WidgetMeta } from '@/lib/widgets/types';

/** The reward explorer's whole state (URL parameters of its embed page). */
export const rewardExplorerSchema = {
  alpha: numP(-1, 0.5, -0.07, 'exponent α, used when the latency is at most T'),
  beta: numP(-2, 0.5, -0.07, 'exponent β, used when the latency is above T'),
  target: intP(20, 250, 75, 'target latency T in ms'),
  accuracy: numP(0.5, 0.9, 0.75, 'accuracy of the model drawn as a curve (0..1)'),
} as const;

export type RewardExplorerSchema = typeof rewardExplorerSchema;

export const rewardExplorerMeta: WidgetMeta<RewardExplorerSchema> = {
  id: 'reward-explorer',
  title: 'MnasNet reward explorer',
  description: "ACC·(LAT/T)^w against latency for soft and hard constraints, with the paper's published models placed on it.",
  schema: rewardExplorerSchema,
  usesWebcam: false,
  usesTfjs: false,
};
