/**
 * Reads the host's manifest at run time (so a host adds weights to a built site without
 * rebuilding it), once per page. No manifest, or one that cannot be read, lists nothing, quietly:
 * the site works the same without ImageNet weights. A manifest with bad entries lists the good
 * ones; the problems are kept (`errors`) for the notice that tells the host what to fix.
 */
import { IMAGENET_WEIGHTS_PATH } from './download';
import { type ImagenetManifest, parseManifest } from './manifest';

export interface LoadedManifest {
  /** 'absent': no manifest on the site (HTTP 404 or no network); 'invalid': not a manifest at all. */
  readonly status: 'ok' | 'absent' | 'invalid';
  readonly manifest: ImagenetManifest;
  readonly errors: readonly string[];
}

export const MANIFEST_FILE = 'manifest.json';

const memo = new Map<string, Promise<LoadedManifest>>();

/** Fetches and validates the manifest (never throws). */
export async function readManifest(base = IMAGENET_WEIGHTS_PATH, doFetch: typeof fetch = fetch): Promise<LoadedManifest> {
  const empty = { models: [] };
  let res: Response;
  try {
    // no-cache: revalidate, so a host's new manifest is seen on the next visit.
    res = await doFetch(`${base}${MANIFEST_FILE}`, { cache: 'no-cache' });
  } catch {
    return { status: 'absent', manifest: empty, errors: [] };
  }
  if (res.status === 404) return { status: 'absent', manifest: empty, errors: [] };
  if (!res.ok) return { status: 'absent', manifest: empty, errors: [`${MANIFEST_FILE}: the site answered HTTP ${res.status}`] };
  let text: string;
  try {
    text = await res.text();
  } catch {
    return { status: 'absent', manifest: empty, errors: [] };
  }
  const { manifest, errors } = parseManifest(text);
  const invalid = errors.length > 0 && manifest.models.length === 0 && !/^models\[/.test(errors[0]);
  return { status: invalid ? 'invalid' : 'ok', manifest, errors: errors.map((e) => `${MANIFEST_FILE}: ${e}`) };
}

/** The page's manifest, fetched on first use. */
export function loadImagenetManifest(base = IMAGENET_WEIGHTS_PATH): Promise<LoadedManifest> {
  let p = memo.get(base);
  if (!p) {
    p = readManifest(base);
    memo.set(base, p);
  }
  return p;
}

/** Forget the fetched manifest (tests; a page that wants to see a host's new file). */
export function resetImagenetManifest(): void {
  memo.clear();
}
