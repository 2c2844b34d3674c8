/**
 * How far outside the viewport a deferred part starts loading: about a screen ahead on a phone,
 * so a reader scrolling at a normal pace finds it ready, while a page opened at its top loads only
 * what is near the top.
 */
export const HYDRATE_MARGIN = '800px 0px';

/**
 * Calls `onNear` once, when `el` comes within `margin` of the viewport (an IntersectionObserver
 * rootMargin, e.g. '800px 0px'), or at once where IntersectionObserver does not exist. With
 * `idle`, also when the browser is first idle (requestIdleCallback, else a timeout): for parts a
 * page needs sooner or later, but not for its first paint. Returns the cleanup for an effect.
 */
export function whenNearViewport(el: Element, margin: string, onNear: () => void, { idle = false }: { idle?: boolean } = {}): () => void {
  let done = false;
  const fire = () => {
    if (done) return;
    done = true;
    cleanup();
    onNear();
  };
  let io: IntersectionObserver | null = null;
  let idleId: number | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const cleanup = () => {
    io?.disconnect();
    if (idleId !== null) window.cancelIdleCallback(idleId);
    if (timer !== null) clearTimeout(timer);
  };
  if (typeof IntersectionObserver === 'undefined') {
    fire();
    return () => {};
  }
  io = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && fire(), { rootMargin: margin });
  io.observe(el);
  if (idle) {
    if (typeof window.requestIdleCallback === 'function') idleId = window.requestIdleCallback(fire, { timeout: 4000 });
    else timer = setTimeout(fire, 1500);
  }
  return () => {
    done = true;
    cleanup();
  };
}
