'use client';

import { useEffect, useRef, useState } from 'react';
import { TORCHVISION_IMAGENET_IDS } from '@/lib/weights/imagenet/models';
import type { ImagenetEntry } from '@/lib/weights/imagenet/manifest';
import type { LoadedManifest } from '@/lib/weights/imagenet/load-manifest';
import type { DownloadProgress, FetchedWeights } from '@/lib/weights/imagenet/download';

export interface ImagenetWeightsState {
  /** The host's manifest entry for this model, or null (none, not read yet, or not a torchvision model). */
  readonly entry: ImagenetEntry | null;
  /** False until the manifest has been read (or found missing). */
  readonly ready: boolean;
  /** True for the 16 models torchvision has ImageNet weights for (the others never get any). */
  readonly applicable: boolean;
  /** Problems in the host's manifest (shown to whoever looks, never blocking). */
  readonly manifestErrors: readonly string[];
  /** The verified bytes for `entry`: from memory (this page), the browser's cache, or a download. */
  fetch(entry: ImagenetEntry, o: { signal?: AbortSignal; onProgress?: (p: DownloadProgress) => void }): Promise<FetchedWeights>;
}

/**
 * The host's ImageNet weights for a model (lib/weights/imagenet): reads the manifest once per page
 * when the model is one torchvision has weights for, and fetches a file once per page (the Cache
 * API keeps it across visits where the page is a secure context).
 */
export function useImagenetWeights(modelId: string): ImagenetWeightsState {
  const applicable = TORCHVISION_IMAGENET_IDS.includes(modelId);
  const [manifest, setManifest] = useState<LoadedManifest | null>(null);
  const held = useRef(new Map<string, Promise<FetchedWeights>>());

  useEffect(() => {
    if (!applicable) return;
    let live = true;
    void import('@/lib/weights/imagenet/load-manifest')
      .then((m) => m.loadImagenetManifest())
      .then((m) => {
        if (!live) return;
        if (m.errors.length) console.warn(`ImageNet weights manifest: ${m.errors.join('; ')}`);
        setManifest(m);
      });
    return () => {
      live = false;
    };
  }, [applicable]);

  const entry = (applicable && manifest?.manifest.models.find((e) => e.id === modelId)) || null;
  return {
    entry,
    ready: !applicable || manifest !== null,
    applicable,
    manifestErrors: manifest?.errors ?? [],
    fetch: (e, o) => {
      const key = `${e.file}#${e.sha256}`;
      let p = held.current.get(key);
      if (!p) {
        p = import('@/lib/weights/imagenet/download').then((d) => d.fetchImagenetWeights(e, o));
        held.current.set(key, p);
        // A failed or cancelled fetch is not kept: the next try fetches again.
        p.catch(() => held.current.delete(key));
      }
      return p;
    },
  };
}
