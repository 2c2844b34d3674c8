import type { WidgetMeta } from '@/lib/widgets/types';
import { trainWidgetSchema } from './schema';

export type TrainWidgetSchema = typeof trainWidgetSchema;

export const trainMeta: WidgetMeta<TrainWidgetSchema> = {
  id: 'train',
  title: 'Train a network on digits',
  description:
    'Trains one digits network (DenseNet, ResNeXt, ResNet, ShuffleNet v2 or MnasNet) in the browser, with live loss and accuracy curves, a confusion matrix and the weights to download.',
  schema: trainWidgetSchema,
  usesWebcam: false,
  usesTfjs: true,
};
