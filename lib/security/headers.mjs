// @ts-check
/**
 * The site's HTTP security headers, defined once. next.config.mjs serves them with `next start`;
 * docs/hosting.md (nginx, Apache, Netlify/Cloudflare `_headers`) is generated from the same
 * functions by lib/security/hosting-doc.ts, and a unit test checks the two cannot drift.
 *
 * Plain JavaScript (ES module) so next.config.mjs can import it without a build step.
 *
 * Why the Content-Security-Policy looks the way it does:
 * - script-src 'self' 'unsafe-inline': Next's App Router inlines its bootstrap and RSC payload as
 *   <script>self.__next_f.push(…)</script> in every page (and next/script's beforeInteractive
 *   loader). A nonce would need a server render per request (impossible for the static export and
 *   the pre-rendered pages), and hashes change with every page and build, so inline scripts are
 *   allowed. Nothing else is: no 'unsafe-eval' (only under `next dev`, which needs it for React's
 *   dev tooling), no remote hosts.
 * - 'wasm-unsafe-eval': compiling WebAssembly, for the tfjs WASM backend. It does not allow eval().
 * - script-src blob:: the threaded WASM backend's workers importScripts() the Emscripten glue from a
 *   Blob URL the page made (tfjs-backend-wasm's mainScriptUrlOrBlob; lib/runtime/wasm-glue.ts).
 *   Only script already running on the page can make one, and inline script is allowed anyway.
 * - style-src 'unsafe-inline': React style attributes (widget geometry) and KaTeX's inline styles.
 * - connect-src 'self': tfjs fetches /tfjs-wasm/*.wasm, the widgets /samples/*, the lab and /train
 *   /data/digits.bin (lib/data/digits); nothing else.
 * - img-src data: blob:: canvases exported as images, uploaded photos, feature-map tiles.
 * - worker-src 'self' blob:: tfjs starts the WASM backend's thread pool from blob URLs.
 *
 * Cross-origin isolation (COOP: same-origin + COEP: require-corp, on every page) gives the page
 * SharedArrayBuffer, which the WASM backend's threads need (lib/runtime/wasm-threads.ts), and a
 * 5 us performance.now() instead of 100 us (the profiler's clock). require-corp blocks only
 * cross-origin subresources that do not opt in with CORP/CORS, and the site loads none: everything
 * comes from its own origin. (credentialless would only relax such loads, and fewer browsers have
 * it.) Embed pages send the same two headers — opened on their own they are isolated too, and a
 * site page that frames one (a COEP page may only frame COEP pages) keeps working — plus
 * Cross-Origin-Resource-Policy: cross-origin, so a host that is itself isolated may frame them;
 * so does the loader script /embed.js, which such a host loads with a plain <script src> (no CORS).
 * An embed inside a host that is not isolated cannot be, whatever it sends: it runs on one thread
 * and says so.
 * - frame-ancestors: embed pages (/embed/…) may be framed by any site; every other page only by
 *   the site itself (plus X-Frame-Options: SAMEORIGIN for browsers without CSP level 2).
 */

/** Pages under this prefix are the embeddable widgets. */
export const EMBED_PREFIX = '/embed/';

/** The host script that resizes embeds (public/embed.js), loaded by host pages of other sites. */
export const LOADER_PATH = '/embed.js';

/**
 * What the loader script sends beyond a site page's headers: a host with COEP require-corp loads a
 * cross-origin script without CORS only when it opts in (Fetch, "cross-origin resource policy check").
 */
export const LOADER_HEADERS = Object.freeze([{ key: 'Cross-Origin-Resource-Policy', value: 'cross-origin' }]);

/**
 * Embed ids whose widget uses the camera (Permissions-Policy camera=(self)); the unit tests check
 * this equals the registry's widgets with usesWebcam.
 */
export const WEBCAM_EMBEDS = Object.freeze(['lab-runner', 'lab-explain']);

/** Site pages (path prefixes) that use the camera: the model lab. */
export const WEBCAM_SITE_PREFIXES = Object.freeze(['/models/']);

/**
 * Top-level sections of the site that are not embeds (for host configurations that cannot say
 * "everything except /embed/", such as Netlify's and Cloudflare's `_headers`).
 */
