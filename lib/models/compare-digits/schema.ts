/** The URL state of /models/compare-digits: which digit, which stage's maps, the backend. */
import { BACKEND_PARAM, digitParam, seedParam } from '@/lib/url-state/common-params';
import { enumP } from '@/lib/url-state/schema';
import { STAGE_PICKS } from './layer';

export const compareDigitsSchema = {
  digit: digitParam('the test digit every model reads (index into the digits test split, 0–1999)'),
  stage: enumP(STAGE_PICKS, 'last', 'whose feature maps each row shows: the output of the last feature stage (closest to the decision) or of the first'),
  seed: seedParam(0, 'seed of the random weights a model gets when the site ships no trained ones for it'),
  backend: BACKEND_PARAM,
} as const;

export type CompareDigitsSchema = typeof compareDigitsSchema;
