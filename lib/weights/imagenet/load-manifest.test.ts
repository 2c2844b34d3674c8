import { describe, expect, it } from 'vitest';
import { emptyManifest } from './manifest';
import { readManifest } from './load-manifest';

const answer = (res: () => Response) => {
  const urls: string[] = [];
  const f = (async (url: string) => {
    urls.push(url);
    return res();
  }) as unknown as typeof fetch;
  return { f, urls };
};

describe('readManifest', () => {
  it('reads /weights/imagenet/manifest.json', async () => {
    const s = answer(() => new Response(JSON.stringify(emptyManifest())));
    await expect(readManifest(undefined, s.f)).resolves.toEqual({ status: 'ok', manifest: { models: [] }, errors: [] });
    expect(s.urls).toEqual(['/weights/imagenet/manifest.json']);
  });

  it('no manifest (404) or no network lists nothing, quietly', async () => {
    await expect(readManifest(undefined, answer(() => new Response('', { status: 404 })).f)).resolves.toEqual({
      status: 'absent',
      manifest: { models: [] },
      errors: [],
    });
    const down = (async () => {
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    await expect(readManifest(undefined, down)).resolves.toMatchObject({ status: 'absent', errors: [] });
  });

  it('a file that is not a manifest lists nothing and says why; bad entries are named and the rest kept', async () => {
    const bad = await readManifest(undefined, answer(() => new Response('<html>')).f);
    expect(bad.status).toBe('invalid');
    expect(bad.errors[0]).toMatch(/^manifest\.json: not JSON: /);
    const partly = await readManifest(undefined, answer(() => new Response(JSON.stringify({ ...emptyManifest(), models: [{ id: 'resnet50' }] }))).f);
    expect(partly.status).toBe('ok');
    expect(partly.errors[0]).toBe(
      'manifest.json: models[0].file: expected a file name ending in .safetensors, in the manifest\'s folder (no "/"), got nothing',
    );
  });
});
