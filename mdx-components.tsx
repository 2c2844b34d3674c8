import type { MDXComponents } from 'mdx/types';
import { DevicePanel } from '@/components/device/DevicePanel';
import { Callout } from '@/components/mdx/Callout';
import { LESSON_TABLES } from '@/components/widgets/lesson-tables';
import { MDX_WIDGETS } from '@/components/widgets/mdx-widgets';

/**
 * The registry of components a lesson can use by name in MDX, e.g. `<Callout title="…">`.
 * Lessons import nothing themselves. The widgets come from their definitions in
 * lib/widgets/registry.ts (adding a widget there gives it its MDX tag); the rest are listed here
 * and documented in lib/docs/mdx-components-docs.ts.
 */
export const mdxComponents: MDXComponents = {
  Callout,
  DevicePanel,
  ...LESSON_TABLES,
  ...MDX_WIDGETS,
};

/** The hook @mdx-js expects; lessons compiled by lib/content/compile.tsx receive the same map. */
export function useMDXComponents(components: MDXComponents = {}): MDXComponents {
  return { ...mdxComponents, ...components };
}
