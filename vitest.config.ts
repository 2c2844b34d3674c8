import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'components/**/*.test.tsx', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Two cores, two files at a time: every test file runs in one thread of Node (tfjs-backend-wasm
    // without threads, the cpu backend, the parsers), so two workers keep both cores busy and a third
    // would only share them. No test measures time (timings are benchmark scripts); the few loose
    // time bounds (graph layout, a refusal before weights are made) hold with a core each.
    fileParallelism: true,
    maxWorkers: 2,
    testTimeout: 120_000,
  },
});
