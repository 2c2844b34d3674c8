#!/usr/bin/env python3
"""Write torchvision's ImageNet weights as .safetensors files the site serves, with a manifest.

Run through `npm run weights:torchvision -- [options]` (scripts/weights-torchvision.ts), which
hands this script the models from lib/arch's registry (`--specs`: id, params and state_dict keys
and shapes, lib/weights/imagenet/models.ts), so the list is never written twice. Each model is
built with torchvision's own builder, `torchvision.models.<id>(weights=<enum member>)` (the
download goes through torch.hub's cache, $TORCH_HOME), checked key by key and shape by shape
against the registry, and its whole state_dict written (num_batches_tracked included, as I64).

    npm run weights:torchvision                               # all 16, F32, into public/weights/imagenet/
    npm run weights:torchvision -- --models resnet50,mnasnet1_0 --fp16
    npm run weights:torchvision -- --offline --models shufflenet_v2_x0_5 --fp16 --out /tmp/w
    npm run weights:torchvision -- --sizes                    # the bytes each file would take (F32 and F16)

--offline exports `weights=None` models (torchvision's own random init, seeded) and marks them in
the manifest (`"pretrained": false`), so the manifest, download, verification, cache and fallback
paths can be tested on a machine without internet. The manifest (`manifest.json`, schema in
lib/weights/imagenet/manifest.ts) is merged: entries of models not exported this time stay when
their file is still there.
"""
import argparse
import datetime
import hashlib
import json
import os
import struct
import sys

import torch
import torchvision

from export_safetensors import _DTYPES

MANIFEST_FORMAT = 'layerwise-imagenet-weights'
MANIFEST_VERSION = 1

# What torchvision's documentation says about its weights (pytorch.org/vision/stable/models.html,
# "General information on pre-trained weights"), and the dataset's terms they derive from.
LICENCE_NOTE = (
    'torchvision (BSD-3-Clause code) says of its weights: "The pre-trained models provided in this '
    'library may have their own licenses or terms and conditions derived from the dataset used for '
    'training. It is your responsibility to determine whether you have permission to use the models '
    'for your use case." These were trained on ImageNet-1K, whose terms of access allow '
    'non-commercial research and educational use.'
)
OFFLINE_NOTE = 'offline test export, not trained: torchvision weights=None (its own random init), seeded'


def log(*a):
    print(*a, file=sys.stderr, flush=True)


def header_bytes(tensors, metadata):
    """The safetensors header (8-byte length + JSON padded to 8), exactly as save_safetensors writes it."""
    header, offset = {}, 0
    if metadata:
        header['__metadata__'] = {str(k): str(v) for k, v in metadata.items()}
    for name, t in tensors.items():
        n = t.numel() * t.element_size()
        header[name] = {'dtype': _DTYPES[t.dtype], 'shape': list(t.shape), 'data_offsets': [offset, offset + n]}
        offset += n
    h = json.dumps(header, separators=(',', ':')).encode('utf-8')
    h += b' ' * (-(8 + len(h)) % 8)
    return struct.pack('<Q', len(h)) + h, offset


def write_safetensors(tensors, path, metadata):
    """Write {name: tensor} (as export_safetensors.save_safetensors does) and return (bytes, sha256)."""
    head, data_len = header_bytes(tensors, metadata)
    digest = hashlib.sha256()
    tmp = path + '.part'
    with open(tmp, 'wb') as f:
        f.write(head)
        digest.update(head)
        for t in tensors.values():
            raw = t.detach().cpu().contiguous().numpy()
            raw = raw.astype(raw.dtype.newbyteorder('<'), copy=False).tobytes()
            f.write(raw)
            digest.update(raw)
    os.replace(tmp, path)  # a reader never sees half a file
    return len(head) + data_len, digest.hexdigest()


