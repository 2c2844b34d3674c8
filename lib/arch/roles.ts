/** Words for each group role (GroupRole in ir.ts), for cards, captions and screen readers. */
import type { GroupRole } from './ir';

export const GROUP_ROLES = [
  'stem',
  'stage',
  'dense-block',
  'dense-layer',
  'transition',
  'bottleneck',
  'shortcut',
  'shuffle-unit',
  'branch',
  'mbconv',
  'sepconv',
  'conv',
  'se',
  'classifier',
] as const satisfies readonly GroupRole[];

/** A lower-case noun: "dense block", "shuffle unit". */
export const ROLE_NOUNS: Readonly<Record<GroupRole, string>> = {
  stem: 'stem',
  stage: 'stage',
  'dense-block': 'dense block',
  'dense-layer': 'dense layer',
  transition: 'transition layer',
  bottleneck: 'bottleneck block',
  shortcut: 'projection shortcut',
  'shuffle-unit': 'shuffle unit',
  branch: 'branch',
  mbconv: 'inverted residual (MBConv)',
  sepconv: 'depthwise separable conv',
  conv: 'conv layer',
  se: 'squeeze-and-excitation unit',
  classifier: 'classifier head',
};
