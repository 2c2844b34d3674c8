/**
 * `npm run weights:torchvision -- [options]`: hands the registry's torchvision ImageNet models
 * (lib/weights/imagenet/models.ts: ids, parameter counts, state_dict keys and shapes) to
 * scripts/py/torchvision_weights.py, which downloads and writes the weights and the manifest. All
 * options go to the Python script (`-- --help` lists them). Python: $PYTHON, else /usr/bin/python3
 * (Debian's torch and torchvision; a python3 earlier on PATH may not see them).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { torchvisionModelSpecs } from '../lib/weights/imagenet/models';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'layerwise-weights-'));
const specs = join(dir, 'specs.json');
writeFileSync(specs, JSON.stringify(torchvisionModelSpecs()));
const python = process.env.PYTHON ?? '/usr/bin/python3';
const r = spawnSync(python, [join(root, 'scripts/py/torchvision_weights.py'), '--specs', specs, ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
rmSync(dir, { recursive: true, force: true });
if (r.error) {
  console.error(`weights:torchvision: could not start ${python}: ${r.error.message} (set $PYTHON to a Python with torch and torchvision)`);
  process.exit(2);
}
process.exit(r.status ?? 1);
