/**
 * The index of the trained digits weights shipped with the site, as data (no loader, no tfjs, no
 * weights parser: pages import it statically to offer and caption the weights): one entry per
 * record `public/weights/digits/<id>.json` (digits-record.ts), imported at build time, so each
 * model's size, hash and accuracy are written once, by `npm run weights:digits`. The loader is
 * shipped-digits.ts, which re-exports all of this.
 */
import densenetDigits from '../../public/weights/digits/densenet_digits.json' with { type: 'json' };
import mnasnetDigits from '../../public/weights/digits/mnasnet_digits.json' with { type: 'json' };
import resnetDigits from '../../public/weights/digits/resnet_digits.json' with { type: 'json' };
import resnextDigits from '../../public/weights/digits/resnext_digits.json' with { type: 'json' };
import shufflenetV2Digits from '../../public/weights/digits/shufflenet_v2_digits.json' with { type: 'json' };
import type { DigitsTrainingRecord } from './digits-record';

/** Where the files are served from (public/weights/digits/), a root path as the digits data's. */
export const SHIPPED_DIGITS_DIR = '/weights/digits/';

export interface ShippedDigits {
  readonly id: string;
  /** URL path of the weights on the site, e.g. `/weights/digits/densenet_digits.safetensors`. */
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  /** On the held-out 2,000-image test split, as the record measured it. */
  readonly testAccuracy: number;
  readonly record: DigitsTrainingRecord;
}

const RECORDS = [densenetDigits, resnextDigits, resnetDigits, shufflenetV2Digits, mnasnetDigits] as unknown as readonly DigitsTrainingRecord[];

/** Every shipped digits model, by id. */
export const SHIPPED_DIGITS: Readonly<Record<string, ShippedDigits>> = Object.fromEntries(
  RECORDS.map((r) => [r.id, { id: r.id, path: `${SHIPPED_DIGITS_DIR}${r.file}`, bytes: r.bytes, sha256: r.sha256, testAccuracy: r.test.accuracy, record: r }]),
);

export const SHIPPED_DIGITS_IDS: readonly string[] = RECORDS.map((r) => r.id);

export function shippedDigits(id: string): ShippedDigits | null {
  return Object.prototype.hasOwnProperty.call(SHIPPED_DIGITS, id) ? SHIPPED_DIGITS[id] : null;
}
