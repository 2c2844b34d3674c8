'use client';

import { useId, useRef } from 'react';
import { smallButtonClass, smallControlClass } from '@/components/ui/styles';
import type { ImagenetEntry } from '@/lib/weights/imagenet/manifest';
import { IMAGENET_HOW_TO_ADD, imagenetDetail, imagenetOptionLabel } from '@/lib/weights/imagenet/labels';
import { WeightsValueConfirm, type WeightsValueConfirmProps } from './WeightsValueConfirm';

/**
 * seeded: random (He init); file: the reader's .safetensors; shipped: the model's trained weights
 * shipped with the site (digits models); imagenet: the host's torchvision weights.
 */
export type WeightsMode = 'seeded' | 'file' | 'shipped' | 'imagenet';

/** The host's ImageNet weights for this model (lib/weights/imagenet), when it is one torchvision has. */
export interface ImagenetChoice {
  /** The manifest's entry, or null when the host lists none for this model. */
  readonly entry: ImagenetEntry | null;
  /** The manifest has been read (until then nothing is said). */
  readonly ready: boolean;
}

export interface WeightsPickerProps {
  /** What the reader chose. */
  readonly mode: WeightsMode;
  /** What runs (a file not picked yet runs the fallback); default `mode`. */
  readonly effectiveMode?: WeightsMode;
  /** The model's shipped trained weights, when they fit: offered first. */
  readonly shipped?: { readonly label: string; readonly detail: string } | null;
  /** Why the shipped weights are not offered for this network (the knobs changed it), if they exist. */
  readonly shippedUnavailable?: string | null;
  readonly seed: number;
  /** The chosen .safetensors file, if any. */
  readonly fileName: string | null;
  /** What the model holds now, e.g. "Seeded random (seed 0)" or "resnet50.safetensors". */
  readonly loadedLabel: string | null;
  readonly error: string | null;
  /** A well-formed file with NaN/Inf or negative variances: ask before loading it. */
  readonly valueConfirm?: WeightsValueConfirmProps | null;
  readonly disabled?: boolean;
  readonly onModeChange: (mode: WeightsMode) => void;
  readonly onSeedChange: (seed: number) => void;
  readonly onFile: (file: File) => void;
  /** What a file holds: torchvision's weights (the ImageNet models), or weights trained here (/train). */
  readonly fileKind?: 'torchvision' | 'trained';
  /** Offered for the 16 torchvision ImageNet models; absent for the others. */
  readonly imagenet?: ImagenetChoice;
}

