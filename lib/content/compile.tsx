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
 * Shiki themes whose token colours all reach WCAG AA contrast (4.5:1) on the code block's own
 * background (slate-50 in light, slate-900 in dark, app/globals.css): github-light's green, red and
 * orange tokens and github-dark's grey comments fall short of it (3.3–4.4:1).
 */
const CODE_THEMES = { light: 'github-light-high-contrast', dark: 'github-dark-default' } as const;

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
        [rehypePrettyCode, { theme: CODE_THEMES, keepBackground: false }],
      ],
    });
    return { content: <Content components={components} />, toc };
  } catch (e) {
    throw new Error(`${file}: MDX failed to compile: ${(e as Error).message}`);
  }
}
