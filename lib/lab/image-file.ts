/**
 * Checks on a reader's uploaded file before it is decoded: the type by magic bytes (a renamed text
 * file with a .png extension is caught; a JPEG called .png is fine), the file size, and after
 * decoding the pixel dimensions (a 20000×20000 PNG is small on disk and 1.6 GB as RGBA).
 * Messages name the file and say what it is and what the limit is.
 */
import { formatBytes } from '@/lib/format';

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'bmp';

export const IMAGE_MIME: Record<ImageFormat, string> = {
  png: 'image/png',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  bmp: 'image/bmp',
};

/** The `accept` attribute for the file picker (advisory only: the bytes decide). */
export const IMAGE_ACCEPT = 'image/png,image/jpeg,image/gif,image/webp,image/bmp,.png,.jpg,.jpeg,.gif,.webp,.bmp';

export interface ImageLimits {
  readonly maxBytes: number;
  readonly maxSide: number;
  readonly maxPixels: number;
}

// 25 MB in SI units (lib/format/bytes.ts), so the limit the message states is the limit applied.
export const DEFAULT_IMAGE_LIMITS: ImageLimits = { maxBytes: 25e6, maxSide: 8192, maxPixels: 40e6 };

/** How many leading bytes sniffImage needs. */
export const SNIFF_BYTES = 32;

export type Sniffed = { readonly image: true; readonly format: ImageFormat } | { readonly image: false; readonly looksLike: string };

const ascii = (b: Uint8Array, at: number, s: string) => {
  if (b.length < at + s.length) return false;
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
};
const bytes = (b: Uint8Array, at: number, xs: readonly number[]) => b.length >= at + xs.length && xs.every((x, i) => b[at + i] === x);

