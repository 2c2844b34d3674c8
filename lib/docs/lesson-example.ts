/**
 * A short but complete lesson file for the instructors' page: front matter, headings, math, a
 * table, a code block, a Callout and a widget. The page shows the source and, below it, the same
 * source compiled by the lessons' own MDX pipeline (so the example is known to build).
 */
import { EXAMPLE_FRONT_MATTER } from './frontmatter-docs';

export const EXAMPLE_LESSON_BODY = `Inside a dense block, layer $\\ell$ reads the concatenation of everything before it:

$$
x_\\ell = H_\\ell\\big([x_0, x_1, \\ldots, x_{\\ell-1}]\\big).
$$

## What a dense block reads

| layer | input channels |
|---|---:|
| 1 | $k_0$ |
| 2 | $k_0 + k$ |
| $\\ell$ | $k_0 + k(\\ell - 1)$ |

<DenseConnectivity L={4} k={2} k0={4} />

### Counting it yourself

\`\`\`python
def input_channels(layer, k0=4, k=2):
    return k0 + k * (layer - 1)
\`\`\`

<Callout title="Try this">
  Set the growth rate to 1 and count the arcs: a block of $L$ layers has $L(L+1)/2$ connections.
</Callout>
`;

/** The whole example lesson file (content/lessons/<slug>.mdx). */
export const EXAMPLE_LESSON = `${EXAMPLE_FRONT_MATTER}\n\n${EXAMPLE_LESSON_BODY}`;

/** Component names the example uses (each must be documented and registered). */
export function componentsUsed(mdx: string): string[] {
  return [...new Set([...mdx.matchAll(/<([A-Z][A-Za-z0-9]*)/g)].map((m) => m[1]))];
}
