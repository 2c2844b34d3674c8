/**
 * Small graphs for lib/train's tests, built with the runtime's test builder (any input size):
 * `allOps` has every op kind of the five families (dense, depthwise and grouped convs, BN, the
 * three activations, both poolings, global pooling, flatten, linear, dropout, concat, add, SE mul,
 * slice, shuffle); `tinyDigits` is a small digits-sized CNN.
 */
import type { Graph } from '../../arch/ir';
import { INPUT } from '../../arch/ir';
import { GraphBuilder } from '../../runtime/testing/builder';

/** Every op kind; `bn: false` leaves BatchNorm out (train and eval forwards then agree). */
export function allOps(options: { bn: boolean; size?: number; classes?: number } = { bn: true }): Graph {
  const s = options.size ?? 8;
  const b = new GraphBuilder([3, s, s]);
  const bn = (name: string, x: string) => (options.bn ? b.bn(name, x) : x);
  let x = b.conv('conv1', INPUT, 8, 3, 1, 1, 1, true);
  x = bn('bn1', x);
  x = b.act('relu1', x, 'relu');
  x = b.maxpool('maxpool', x, 3, 2, 1);
  const left = b.slice('split.0', x, 0, 4);
  const right = b.slice('split.1', x, 4, 4);
  let r = b.conv('dw', right, 4, 3, 1, 1, 4);
  r = bn('bn2', r);
  r = b.conv('gconv', r, 8, 3, 1, 1, 2, true);
  r = b.act('relu6', r, 'relu6');
  let se = b.gap('se.pool', r, true);
  se = b.conv('se.fc', se, 8, 1, 1, 0, 1, true);
  se = b.act('se.sig', se, 'sigmoid');
  r = b.mul('se.scale', r, se);
  const l = b.conv('proj', left, 8, 1);
  let y = b.addN('add', [l, r]);
  y = b.concat('cat', [y, left]);
  y = b.shuffle('shuffle', y, 2);
  y = b.avgpool('avgpool', y, 2, 2, 0, true);
  y = b.flatten('flatten', y);
  y = b.dropout('drop', y, 0.3);
  y = b.linear('fc', y, options.classes ?? 5);
  return b.build('all-ops', y);
}

/** A small CNN for 28×28 digits: conv-BN-ReLU ×3 (one grouped, one depthwise), flatten, linear. */
export function tinyDigits(width = 8): Graph {
  const b = new GraphBuilder([1, 28, 28]);
  let x = b.conv('conv1', INPUT, width, 3, 2, 1);
  x = b.bn('bn1', x);
  x = b.act('relu1', x);
  x = b.conv('conv2', x, 2 * width, 3, 2, 1, 2);
  x = b.bn('bn2', x);
  x = b.act('relu2', x);
  x = b.conv('conv3', x, 2 * width, 3, 1, 1, 2 * width);
  x = b.bn('bn3', x);
  x = b.act('relu3', x);
  x = b.flatten('flatten', x);
  x = b.linear('fc', x, 10);
  return b.build('tiny-digits', x);
}
