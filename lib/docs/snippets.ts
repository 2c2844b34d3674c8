/**
 * Copyable code for the instructors' page that is not a widget's embed code: the resize message and
 * a listener for it, and the torchvision → .safetensors export. Names and limits come from the
 * modules that define them (lib/embed/messages.ts, lib/arch), so the snippets follow them.
 * Framework-free.
 */
import { MODELS } from '@/lib/arch';
import { LTI_RESIZE_SUBJECT, MAX_HEIGHT, RESIZE_TYPE, resizeMessages } from '@/lib/embed/messages';

/** Stands for the site's origin in snippets; the page swaps in the real one in the browser. */
export const ORIGIN_TOKEN = '__LAYERWISE_ORIGIN__';

/** The two messages an embed posts, for an example id and height. */
export function resizeMessageExample(id = 'dense-connectivity', height = 812): string {
  const [ours, lti] = resizeMessages(id, height);
  return `${JSON.stringify(ours)}\n${JSON.stringify(lti)}`;
}

/**
 * A minimal listener for pages that would rather not load /embed.js: it accepts a message only from
 * one of the page's own iframes and only from the Layerwise origin, like the host script does.
 */
export function resizeListenerSnippet(origin: string): string {
  return `<script>
window.addEventListener('message', function (event) {
  if (event.origin !== ${JSON.stringify(origin)}) return;          // only Layerwise embeds
  var d = event.data;
  if (!d || d.type !== ${JSON.stringify(RESIZE_TYPE)}) return;
  var h = Number(d.height);
  if (!(h >= 1 && h <= ${MAX_HEIGHT})) return;
  var frames = document.getElementsByTagName('iframe');
  for (var i = 0; i < frames.length; i++) {
    if (frames[i].contentWindow === event.source) frames[i].style.height = Math.ceil(h) + 'px';
  }
});
</script>`;
}

export const LTI_SUBJECT = LTI_RESIZE_SUBJECT;

/** Model ids the lab can load torchvision weights for (same names as torchvision.models). */
export const TORCHVISION_MODELS: readonly string[] = MODELS.filter((m) => m.torchvision).map((m) => m.id);

/** With the safetensors package (pip install safetensors). */
export function exportWithSafetensors(model = 'resnet50'): string {
  return `import torchvision
from safetensors.torch import save_file

model = torchvision.models.${model}(weights="DEFAULT")   # downloads the pretrained weights once
save_file(model.state_dict(), "${model}.safetensors")`;
}

/** Without it: the repository's dependency-free writer (scripts/py/export_safetensors.py). */
export function exportWithRepoScript(model = 'resnet50'): string {
  return `import sys, torchvision
sys.path.insert(0, "scripts/py")                      # from a checkout of this site's repository
from export_safetensors import save_safetensors       # needs only torch and numpy

model = torchvision.models.${model}(weights="DEFAULT")
save_safetensors(model.state_dict(), "${model}.safetensors")`;
}

/** The same file from the command line, checked in Node (the arch CLI). */
export function runInNodeSnippet(model = 'resnet50'): string {
  return `npm run -s arch -- run ${model} --weights ${model}.safetensors --input image.safetensors --json`;
}