/** True when the bytes read as text: printable ASCII, common whitespace, or valid multi-byte UTF-8. */
function looksLikeText(b: Uint8Array): boolean {
  if (!b.length) return false;
  let i = 0;
  // A UTF-8 BOM is a strong text signal.
  if (bytes(b, 0, [0xef, 0xbb, 0xbf])) i = 3;
  while (i < b.length) {
    const c = b[i];
    if (c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c < 0x7f)) {
      i++;
      continue;
    }
    const extra = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1;
    if (extra < 0) return false;
    for (let k = 1; k <= extra; k++) {
      // A sequence cut off by the end of the sniffed window is still text.
      if (i + k >= b.length) return true;
      if ((b[i + k] & 0xc0) !== 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

/** Identifies the file type from its first bytes (at least SNIFF_BYTES for best results). */
export function sniffImage(b: Uint8Array): Sniffed {
  if (bytes(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { image: true, format: 'png' };
  if (bytes(b, 0, [0xff, 0xd8, 0xff])) return { image: true, format: 'jpeg' };
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) return { image: true, format: 'gif' };
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return { image: true, format: 'webp' };
  // BMP: "BM", then the header size at offset 14 is one of the known DIB header sizes.
  if (ascii(b, 0, 'BM') && b.length >= 18) {
    const dib = b[14] | (b[15] << 8) | (b[16] << 16) | (b[17] << 24);
    if ([12, 40, 52, 56, 64, 108, 124].includes(dib)) return { image: true, format: 'bmp' };
  }
  const looksLike = describeNonImage(b);
  return { image: false, looksLike };
}

const UNKNOWN = 'binary data of an unknown kind';

function describeNonImage(b: Uint8Array): string {
  if (b.length === 0) return 'an empty file';
  if (ascii(b, 4, 'ftyp')) {
    const brand = String.fromCharCode(...b.slice(8, 12));
    if (/^(heic|heix|hevc|heim|heis|mif1|msf1)/.test(brand)) return 'a HEIC/HEIF photo (convert it to JPEG or PNG first)';
    if (/^avi[fs]/.test(brand)) return 'an AVIF image, which this page does not accept (convert it to PNG or JPEG)';
    if (/^qt/.test(brand)) return 'a QuickTime video';
    return 'an MP4/MOV video';
  }
  if (ascii(b, 0, '%PDF')) return 'a PDF document';
  if (bytes(b, 0, [0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive (or an Office document)';
  if (bytes(b, 0, [0x1f, 0x8b])) return 'a gzip archive';
  if (ascii(b, 0, 'II*\0') || ascii(b, 0, 'MM\0*')) return 'a TIFF image, which browsers cannot decode (convert it to PNG or JPEG)';
  if (bytes(b, 0, [0x00, 0x00, 0x01, 0x00])) return 'a Windows icon (.ico)';
  if (ascii(b, 0, 'MZ')) return 'a Windows program';
  if (bytes(b, 0, [0x7f, 0x45, 0x4c, 0x46])) return 'a Linux program (ELF)';
  if (ascii(b, 0, 'RIFF')) return 'a RIFF file (audio or video, not WebP)';
  if (ascii(b, 0, 'OggS')) return 'an Ogg audio/video file';
  if (ascii(b, 0, 'ID3') || bytes(b, 0, [0xff, 0xfb])) return 'an MP3 audio file';
  if (ascii(b, 0, 'wOF')) return 'a web font';
  // safetensors: u64 header length, then a JSON object.
  if (b.length >= 10 && b[8] === 0x7b && b[9] === 0x22 && b[6] === 0 && b[7] === 0) return 'a .safetensors weights file (use the weights picker for that)';
  if (looksLikeText(b)) {
    const head = new TextDecoder().decode(b).trimStart().toLowerCase();
    if (head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg')))
      return 'an SVG drawing (vector graphics are not accepted; export it as PNG)';
    if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'an HTML page';
    if (head.startsWith('<?xml')) return 'an XML file';
    if (head.startsWith('{') || head.startsWith('[')) return 'a JSON or other text file';
    return 'a text file';
  }
  return UNKNOWN;
}

export type FileCheck = { readonly ok: true; readonly format: ImageFormat } | { readonly ok: false; readonly message: string };

const quoted = (name: string) => `“${name || 'The file'}”`;

/**
 * Checks a file's size and its first bytes. `head` is the first SNIFF_BYTES bytes (or all of a
 * shorter file). `size` is the full size in bytes.
 */
export function checkImageFile(name: string, size: number, head: Uint8Array, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): FileCheck {
  if (size === 0) return { ok: false, message: `${quoted(name)} is empty (0 bytes).` };
  if (size > limits.maxBytes) return { ok: false, message: `${quoted(name)} is ${formatBytes(size)}; the limit is ${formatBytes(limits.maxBytes)}.` };
  const s = sniffImage(head);
  if (!s.image) {
    const detail = s.looksLike === UNKNOWN ? 'its first bytes match no image format' : `it starts with the bytes of ${s.looksLike}`;
    return { ok: false, message: `${quoted(name)} is not an image (${detail}). Use a PNG, JPEG, GIF, WebP or BMP file.` };
  }
  return { ok: true, format: s.format };
}

/** Checks decoded dimensions; a message names the file, its size and the limits. */
export function checkImageDimensions(
  name: string,
  width: number,
  height: number,
  limits: ImageLimits = DEFAULT_IMAGE_LIMITS,
): { ok: true } | { ok: false; message: string } {
  if (!(width > 0) || !(height > 0)) return { ok: false, message: `${quoted(name)} has no pixels (${width}×${height}); the file may be damaged.` };
  const mp = (limits.maxPixels / 1e6).toLocaleString('en-US');
  if (width > limits.maxSide || height > limits.maxSide || width * height > limits.maxPixels) {
    return {
      ok: false,
      message: `${quoted(name)} is ${width}×${height} pixels; the limit is ${limits.maxSide}×${limits.maxSide} and ${mp} megapixels. Scale it down first.`,
    };
  }
  return { ok: true };
}
