/**
 * Messages an embed page posts to the page that holds its iframe, whenever its content height
 * changes (and once when it starts):
 *
 *   { type: 'layerwise:resize', id: string, height: number }
 *       id: the embed URL's `id` parameter, or the widget id when there is none;
 *       height: the content height in CSS pixels (a whole number).
 *   { subject: 'lti.frameResize', height: number }
 *       the same height in the form Canvas LMS (and other LTI hosts) understand.
 *
 * Both are sent with targetOrigin '*': they carry nothing but a height and a name. The host script
 * (public/embed.js) accepts them only from an iframe whose src is on the site that served it.
 */
export const RESIZE_TYPE = 'layerwise:resize';
export const LTI_RESIZE_SUBJECT = 'lti.frameResize';
/** Heights outside 1..MAX_HEIGHT are ignored by the host script. */
export const MAX_HEIGHT = 100_000;

export interface ResizeMessage {
  readonly type: typeof RESIZE_TYPE;
  readonly id: string;
  readonly height: number;
}

export interface LtiResizeMessage {
  readonly subject: typeof LTI_RESIZE_SUBJECT;
  readonly height: number;
}

/** The two messages for a height (rounded up to whole pixels). */
export function resizeMessages(id: string, height: number): [ResizeMessage, LtiResizeMessage] {
  const h = Math.ceil(height);
  return [
    { type: RESIZE_TYPE, id, height: h },
    { subject: LTI_RESIZE_SUBJECT, height: h },
  ];
}

/** The height a message asks for, or null when it is not a valid resize message (the host script's rule). */
export function requestedHeight(data: unknown): number | null {
  if (!data || typeof data !== 'object') return null;
  const d = data as Record<string, unknown>;
  if (d.type !== RESIZE_TYPE && d.subject !== LTI_RESIZE_SUBJECT) return null;
  const h = typeof d.height === 'number' ? d.height : typeof d.height === 'string' && /^\d+(\.\d+)?$/.test(d.height) ? Number(d.height) : NaN;
  if (!Number.isFinite(h) || h < 1 || h > MAX_HEIGHT) return null;
  return Math.ceil(h);
}