/** The model's shipped trained weights (digits models), "Seeded random (seed N)", or a .safetensors file. */
export function WeightsPicker(p: WeightsPickerProps) {
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const effective = p.effectiveMode ?? p.mode;
  return (
    <fieldset className="space-y-2" data-testid="weights-picker" data-weights={effective}>
      <legend className="mb-1 text-sm font-semibold text-slate-900 dark:text-white">Weights</legend>
      {p.imagenet && (
        <ImagenetOption {...p.imagenet} name={`${id}-w`} checked={p.mode === 'imagenet'} disabled={p.disabled} onChoose={() => p.onModeChange('imagenet')} />
      )}
      {p.shipped && (
        <div className="text-sm">
          <label className="inline-flex items-center gap-2">
            <input type="radio" name={`${id}-w`} checked={p.mode === 'shipped'} onChange={() => p.onModeChange('shipped')} disabled={p.disabled} />
            {p.shipped.label} <span className="text-slate-600 dark:text-slate-400">(shipped with the site)</span>
          </label>
          <p className="ml-6 text-xs text-slate-600 dark:text-slate-400">{p.shipped.detail}</p>
        </div>
      )}
      {p.shippedUnavailable && <p className="text-xs text-slate-600 dark:text-slate-400">{p.shippedUnavailable}</p>}
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <label className="inline-flex items-center gap-2">
          <input type="radio" name={`${id}-w`} checked={p.mode === 'seeded'} onChange={() => p.onModeChange('seeded')} disabled={p.disabled} />
          Seeded random
        </label>
        <label className="inline-flex items-center gap-1" data-control="seed">
          <span className="text-slate-600 dark:text-slate-400">seed</span>
          <input
            type="number"
            min={0}
            step={1}
            value={p.seed}
            disabled={p.disabled || p.mode !== 'seeded'}
            onChange={(e) => {
              const v = Math.trunc(Number(e.currentTarget.value));
              if (Number.isFinite(v) && v >= 0) p.onSeedChange(v);
            }}
            className={`w-20 tabular-nums ${smallControlClass}`}
          />
        </label>
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <label className="inline-flex items-center gap-2">
          <input
            type="radio"
            name={`${id}-w`}
            checked={p.mode === 'file'}
            onChange={() => (p.fileName ? p.onModeChange('file') : fileRef.current?.click())}
            disabled={p.disabled}
          />
          {p.fileKind === 'trained' ? 'Your file' : 'torchvision weights'}
        </label>
        <button type="button" disabled={p.disabled} onClick={() => fileRef.current?.click()} className={smallButtonClass}>
          {p.fileName ? 'Another .safetensors file…' : 'Choose .safetensors file…'}
        </button>
        {p.fileName && <span className="break-all text-slate-600 dark:text-slate-400">{p.fileName}</span>}
        <input
          ref={fileRef}
          type="file"
          accept=".safetensors,application/octet-stream"
          className="sr-only"
          tabIndex={-1}
          aria-label={`${p.fileKind === 'trained' ? 'trained' : 'torchvision'} .safetensors weights file`}
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (f) p.onFile(f);
          }}
        />
      </div>
      {p.mode === 'file' && !p.fileName && (
        <p className="text-xs text-slate-600 dark:text-slate-400">
          Choose a .safetensors file; until then the model runs with {effective === 'shipped' ? 'its shipped trained weights' : 'random weights'}.
        </p>
      )}
      {p.loadedLabel && (
        <p className="text-sm font-medium text-slate-800 dark:text-slate-200" data-testid="weights-loaded">
          Loaded: {p.loadedLabel}
        </p>
      )}
      {p.valueConfirm && <WeightsValueConfirm {...p.valueConfirm} />}
      {p.error && (
        <div
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800/70 dark:bg-red-950/40 dark:text-red-200"
        >
          <WeightsError text={p.error} />
        </div>
      )}
    </fieldset>
  );
}

/** "ImageNet weights (torchvision, N MB)" when the host lists the model; else how a host adds them. */
function ImagenetOption(p: ImagenetChoice & { name: string; checked: boolean; disabled?: boolean; onChoose: () => void }) {
  if (!p.ready) return null;
  if (!p.entry)
    return (
      <p className="text-xs text-slate-600 dark:text-slate-400" data-testid="imagenet-how-to">
        {IMAGENET_HOW_TO_ADD.before}
        <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">{IMAGENET_HOW_TO_ADD.command}</code>
        {IMAGENET_HOW_TO_ADD.after}
      </p>
    );
  return (
    <div className="text-sm" data-testid="imagenet-option">
      <label className="inline-flex items-center gap-2">
        <input type="radio" name={p.name} checked={p.checked} onChange={p.onChoose} disabled={p.disabled} />
        {imagenetOptionLabel(p.entry)}
      </label>
      <div className="ml-6 text-xs text-slate-600 dark:text-slate-400">
        <p>{imagenetDetail(p.entry)}.</p>
        <details>
          <summary className="cursor-pointer underline decoration-dotted">Licence</summary>
          <p className="pt-1">{p.entry.licence}</p>
        </details>
      </div>
    </div>
  );
}

/** First line as the headline, the rest (one issue per line) as a list. */
function WeightsError({ text }: { text: string }) {
  const [head, ...rest] = text.split('\n');
  return (
    <>
      <p>{head}</p>
      {rest.length > 0 && (
        <ul className="mt-1 list-disc space-y-0.5 pl-5 font-mono text-xs break-all">
          {rest.map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      )}
    </>
  );
}
