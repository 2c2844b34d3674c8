/**
 * torchvision-exact graphs of the parity models, built with the test builder (independent of
 * lib/arch). Names follow torchvision's module names so fixture key lists load by name.
 */
import type { Graph } from '../../arch/ir';
import { INPUT } from '../../arch/ir';
import { GraphBuilder } from './builder';

/** torchvision DenseNet. */
export function denseNet(o: { growth: number; blocks: number[]; init: number; bnSize: number; classes: number; size: number; id: string }): Graph {
  const b = new GraphBuilder([3, o.size, o.size]);
  let x = b.conv('features.conv0', INPUT, o.init, 7, 2, 3);
  x = b.bn('features.norm0', x);
  x = b.act('features.relu0', x);
  x = b.maxpool('features.pool0', x, 3, 2, 1);
  let c = o.init;
  o.blocks.forEach((n, bi) => {
    const blk = `features.denseblock${bi + 1}`;
    x = b.group(blk, 'stage', 'dense-block', () => {
      const feats = [x];
      for (let l = 1; l <= n; l++) {
        const L = `${blk}.denselayer${l}`;
        const input = feats.length === 1 ? feats[0] : b.concat(`${L}.cat`, [...feats]);
        let y = b.bn(`${L}.norm1`, input);
        y = b.act(`${L}.relu1`, y);
        y = b.conv(`${L}.conv1`, y, o.bnSize * o.growth, 1);
        y = b.bn(`${L}.norm2`, y);
        y = b.act(`${L}.relu2`, y);
        y = b.conv(`${L}.conv2`, y, o.growth, 3, 1, 1);
        feats.push(y);
      }
      return b.concat(`${blk}.cat`, feats);
    });
    c += n * o.growth;
    if (bi !== o.blocks.length - 1) {
      const T = `features.transition${bi + 1}`;
      x = b.bn(`${T}.norm`, x);
      x = b.act(`${T}.relu`, x);
      x = b.conv(`${T}.conv`, x, Math.floor(c / 2), 1);
      x = b.avgpool(`${T}.pool`, x, 2, 2);
      c = Math.floor(c / 2);
    }
  });
  x = b.bn('features.norm5', x);
  x = b.act('relu', x);
  x = b.gap('avgpool', x, true);
  x = b.flatten('flatten', x);
  x = b.linear('classifier', x, o.classes);
  return b.build(o.id, x);
}

/** torchvision ResNet with Bottleneck blocks (ResNet-50 / ResNeXt). */
export function resNet(o: { layers: number[]; groups: number; widthPerGroup: number; classes: number; size: number; id: string }): Graph {
  const b = new GraphBuilder([3, o.size, o.size]);
  let x = b.conv('conv1', INPUT, 64, 7, 2, 3);
  x = b.bn('bn1', x);
  x = b.act('relu', x);
  x = b.maxpool('maxpool', x, 3, 2, 1);
  let inplanes = 64;
  o.layers.forEach((n, li) => {
    const planes = 64 * 2 ** li;
    for (let i = 0; i < n; i++) {
      const B = `layer${li + 1}.${i}`;
      const stride = i === 0 && li > 0 ? 2 : 1;
      const width = Math.floor(planes * (o.widthPerGroup / 64)) * o.groups;
      const input = x;
      x = b.group(B, 'block', 'bottleneck', () => {
        let y = b.conv(`${B}.conv1`, input, width, 1);
        y = b.bn(`${B}.bn1`, y);
        y = b.act(`${B}.relu1`, y);
        y = b.conv(`${B}.conv2`, y, width, 3, stride, 1, o.groups);
        y = b.bn(`${B}.bn2`, y);
        y = b.act(`${B}.relu2`, y);
        y = b.conv(`${B}.conv3`, y, planes * 4, 1);
        y = b.bn(`${B}.bn3`, y);
        let idn = input;
        if (i === 0 && (stride !== 1 || inplanes !== planes * 4)) {
          idn = b.conv(`${B}.downsample.0`, input, planes * 4, 1, stride);
          idn = b.bn(`${B}.downsample.1`, idn);
        }
        const s = b.addN(`${B}.add`, [y, idn]);
        return b.act(`${B}.relu3`, s);
      });
      inplanes = planes * 4;
    }
  });
  x = b.gap('avgpool', x, true);
  x = b.flatten('flatten', x);
  x = b.linear('fc', x, o.classes);
  return b.build(o.id, x);
}