export const SITE_SECTIONS = Object.freeze(['lessons', 'models', 'compare', 'bench', 'instructors']);

/**
 * @param {{ embed: boolean, dev?: boolean }} options
 * @returns {Record<string, string[]>}
 */
export function cspDirectives({ embed, dev = false }) {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", "'unsafe-inline'", "'wasm-unsafe-eval'", 'blob:', ...(dev ? ["'unsafe-eval'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'"],
    'connect-src': ["'self'"],
    'media-src': ["'self'", 'blob:'],
    'worker-src': ["'self'", 'blob:'],
    'frame-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': embed ? ['*'] : ["'self'"],
  };
}

/** @param {{ embed: boolean, dev?: boolean }} options */
export function contentSecurityPolicy(options) {
  return Object.entries(cspDirectives(options))
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}

/** @param {boolean} camera */
export function permissionsPolicy(camera) {
  return [`camera=${camera ? '(self)' : '()'}`, 'microphone=()', 'geolocation=()', 'payment=()', 'usb=()'].join(', ');
}

/** The two headers that make a page cross-origin isolated (see the top of this file). */
export const ISOLATION_HEADERS = Object.freeze([
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
]);

/** Headers every response gets. */
export const COMMON_HEADERS = Object.freeze([
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  ...ISOLATION_HEADERS,
]);

/**
 * The full set of headers for one page.
 * @param {{ embed: boolean, camera: boolean, dev?: boolean }} options
 * @returns {{ key: string, value: string }[]}
 */
export function pageHeaders({ embed, camera, dev = false }) {
  return [
    ...COMMON_HEADERS,
    { key: 'Content-Security-Policy', value: contentSecurityPolicy({ embed, dev }) },
    { key: 'Permissions-Policy', value: permissionsPolicy(camera) },
    ...(embed ? [{ key: 'Cross-Origin-Resource-Policy', value: 'cross-origin' }] : [{ key: 'X-Frame-Options', value: 'SAMEORIGIN' }]),
  ];
}

/**
 * The headers of one request path of the static export, as the nginx, Apache and `_headers`
 * snippets route them (scripts/serve-static.mjs sends these).
 * @param {string} pathname
 */
export function headersForPath(pathname) {
  if (pathname === LOADER_PATH) return [...pageHeaders({ embed: false, camera: false }), ...LOADER_HEADERS];
  const embed = pathname.startsWith(EMBED_PREFIX);
  const camera = embed
    ? WEBCAM_EMBEDS.some((id) => pathname === `${EMBED_PREFIX}${id}` || pathname.startsWith(`${EMBED_PREFIX}${id}/`))
    : WEBCAM_SITE_PREFIXES.some((p) => pathname.startsWith(p));
  return pageHeaders({ embed, camera });
}

/**
 * next.config.mjs `headers()` rules. When several rules match, Next applies them in order and the
 * last value of a header wins; the embed rule must not inherit X-Frame-Options, so the site rule
 * excludes /embed/ with a negative look-ahead.
 * @param {{ dev?: boolean }} [options]
 */
export function nextHeaderRules({ dev = false } = {}) {
  const camera = [{ key: 'Permissions-Policy', value: permissionsPolicy(true) }];
  return [
    { source: '/:path*', headers: [...COMMON_HEADERS] },
    { source: '/:path((?!embed/).*)', headers: pageHeaders({ embed: false, camera: false, dev }) },
    ...WEBCAM_SITE_PREFIXES.map((p) => ({ source: `${p}:path*`, headers: camera })),
    { source: LOADER_PATH, headers: [...LOADER_HEADERS] },
    { source: `${EMBED_PREFIX}:path*`, headers: pageHeaders({ embed: true, camera: false, dev }) },
    ...WEBCAM_EMBEDS.map((id) => ({ source: `${EMBED_PREFIX}${id}`, headers: camera })),
  ];
}

/** @param {{ key: string, value: string }[]} headers @param {string} indent */
function nginxLines(headers, indent) {
  return headers.map((h) => `${indent}add_header ${h.key} "${h.value}" always;`).join('\n');
}

/**
 * An nginx server block for the static export (out/). add_header in a location replaces the
 * server's, so every location lists every header.
 */
