/**
 * The "ImageNet weights" section of docs/hosting.md (lib/security/hosting-doc.ts): the command,
 * what it writes, and the size of every file it would write, computed from the registry
 * (file-size.ts), so the table cannot drift from the models.
 */
import { graphCost } from '../../arch/cost';
import { buildGraph } from '../../arch/registry';
import { formatBytes } from '../../format/bytes';
import { weightsFileBytes } from './file-size';
import { TORCHVISION_IMAGENET_IDS } from './models';

export function imagenetSizesTable(): string {
  let f32 = 0;
  let f16 = 0;
  const rows = TORCHVISION_IMAGENET_IDS.map((id) => {
    const a = weightsFileBytes(id, 'F32');
    const b = weightsFileBytes(id, 'F16');
    f32 += a;
    f16 += b;
    const params = graphCost(buildGraph(id)).total.params;
    return `| \`${id}\` | ${params.toLocaleString('en-US')} | ${a.toLocaleString('en-US')} (${formatBytes(a)}) | ${b.toLocaleString('en-US')} (${formatBytes(b)}) |`;
  });
  return [
    '| model | parameters | F32 file, bytes | `--fp16` file, bytes |',
    '|---|--:|--:|--:|',
    ...rows,
    `| all ${TORCHVISION_IMAGENET_IDS.length} | | ${f32.toLocaleString('en-US')} (${formatBytes(f32)}) | ${f16.toLocaleString('en-US')} (${formatBytes(f16)}) |`,
  ].join('\n');
}

export function imagenetHostingSection(): string {
  return `## ImageNet weights (optional)

The site runs every model with random weights, or with a file the reader loads. A host with internet
access can also serve torchvision's ImageNet weights; the lab then offers "ImageNet weights
(torchvision, N MB)" for those models and uses them by default. Python with torch and torchvision
is needed (\`$PYTHON\`, else \`/usr/bin/python3\`; Debian: \`apt-get install python3-torchvision\`):

\`\`\`sh
npm run weights:torchvision                                   # all ${TORCHVISION_IMAGENET_IDS.length} models, F32, into public/weights/imagenet/
npm run weights:torchvision -- --models resnet50,mnasnet1_0 --fp16   # a subset, stored as F16
npm run weights:torchvision -- --sizes                        # the bytes each file would take; writes nothing
npm run weights:torchvision -- --offline --models shufflenet_v2_x0_5 --fp16 --out /tmp/w   # no download (tests)
\`\`\`

It builds each model with torchvision's own builder and its \`IMAGENET1K_V1\` weights (\`--variant
DEFAULT\` for torchvision's newest; V1 matches the site's Resize(256) / CenterCrop(224)
preprocessing), checks every state_dict key, shape and the parameter count against lib/arch, and
writes \`<id>.safetensors\` (or \`<id>.f16.safetensors\`: float tensors as F16, converted to F32
in the browser) and \`manifest.json\`: per model the file, dtype, bytes, SHA-256, parameters, the
weights enum and its download URL, ImageNet accuracy and a licence note. Running it again for other
models adds them; the manifest keeps the entries whose files are still there.

**Licence.** torchvision's code is BSD-3-Clause. Of its weights its documentation says: "The
pre-trained models provided in this library may have their own licenses or terms and conditions
derived from the dataset used for training. It is your responsibility to determine whether you have
permission to use the models for your use case." These were trained on ImageNet-1K, whose terms of
access allow non-commercial research and educational use. The manifest repeats this note for each
file.

**Serving.** The site reads \`/weights/imagenet/manifest.json\` when a page needs it, so weights can
be added to a site already built: copy the folder into \`out/weights/imagenet/\` (a static export) or
run the command before \`npm run export\` / \`npm run build\` (everything in public/ is copied). No
manifest, or an empty one (the build writes one when there is none), lists nothing. The browser
checks each file's size and SHA-256 against the manifest before using it (Web Crypto; on a
non-secure origin such as a LAN \`http://\` address, a built-in SHA-256) and keeps a verified copy in
its Cache API store, so each file is downloaded once; non-secure origins have no Cache API and
download again on each visit. A file that is missing, cut short or changed gets a notice and the
current weights stay. \`--offline\` files are torchvision's random init (\`weights=None\`), marked
\`"pretrained": false\` in the manifest and "not trained" in the lab.

Sizes of the files the command writes (exact: the header is computed as the script writes it,
and \`lib/weights/imagenet/export.test.ts\` checks it against a real export):

${imagenetSizesTable()}
`;
}