/** torchvision ShuffleNetV2. */
export function shuffleNetV2(o: { repeats: number[]; channels: number[]; classes: number; size: number; id: string }): Graph {
  const b = new GraphBuilder([3, o.size, o.size]);
  let x = b.conv('conv1.0', INPUT, o.channels[0], 3, 2, 1);
  x = b.bn('conv1.1', x);
  x = b.act('conv1.2', x);
  x = b.maxpool('maxpool', x, 3, 2, 1);
  let inp = o.channels[0];
  o.repeats.forEach((n, si) => {
    const oup = o.channels[si + 1];
    const bf = oup / 2;
    for (let i = 0; i < n; i++) {
      const U = `stage${si + 2}.${i}`;
      const stride = i === 0 ? 2 : 1;
      const input = x;
      x = b.group(U, 'block', 'shuffle-unit', () => {
        let left: string;
        let right: string;
        if (stride > 1) {
          let l = b.conv(`${U}.branch1.0`, input, inp, 3, stride, 1, inp);
          l = b.bn(`${U}.branch1.1`, l);
          l = b.conv(`${U}.branch1.2`, l, bf, 1);
          l = b.bn(`${U}.branch1.3`, l);
          left = b.act(`${U}.branch1.4`, l);
          right = input;
        } else {
          left = b.slice(`${U}.chunk0`, input, 0, inp / 2);
          right = b.slice(`${U}.chunk1`, input, inp / 2, inp / 2);
        }
        let r = b.conv(`${U}.branch2.0`, right, bf, 1);
        r = b.bn(`${U}.branch2.1`, r);
        r = b.act(`${U}.branch2.2`, r);
        r = b.conv(`${U}.branch2.3`, r, bf, 3, stride, 1, bf);
        r = b.bn(`${U}.branch2.4`, r);
        r = b.conv(`${U}.branch2.5`, r, bf, 1);
        r = b.bn(`${U}.branch2.6`, r);
        r = b.act(`${U}.branch2.7`, r);
        const cat = b.concat(`${U}.cat`, [left, r]);
        return b.shuffle(`${U}.shuffle`, cat, 2);
      });
      inp = oup;
    }
  });
  x = b.conv('conv5.0', x, o.channels[4], 1);
  x = b.bn('conv5.1', x);
  x = b.act('conv5.2', x);
  x = b.gap('mean', x, false);
  x = b.linear('fc', x, o.classes);
  return b.build(o.id, x);
}

function roundToMultipleOf(val: number, divisor: number, bias = 0.9): number {
  const nv = Math.max(divisor, Math.floor((val + divisor / 2) / divisor) * divisor);
  return nv >= bias * val ? nv : nv + divisor;
}

/** torchvision MNASNet (B1, no SE). */
export function mnasNet(o: { alpha: number; classes: number; size: number; id: string }): Graph {
  const depths = [32, 16, 24, 40, 80, 96, 192, 320].map((d) => roundToMultipleOf(d * o.alpha, 8));
  const b = new GraphBuilder([3, o.size, o.size]);
  let x = b.conv('layers.0', INPUT, depths[0], 3, 2, 1);
  x = b.bn('layers.1', x);
  x = b.act('layers.2', x);
  x = b.conv('layers.3', x, depths[0], 3, 1, 1, depths[0]);
  x = b.bn('layers.4', x);
  x = b.act('layers.5', x);
  x = b.conv('layers.6', x, depths[1], 1);
  x = b.bn('layers.7', x);
  const stacks: [number, number, number, number][] = [
    [3, 2, 3, 3],
    [5, 2, 3, 3],
    [5, 2, 6, 3],
    [3, 1, 6, 2],
    [5, 2, 6, 4],
    [3, 1, 6, 1],
  ];
  stacks.forEach(([k, s, e, n], si) => {
    const S = `layers.${8 + si}`;
    for (let i = 0; i < n; i++) {
      const inC = i === 0 ? depths[1 + si] : depths[2 + si];
      const outC = depths[2 + si];
      const stride = i === 0 ? s : 1;
      const mid = inC * e;
      const P = `${S}.${i}.layers`;
      const input = x;
      x = b.group(`${S}.${i}`, 'block', 'mbconv', () => {
        let y = b.conv(`${P}.0`, input, mid, 1);
        y = b.bn(`${P}.1`, y);
        y = b.act(`${P}.2`, y);
        y = b.conv(`${P}.3`, y, mid, k, stride, Math.floor(k / 2), mid);
        y = b.bn(`${P}.4`, y);
        y = b.act(`${P}.5`, y);
        y = b.conv(`${P}.6`, y, outC, 1);
        y = b.bn(`${P}.7`, y);
        return inC === outC && stride === 1 ? b.addN(`${S}.${i}.add`, [y, input]) : y;
      });
    }
  });
  x = b.conv('layers.14', x, 1280, 1);
  x = b.bn('layers.15', x);
  x = b.act('layers.16', x);
  x = b.gap('mean', x, false);
  x = b.dropout('classifier.0', x, 0.2);
  x = b.linear('classifier.1', x, o.classes);
  return b.build(o.id, x);
}

/** The four parity fixtures' models plus the full-size ones, by fixture name. */
export function testGraph(name: string, size = 64): Graph {
  switch (name) {
    case 'densenet_small':
      return denseNet({ growth: 12, blocks: [2, 2, 2], init: 16, bnSize: 4, classes: 10, size, id: name });
    case 'resnext_small':
      return resNet({ layers: [1, 1, 1, 1], groups: 4, widthPerGroup: 4, classes: 10, size, id: name });
    case 'shufflenet_v2_x0_5':
      return shuffleNetV2({ repeats: [4, 8, 4], channels: [24, 48, 96, 192, 1024], classes: 1000, size, id: name });
    case 'mnasnet0_5':
      return mnasNet({ alpha: 0.5, classes: 1000, size, id: name });
    case 'resnext50_32x4d':
      return resNet({ layers: [3, 4, 6, 3], groups: 32, widthPerGroup: 4, classes: 1000, size, id: name });
    case 'resnet50':
      return resNet({ layers: [3, 4, 6, 3], groups: 1, widthPerGroup: 64, classes: 1000, size, id: name });
    case 'densenet121':
      return denseNet({ growth: 32, blocks: [6, 12, 24, 16], init: 64, bnSize: 4, classes: 1000, size, id: name });
    default:
      throw new Error(`no test graph ${name}`);
  }
}
