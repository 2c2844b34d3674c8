/**
 * The flags tfjs runs with, for the end-to-end tests' hooks (window.__layerwiseLab, and
 * window.__layerwiseEmbed on embed pages): a page URL must not change them (tfjs-url-guard.ts).
 *
 * Imports tfjs: load with import() from client components.
 */
import * as tf from '@tensorflow/tfjs';
import { tfjsUrlGuardActive } from './tfjs-url-guard';

export interface TfjsFlagsReport {
  /** The flags evaluated or set so far (tf.env().getFlags()), copied. */
  readonly flags: Record<string, unknown>;
  /** Whether tfjs reads its URL flags through the guard (so finds none). */
  readonly guarded: boolean;
}

export function tfjsFlags(): TfjsFlagsReport {
  return { flags: { ...tf.env().getFlags() }, guarded: tfjsUrlGuardActive(tf.env()) };
}
