/**
 * The torchvision state_dict of a graph: keys and shapes in torchvision's order.
 *
 * Node order follows module registration order for tensor-owning nodes, so iterating the nodes
 * gives exactly `model.state_dict().keys()`. BatchNorm contributes weight, bias, running_mean,
 * running_var and num_batches_tracked (an int64 scalar, shape []), as in PyTorch.
 */
import type { Graph, Node, Shape } from './ir';

export interface StateDictEntry {
  readonly key: string;
  readonly shape: Shape;
}

/** The state_dict entries owned by one node (empty for ops without tensors). */
export function nodeTensors(node: Node): StateDictEntry[] {
  const n = node.name;
  const op = node.op;
  switch (op.kind) {
    case 'conv': {
      const w = { key: `${n}.weight`, shape: [op.outC, op.inC / op.groups, op.kernel[0], op.kernel[1]] };
      return op.bias ? [w, { key: `${n}.bias`, shape: [op.outC] }] : [w];
    }
    case 'bn':
      return [
        { key: `${n}.weight`, shape: [op.channels] },
        { key: `${n}.bias`, shape: [op.channels] },
        { key: `${n}.running_mean`, shape: [op.channels] },
        { key: `${n}.running_var`, shape: [op.channels] },
        { key: `${n}.num_batches_tracked`, shape: [] },
      ];
    case 'linear': {
      const w = { key: `${n}.weight`, shape: [op.outF, op.inF] };
      return op.bias ? [w, { key: `${n}.bias`, shape: [op.outF] }] : [w];
    }
    default:
      return [];
  }
}

/** Full torchvision state_dict keys with shapes, in torchvision's order. */
export function stateDictKeys(graph: Graph): StateDictEntry[] {
  return graph.nodes.flatMap(nodeTensors);
}
