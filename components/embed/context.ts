'use client';

import { createContext, useContext } from 'react';

export interface EmbedContextValue {
  /** Rendered on an embed page (not in a lesson or the lab). */
  readonly embedded: boolean;
  /**
   * The frame has decided the widget may start TensorFlow.js work now (visible, or Start clicked):
   * widgets that would otherwise wait for a Run button may run at once.
   */
  readonly autoStart: boolean;
}

export const EmbedContext = createContext<EmbedContextValue>({ embedded: false, autoStart: false });

export function useEmbed(): EmbedContextValue {
  return useContext(EmbedContext);
}
