import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REGISTRY, WIDGET_IDS } from '@/lib/widgets/registry';
import {
  COMMON_HEADERS,
  ISOLATION_HEADERS,
  LOADER_PATH,
  WEBCAM_EMBEDS,
  contentSecurityPolicy,
  cspDirectives,
  headersFile,
  headersForPath,
  htaccess,
  nextHeaderRules,
  nginxConfig,
  pageHeaders,
} from './headers.mjs';
import { hostingDoc } from './hosting-doc';

const every = (o: { embed: boolean; camera: boolean }) => pageHeaders(o);

describe('security headers', () => {
  it('a strict CSP: own scripts (plus Next inline bootstrap), WASM compilation, no eval, no plugins', () => {
    const d = cspDirectives({ embed: false });
    // blob:: the threaded WASM backend's workers import the Emscripten glue from a Blob URL.
    expect(d['script-src']).toEqual(["'self'", "'unsafe-inline'", "'wasm-unsafe-eval'", 'blob:']);
    expect(d['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(d['connect-src']).toEqual(["'self'"]);
    expect(d['img-src']).toEqual(["'self'", 'data:', 'blob:']);
    expect(d['worker-src']).toEqual(["'self'", 'blob:']);
    expect(d['object-src']).toEqual(["'none'"]);
    expect(d['base-uri']).toEqual(["'self'"]);
    expect(d['form-action']).toEqual(["'self'"]);
    expect(contentSecurityPolicy({ embed: false })).not.toContain("'unsafe-eval'");
    expect(contentSecurityPolicy({ embed: false, dev: true })).toContain("'unsafe-eval'");
    // Nothing third-party anywhere.
    for (const v of Object.values(d).flat()) expect(v).toMatch(/^('self'|'none'|'unsafe-inline'|'wasm-unsafe-eval'|data:|blob:)$/);
  });

  it('every page is cross-origin isolated (COOP same-origin + COEP require-corp); embeds may also be framed by isolated hosts', () => {
    expect(ISOLATION_HEADERS).toEqual([
      { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
      { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
    ]);
    for (const o of [
      { embed: false, camera: false },
      { embed: false, camera: true },
      { embed: true, camera: false },
      { embed: true, camera: true },
    ]) {
      const h = Object.fromEntries(every(o).map((x) => [x.key, x.value]));
      expect(h['Cross-Origin-Opener-Policy']).toBe('same-origin');
      expect(h['Cross-Origin-Embedder-Policy']).toBe('require-corp');
      expect(h['Cross-Origin-Resource-Policy']).toBe(o.embed ? 'cross-origin' : undefined);
    }
    // next start: on every response (the rule for /:path*), so the pages and their workers agree.
    expect(nextHeaderRules()[0]).toEqual({ source: '/:path*', headers: expect.arrayContaining([...ISOLATION_HEADERS]) });
  });

  it('headersForPath (scripts/serve-static.mjs) routes paths as the host snippets do', () => {
    const get = (p: string) => Object.fromEntries(headersForPath(p).map((h) => [h.key, h.value]));
    expect(get('/embed/dense-connectivity/')['Content-Security-Policy']).toMatch(/frame-ancestors \*$/);
    expect(get('/embed/dense-connectivity/')['X-Frame-Options']).toBeUndefined();
    expect(get('/embed/lab-runner/')['Permissions-Policy']).toContain('camera=(self)');
    expect(get('/embed/lab-runner-x/')['Permissions-Policy']).toContain('camera=()');
    expect(get('/models/resnet50/')['Permissions-Policy']).toContain('camera=(self)');
    for (const p of ['/', '/lessons/densenet/', '/embed.js', '/_next/static/chunks/a.js', '/tfjs-wasm/tfjs-backend-wasm-threaded-simd.js']) {
      const h = get(p);
      expect(h['X-Frame-Options'], p).toBe('SAMEORIGIN');
      expect(h['Cross-Origin-Embedder-Policy'], p).toBe('require-corp');
      expect(h['Cross-Origin-Opener-Policy'], p).toBe('same-origin');
    }
  });

  it('the loader script (/embed.js) opts in to cross-origin loads, so an isolated host (COEP require-corp) may load it', () => {
    const corp = { key: 'Cross-Origin-Resource-Policy', value: 'cross-origin' };
    expect(LOADER_PATH).toBe('/embed.js');
    expect(headersForPath('/embed.js')).toContainEqual(corp);
    // It stays a site file otherwise (not framable), and no other site path gets CORP.
    expect(headersForPath('/embed.js')).toContainEqual({ key: 'X-Frame-Options', value: 'SAMEORIGIN' });
    for (const p of ['/', '/embed.json', '/lessons/embed.js', '/_next/static/chunks/a.js']) expect(headersForPath(p), p).not.toContainEqual(corp);
    // next start: its own rule, matching that path only.
    expect(nextHeaderRules()).toContainEqual({ source: '/embed.js', headers: [corp] });
    // nginx: an exact location with every site header plus CORP (add_header in a location drops the server's).
    const nginxBlock = /location = \/embed\.js \{([\s\S]*?)\n {4}\}/.exec(nginxConfig())![1];
    for (const h of [...every({ embed: false, camera: false }), corp]) expect(nginxBlock).toContain(`add_header ${h.key} "${h.value}" always;`);
    // Apache: its own branch before the catch-all.
    const apacheBranch = /<ElseIf "%\{REQUEST_URI\} =~ m#\^\/embed\\\.js\$#">([\s\S]*?)<\/ElseIf>/.exec(htaccess())![1];
    expect(apacheBranch).toContain('Header always set Cross-Origin-Resource-Policy "cross-origin"');
    expect(apacheBranch).toContain('Header always set X-Frame-Options "SAMEORIGIN"');
    // _headers: its own rule, with only CORP (the common headers come from /*).
    expect(headersFile(WIDGET_IDS)).toContain('\n/embed.js\n  Cross-Origin-Resource-Policy: cross-origin\n\n');
  });

  it('embeds may be framed anywhere, other pages only by the site', () => {
    const embed = Object.fromEntries(every({ embed: true, camera: false }).map((h) => [h.key, h.value]));
    const site = Object.fromEntries(every({ embed: false, camera: false }).map((h) => [h.key, h.value]));
    expect(embed['Content-Security-Policy']).toMatch(/frame-ancestors \*$/);
    expect(embed['X-Frame-Options']).toBeUndefined();
    expect(site['Content-Security-Policy']).toMatch(/frame-ancestors 'self'$/);
    expect(site['X-Frame-Options']).toBe('SAMEORIGIN');
    expect(site['Permissions-Policy']).toContain('camera=()');
    expect(Object.fromEntries(every({ embed: true, camera: true }).map((h) => [h.key, h.value]))['Permissions-Policy']).toContain('camera=(self)');
  });

  it('grants the camera to exactly the embeds whose widget uses the webcam', () => {
    expect([...WEBCAM_EMBEDS].sort()).toEqual(
      REGISTRY.filter((e) => e.meta.usesWebcam)
        .map((e) => e.meta.id)
        .sort(),
    );
  });

  it('next.config rules: the site rule excludes /embed/, later rules override', () => {
    const rules = nextHeaderRules();
    const site = rules.find((r) => r.headers.some((h) => h.key === 'X-Frame-Options'))!;
    // Next compiles sources with path-to-regexp; this is the same look-ahead as a plain RegExp.
    const re = new RegExp(`^${site.source.replace('/:path(', '/(')}$`);
    for (const p of ['/', '/lessons/densenet', '/models/resnet50', '/embed.js']) expect(re.test(p), p).toBe(true);
    for (const p of ['/embed/dense-connectivity', '/embed/lab-runner/']) expect(re.test(p), p).toBe(false);
    const embed = rules.find((r) => r.source === '/embed/:path*')!;
    expect(embed.headers.map((h) => h.key)).not.toContain('X-Frame-Options');
    // The camera rules of the embeds that use it come last, so they override the embed rule.
    expect(rules.slice(-WEBCAM_EMBEDS.length)).toEqual(
      WEBCAM_EMBEDS.map((id) => ({ source: `/embed/${id}`, headers: [{ key: 'Permissions-Policy', value: expect.stringContaining('camera=(self)') }] })),
    );
  });

  it('the nginx, Apache and _headers snippets carry every header with the same values', () => {
    const all = [
      ...every({ embed: false, camera: false }),
      ...every({ embed: true, camera: false }),
      ...every({ embed: true, camera: true }),
      ...every({ embed: false, camera: true }),
    ];
    const nginx = nginxConfig();
    const apache = htaccess();
    const file = headersFile(WIDGET_IDS);
    for (const h of all) {
      expect(nginx).toContain(`add_header ${h.key} "${h.value}" always;`);
      expect(apache).toContain(`Header always set ${h.key} "${h.value}"`);
      expect(file).toContain(`  ${h.key}: ${h.value}`);
    }
    expect(nginx).toContain('location /embed/ {');
    expect(nginx).toMatch(/location \/embed\/ \{(?:(?!\n {4}\}).)*\n {4}\}/s);
    // The embed location must not send X-Frame-Options.
    const embedBlock = /location \/embed\/ \{([\s\S]*?)\n {4}\}/.exec(nginx)![1];
    expect(embedBlock).not.toContain('X-Frame-Options');
    expect(embedBlock).toContain('frame-ancestors *');
  });

  it('_headers never sets one header twice for a path (hosts would join the values)', () => {
    const file = headersFile(WIDGET_IDS);
    const rules = file
      .trim()
      .split(/\n\n/)
      .map((block) => {
        const [path, ...lines] = block.split('\n');
        return { path, keys: lines.map((l) => l.trim().split(':')[0]) };
      });
    for (const id of WIDGET_IDS) expect(rules.map((r) => r.path)).toContain(`/embed/${id}/*`);
    const star = rules.find((r) => r.path === '/*')!;
    expect(star.keys).toEqual(COMMON_HEADERS.map((h) => h.key));
    for (const r of rules) if (r !== star) for (const k of r.keys) expect(star.keys, `${r.path} ${k}`).not.toContain(k);
  });

  it('docs/hosting.md is the generated one (npx tsx lib/security/hosting-doc.ts --write)', () => {
    const doc = readFileSync(fileURLToPath(new URL('../../docs/hosting.md', import.meta.url)), 'utf8');
    expect(doc).toBe(hostingDoc());
  });
});
