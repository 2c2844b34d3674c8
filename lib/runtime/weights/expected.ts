/**
 * Which state_dict entries a Graph needs, derived from its nodes alone (conv, bn and linear are
 * the only ops that own tensors; their node name is the torchvision module name = key prefix).
 *
 * This list is in graph (topological) order, which is NOT always torchvision's state_dict order
 * (e.g. a ResNet downsample is registered after conv3 but may be listed earlier). Loading by name
 * does not care; the hash formula does, and takes its key order from the fixture or lib/arch.
 */
import type { Graph, Node } from '../../arch/ir';
import type { KeySpec } from './types';

export type TensorRole = 'weight' | 'bias' | 'running_mean' | 'running_var' | 'num_batches_tracked';

export interface ExpectedTensor extends KeySpec {
  readonly node: string;
  readonly role: TensorRole;
}

export function expectedTensorsOfNode(node: Node): ExpectedTensor[] {
  const op = node.op;
  const name = node.name;
  const t = (role: TensorRole, shape: number[]): ExpectedTensor => ({
    key: `${name}.${role}`,
    shape,
    node: name,
    role,
    dtype: role === 'num_batches_tracked' ? 'int64' : 'float32',
  });
  switch (op.kind) {
    case 'conv': {
      const out = [t('weight', [op.outC, op.inC / op.groups, op.kernel[0], op.kernel[1]])];
      if (op.bias) out.push(t('bias', [op.outC]));
      return out;
    }
    case 'bn':
      return [
        t('weight', [op.channels]),
        t('bias', [op.channels]),
        t('running_mean', [op.channels]),
        t('running_var', [op.channels]),
        t('num_batches_tracked', []),
      ];
    case 'linear': {
      const out = [t('weight', [op.outF, op.inF])];
      if (op.bias) out.push(t('bias', [op.outF]));
      return out;
    }
    default:
      return [];
  }
}

/** All tensors the graph owns, in node order (num_batches_tracked included, dtype int64). */
export function expectedTensors(graph: Graph): ExpectedTensor[] {
  return graph.nodes.flatMap(expectedTensorsOfNode);
}