def cast(state_dict, fp16):
    """Float tensors to F16 when asked (round to nearest even, torch's .half()); the rest as is."""
    out = {}
    for k, t in state_dict.items():
        t = t.detach().cpu().contiguous()
        out[k] = t.half() if fp16 and t.is_floating_point() else t
    return out


def check_against_registry(spec, model):
    """The torchvision module must be the registry's model: same keys, shapes and parameter count."""
    sd = model.state_dict()
    ours = [(e['key'], list(e['shape'])) for e in spec['keys']]
    theirs = [(k, list(t.shape)) for k, t in sd.items()]
    if ours != theirs:
        diff = next((i for i, (a, b) in enumerate(zip(ours, theirs)) if a != b), min(len(ours), len(theirs)))
        a = ours[diff] if diff < len(ours) else None
        b = theirs[diff] if diff < len(theirs) else None
        raise SystemExit(f"{spec['id']}: state_dict differs from lib/arch's at entry {diff}: registry {a}, torchvision {b}")
    params = sum(p.numel() for p in model.parameters())
    if params != spec['params']:
        raise SystemExit(f"{spec['id']}: torchvision has {params} parameters, the registry {spec['params']}")
    return sd, params


def weights_member(model_id, variant):
    """torchvision's weights enum member for a model, e.g. ResNet50_Weights.IMAGENET1K_V1."""
    enum = torchvision.models.get_model_weights(model_id)
    members = list(enum.__members__)
    if variant not in enum.__members__:
        raise SystemExit(f"{model_id}: {enum.__name__} has no {variant}; it has {', '.join(members)}")
    return enum, enum[variant]


def source_of(enum, member):
    """The manifest's source: enum, URL, recipe, accuracy, preprocessing, from the enum's own meta."""
    meta = member.meta
    # torchvision >= 0.14 keeps accuracy under _metrics['ImageNet-1K'], 0.13 under metrics.
    metrics = (meta.get('_metrics') or {}).get('ImageNet-1K') or meta.get('metrics')
    tf = member.transforms()
    src = {
        'weights': f'{enum.__name__}.{member.name}',
        'url': member.url,
        'torchvision': torchvision.__version__,
    }
    if meta.get('recipe'):
        src['recipe'] = meta['recipe']
    if metrics:
        src['acc1'] = metrics.get('acc@1')
        src['acc5'] = metrics.get('acc@5')
    # ImageClassification keeps both as one-element lists: Resize(256) then CenterCrop(224).
    src['transforms'] = {'resize': int(tf.resize_size[0]), 'crop': int(tf.crop_size[0])}
    return src


def build(model_id, member, offline, seed):
    builder = getattr(torchvision.models, model_id)
    if offline:
        torch.manual_seed(seed)
        return builder(weights=None).eval()
    return builder(weights=member, progress=True).eval()


def file_metadata(model_id):
    """The file's own metadata: the same for trained and offline files, so lib/weights/imagenet/file-size.ts
    knows every file's size from the registry alone (the manifest says where the weights came from)."""
    return {'format': 'pt', 'model': model_id, 'source': 'torchvision'}


def file_name(model_id, fp16):
    return f'{model_id}.f16.safetensors' if fp16 else f'{model_id}.safetensors'


