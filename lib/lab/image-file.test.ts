import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_IMAGE_LIMITS, SNIFF_BYTES, checkImageDimensions, checkImageFile, sniffImage } from './image-file';

const enc = (s: string) => new TextEncoder().encode(s);
const sample = (f: string) => new Uint8Array(readFileSync(new URL(`../../samples/${f}`, import.meta.url))).slice(0, SNIFF_BYTES);

describe('sniffImage', () => {
  it('recognises the sample photos by their bytes', () => {
    expect(sniffImage(sample('chelsea.png'))).toEqual({ image: true, format: 'png' });
    expect(sniffImage(sample('rocket.jpg'))).toEqual({ image: true, format: 'jpeg' });
  });

  it('recognises GIF, WebP and BMP headers', () => {
    expect(sniffImage(enc('GIF89a\x01\x00\x01\x00'))).toEqual({ image: true, format: 'gif' });
    const webp = new Uint8Array([...enc('RIFF'), 0x24, 0, 0, 0, ...enc('WEBPVP8 ')]);
    expect(sniffImage(webp)).toEqual({ image: true, format: 'webp' });
    const bmp = new Uint8Array(32);
    bmp.set(enc('BM'));
    bmp[14] = 40;
    expect(sniffImage(bmp)).toEqual({ image: true, format: 'bmp' });
  });

  it('describes what a non-image is', () => {
    const desc = (b: Uint8Array) => {
      const s = sniffImage(b);
      return s.image ? 'image' : s.looksLike;
    };
    expect(desc(enc('hello, this is a text file\n'))).toBe('a text file');
    expect(desc(enc('Grüße aus Zürich'))).toBe('a text file');
    expect(desc(enc('%PDF-1.7\n'))).toMatch(/PDF/);
    expect(desc(enc('<svg xmlns="http://www.w3.org/2000/svg">'))).toMatch(/SVG/);
    expect(desc(enc('<!DOCTYPE html><html>'))).toMatch(/HTML/);
    expect(desc(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0]))).toMatch(/ZIP/);
    expect(desc(new Uint8Array([0, 0, 0, 0x18, ...enc('ftypheic')]))).toMatch(/HEIC/);
    expect(desc(new Uint8Array([0x80, 0x01, 0xfe, 0x00, 0x13]))).toMatch(/unknown/);
    const st = new Uint8Array(16);
    st[0] = 0x40;
    st.set(enc('{"a'), 8);
    expect(desc(st)).toMatch(/safetensors/);
    // A PNG signature cut short is not a PNG.
    expect(desc(new Uint8Array([0x89, 0x50, 0x4e, 0x47]))).not.toBe('image');
  });
});

describe('checkImageFile', () => {
  it('accepts images whatever their extension', () => {
    expect(checkImageFile('cat.png', 1000, sample('rocket.jpg'))).toEqual({ ok: true, format: 'jpeg' });
  });
  it('explains a renamed text file', () => {
    const r = checkImageFile('notes.png', 120, enc('TODO: buy milk\n'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toBe('“notes.png” is not an image (it starts with the bytes of a text file). Use a PNG, JPEG, GIF, WebP or BMP file.');
  });
  it('refuses empty and oversized files before sniffing', () => {
    const empty = checkImageFile('a.png', 0, new Uint8Array());
    expect(!empty.ok && empty.message).toMatch(/empty/);
    const big = checkImageFile('huge.png', 30e6, sample('chelsea.png'));
    expect(!big.ok && big.message).toBe('“huge.png” is 30.0 MB; the limit is 25.0 MB.');
  });
});

describe('checkImageDimensions', () => {
  it('accepts normal photos and refuses huge ones with both numbers', () => {
    expect(checkImageDimensions('a.jpg', 4032, 3024)).toEqual({ ok: true });
    const r = checkImageDimensions('pano.jpg', 12000, 9000);
    expect(!r.ok && r.message).toBe('“pano.jpg” is 12000×9000 pixels; the limit is 8192×8192 and 40 megapixels. Scale it down first.');
    // Within the side limit but over the pixel budget.
    expect(checkImageDimensions('sq.png', 8000, 8000).ok).toBe(false);
    expect(checkImageDimensions('zero.png', 0, 10).ok).toBe(false);
    expect(DEFAULT_IMAGE_LIMITS.maxBytes).toBe(25e6);
  });
});
