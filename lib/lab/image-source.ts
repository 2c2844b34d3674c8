/**
 * Browser-side image input: files and URLs decoded to RGBA after the checks of image-file.ts, and
 * webcam frames. The RGBA copy is what the run session keeps, so a backend fallback can rebuild the
 * input tensor without asking the reader again.
 *
 * Large photos are scaled down on a canvas first (shorter side to MAX_SHORT_SIDE): the model's
 * preprocessing shrinks them to 256 px anyway, and a 40-megapixel RGBA copy would be 160 MB.
 */
import type { RgbaImage } from '../runtime/imagenet';
import { DEFAULT_IMAGE_LIMITS, type ImageLimits, SNIFF_BYTES, checkImageDimensions, checkImageFile } from './image-file';

export const MAX_SHORT_SIDE = 1024;

export type Decoded = { readonly ok: true; readonly image: RgbaImage } | { readonly ok: false; readonly message: string };

/** Target size with the shorter side at most `maxShort` (never upscales). */
export function fitShortSide(width: number, height: number, maxShort = MAX_SHORT_SIDE): [number, number] {
  const short = Math.min(width, height);
  if (short <= maxShort) return [width, height];
  const k = maxShort / short;
  return [Math.max(1, Math.round(width * k)), Math.max(1, Math.round(height * k))];
}

/** Draws any canvas source into RGBA pixels, scaled to fit MAX_SHORT_SIDE. */
export function drawToRgba(source: CanvasImageSource, width: number, height: number, maxShort = MAX_SHORT_SIDE): RgbaImage {
  const [w, h] = fitShortSide(width, height, maxShort);
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('this browser cannot create a 2-D canvas');
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(source, 0, 0, w, h);
  const d = ctx.getImageData(0, 0, w, h);
  return { width: w, height: h, data: d.data };
}

/** Checks and decodes an uploaded file (or any Blob with a name). */
export async function decodeImageFile(blob: Blob, name: string, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): Promise<Decoded> {
  const head = new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer());
  const check = checkImageFile(name, blob.size, head, limits);
  if (!check.ok) return check;
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob);
  } catch {
    return { ok: false, message: `“${name}” looks like a ${check.format.toUpperCase()} file but could not be decoded; it may be damaged or truncated.` };
  }
  try {
    const dims = checkImageDimensions(name, bitmap.width, bitmap.height, limits);
    if (!dims.ok) return dims;
    return { ok: true, image: drawToRgba(bitmap, bitmap.width, bitmap.height) };
  } finally {
    bitmap.close();
  }
}

/** Fetches and decodes a same-site image (the sample photos). */
export async function decodeImageUrl(url: string): Promise<Decoded> {
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    return { ok: false, message: `Could not load ${url}: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (!res.ok) return { ok: false, message: `Could not load ${url} (HTTP ${res.status}).` };
  return decodeImageFile(await res.blob(), url.split('/').pop() ?? url);
}

/** The current frame of a playing video element. */
export function captureVideoFrame(video: HTMLVideoElement): RgbaImage {
  if (!video.videoWidth || !video.videoHeight) throw new Error('the camera has not delivered a frame yet');
  return drawToRgba(video, video.videoWidth, video.videoHeight);
}

/** A readable message for a getUserMedia failure; nothing else changes in the UI. */
export function cameraErrorMessage(e: unknown): string {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'Camera access was refused. Allow the camera for this site in the browser’s settings, or use a sample photo or an upload.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera was found on this device. Use a sample photo or upload an image instead.';
    case 'NotReadableError':
    case 'AbortError':
      return 'The camera is in use by another application or could not be started.';
    case 'NoMediaDevices':
      return 'This browser offers no camera access here (it needs a secure https:// page). Use a sample photo or an upload.';
    default:
      return `The camera could not be started${e instanceof Error && e.message ? `: ${e.message}` : ''}.`;
  }
}

/** getUserMedia with a friendly error for browsers (or insecure pages) without it. */
export async function openCamera(): Promise<MediaStream> {
  if (typeof navigator === 'undefined' || !navigator.mediaDevices?.getUserMedia) {
    const e = new Error('navigator.mediaDevices is unavailable');
    e.name = 'NoMediaDevices';
    throw e;
  }
  return navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment', width: { ideal: 640 }, height: { ideal: 480 } }, audio: false });
}

export function stopCamera(stream: MediaStream | null): void {
  stream?.getTracks().forEach((t) => t.stop());
}