def read_manifest(path):
    try:
        with open(path) as f:
            m = json.load(f)
        return m if isinstance(m, dict) and isinstance(m.get('models'), list) else None
    except (OSError, ValueError):
        return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    ap.add_argument('--specs', required=True, help='JSON from lib/weights/imagenet/models.ts (the npm script passes it)')
    ap.add_argument('--models', help='comma-separated subset of the ids (default: all 16)')
    ap.add_argument('--fp16', action='store_true', help='store float tensors as F16 (half the bytes; converted to F32 on load)')
    ap.add_argument('--offline', action='store_true', help='no download: weights=None models, seeded, marked "pretrained": false')
    ap.add_argument('--seed', type=int, default=0, help='torch.manual_seed for --offline (default 0)')
    ap.add_argument('--variant', default='IMAGENET1K_V1', help='weights enum member (default IMAGENET1K_V1: the one the site\'s '
                    'Resize(256)/CenterCrop(224) preprocessing matches; DEFAULT picks torchvision\'s best)')
    ap.add_argument('--out', default='public/weights/imagenet', help='folder the site serves (default public/weights/imagenet)')
    ap.add_argument('--sizes', action='store_true', help='print the bytes each file would take, F32 and F16, and write nothing')
    args = ap.parse_args()

    with open(args.specs) as f:
        specs = {s['id']: s for s in json.load(f)}
    ids = list(specs)
    if args.models:
        wanted = [m.strip() for m in args.models.split(',') if m.strip()]
        unknown = [m for m in wanted if m not in specs]
        if unknown:
            raise SystemExit(f"unknown model(s) {', '.join(unknown)}; one of: {', '.join(ids)}")
        ids = wanted

    if args.sizes:
        rows = []
        for model_id in ids:
            enum, member = weights_member(model_id, args.variant)
            sd, params = check_against_registry(specs[model_id], build(model_id, member, True, args.seed))
            meta = file_metadata(model_id)
            row = {'id': model_id, 'params': params}
            for dtype, fp16 in (('F32', False), ('F16', True)):
                head, data = header_bytes(cast(sd, fp16), meta)
                row[dtype] = len(head) + data
            rows.append(row)
            log(f"{model_id:20} {params:>11,} params  F32 {row['F32']:>12,} B  F16 {row['F16']:>12,} B")
        print(json.dumps(rows, indent=1))
        return

    os.makedirs(args.out, exist_ok=True)
    manifest_path = os.path.join(args.out, 'manifest.json')
    old = read_manifest(manifest_path) or {}
    entries = {e.get('id'): e for e in old.get('models', []) if isinstance(e, dict)}

    for model_id in ids:
        enum, member = weights_member(model_id, args.variant)
        log(f'{model_id}: {"weights=None (offline)" if args.offline else member.url}')
        sd, params = check_against_registry(specs[model_id], build(model_id, member, args.offline, args.seed))
        name = file_name(model_id, args.fp16)
        meta = file_metadata(model_id)
        size, sha = write_safetensors(cast(sd, args.fp16), os.path.join(args.out, name), meta)
        prev = entries.get(model_id)
        if prev and prev.get('file') != name and os.path.basename(str(prev.get('file'))) == prev.get('file'):
            try:
                os.remove(os.path.join(args.out, prev['file']))  # the other dtype's file is stale now
            except OSError:
                pass
        entry = {
            'id': model_id,
            'file': name,
            'dtype': 'F16' if args.fp16 else 'F32',
            'bytes': size,
            'sha256': sha,
            'params': params,
            'pretrained': not args.offline,
            'source': source_of(enum, member),
            'licence': LICENCE_NOTE,
        }
        if args.offline:
            entry['note'] = OFFLINE_NOTE
            entry['seed'] = args.seed
        entries[model_id] = entry
        log(f'  {name}: {size:,} bytes, sha256 {sha}')

    # Keep earlier entries only while their file is there, in registry order.
    order = list(specs)
    kept = [e for e in entries.values() if e.get('id') in specs and os.path.isfile(os.path.join(args.out, str(e.get('file'))))]
    kept.sort(key=lambda e: order.index(e['id']))
    manifest = {
        'format': MANIFEST_FORMAT,
        'version': MANIFEST_VERSION,
        'generated': datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat().replace('+00:00', 'Z'),
        'generator': 'npm run weights:torchvision (scripts/py/torchvision_weights.py)',
        'models': kept,
    }
    tmp = manifest_path + '.part'
    with open(tmp, 'w') as f:
        json.dump(manifest, f, indent=2)
        f.write('\n')
    os.replace(tmp, manifest_path)
    log(f'{manifest_path}: {len(kept)} model(s)')


if __name__ == '__main__':
    main()
