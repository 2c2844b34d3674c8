'use client';

import { useEffect, useId, useRef, useState } from 'react';
import type { RgbaImage } from '@/lib/runtime/imagenet';
import { IMAGE_ACCEPT } from '@/lib/lab/image-file';
import { cameraErrorMessage, captureVideoFrame, openCamera, stopCamera } from '@/lib/lab/image-source';
import { SAMPLES_LICENSE_URL, SAMPLE_PHOTOS, sampleAttribution, sampleById, sampleUrl } from '@/lib/lab/samples';
import { RgbaCanvas } from './RgbaCanvas';
import { smallButtonClass } from '@/components/ui/styles';

export type InputMode = 'sample' | 'upload' | 'webcam';

export interface InputPickerProps {
  readonly mode: InputMode;
  readonly sampleId: string;
  /** The decoded upload (shown as a preview), and its file name. */
  readonly upload: { readonly name: string; readonly image: RgbaImage } | null;
  /** The last captured camera frame. */
  readonly frame: RgbaImage | null;
  readonly error: string | null;
  readonly disabled?: boolean;
  readonly onSample: (id: string) => void;
  readonly onUpload: (file: File) => void;
  /** Switch back to an already decoded upload. */
  readonly onUseUpload: () => void;
  readonly onCameraFrame: (image: RgbaImage) => void;
  readonly onCameraError: (message: string) => void;
}

const btn = smallButtonClass;

/** Sample photos, an uploaded image (drop or pick), or a webcam frame. */
export function InputPicker(p: InputPickerProps) {
  const id = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  const [dragging, setDragging] = useState(false);
  const [starting, setStarting] = useState(false);

  // The camera stops when another input is chosen (handlers below) and on unmount.
  useEffect(() => () => stopCamera(stream), [stream]);
  const stop = () => {
    stopCamera(stream);
    setStream(null);
  };
  useEffect(() => {
    const v = videoRef.current;
    if (v && stream && v.srcObject !== stream) {
      v.srcObject = stream;
      v.play().catch(() => undefined);
    }
  }, [stream]);

  const startCamera = async () => {
    setStarting(true);
    try {
      const s = await openCamera();
      setStream(s);
    } catch (e) {
      // A refused or absent camera changes nothing but this message.
      p.onCameraError(cameraErrorMessage(e));
    } finally {
      setStarting(false);
    }
  };

  const capture = () => {
    const v = videoRef.current;
    if (!v) return;
    try {
      p.onCameraFrame(captureVideoFrame(v));
    } catch (e) {
      p.onCameraError(e instanceof Error ? `Could not capture a frame: ${e.message}.` : 'Could not capture a frame.');
    }
  };

  const sample = sampleById(p.sampleId);

  return (
    <fieldset className="space-y-3">
      <legend className="mb-1 text-sm font-semibold text-slate-900 dark:text-white">Input image</legend>

      <div role="radiogroup" aria-label="Sample photos" className="grid grid-cols-4 gap-2" data-control="sample">
        {SAMPLE_PHOTOS.map((s) => {
          const checked = p.mode === 'sample' && s.id === sample.id;
          return (
            <label
              key={s.id}
              className={`group relative cursor-pointer overflow-hidden rounded-md border-2 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-accent-500 ${
                checked ? 'border-accent-500 dark:border-accent-400' : 'border-transparent hover:border-slate-300 dark:hover:border-slate-600'
              }`}
            >
              <input
                type="radio"
                name={`${id}-sample`}
                value={s.id}
                checked={checked}
                disabled={p.disabled}
                onChange={() => {
                  stop();
                  p.onSample(s.id);
                }}
                className="sr-only"
              />
              {/* eslint-disable-next-line @next/next/no-img-element -- static export: no image optimisation server */}
              <img src={sampleUrl(s)} alt={s.subject} width={96} height={96} loading="lazy" className="aspect-square w-full object-cover" />
              <span className="absolute inset-x-0 bottom-0 bg-black/55 px-1 py-0.5 text-center text-xs text-white">{s.label}</span>
            </label>
          );
        })}
      </div>
      {p.mode === 'sample' && (
        <p className="text-xs text-slate-500 dark:text-slate-400" data-testid="sample-attribution">
          {sampleAttribution(sample)}{' '}
          <a href={SAMPLES_LICENSE_URL} className="underline hover:text-slate-700 dark:hover:text-slate-200">
            Licences
          </a>
        </p>
      )}

      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          const f = e.dataTransfer.files?.[0];
          if (f && !p.disabled) {
            stop();
            p.onUpload(f);
          }
        }}
        className={`flex flex-wrap items-center gap-2 rounded-md border-2 border-dashed px-3 py-2 text-sm ${
          dragging ? 'border-accent-500 bg-accent-50 dark:bg-accent-700/20' : 'border-slate-300 dark:border-slate-700'
        }`}
        data-testid="image-dropzone"
      >
        <button type="button" className={btn} disabled={p.disabled} onClick={() => fileRef.current?.click()}>
          Upload an image…
        </button>
        <span className="text-slate-500 dark:text-slate-400">or drop one here (PNG, JPEG, GIF, WebP, BMP; up to 25 MB)</span>
        <input
          ref={fileRef}
          type="file"
          accept={IMAGE_ACCEPT}
          className="sr-only"
          tabIndex={-1}
          aria-label="Image file"
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (f) {
              stop();
              p.onUpload(f);
            }
          }}
        />
        {p.upload && p.mode !== 'upload' && (
          <button type="button" className={btn} disabled={p.disabled} onClick={p.onUseUpload}>
            Use {p.upload.name} again
          </button>
        )}
      </div>
      {p.mode === 'upload' && p.upload && (
        <div className="flex items-center gap-3 text-sm">
          <RgbaCanvas
            image={p.upload.image}
            label={`Uploaded image ${p.upload.name}`}
            className="h-16 w-auto rounded border border-slate-200 dark:border-slate-700"
          />
          <span className="break-all text-slate-600 dark:text-slate-400">
            {p.upload.name} ({p.upload.image.width}×{p.upload.image.height})
          </span>
        </div>
      )}

      <div className="space-y-2">
        <div className="flex flex-wrap gap-2">
          {!stream ? (
            <button type="button" className={btn} disabled={p.disabled || starting} onClick={startCamera}>
              {starting ? 'Starting camera…' : 'Use the camera'}
            </button>
          ) : (
            <>
              <button type="button" className={btn} disabled={p.disabled} onClick={capture}>
                Capture frame and run
              </button>
              <button type="button" className={btn} onClick={stop}>
                Stop camera
              </button>
            </>
          )}
        </div>
        {stream && (
          <div className="flex flex-wrap items-start gap-3">
            <video
              ref={videoRef}
              muted
              playsInline
              aria-label="Camera preview"
              className="h-32 w-auto rounded border border-slate-200 bg-black dark:border-slate-700"
            />
            {p.frame && p.mode === 'webcam' && (
              <RgbaCanvas image={p.frame} label="Captured camera frame" className="h-32 w-auto rounded border border-slate-200 dark:border-slate-700" />
            )}
          </div>
        )}
      </div>

      {p.error && (
        <p
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800/70 dark:bg-red-950/40 dark:text-red-200"
        >
          {p.error}
        </p>
      )}
    </fieldset>
  );
}
