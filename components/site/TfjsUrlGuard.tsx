'use client';

// Evaluated with the root layout, before any widget's import() of tfjs: see the module's comment.
import '@/lib/runtime/tfjs-url-guard';

/** Renders nothing; importing it installs the guard that keeps page URLs away from tfjs' flags. */
export function TfjsUrlGuard() {
  return null;
}
