'use client';

import { useRef, useState } from 'react';
import { decodeImageFile, decodeImageUrl } from '@/lib/lab/image-source';
import { sampleById, sampleUrl } from '@/lib/lab/samples';
import type { RgbaImage } from '@/lib/runtime/imagenet';
import type { InputMode } from './InputPicker';

/**
 * The Runner's input: a sample photo (decoded once and cached), an upload, or a camera frame, and
 * the message when one cannot be used. `key` changes whenever the image the model should see does.
 */
export function useRunnerInput(sampleId: string, selectSample: (id: string) => void) {
  const [mode, setMode] = useState<InputMode>('sample');
  const [upload, setUpload] = useState<{ name: string; image: RgbaImage } | null>(null);
  const [frame, setFrame] = useState<RgbaImage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sampleCache = useRef(new Map<string, RgbaImage>());

  const currentImage = async (): Promise<RgbaImage> => {
    if (mode === 'upload' && upload) return upload.image;
    if (mode === 'webcam' && frame) return frame;
    const s = sampleById(sampleId);
    const cached = sampleCache.current.get(s.id);
    if (cached) return cached;
    const d = await decodeImageUrl(sampleUrl(s));
    if (!d.ok) throw new Error(d.message);
    sampleCache.current.set(s.id, d.image);
    return d.image;
  };

  const chooseSample = (id: string) => {
    setMode('sample');
    setError(null);
    selectSample(id);
  };

  const chooseUpload = async (file: File) => {
    setError(null);
    const d = await decodeImageFile(file, file.name);
    if (!d.ok) {
      setError(d.message);
      return;
    }
    setUpload({ name: file.name, image: d.image });
    setMode('upload');
  };

  const cameraFrame = (img: RgbaImage) => {
    setError(null);
    setFrame(img);
    setMode('webcam');
  };

  const key: unknown = mode === 'upload' ? upload : mode === 'webcam' ? frame : sampleId;
  return { mode, upload, frame, error, setError, key, currentImage, chooseSample, chooseUpload, cameraFrame, reuseUpload: () => setMode('upload') };
}
