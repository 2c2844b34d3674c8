import { DISPLAY_OP_KINDS, OP_KIND_COLOURS, kindColourVar } from '@/lib/lab/op-kind';

/**
 * The op-kind colours as CSS variables, light by default and lighter under html.dark, so charts
 * use `var(--lab-kind-conv)` and follow the theme without re-rendering. React 19 hoists and
 * de-duplicates the <style> by its href, so any number of charts can render this.
 */
const css = (theme: 'light' | 'dark') => DISPLAY_OP_KINDS.map((k) => `${kindColourVar(k)}:${OP_KIND_COLOURS[k][theme]};`).join('');

const STYLE = `:root{${css('light')}}:root.dark{${css('dark')}}`;

export function KindColours() {
  return (
    <style href="layerwise-lab-kind-colours" precedence="default">
      {STYLE}
    </style>
  );
}
