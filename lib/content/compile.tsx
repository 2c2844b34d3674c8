import { evaluate } from '@mdx-js/mdx';
import type { MDXComponents } from 'mdx/types';
import * as runtime from 'react/jsx-runtime';
import rehypeKatex from 'rehype-katex';
import rehypePrettyCode from 'rehype-pretty-code';
import rehypeSlug from 'rehype-slug';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import type { ReactElement } from 'react';
import { rehypeToc, type TocEntry } from './rehype-toc';

/**
 * Compiles a lesson's MDX at build time (pages are pre-rendered), with GitHub tables, KaTeX math,
 * stable heading ids and Shiki syntax highlighting in a light and a dark theme.
 */
export async function compileLesson(
  file: string,
  body: string,
  components: MDXComponents,
): Promise<{ content: ReactElement; toc: TocEntry[] }> {
  const toc: TocEntry[] = [];
  try {
    const { default: Content } = await evaluate(body, {
      ...runtime,
      remarkPlugins: [remarkGfm, remarkMath],
      rehypePlugins: [
        rehypeSlug,
        rehypeToc(toc),
        [rehypeKatex, { strict: 'error', throwOnError: true }],
        [rehypePrettyCode, { theme: { light: 'github-light', dark: 'github-dark' }, keepBackground: false }],
      ],
    });
    return { content: <Content components={components} />, toc };
  } catch (e) {
    throw new Error(`${file}: MDX failed to compile: ${(e as Error).message}`);
  }
}
