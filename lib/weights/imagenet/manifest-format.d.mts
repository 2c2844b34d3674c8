export declare const MANIFEST_FORMAT: 'layerwise-imagenet-weights';
export declare const MANIFEST_VERSION: 1;
export declare function emptyManifest(): { format: typeof MANIFEST_FORMAT; version: typeof MANIFEST_VERSION; models: [] };
