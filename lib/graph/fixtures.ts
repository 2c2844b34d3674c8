/** Small graphs from every family for the tests (input size 64 keeps them fast). */
import { buildGraph, densenet, mnasnet, resnext, shufflenetV2, type Graph } from '@/lib/arch';

export const small = {
  densenet: (): Graph => densenet({ growthRate: 4, blockConfig: [3, 2], initFeatures: 8, numClasses: 10 }, 64, 'densenet-small'),
  resnext: (): Graph => resnext({ layers: [1, 1, 1, 1], cardinality: 4, widthPerGroup: 4, numClasses: 10 }, 64, 'resnext-small'),
  shufflenet: (): Graph => shufflenetV2({ stagesRepeats: [2, 1, 1], stagesOutChannels: [8, 16, 32, 64, 128], numClasses: 10 }, 64, 'shufflenet-small'),
  mnasnet: (): Graph => mnasnet({ alpha: 0.5, numClasses: 10 }, 64, 'mnasnet-small'),
};

/** Registered models named in the brief, at 64 px. */
export const registered = (id: string): Graph => buildGraph(id, { size: 64 });
