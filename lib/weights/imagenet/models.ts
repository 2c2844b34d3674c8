/**
 * The models `npm run weights:torchvision` can fetch ImageNet weights for, derived from the
 * registry (never a second hand-written list): every `dataset: 'imagenet'` entry that torchvision
 * itself has (`torchvision: true`), 16 of them. torchvision's builder has the registry id's name
 * (`torchvision.models.<id>`), and its weights enum is `torchvision.models.get_model_weights(id)`,
 * so the Python side needs nothing else; it checks its state_dict against `keys` and `params`.
 */
import { graphCost } from '../../arch/cost';
import { MODELS, buildGraph } from '../../arch/registry';
import { stateDictKeys } from '../../arch/statedict';

/** Ids of the models with torchvision ImageNet weights, in registry order. */
export const TORCHVISION_IMAGENET_IDS: readonly string[] = MODELS.filter((m) => m.dataset === 'imagenet' && m.torchvision).map((m) => m.id);

export interface TorchvisionModelSpec {
  readonly id: string;
  /** Learnable parameters (torchvision's count: `sum(p.numel() for p in model.parameters())`). */
  readonly params: number;
  /** state_dict keys and shapes in torchvision's order (num_batches_tracked included). */
  readonly keys: readonly { readonly key: string; readonly shape: readonly number[] }[];
}

/** What the Python exporter checks each torchvision model against. */
export function torchvisionModelSpecs(ids: readonly string[] = TORCHVISION_IMAGENET_IDS): TorchvisionModelSpec[] {
  return ids.map((id) => {
    const graph = buildGraph(id);
    return { id, params: graphCost(graph).total.params, keys: stateDictKeys(graph).map((e) => ({ key: e.key, shape: [...e.shape] })) };
  });
}
