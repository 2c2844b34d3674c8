import { Environment, getQueryParams } from '@tensorflow/tfjs-core/dist/environment';
import { describe, expect, it } from 'vitest';
import { installTfjsUrlGuard, tfjsUrlGuardActive } from './tfjs-url-guard';

const HOSTILE = [
  '?v=1&backend=wasm&note=100%',
  '?utm=%E0%A4%A',
  '?v=1&step=%ZZ',
  '?tfjsflags=DEBUG:true',
  '?tfjsflags=WEBGL_PACK:false,WEBGL_FORCE_F16_TEXTURES:true',
];

function page(search: string) {
  return { location: { search } };
}

describe('tfjs URL guard', () => {
  it('the unguarded parser throws on a malformed escape and reads tfjsflags (what the guard is for)', () => {
    expect(() => getQueryParams('?note=100%')).toThrow(URIError);
    expect(getQueryParams('?tfjsflags=WEBGL_PACK:false')).toEqual({ tfjsflags: 'WEBGL_PACK:false' });
  });

  it('an Environment built on a hostile URL neither throws nor takes flags from it', () => {
    expect(installTfjsUrlGuard()).toBe(true);
    for (const search of HOSTILE) {
      const env = new Environment(page(search));
      expect(tfjsUrlGuardActive(env), search).toBe(true);
      env.registerFlag('WEBGL_PACK', () => true);
      env.registerFlag('DEBUG', () => false);
      expect(env.getBool('WEBGL_PACK'), search).toBe(true);
      expect(env.getBool('DEBUG'), search).toBe(false);
      // reset() reads the URL again in tfjs; still nothing.
      env.reset();
      expect(env.getBool('WEBGL_PACK'), search).toBe(true);
    }
  });

  it('is idempotent', () => {
    expect(installTfjsUrlGuard()).toBe(true);
    expect(installTfjsUrlGuard()).toBe(true);
    expect(tfjsUrlGuardActive(new Environment(page('?a=%')))).toBe(true);
  });
});
