import type { FamilyId } from '@/lib/arch';

/** One colour per family, used by every chart that compares families (colour-blind safe, Okabe–Ito). */
export const FAMILY_COLORS: Readonly<Record<FamilyId, string>> = {
  densenet: '#0072B2',
  resnext: '#D55E00',
  shufflenet_v2: '#009E73',
  mnasnet: '#CC79A7',
};
