import type { MDXComponents } from 'mdx/types';

/** Widgets of the DenseNet and ResNeXt lessons, by the name lessons use in MDX. */
export const lessonWidgets6: MDXComponents = {};
