import type { MDXComponents } from 'mdx/types';
import { DevicePanel } from '@/components/device/DevicePanel';
import { Callout } from '@/components/mdx/Callout';
import { lessonWidgets6 } from '@/components/widgets/lesson-widgets-6';
import { lessonWidgets7 } from '@/components/widgets/lesson-widgets-7';

/**
 * The registry of components a lesson can use by name in MDX, e.g. `<Callout title="…">`.
 * Lessons import nothing themselves: adding a widget to the site means adding it here.
 */
export const mdxComponents: MDXComponents = {
  Callout,
  DevicePanel,
  ...lessonWidgets6,
  ...lessonWidgets7,
};

/** The hook @mdx-js expects; lessons compiled by lib/content/compile.tsx receive the same map. */
export function useMDXComponents(components: MDXComponents = {}): MDXComponents {
  return { ...mdxComponents, ...components };
}
