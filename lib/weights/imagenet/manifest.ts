/**
 * The host's ImageNet weights manifest, `public/weights/imagenet/manifest.json`, written by
 * `npm run weights:torchvision` (scripts/py/torchvision_weights.py): which models have torchvision
 * weights on this site, where each file is, and the bytes and SHA-256 it must have.
 *
 * `parseManifest` holds a manifest to this schema and says exactly what is wrong, one line per
 * problem with its JSON path ("models[1].sha256: expected 64 lowercase hex digits, got \"abc\"").
 * A bad entry is left out and the rest are used; only a manifest that is not one at all (not JSON,
 * wrong format or version) lists nothing.
 */
import { MANIFEST_FORMAT, MANIFEST_VERSION } from './manifest-format.mjs';
import { TORCHVISION_IMAGENET_IDS } from './models';

export { MANIFEST_FORMAT, MANIFEST_VERSION, emptyManifest } from './manifest-format.mjs';

export interface ImagenetSource {
  /** torchvision's weights enum member, e.g. "ResNet50_Weights.IMAGENET1K_V1". */
  readonly weights: string;
  /** Where torchvision downloads the checkpoint from (download.pytorch.org). */
  readonly url: string;
  readonly torchvision?: string;
  readonly recipe?: string;
  /** ImageNet-1K validation top-1 / top-5 (%), from the enum's meta. */
  readonly acc1?: number;
  readonly acc5?: number;
  readonly transforms?: { readonly resize: number; readonly crop: number };
}

export interface ImagenetEntry {
  readonly id: string;
  /** File name inside the manifest's folder (no path). */
  readonly file: string;
  /** How float tensors are stored: F16 files are converted to F32 on load. */
  readonly dtype: 'F32' | 'F16';
  readonly bytes: number;
  /** Lowercase hex. */
  readonly sha256: string;
  readonly params: number;
  /** False for `--offline` exports (weights=None, seeded): not trained. */
  readonly pretrained: boolean;
  readonly source: ImagenetSource;
  readonly licence: string;
  readonly note?: string;
}

export interface ImagenetManifest {
  readonly generated?: string;
  readonly models: readonly ImagenetEntry[];
}

export type ParsedManifest = { readonly manifest: ImagenetManifest; readonly errors: readonly string[] };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};

/** A file name the site serves from the manifest's own folder: no path, no "..", no query. */
const FILE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]*\.safetensors$/;
const SHA_RE = /^[0-9a-f]{64}$/;