export function nginxConfig() {
  const loc = (
    /** @type {string} */ match,
    /** @type {{ embed: boolean, camera: boolean }} */ o,
    extra = /** @type {readonly { key: string, value: string }[]} */ ([]),
  ) => `    location ${match} {\n${nginxLines([...pageHeaders(o), ...extra], '        ')}\n        try_files $uri $uri/ $uri.html =404;\n    }`;
  return [
    'server {',
    '    listen 80;',
    '    server_name layerwise.example.org;',
    '    root /srv/layerwise/out;   # the output of `npm run export`',
    '    types { application/wasm wasm; }',
    '    include /etc/nginx/mime.types;',
    '    error_page 404 /404.html;',
    '',
    ...WEBCAM_EMBEDS.map((id) => loc(`~ ^${EMBED_PREFIX}${id}(/|$)`, { embed: true, camera: true })),
    loc(EMBED_PREFIX, { embed: true, camera: false }),
    ...WEBCAM_SITE_PREFIXES.map((p) => loc(p, { embed: false, camera: true })),
    loc(`= ${LOADER_PATH}`, { embed: false, camera: false }, LOADER_HEADERS),
    loc('/', { embed: false, camera: false }),
    '}',
  ].join('\n');
}

/** Apache (.htaccess in out/, mod_headers): the first matching branch applies. */
export function htaccess() {
  const set = (/** @type {{ embed: boolean, camera: boolean }} */ o, extra = /** @type {readonly { key: string, value: string }[]} */ ([])) =>
    [...pageHeaders(o), ...extra].map((h) => `    Header always set ${h.key} "${h.value}"`).join('\n');
  const branches = [
    ...WEBCAM_EMBEDS.map((id) => ({ test: `^${EMBED_PREFIX}${id}(/|$)`, o: { embed: true, camera: true } })),
    { test: `^${EMBED_PREFIX}`, o: { embed: true, camera: false } },
    ...WEBCAM_SITE_PREFIXES.map((p) => ({ test: `^${p}`, o: { embed: false, camera: true } })),
    { test: `^${LOADER_PATH.replace('.', '\\.')}$`, o: { embed: false, camera: false }, extra: LOADER_HEADERS },
  ];
  return [
    'AddType application/wasm .wasm',
    'ErrorDocument 404 /404.html',
    '<IfModule mod_headers.c>',
    ...branches.map((b, i) => `  <${i === 0 ? 'If' : 'ElseIf'} "%{REQUEST_URI} =~ m#${b.test}#">\n${set(b.o, b.extra)}\n  </${i === 0 ? 'If' : 'ElseIf'}>`),
    `  <Else>\n${set({ embed: false, camera: false })}\n  </Else>`,
    '</IfModule>',
  ].join('\n');
}

/**
 * Netlify / Cloudflare Pages `_headers` (out/_headers). Both merge the headers of every matching
 * rule (joining repeated ones with commas), so no two rules here set the same header for a path:
 * site sections and embed pages are listed one by one.
 * @param {readonly string[]} embedIds every registered widget id
 */
export function headersFile(embedIds) {
  /** @type {string[]} */
  const out = ['/*', ...COMMON_HEADERS.map((h) => `  ${h.key}: ${h.value}`), ''];
  const rule = (/** @type {string[]} */ paths, /** @type {{ embed: boolean, camera: boolean }} */ o) => {
    const hs = pageHeaders(o).filter((h) => !COMMON_HEADERS.some((c) => c.key === h.key));
    for (const p of paths) out.push(p, ...hs.map((h) => `  ${h.key}: ${h.value}`), '');
  };
  rule(['/', '/index.html', '/404.html'], { embed: false, camera: false });
  // The loader script matches no page rule: only its own header, beside the common ones.
  out.push(LOADER_PATH, ...LOADER_HEADERS.map((h) => `  ${h.key}: ${h.value}`), '');
  for (const s of SITE_SECTIONS) rule([`/${s}`, `/${s}/*`], { embed: false, camera: WEBCAM_SITE_PREFIXES.includes(`/${s}/`) });
  for (const id of embedIds) rule([`${EMBED_PREFIX}${id}`, `${EMBED_PREFIX}${id}/*`], { embed: true, camera: WEBCAM_EMBEDS.includes(id) });
  return out.join('\n').trimEnd() + '\n';
}
