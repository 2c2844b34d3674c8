import type { MDXComponents } from 'mdx/types';

/** Widgets of the ShuffleNet v2 and MnasNet lessons, by the name lessons use in MDX. */
export const lessonWidgets7: MDXComponents = {};