function entryErrors(e: unknown, at: string, seen: Set<string>): string[] {
  if (!isObject(e)) return [`${at}: expected an object, got ${show(e)}`];
  const errs: string[] = [];
  const need = (key: string, ok: (v: unknown) => boolean, what: string) => {
    if (!ok(e[key])) errs.push(`${at}.${key}: expected ${what}, got ${show(e[key])}`);
  };
  const id = e.id;
  if (typeof id !== 'string' || !TORCHVISION_IMAGENET_IDS.includes(id))
    errs.push(`${at}.id: expected one of the torchvision ImageNet models (${TORCHVISION_IMAGENET_IDS.join(', ')}), got ${show(id)}`);
  else if (seen.has(id)) errs.push(`${at}.id: ${id} is listed twice`);
  need('file', (v) => typeof v === 'string' && FILE_RE.test(v), 'a file name ending in .safetensors, in the manifest\'s folder (no "/")');
  need('dtype', (v) => v === 'F32' || v === 'F16', '"F32" or "F16"');
  need('bytes', (v) => Number.isSafeInteger(v) && (v as number) > 8, 'the file size in bytes (an integer above 8)');
  need('sha256', (v) => typeof v === 'string' && SHA_RE.test(v), '64 lowercase hex digits');
  need('params', (v) => Number.isSafeInteger(v) && (v as number) > 0, 'a positive integer');
  need('pretrained', (v) => typeof v === 'boolean', 'true or false');
  need('licence', (v) => typeof v === 'string' && v.trim() !== '', 'a licence note');
  if (e.note !== undefined) need('note', (v) => typeof v === 'string', 'a string');
  const s = e.source;
  if (!isObject(s)) errs.push(`${at}.source: expected an object {weights, url}, got ${show(s)}`);
  else {
    if (typeof s.weights !== 'string' || !/^\w+_Weights\.\w+$/.test(s.weights))
      errs.push(`${at}.source.weights: expected a torchvision weights enum member such as "ResNet50_Weights.IMAGENET1K_V1", got ${show(s.weights)}`);
    if (typeof s.url !== 'string' || !/^https:\/\//.test(s.url)) errs.push(`${at}.source.url: expected an https URL, got ${show(s.url)}`);
    for (const k of ['acc1', 'acc5'] as const)
      if (s[k] !== undefined && s[k] !== null && !(typeof s[k] === 'number' && s[k] >= 0 && s[k] <= 100))
        errs.push(`${at}.source.${k}: expected a percentage, got ${show(s[k])}`);
  }
  return errs;
}

function toEntry(e: Record<string, unknown>): ImagenetEntry {
  const s = e.source as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === 'number' ? v : undefined);
  const t = isObject(s.transforms) && typeof s.transforms.resize === 'number' && typeof s.transforms.crop === 'number' ? s.transforms : undefined;
  return {
    id: e.id as string,
    file: e.file as string,
    dtype: e.dtype as 'F32' | 'F16',
    bytes: e.bytes as number,
    sha256: e.sha256 as string,
    params: e.params as number,
    pretrained: e.pretrained as boolean,
    licence: e.licence as string,
    ...(typeof e.note === 'string' ? { note: e.note } : {}),
    source: {
      weights: s.weights as string,
      url: s.url as string,
      ...(typeof s.torchvision === 'string' ? { torchvision: s.torchvision } : {}),
      ...(typeof s.recipe === 'string' ? { recipe: s.recipe } : {}),
      ...(num(s.acc1) !== undefined ? { acc1: num(s.acc1) } : {}),
      ...(num(s.acc5) !== undefined ? { acc5: num(s.acc5) } : {}),
      ...(t ? { transforms: { resize: t.resize as number, crop: t.crop as number } } : {}),
    },
  };
}

/**
 * The manifest's valid entries and one message per problem. Accepts the parsed JSON (or its text).
 * Never throws.
 */
export function parseManifest(json: unknown): ParsedManifest {
  let v = json;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v);
    } catch (e) {
      return { manifest: { models: [] }, errors: [`not JSON: ${(e as Error).message}`] };
    }
  }
  if (!isObject(v)) return { manifest: { models: [] }, errors: [`expected an object {format, version, models}, got ${show(v)}`] };
  if (v.format !== MANIFEST_FORMAT) return { manifest: { models: [] }, errors: [`format: expected "${MANIFEST_FORMAT}", got ${show(v.format)}`] };
  if (v.version !== MANIFEST_VERSION)
    return {
      manifest: { models: [] },
      errors: [`version: expected ${MANIFEST_VERSION} (this site reads version ${MANIFEST_VERSION}), got ${show(v.version)}`],
    };
  if (!Array.isArray(v.models)) return { manifest: { models: [] }, errors: [`models: expected a list, got ${show(v.models)}`] };
  const errors: string[] = [];
  const models: ImagenetEntry[] = [];
  const seen = new Set<string>();
  v.models.forEach((e, i) => {
    const errs = entryErrors(e, `models[${i}]`, seen);
    if (errs.length) errors.push(...errs);
    else {
      const entry = toEntry(e as Record<string, unknown>);
      seen.add(entry.id);
      models.push(entry);
    }
  });
  return { manifest: { ...(typeof v.generated === 'string' ? { generated: v.generated } : {}), models }, errors };
}

/** The manifest's entry for a model, if the host lists it. */
export function manifestEntry(m: ImagenetManifest | null, id: string): ImagenetEntry | null {
  return m?.models.find((e) => e.id === id) ?? null;
}
